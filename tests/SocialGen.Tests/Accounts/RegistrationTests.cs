using System.Net;
using SocialGen.Tests.Fixtures;

namespace SocialGen.Tests.Accounts;

public sealed class RegistrationTests(AppFixture app)
{
    [Fact]
    public async Task Registering_returns_the_new_account_with_its_location_and_sequence()
    {
        var handle = Users.UniqueHandle("ada");
        var response = await app.Anonymous()
            .PostAsync("/accounts", new { handle, displayName = "Ada Lovelace", password = Users.Password })
            .ShouldBe(HttpStatusCode.Created);

        var body = await response.JsonAsync();
        Assert.Equal(handle, body.GetProperty("handle").GetString());
        Assert.Equal(7, body.GetProperty("id").GetGuid().Version);
        Assert.Equal($"/users/{handle}", response.Headers.Location?.ToString());
        Assert.True(response.Sequence() > 0);
        Assert.Equal(response.Sequence(), body.GetProperty("sequence").GetInt64());
    }

    [Fact]
    public async Task A_handle_is_unique_whatever_its_case()
    {
        var handle = Users.UniqueHandle("grace");
        var anonymous = app.Anonymous();
        await anonymous.PostAsync("/accounts", new { handle, displayName = "Grace", password = Users.Password })
            .ShouldBe(HttpStatusCode.Created);

        var problem = await anonymous
            .PostAsync("/accounts", new { handle = handle.ToUpperInvariant(), displayName = "Imposter", password = Users.Password })
            .ShouldBeProblem(HttpStatusCode.Conflict);
        Assert.Contains("taken", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Twenty_parallel_registrations_of_one_handle_give_exactly_one_account()
    {
        var handle = Users.UniqueHandle("race");
        var attempts = Enumerable.Range(0, 20).Select(i => app.Anonymous()
            .PostAsync("/accounts", new { handle, displayName = $"Racer {i}", password = Users.Password }));

        var responses = await Task.WhenAll(attempts);

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(19, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var winner = await responses.Single(r => r.StatusCode == HttpStatusCode.Created).JsonAsync();
        await app.Anonymous().GetAsync($"/users/{handle}?minSequence={responses.Max(SequenceOrZero)}").ShouldBe(HttpStatusCode.OK);
        Assert.Equal(winner.GetProperty("id").GetGuid(), await AccountIdOf(handle));
    }

    public static TheoryData<string, string> InvalidRegistrations => new()
    {
        { """{"handle":"ab","displayName":"Al","password":"long enough password"}""", "handle" },
        { """{"handle":"has space","displayName":"Al","password":"long enough password"}""", "handle" },
        { """{"handle":"ünïcode","displayName":"Al","password":"long enough password"}""", "handle" },
        { """{"handle":"аdmin","displayName":"Al","password":"long enough password"}""", "handle" }, // Cyrillic а
        { """{"handle":"admin‮gnp","displayName":"Al","password":"long enough password"}""", "handle" }, // RTL override
        { """{"handle":"ad​min","displayName":"Al","password":"long enough password"}""", "handle" }, // zero-width space
        { """{"handle":"admin️","displayName":"Al","password":"long enough password"}""", "handle" }, // variation selector
        { """{"handle":"okhandle","displayName":"","password":"long enough password"}""", "displayName" },
        { """{"handle":"okhandle","displayName":"   ","password":"long enough password"}""", "displayName" },
        { """{"handle":"okhandle","displayName":"bell\u0007","password":"long enough password"}""", "displayName" },
        { """{"handle":"okhandle","displayName":"Al","password":"short"}""", "password" },
        { """{"handle":"okhandle","displayName":"Al"}""", "password" },
        { """{"displayName":"Al","password":"long enough password"}""", "handle" },
    };

    [Theory]
    [MemberData(nameof(InvalidRegistrations))]
    public async Task Invalid_registrations_are_refused_with_the_offending_field_named(string json, string field)
    {
        var problem = await app.Anonymous().SendRawAsync(HttpMethod.Post, "/accounts", json)
            .ShouldBeProblem(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}: {problem}");
        Assert.Null(await AccountIdOf("okhandle"));
    }

    [Theory]
    [InlineData("lol_", "1ol_")]
    [InlineData("lol_", "l0l_")]
    [InlineData("mod_", "rnod_")]
    [InlineData("wave_", "vvave_")]
    [InlineData("rnod_", "mod_")]
    public async Task A_handle_that_imitates_a_taken_one_is_refused(string prefix, string lookalikePrefix)
    {
        var suffix = Guid.NewGuid().ToString("N")[..10].Replace('0', 'a').Replace('1', 'b');
        await app.Anonymous().PostAsync("/accounts", new { handle = prefix + suffix, displayName = "Original", password = Users.Password })
            .ShouldBe(HttpStatusCode.Created);

        var problem = await app.Anonymous()
            .PostAsync("/accounts", new { handle = lookalikePrefix + suffix, displayName = "Imitator", password = Users.Password })
            .ShouldBeProblem(HttpStatusCode.Conflict);

        Assert.Contains(prefix + suffix, problem.GetProperty("detail").GetString());
        Assert.Null(await AccountIdOf(lookalikePrefix + suffix));
    }

    [Fact]
    public async Task A_handle_that_merely_shares_letters_with_a_taken_one_is_fine()
    {
        var suffix = Guid.NewGuid().ToString("N")[..10].Replace('0', 'a').Replace('1', 'b');
        await app.Anonymous().PostAsync("/accounts", new { handle = "lol_" + suffix, displayName = "One", password = Users.Password })
            .ShouldBe(HttpStatusCode.Created);
        await app.Anonymous().PostAsync("/accounts", new { handle = "lot_" + suffix, displayName = "Two", password = Users.Password })
            .ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_display_name_is_counted_in_characters_a_reader_sees()
    {
        // 50 family emoji are 50 text elements but 550 UTF-16 code units: accepted.
        var family = string.Concat(Enumerable.Repeat("👨‍👩‍👧‍👦", 50));
        await app.Anonymous().PostAsync("/accounts", new { handle = Users.UniqueHandle("fam"), displayName = family, password = Users.Password })
            .ShouldBe(HttpStatusCode.Created);

        await app.Anonymous().PostAsync("/accounts", new { handle = Users.UniqueHandle("fam"), displayName = family + "👍🏽", password = Users.Password })
            .ShouldBeProblem(HttpStatusCode.BadRequest);
    }

    private async Task<Guid?> AccountIdOf(string handle)
    {
        await using var session = app.Store.QuerySession();
        return (await session.LoadAsync<SocialGen.Api.Accounts.HandleClaim>(handle))?.AccountId;
    }

    private static long SequenceOrZero(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Sequence", out var values) ? long.Parse(values.Single()) : 0;
}
