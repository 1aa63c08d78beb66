using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Statistics;
using Xinfang.Web.Data;

namespace Xinfang.Web.Statistics;

/// <summary>
/// One row of <c>statistics_months</c> (ADR 0122): what the fact rows of one (month, registering body, bureau
/// flag, responsible unit) add to each figure of that month, as named sums (<see cref="Values"/>, JSON). A
/// month has many rows per key — the rebuild's, then the deltas each saving transaction appends
/// (<see cref="StatisticsFactsInterceptor"/>) — summed when read and merged by <see cref="MonthlyAggregates.CompactAsync"/>.
/// The row with <see cref="MonthlyAggregates.MarkerMonth"/> says the table was built whole for <see cref="Layout"/>.
/// </summary>
public sealed class StatisticsMonth
{
    public long Id { get; set; }

    /// <summary>The month's first day.</summary>
    public DateOnly Month { get; set; }

    public Guid RegisteringOrganizationId { get; set; }

    public bool RegisteredByBureau { get; set; }

    public Guid? UnitOrganizationId { get; set; }

    /// <summary>Figure part name → sum (<see cref="MonthlyAggregates"/> names them), JSON; only non-zero parts.</summary>
    public string Values { get; set; } = "{}";

    /// <summary>The rules and settings the values were counted by (<see cref="MonthlyAggregates.Layout"/>).</summary>
    public string Layout { get; set; } = string.Empty;
}

/// <summary>
/// Monthly aggregates of the fact rows (ADR 0122): for every whole month that has ended, every figure of the
/// dashboard — each indicator's numerator and denominator, each count, the 批/件/人次 of each volume breakdown —
/// summed per (registering body, bureau flag, responsible unit), so a year of a province is a few thousand rows
/// instead of half a million. <b>Exact, not approximate</b>: each part is the very <see cref="IndicatorRules"/>
/// predicate evaluated on the row (compiled) with the month as the period; every rule is "one of the row's dates
/// in the period ∧ a condition", so a period of whole months is the sum of its months, and the only use of
/// "today" (a window counts once it has run out: <c>due &lt; today</c>) is always true for a month that has
/// ended — a month's sums never change with time, only when an item changes. The side's population is the key
/// (the bureau side: flag ∧ registering body in the subtree; the unit side: unit in the subtree; all: either);
/// voided items add nothing. Partial months and the current month are counted from the fact rows as before.
/// <c>FigureBatchTests</c> and <c>MonthlyAggregatesTests</c> prove the sums equal the fact rows' counts.
/// </summary>
public static class MonthlyAggregates
{
    /// <summary>The marker row's month: the table was built whole (at start or by the rebuild) for the current layout.</summary>
    public static readonly DateOnly MarkerMonth = new(1, 1, 1);

    private static readonly Func<ItemFacts, DateOnly?>[] Dates = [.. FigureBatch.PeriodColumns.Select(c => c.Compile())];

    private static readonly ConcurrentDictionary<(DateOnly, StatisticsSettings), Compiled> Cache = new();

    private static readonly ConcurrentDictionary<StatisticsSettings, string> Layouts = new();

    /// <summary>The key of one aggregate row.</summary>
    public sealed record Key(DateOnly Month, Guid RegisteringOrganizationId, bool RegisteredByBureau, Guid? UnitOrganizationId);

    /// <summary>
    /// What the rules and settings are: a stored row counted by other rules (a rule added or changed, a setting
    /// changed) is not used; the rebuild writes the table again.
    /// </summary>
    public static string Layout(StatisticsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Layouts.GetOrAdd(settings, ComputeLayout);
    }

    private static string ComputeLayout(StatisticsSettings settings)
    {
        var period = new StatisticsPeriod(new(2000, 1, 1), new(2000, 1, 31), new(2000, 2, 1));
        var text = new StringBuilder("v1|").Append(settings);
        foreach (var r in IndicatorRules.Indicators(period, settings))
        {
            text.Append('|').Append(r.Code).Append('/').Append(r.Side).Append(':').Append(r.Numerator).Append(':').Append(r.Denominator).Append(':').Append(r.Sum);
        }

        foreach (var c in IndicatorRules.Counts(period))
        {
            text.Append('|').Append(c.Code).Append(':').Append(c.Counted);
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    /// <summary>A figure part's name: an indicator's numerator or denominator on its side.</summary>
    public static string Part(FigureRule rule, bool numerator)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return $"{rule.Code}/{rule.Side}/{(numerator ? "n" : "d")}";
    }

    public static string CountPart(string code) => "c/" + code;

    /// <summary>Volume parts: <c>{dimension}/{key}/b|i|p</c>; <c>r</c> is all received items (no key).</summary>
    public static string VolumePart(string dimension, string key, char measure) => $"{dimension}/{key}/{measure}";

    /// <summary>What one fact row adds to the aggregates, per key (month and the row's organisations); nothing for a voided item.</summary>
    public static Dictionary<Key, Dictionary<string, long>> Of(ItemFacts row, StatisticsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(row);
        var result = new Dictionary<Key, Dictionary<string, long>>();
        if (row.Voided)
        {
            return result;
        }

        foreach (var month in Dates.Select(d => d(row)).OfType<DateOnly>().Select(d => new DateOnly(d.Year, d.Month, 1)).Distinct())
        {
            var values = Cache.GetOrAdd((month, settings), k => Compile(k.Item1, k.Item2)).Evaluate(row);
            if (values.Count > 0)
            {
                result[new Key(month, row.RegisteringOrganizationId, row.RegisteredByBureau, row.UnitOrganizationId)] = values;
            }
        }

        return result;
    }

    /// <summary>Adds <paramref name="values"/> × <paramref name="sign"/> into <paramref name="into"/>.</summary>
    public static void Add(Dictionary<Key, Dictionary<string, long>> into, Dictionary<Key, Dictionary<string, long>> values, int sign)
    {
        ArgumentNullException.ThrowIfNull(into);
        ArgumentNullException.ThrowIfNull(values);
        foreach (var (key, parts) in values)
        {
            if (!into.TryGetValue(key, out var target))
            {
                into[key] = target = [];
            }

            AddParts(target, parts, sign);
        }
    }

    public static void AddParts(Dictionary<string, long> into, IReadOnlyDictionary<string, long> parts, int sign = 1)
    {
        ArgumentNullException.ThrowIfNull(into);
        ArgumentNullException.ThrowIfNull(parts);
        foreach (var (name, value) in parts)
        {
            into[name] = into.GetValueOrDefault(name) + (sign * value);
        }
    }

    /// <summary>The rows for the non-zero sums (a delta that cancels out writes nothing).</summary>
    public static IEnumerable<StatisticsMonth> Rows(Dictionary<Key, Dictionary<string, long>> sums, string layout) =>
        from pair in sums
        let parts = pair.Value.Where(p => p.Value != 0).ToDictionary(p => p.Key, p => p.Value)
        where parts.Count > 0
        select new StatisticsMonth
        {
            Month = pair.Key.Month,
            RegisteringOrganizationId = pair.Key.RegisteringOrganizationId,
            RegisteredByBureau = pair.Key.RegisteredByBureau,
            UnitOrganizationId = pair.Key.UnitOrganizationId,
            Values = JsonSerializer.Serialize(parts),
            Layout = layout,
        };

    public static Dictionary<string, long> Parse(string values) => JsonSerializer.Deserialize<Dictionary<string, long>>(values) ?? [];

    /// <summary>Whether the table is whole for <paramref name="layout"/> (the marker row of the last build).</summary>
    public static Task<bool> ReadyAsync(AppDbContext db, string layout, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Set<StatisticsMonth>().AnyAsync(m => m.Month == MarkerMonth && m.Layout == layout, ct);
    }

    /// <summary>
    /// The aggregates recomputed from every fact row (streamed by primary key, a batch at a time): what the table
    /// must sum to. The rebuild writes them; the check compares them with the table's sums.
    /// </summary>
    public static async Task<Dictionary<Key, Dictionary<string, long>>> FromFactsAsync(AppDbContext db, StatisticsSettings settings, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var sums = new Dictionary<Key, Dictionary<string, long>>();
        Guid? after = null;
        while (true)
        {
            var query = db.Set<ItemFacts>().AsNoTracking();
            var batch = await (after is { } a ? query.Where(f => f.PetitionId.CompareTo(a) > 0) : query).OrderBy(f => f.PetitionId).Take(5_000).ToListAsync(ct);
            if (batch.Count == 0)
            {
                return sums;
            }

            after = batch[^1].PetitionId;
            foreach (var row in batch)
            {
                Add(sums, Of(row, settings), 1);
            }
        }
    }

    /// <summary>The table's sums per key (every row of the current layout, the marker left out).</summary>
    public static async Task<Dictionary<Key, Dictionary<string, long>>> StoredAsync(AppDbContext db, string layout, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var sums = new Dictionary<Key, Dictionary<string, long>>();
        await foreach (var row in db.Set<StatisticsMonth>().AsNoTracking().Where(m => m.Month != MarkerMonth && m.Layout == layout).AsAsyncEnumerable().WithCancellation(ct))
        {
            var key = new Key(row.Month, row.RegisteringOrganizationId, row.RegisteredByBureau, row.UnitOrganizationId);
            Add(sums, new() { [key] = Parse(row.Values) }, 1);
        }

        foreach (var parts in sums.Values)
        {
            foreach (var zero in parts.Where(p => p.Value == 0).Select(p => p.Key).ToList())
            {
                parts.Remove(zero);
            }
        }

        foreach (var empty in sums.Where(s => s.Value.Count == 0).Select(s => s.Key).ToList())
        {
            sums.Remove(empty);
        }

        return sums;
    }

    /// <summary>The keys whose sums differ between <paramref name="expected"/> and <paramref name="stored"/>.</summary>
    public static List<Key> Differences(Dictionary<Key, Dictionary<string, long>> expected, Dictionary<Key, Dictionary<string, long>> stored)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(stored);
        static bool Same(Dictionary<string, long> a, Dictionary<string, long> b) =>
            a.Where(p => p.Value != 0).All(p => b.GetValueOrDefault(p.Key) == p.Value) && b.Where(p => p.Value != 0).All(p => a.GetValueOrDefault(p.Key) == p.Value);
        return [.. expected.Keys.Union(stored.Keys).Where(k => !Same(expected.GetValueOrDefault(k) ?? [], stored.GetValueOrDefault(k) ?? []))];
    }

    /// <summary>Writes the table again from the fact rows, with the marker, in one transaction.</summary>
    public static async Task<long> RebuildAsync(AppDbContext db, StatisticsSettings settings, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var layout = Layout(settings);
        var sums = await FromFactsAsync(db, settings, ct);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.Set<StatisticsMonth>().ExecuteDeleteAsync(ct);
            var rows = Rows(sums, layout).ToList();
            rows.Add(new StatisticsMonth { Month = MarkerMonth, Layout = layout });
            var previous = db.ChangeTracker.AutoDetectChangesEnabled;
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            foreach (var chunk in rows.Chunk(2_000))
            {
                db.AddRange(chunk);
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }

            db.ChangeTracker.AutoDetectChangesEnabled = previous;
            await tx.CommitAsync(ct);
            return (long)rows.Count;
        });
    }

    /// <summary>
    /// Merges the rows of each key of the months before <paramref name="before"/> into one (the deltas the saves
    /// appended). Rows appended while this runs are not touched: it deletes exactly the rows it read.
    /// </summary>
    public static async Task<int> CompactAsync(AppDbContext db, DateOnly before, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var keys = await db.Set<StatisticsMonth>().Where(m => m.Month != MarkerMonth && m.Month < before)
            .GroupBy(m => new { m.Month, m.RegisteringOrganizationId, m.RegisteredByBureau, m.UnitOrganizationId, m.Layout })
            .Where(g => g.Count() > 1).Select(g => g.Key).ToListAsync(ct);
        var merged = 0;
        foreach (var k in keys)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var rows = await db.Set<StatisticsMonth>().Where(m => m.Month == k.Month && m.RegisteringOrganizationId == k.RegisteringOrganizationId
                && m.RegisteredByBureau == k.RegisteredByBureau && m.UnitOrganizationId == k.UnitOrganizationId && m.Layout == k.Layout).ToListAsync(ct);
            var sum = new Dictionary<string, long>();
            foreach (var r in rows)
            {
                AddParts(sum, Parse(r.Values));
            }

            db.RemoveRange(rows);
            var key = new Key(k.Month, k.RegisteringOrganizationId, k.RegisteredByBureau, k.UnitOrganizationId);
            db.AddRange(Rows(new() { [key] = sum }, k.Layout));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
            merged += rows.Count;
        }

        return merged;
    }

    private static Compiled Compile(DateOnly month, StatisticsSettings settings)
    {
        var last = month.AddMonths(1).AddDays(-1);
        // The month has ended: "today" is the day after it (every "window has run out" is then true, as on any later day).
        var period = new StatisticsPeriod(month, last, last.AddDays(1));
        var parts = new List<(string Name, Func<ItemFacts, bool> Where, Func<ItemFacts, int>? Sum)>();
        foreach (var r in IndicatorRules.Indicators(period, settings))
        {
            parts.Add((Part(r, numerator: true), (r.Sum is null ? r.Numerator : r.Denominator).Compile(), r.Sum?.Compile()));
            parts.Add((Part(r, numerator: false), r.Denominator.Compile(), null));
        }

        foreach (var c in IndicatorRules.Counts(period))
        {
            parts.Add((CountPart(c.Code), c.Counted.Compile(), null));
        }

        return new Compiled(parts, IndicatorRules.Received(period).Compile(), IndicatorRules.SkipLevelVisits(period).Compile());
    }

    private sealed class Compiled(List<(string Name, Func<ItemFacts, bool> Where, Func<ItemFacts, int>? Sum)> parts, Func<ItemFacts, bool> received, Func<ItemFacts, bool> skipLevel)
    {
        public Dictionary<string, long> Evaluate(ItemFacts row)
        {
            var values = new Dictionary<string, long>();
            foreach (var (name, where, sum) in parts)
            {
                if (where(row))
                {
                    var add = sum is null ? 1 : sum(row);
                    if (add != 0)
                    {
                        values[name] = values.GetValueOrDefault(name) + add;
                    }
                }
            }

            if (received(row))
            {
                foreach (var (dimension, key) in Volumes(row))
                {
                    values[VolumePart(dimension, key, 'b')] = row.Batches;
                    values[VolumePart(dimension, key, 'i')] = 1;
                    values[VolumePart(dimension, key, 'p')] = row.Persons;
                }
            }

            if (skipLevel(row))
            {
                var key = IndicatorSource.SkipLevelKey(row.SkipLevelDestination);
                values[VolumePart("skip", key, 'b')] = row.Batches;
                values[VolumePart("skip", key, 'i')] = 1;
                values[VolumePart("skip", key, 'p')] = row.Persons;
            }

            return values;
        }
    }

    /// <summary>The volume breakdowns' keys of a received row (the keys the dashboard's rows carry).</summary>
    internal static IEnumerable<(string Dimension, string Key)> Volumes(ItemFacts row) =>
    [
        ("r", string.Empty),
        (BreakdownCodes.Channel, row.Form.ToString()),
        (BreakdownCodes.Purpose, row.Purpose.ToString()),
        (BreakdownCodes.ContentClass, row.ContentClass ?? string.Empty),
        (BreakdownCodes.ProblemLocation, row.IssueLocation ?? string.Empty),
        (BreakdownCodes.Level, row.Level.ToString()),
    ];
}
