using System.Net;
using Marten;
using SocialGen.Api.Infrastructure;
using SocialGen.Tests.Fixtures;

namespace SocialGen.Tests.Platform;

public sealed class CorrelationTests(AppFixture app)
{
    [Fact]
    public async Task A_supplied_correlation_id_is_echoed_and_stored_with_the_actor_on_every_event_the_request_appends()
    {
        var ada = await app.RegisterAsync("ada");
        var bob = await app.RegisterAsync("bob");
        var request = new HttpRequestMessage(HttpMethod.Post, $"/users/{bob.Handle}/follow");
        request.Headers.Add("X-Correlation-Id", "checkout-7f3a");

        var response = await ada.Api.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("checkout-7f3a", response.Headers.GetValues("X-Correlation-Id").Single());
        await using var session = app.Store.QuerySession();
        var appended = (await session.Events.QueryAllRawEvents().Where(e => e.Sequence == response.Sequence()).ToListAsync()).Single();
        Assert.Equal("checkout-7f3a", appended.CorrelationId);
        Assert.Equal(ada.Id.ToString(), appended.UserName);
        Assert.StartsWith("http:", appended.CausationId);
        Assert.Equal(ada.Handle, appended.Headers![EventMetadata.ActorHandleHeader]?.ToString());
    }

    [Fact]
    public async Task Without_a_correlation_id_one_is_generated_and_stored()
    {
        var handle = Users.UniqueHandle("ada");
        var response = await app.Anonymous().PostAsync("/accounts", new { handle, displayName = "Ada", password = Users.Password })
            .ShouldBe(HttpStatusCode.Created);

        var generated = response.Headers.GetValues("X-Correlation-Id").Single();
        Assert.True(Guid.TryParse(generated, out _));
        await using var session = app.Store.QuerySession();
        var registered = (await session.Events.QueryAllRawEvents().Where(e => e.Sequence == response.Sequence()).ToListAsync()).Single();
        Assert.Equal(generated, registered.CorrelationId);
        Assert.Equal((await response.JsonAsync()).GetProperty("id").GetGuid().ToString(), registered.UserName);
    }

    [Fact]
    public async Task A_malformed_correlation_id_is_replaced_rather_than_stored()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.TryAddWithoutValidation("X-Correlation-Id", new string('x', 500));

        var response = await app.Anonymous().Http.SendAsync(request);

        Assert.True(Guid.TryParse(response.Headers.GetValues("X-Correlation-Id").Single(), out _));
    }
}
