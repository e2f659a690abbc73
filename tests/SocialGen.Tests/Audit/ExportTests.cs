using System.Net;
using System.Text.Json;
using Marten;
using SocialGen.Api.Accounts;
using SocialGen.Api.Audit;
using SocialGen.Tests.Fixtures;

namespace SocialGen.Tests.Audit;

public sealed class ExportTests(AppFixture app)
{
    [Fact]
    public async Task The_export_is_one_json_event_per_line_in_sequence_order_within_the_range()
    {
        var ada = await app.RegisterAsync("ada");
        var start = ada.LastSequence;
        var post = await ada.PostAsync("exported words");
        await ada.EditAsync(post, "exported, edited");
        var auditor = await app.WithRoleAsync(await app.RegisterAsync("aud"), Roles.Auditor);

        var response = await auditor.Api.GetAsync($"/audit/events/export?after={start - 1}&before={ada.LastSequence + 1}&actor={ada.Handle}")
            .ShouldBe(HttpStatusCode.OK);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement).ToList();

        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["account_registered", "post_created", "post_edited"], lines.Select(l => l.GetProperty("type").GetString()));
        Assert.Equal("exported, edited", lines[2].GetProperty("data").GetProperty("text").GetString());
        Assert.All(lines, l => Assert.True(l.TryGetProperty("correlationId", out _)));
    }

    [Fact]
    public async Task Exporting_100k_events_streams_them_in_flat_memory()
    {
        const int total = 100_000;
        var probe = Guid.NewGuid();
        var after = await HeadAsync();
        await AppendAsync(probe, total);
        var before = await HeadAsync() + 1;
        var auditor = await app.WithRoleAsync(await app.RegisterAsync("aud"), Roles.Auditor);

        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var peak = 0L;
        var count = 0;
        var bytes = 0L;
        long last = 0;
        using (var response = await auditor.Api.Http.GetAsync($"/audit/events/export?after={after}&before={before}&actor={probe}",
                   HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            while (await reader.ReadLineAsync() is { } line)
            {
                bytes += line.Length + 1;
                var sequence = JsonDocument.Parse(line).RootElement.GetProperty("sequence").GetInt64();
                Assert.True(sequence > last);
                last = sequence;
                if (++count % 10_000 == 0) peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - baseline);
            }
        }

        Assert.Equal(total, count);
        // The export is tens of megabytes; what the process holds while streaming it stays a small fraction of that.
        Assert.True(bytes > 20_000_000, $"export was only {bytes} bytes");
        Assert.True(peak < bytes / 4, $"memory grew by {peak / 1_000_000} MB while streaming {bytes / 1_000_000} MB");
    }

    private async Task<long> HeadAsync()
    {
        await using var session = app.Store.QuerySession();
        return (await session.QueryAsync<long>("select last_value from socialgen.mt_events_sequence")).Single();
    }

    /// <summary>Many small events no projection reads, in batches of ten thousand.</summary>
    private async Task AppendAsync(Guid actor, int total)
    {
        for (var written = 0; written < total;)
        {
            await using var session = app.Store.LightweightSession();
            session.LastModifiedBy = actor.ToString();
            for (var stream = 0; stream < 10; stream++, written += 1000)
                session.Events.StartStream(Guid.CreateVersion7(), Enumerable.Range(0, 1000)
                    .Select(i => (object)new AuditTrailRead(actor, "export-probe", null, $"?n={written + i}&padding={new string('x', 200)}")).ToArray());
            await session.SaveChangesAsync();
        }
    }
}
