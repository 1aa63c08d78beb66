using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Statistics;
using Xinfang.Web.Data;

namespace Xinfang.Web.Statistics;

/// <summary>
/// At start, before the app serves and after <see cref="StatisticsFactsStartup"/> has brought the monthly aggregates
/// up to date: the ended months of this year and the two before parsed into the kept copy (ADR 0162) — this year's
/// dashboard with its 同比 year, and last year's annual report with its own. Without it the first leader to open a
/// province dashboard after a start waited for the parse (about 1.1 s of a 1.2 s first request at 1,000,000 items,
/// bench/RESULTS.md). Done before serving, so no request races it; the copy stays right as before, because every read
/// checks each month's fingerprint. Setting <c>Xinfang:Statistics:WarmAtStart</c> (true).
/// </summary>
internal sealed class StatisticsWarmUp(IServiceScopeFactory scopes, AggregateSnapshots snapshots, StatisticsSettings settings, TimeProvider clock,
    ILogger<StatisticsWarmUp> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => WarmAsync(DeadlineTime.LocalDate(clock.GetUtcNow()), cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The months parsed (0 when the aggregates are not built yet: the first request builds nothing either).</summary>
    internal async Task<int> WarmAsync(DateOnly today, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var layout = MonthlyAggregates.Layout(settings);
        if (!await MonthlyAggregates.ReadyAsync(db, layout, ct))
        {
            return 0;
        }

        var before = snapshots.MonthsParsed;
        var months = await snapshots.ReadAsync(db, layout, new DateOnly(today.Year - 2, 1, 1), new DateOnly(today.Year, today.Month, 1).AddMonths(-1), ct);
        var parsed = (int)(snapshots.MonthsParsed - before);
        logger.LogInformation("统计月汇总：启动时预读 {Months} 个月（解析 {Parsed} 个）", months.Count, parsed);
        return parsed;
    }
}
