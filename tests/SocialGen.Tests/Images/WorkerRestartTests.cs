using Alba;
using Microsoft.Extensions.DependencyInjection;
using SocialGen.Api.Images;
using SocialGen.Tests.Fixtures;
using Wolverine.Runtime;

namespace SocialGen.Tests.Images;

/// <summary>An accepted request survives the API going down before its picture was made.</summary>
public sealed class WorkerRestartTests
{
    [Fact]
    public async Task A_request_accepted_while_the_worker_is_stopped_completes_after_the_api_starts_again()
    {
        var database = await TestDatabase.CreateAsync("socialgen_test_restart");
        var settings = new Dictionary<string, string?>();
        var app = new AppFixture();
        Guid imageId;
        TestUser ada;

        await using (var before = await AppFixture.StartAsync(database, settings))
        {
            app.UseHost(before);
            ada = await app.RegisterAsync("ada");
            // Paused, the queue only persists what it is given; the host then goes away with the work undone.
            await WorkerOf(before).PauseAsync(TimeSpan.FromMinutes(5));
            imageId = await ada.RequestImageAsync("painted after a restart");
            Assert.Equal("pending", (await (await ada.Api.GetAsync($"/images/{imageId}")).JsonAsync()).GetProperty("status").GetString());
        }

        await using var after = await AppFixture.StartAsync(database, settings);
        app.UseHost(after);
        var sameUser = ada with { Api = app.Anonymous().WithToken(await app.SignInAsync(ada.Handle, ada.Password)) };

        var image = await sameUser.WaitForImageAsync(imageId, TimeSpan.FromSeconds(60));
        Assert.Equal("ready", image.GetProperty("status").GetString());
    }

    private static Wolverine.Transports.IListenerCircuit WorkerOf(IAlbaHost host) =>
        host.Services.GetRequiredService<IWolverineRuntime>().Endpoints
            .FindListenerCircuit(new Uri($"local://{ImagesSetup.Queue}"))!;
}
