using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Statistics;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;

namespace Xinfang.Web.Statistics;

/// <summary>What the check found: items, rows missing, rows that say something else than the item, rows without an item.</summary>
public sealed record FactsCheck(long Items, long Missing, long Different, long Orphans, IReadOnlyList<Guid> Examples)
{
    /// <summary>
    /// ADR 0122: keys (month, registering body, unit) whose monthly aggregates do not sum to what the fact rows
    /// give now, and whether the aggregates are built for the current rules (false: the figures come from the fact rows).
    /// </summary>
    public long AggregatesDifferent { get; init; }

    public bool AggregatesReady { get; init; }

    public bool InStep => Missing == 0 && Different == 0 && Orphans == 0 && AggregatesDifferent == 0 && AggregatesReady;
}

/// <summary>
/// Rebuilds <c>statistics_facts</c> from the items and checks that it says what the items say (ADR 0080):
/// both walk <c>petitions</c> by primary key in batches, each batch in its own context (a million items
/// never sit in memory together). Run at start for rows that are missing, and by an administrator
/// (<c>POST /api/statistics/facts/rebuild</c>, <c>GET /api/statistics/facts/check</c>).
/// </summary>
public sealed class StatisticsFactsMaintenance(IServiceScopeFactory scopes, StatisticsSettings settings)
{
    private const int Batch = 500;

    /// <summary>Builds the row of every item again (or only of items without one); returns how many rows were written.</summary>
    public async Task<long> RebuildAsync(bool onlyMissing, CancellationToken ct)
    {
        long written = 0;
        Guid? after = null;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var (items, built) = await BuildBatchAsync(db, after, onlyMissing, ct);
            if (items.Count == 0)
            {
                return written;
            }

            after = items[^1];
            var ids = built.Select(b => b.PetitionId).ToList();
            var existing = await db.Set<ItemFacts>().Where(f => ids.Contains(f.PetitionId)).ToDictionaryAsync(f => f.PetitionId, ct);
            // stats-aggregates (ADR 0122): rows written here change the monthly aggregates as the interceptor's do.
            var delta = new Dictionary<MonthlyAggregates.Key, Dictionary<string, long>>();
            foreach (var fresh in built)
            {
                if (existing.TryGetValue(fresh.PetitionId, out var row))
                {
                    if (!row.SameAs(fresh))
                    {
                        MonthlyAggregates.Add(delta, MonthlyAggregates.Of(row, settings), -1);
                        MonthlyAggregates.Add(delta, MonthlyAggregates.Of(fresh, settings), 1);
                        row.CopyFrom(fresh);
                        written++;
                    }
                }
                else
                {
                    MonthlyAggregates.Add(delta, MonthlyAggregates.Of(fresh, settings), 1);
                    db.Set<ItemFacts>().Add(fresh);
                    written++;
                }
            }

            db.Set<StatisticsMonth>().AddRange(MonthlyAggregates.Rows(delta, MonthlyAggregates.Layout(settings)));
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>Compares every item's row with the row built from the item now.</summary>
    public async Task<FactsCheck> CheckAsync(CancellationToken ct)
    {
        long items = 0, missing = 0, different = 0;
        var examples = new List<Guid>();
        Guid? after = null;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var (batch, built) = await BuildBatchAsync(db, after, onlyMissing: false, ct);
            if (batch.Count == 0)
            {
                break;
            }

            after = batch[^1];
            items += batch.Count;
            var stored = await db.Set<ItemFacts>().AsNoTracking().Where(f => batch.Contains(f.PetitionId)).ToDictionaryAsync(f => f.PetitionId, ct);
            foreach (var fresh in built)
            {
                var wrong = !stored.TryGetValue(fresh.PetitionId, out var row) ? missing++ >= 0 : !row.SameAs(fresh) && different++ >= 0;
                if (wrong && examples.Count < 20)
                {
                    examples.Add(fresh.PetitionId);
                }
            }
        }

        await using var last = scopes.CreateAsyncScope();
        var context = last.ServiceProvider.GetRequiredService<AppDbContext>();
        // Whole deployment: the check compares the table with every item, and answers only counts and ids to an administrator.
        var orphans = await context.Set<ItemFacts>().LongCountAsync(f => !context.PetitionsAcrossDeployment.Any(p => p.Id == f.PetitionId), ct);
        // stats-aggregates (ADR 0122): the monthly aggregates against the fact rows.
        var layout = MonthlyAggregates.Layout(settings);
        var aggregates = MonthlyAggregates.Differences(await MonthlyAggregates.FromFactsAsync(context, settings, ct), await MonthlyAggregates.StoredAsync(context, layout, ct));
        return new FactsCheck(items, missing, different, orphans, examples)
        {
            AggregatesDifferent = aggregates.Count,
            AggregatesReady = await MonthlyAggregates.ReadyAsync(context, layout, ct),
        };
    }

    /// <summary>The monthly aggregates written again from the fact rows (ADR 0122); returns the rows written.</summary>
    public async Task<long> RebuildAggregatesAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await MonthlyAggregates.RebuildAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), settings, ct);
    }

    /// <summary>At start: the aggregates built if they are not (a new table, changed rules); deltas of ended months merged.</summary>
    public async Task<long> CatchUpAggregatesAsync(DateOnly today, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (!await MonthlyAggregates.ReadyAsync(db, MonthlyAggregates.Layout(settings), ct))
        {
            return await MonthlyAggregates.RebuildAsync(db, settings, ct);
        }

        return await MonthlyAggregates.CompactAsync(db, new DateOnly(today.Year, today.Month, 1), ct);
    }

    /// <summary>Fills in the rows of items that have none (items saved before this table existed), at start.</summary>
    public async Task<long> CatchUpAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // Whole deployment: a count of rows, nothing shown to anyone.
        var itemCount = await db.PetitionsAcrossDeployment.LongCountAsync(ct);
        var rowCount = await db.Set<ItemFacts>().LongCountAsync(ct);
        return itemCount == rowCount ? 0 : await RebuildAsync(onlyMissing: true, ct);
    }

    /// <summary>The next batch of item ids after <paramref name="after"/> and their rows built now.</summary>
    private static async Task<(List<Guid> Items, List<ItemFacts> Built)> BuildBatchAsync(AppDbContext db, Guid? after, bool onlyMissing, CancellationToken ct)
    {
        // Whole deployment: the table holds a row for every item, whoever may see it; the rows are read only as counts.
        var query = db.PetitionsAcrossDeployment.AsNoTracking();
        var ids = await (after is { } a ? query.Where(p => p.Id.CompareTo(a) > 0) : query).OrderBy(p => p.Id).Select(p => p.Id).Take(Batch).ToListAsync(ct);
        if (ids.Count == 0)
        {
            return (ids, []);
        }

        var wanted = ids;
        if (onlyMissing)
        {
            var present = await db.Set<ItemFacts>().Where(f => ids.Contains(f.PetitionId)).Select(f => f.PetitionId).ToListAsync(ct);
            wanted = [.. ids.Except(present)];
        }

        if (wanted.Count == 0)
        {
            return (ids, []);
        }

        var petitions = await query.Where(p => wanted.Contains(p.Id)).AsSplitQuery().ToListAsync(ct);
        var repeated = (await query.Where(p => p.FirstItemId != null && wanted.Contains(p.FirstItemId.Value)).Select(p => p.FirstItemId!.Value).ToListAsync(ct)).ToHashSet();
        var kinds = await StatisticsFactsInterceptor.KindsAsync(db, [.. petitions.Select(p => p.RegisteringOrganizationId).Distinct()], ct);
        return (ids, [.. petitions.Select(p => ItemFacts.Of(p, kinds.GetValueOrDefault(p.RegisteringOrganizationId), repeated.Contains(p.Id)))]);
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/facts/rebuild", async (PetitionGuard guard, StatisticsFactsMaintenance maintenance, CancellationToken ct) =>
        {
            if (guard.Staff?.Role != StaffRole.Administrator)
            {
                return Answers.Forbidden("统计事实表的重建与核对由管理员执行");
            }

            await maintenance.RebuildAsync(onlyMissing: false, ct);
            await maintenance.RebuildAggregatesAsync(ct);
            return Results.Ok(await maintenance.CheckAsync(ct));
        })
            .WithSummary("重建统计事实表并核对（管理员）").Produces<FactsCheck>().ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("/facts/check", async (PetitionGuard guard, StatisticsFactsMaintenance maintenance, CancellationToken ct) =>
            guard.Staff?.Role != StaffRole.Administrator
                ? Answers.Forbidden("统计事实表的重建与核对由管理员执行")
                : Results.Ok(await maintenance.CheckAsync(ct)))
            .WithSummary("核对统计事实表与信访件是否一致（管理员）").Produces<FactsCheck>().ProducesProblem(StatusCodes.Status403Forbidden);
    }
}

/// <summary>At start, after the migration: rows for items that have none (ADR 0080).</summary>
internal sealed class StatisticsFactsStartup(StatisticsFactsMaintenance maintenance, TimeProvider clock, ILogger<StatisticsFactsStartup> logger) : BackgroundService
{
    /// <summary>
    /// Before the app serves (ADR 0122): the monthly aggregates built if they are not (a new deployment, a table
    /// added by an upgrade, changed rules or settings) — while nothing saves, so no delta can be lost — or else the
    /// deltas of ended months merged.
    /// </summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var rows = await maintenance.CatchUpAggregatesAsync(Xinfang.Domain.Deadlines.DeadlineTime.LocalDate(clock.GetUtcNow()), cancellationToken);
        if (rows > 0)
        {
            logger.LogInformation("统计月汇总：{Rows} 行", rows);
        }

        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var written = await maintenance.CatchUpAsync(stoppingToken);
            if (written > 0)
            {
                logger.LogInformation("统计事实表：补建 {Rows} 行", written);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // a failed catch-up must not stop the app; the check endpoint shows what is missing
        catch (Exception e)
#pragma warning restore CA1031
        {
            logger.LogError(e, "统计事实表补建失败");
        }
    }
}
