using Marten;

namespace SocialGen.Api.Infrastructure;

/// <summary>
/// Deletes idempotency records past their window, at start and then hourly, so the table holds about a day of
/// writes instead of every write ever made. A late retry with an expired key is simply a new request.
/// </summary>
public sealed class IdempotencyExpiry(IDocumentStore store, TimeProvider clock, ILogger<IdempotencyExpiry> logger) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromHours(1);

    public async Task SweepAsync(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow() - Idempotency.Window;
        await using var session = store.LightweightSession();
        session.DeleteWhere<IdempotencyRecord>(record => record.CreatedAt < cutoff);
        await session.SaveChangesAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, clock);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Expired idempotency records could not be deleted; trying again in {Every}", Every);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
