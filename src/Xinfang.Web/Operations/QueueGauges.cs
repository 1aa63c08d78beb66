using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Petitions;
using Xinfang.Web.Data;

namespace Xinfang.Web.Operations;

public sealed class QueueGaugeOptions
{
    /// <summary>How often the queue lengths and the overdue count are recounted (two indexed queries).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// Work-queue lengths and the overdue count for /metrics, counted on a schedule — a scrape reads the last
/// snapshot and never queries the database, however often Prometheus scrapes or however many items there are.
/// </summary>
internal sealed class QueueGauges(IServiceScopeFactory scopes, TimeProvider clock, IOptions<QueueGaugeOptions> options, ILogger<QueueGauges> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the start (migrations, demo seeding) finish before the first count.
        await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken).ConfigureAwait(false);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A failed count keeps the last snapshot; its age (xinfang_petitions_snapshot_age_seconds) shows it is stale.
                logger.LogWarning(e, "Queue gauges: the count failed");
            }

            await Task.Delay(options.Value.Interval, stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>Counts now and publishes the snapshot.</summary>
    public async Task<QueueSnapshot> RefreshAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var today = DeadlineTime.LocalDate(clock.GetUtcNow());
        // Overdue as the work lists say it (Workbench/WorkItems.WithLevel): due before today began; a closed item has no due date.
        var lastOverdue = DeadlineTime.EndOfDay(today.AddDays(-1)).UtcDateTime;
        // Across the deployment: the gauges are the whole system's queue, shown to its operators as counts only.
        var open = await db.PetitionsAcrossDeployment.Where(p => p.State != PetitionState.Closed)
            .GroupBy(p => p.State).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(ct);
        var overdue = await db.PetitionsAcrossDeployment.LongCountAsync(p => p.CurrentDueAtUtc != null && p.CurrentDueAtUtc <= lastOverdue, ct);
        var snapshot = new QueueSnapshot(open.ToDictionary(x => x.Key, x => x.Count), overdue, today, Stopwatch.GetTimestamp());
        XinfangMetrics.Snapshot = snapshot;
        return snapshot;
    }
}
