using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using SocialGen.Api.Infrastructure;

namespace SocialGen.Api.Operations;

/// <summary>
/// Publishes each projection's lag (events and seconds behind the high-water mark) as gauges of the SocialGen meter,
/// sampled every few seconds so scraping never queries the database.
/// </summary>
public sealed class ProjectionLagMetric : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private readonly IServiceProvider _services;
    private readonly ILogger<ProjectionLagMetric> _logger;
    private readonly ConcurrentDictionary<string, (long Events, double Seconds)> _lag = new();

    public ProjectionLagMetric(IServiceProvider services, IMeterFactory meters, ILogger<ProjectionLagMetric> logger)
    {
        _services = services;
        _logger = logger;
        var meter = meters.Create(Telemetry.MeterName);
        meter.CreateObservableGauge("socialgen.projection.lag.events",
            () => _lag.Select(l => new Measurement<long>(l.Value.Events, new KeyValuePair<string, object?>("projection", l.Key))),
            unit: "{event}", description: "Events the projection has not processed yet.");
        meter.CreateObservableGauge("socialgen.projection.lag.seconds",
            () => _lag.Select(l => new Measurement<double>(l.Value.Seconds, new KeyValuePair<string, object?>("projection", l.Key))),
            unit: "s", description: "Age of the oldest event the projection has not processed yet.");
    }

    public IReadOnlyDictionary<string, (long Events, double Seconds)> Current => _lag;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                foreach (var status in await _services.GetRequiredService<ProjectionMonitor>().StatusAsync(stoppingToken))
                    _lag[status.Name] = (status.LagEvents, status.LagSeconds);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                _logger.LogWarning(e, "Could not sample projection lag");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
