using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Statistics;
using Xinfang.Generate;
using Xinfang.Web.Identity;
using Xinfang.Web.Statistics;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests.Statistics;

/// <summary>
/// The dashboard's figures from a few conditional-aggregate statements (<c>FigureBatch</c>, ADR 0087) equal
/// the same rules counted one query each, as the engine counted them before: random histories from the
/// benchmark generator (every lifecycle state, 重件, late and on-time steps, ratings), several scopes
/// (province, city, county, the demo's 西湖区) and periods (a year, a quarter, a range across a year end,
/// this year to today), on SQLite and PostgreSQL. Every indicator's numerator and denominator, every count,
/// every month, every volume breakdown row and every unit row.
/// </summary>
public sealed class FigureBatchTests
{
    [SkippableFact]
    public Task PostgresFiguresEqualOneQueryPerRule() => RunAsync(Provider.Postgres);

    [SkippableFact]
    public Task SqliteFiguresEqualOneQueryPerRule() => RunAsync(Provider.Sqlite);

    private static async Task RunAsync(Provider provider)
    {
        if (provider == Provider.Postgres)
        {
            TestServices.RequirePostgres();
        }

        using var app = new XinfangApp(provider, start: new DateTimeOffset(2026, 5, 20, 10, 0, 0, TimeSpan.FromHours(8)));
        await Generator.RunAsync(app.Services, new GenerateOptions(1_200, Seed: 11, FirstYear: 2024, FocusYear: 2025, FocusShare: 0.6, Batch: 400), TextWriter.Null, default);
        var today = DeadlineTime.LocalDate(app.Clock.GetUtcNow());
        var periods = new (DateOnly From, DateOnly To)[]
        {
            (new(2025, 1, 1), new(2025, 12, 31)),
            (new(2025, 4, 1), new(2025, 6, 30)),
            (new(2024, 11, 17), new(2025, 2, 3)),
            (new(2026, 1, 1), today),
        };
        using var client = await app.SignInAsync("demo.zj.registrar");
        var settings = app.Services.GetRequiredService<StatisticsSettings>();
        var directory = app.Services.GetRequiredService<OrganizationDirectory>();
        foreach (var code in new[] { Province.RootCode, "330300XFJ", "330302XFJ", "330106XFJ" })
        {
            var org = await app.WithDbAsync(db => db.Organizations.Where(o => o.Code == code).Select(o => o.Id).SingleAsync());
            var orgs = directory.Subtree(org).ToArray();
            foreach (var (from, to) in periods)
            {
                var result = await client.GetFromJsonAsync<StatisticsResult>($"/api/statistics?organization={org}&from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}", XinfangApp.Json);
                await app.WithDbAsync(async db =>
                {
                    await AssertSameAsync(db.Set<ItemFacts>().AsNoTracking(), orgs, new StatisticsPeriod(from, to, today), settings, result!, $"{code} {from}–{to}");
                    return 0;
                });
            }
        }
    }

    /// <summary>Each figure counted by itself, one query per rule (the engine's way before ADR 0087).</summary>
    internal static async Task AssertSameAsync(IQueryable<ItemFacts> facts, Guid[] orgs, StatisticsPeriod period, StatisticsSettings settings, StatisticsResult result, string scope)
    {
        var rules = IndicatorRules.Indicators(period, settings);
        Assert.Equal(rules.Count, result.Indicators.Count);
        for (var i = 0; i < rules.Count; i++)
        {
            Assert.Equal(await RatioAsync(facts, rules[i], orgs), result.Indicators[i].Value);
        }

        var all = facts.Where(IndicatorRules.Population(StatisticsSide.All, orgs));
        foreach (var rule in IndicatorRules.Counts(period))
        {
            Assert.Equal((scope, rule.Code, await all.Where(rule.Counted).LongCountAsync()), (scope, rule.Code, result.Counts.Single(c => c.Code == rule.Code).Value));
        }

        foreach (var m in result.Months)
        {
            var first = new DateOnly(m.Year, m.Month, 1);
            var month = period with { From = first < period.From ? period.From : first, To = first.AddMonths(1).AddDays(-1) > period.To ? period.To : first.AddMonths(1).AddDays(-1) };
            var monthRules = IndicatorRules.Indicators(month, settings);
            Assert.Equal(await all.Where(IndicatorRules.Received(month)).LongCountAsync(), m.Items);
            Assert.Equal(await RatioAsync(facts, monthRules.Single(r => r.Code == StatisticsCodes.OnTimeClosure && r.Side == StatisticsSide.All), orgs), m.OnTimeClosure);
            Assert.Equal(await RatioAsync(facts, monthRules.Single(r => r.Code == StatisticsCodes.Satisfaction && r.Side == StatisticsSide.Unit), orgs), m.Satisfaction);
        }

        var received = all.Where(IndicatorRules.Received(period));
        var byForm = await received.GroupBy(f => f.Form).Select(g => new { Key = g.Key.ToString(), N = g.LongCount(), B = g.Sum(x => (long)x.Batches), P = g.Sum(x => (long)x.Persons) }).ToListAsync();
        var byClass = await received.GroupBy(f => f.ContentClass).Select(g => new { Key = g.Key ?? string.Empty, N = g.LongCount(), B = g.Sum(x => (long)x.Batches), P = g.Sum(x => (long)x.Persons) }).ToListAsync();
        var byLocation = await received.GroupBy(f => f.IssueLocation).Select(g => new { Key = g.Key ?? string.Empty, N = g.LongCount(), B = g.Sum(x => (long)x.Batches), P = g.Sum(x => (long)x.Persons) }).ToListAsync();
        var byLevel = await received.GroupBy(f => f.Level).Select(g => new { Key = g.Key.ToString(), N = g.LongCount(), B = g.Sum(x => (long)x.Batches), P = g.Sum(x => (long)x.Persons) }).ToListAsync();
        var byPurpose = await received.GroupBy(f => f.Purpose).Select(g => new { Key = g.Key.ToString(), N = g.LongCount(), B = g.Sum(x => (long)x.Batches), P = g.Sum(x => (long)x.Persons) }).ToListAsync();
        foreach (var (code, expected) in new[] { ("channel", byForm), ("purpose", byPurpose), ("content-class", byClass), ("problem-location", byLocation), ("level", byLevel) })
        {
            var rows = result.Breakdowns.Single(b => b.Code == code).Rows;
            Assert.Equal(
                expected.Select(e => (e.Key, e.B, e.N, e.P)).OrderBy(e => e.Key, StringComparer.Ordinal),
                rows.Select(r => (r.Key, r.Batches, r.Items, r.Persons)).OrderBy(e => e.Key, StringComparer.Ordinal));
        }

        Assert.Equal(await received.LongCountAsync(), result.Total.Items);

        var units = facts.Where(IndicatorRules.Population(StatisticsSide.Unit, orgs));
        var onTime = rules.Single(r => r.Code == StatisticsCodes.OnTimeClosure && r.Side == StatisticsSide.Unit);
        var satisfaction = rules.Single(r => r.Code == StatisticsCodes.Satisfaction && r.Side == StatisticsSide.Unit);
        var today = period.Today;
        foreach (var unit in result.Units)
        {
            var mine = units.Where(f => f.UnitOrganizationId == unit.OrganizationId);
            Assert.Equal(new Ratio(await mine.Where(onTime.Numerator).LongCountAsync(), await mine.Where(onTime.Denominator).LongCountAsync()), unit.OnTimeClosure);
            Assert.Equal(new Ratio(await mine.Where(satisfaction.Numerator).LongCountAsync(), await mine.Where(satisfaction.Denominator).LongCountAsync()), unit.Satisfaction);
            Assert.Equal(await mine.LongCountAsync(f => f.HandlingDueOn < today && f.HandlingMetOn == null && f.ClosedOn == null), unit.OverdueOpen);
            Assert.Equal(await mine.Where(IndicatorRules.Received(period)).LongCountAsync(), unit.Items);
        }

        // Every unit with anything to show is listed.
        var listed = result.Units.Select(u => u.OrganizationId).ToHashSet();
        var expectedUnits = new HashSet<Guid>();
        foreach (var condition in new[] { onTime.Denominator, satisfaction.Denominator, IndicatorRules.Received(period) })
        {
            expectedUnits.UnionWith(await units.Where(condition).Select(f => f.UnitOrganizationId!.Value).Distinct().ToListAsync());
        }

        Assert.Subset(listed, expectedUnits);
        // The province's year 2025 holds most generated items: there every figure has something to compare (a county of ~15 items may not).
        if (scope.StartsWith(Province.RootCode, StringComparison.Ordinal) && period.From == new DateOnly(2025, 1, 1) && period.To == new DateOnly(2025, 12, 31))
        {
            Assert.All(result.Indicators, i => Assert.True(i.Value.Denominator > 0, $"{scope}: {i.Name} has nothing below the line — the test would prove little"));
        }
    }

    private static async Task<Ratio> RatioAsync(IQueryable<ItemFacts> facts, FigureRule rule, Guid[] orgs)
    {
        var population = facts.Where(IndicatorRules.Population(rule.Side, orgs));
        var below = population.Where(rule.Denominator);
        var denominator = await below.LongCountAsync();
        var numerator = rule.Sum is { } sum
            ? denominator == 0 ? 0 : await below.Select(sum).Select(x => (long)x).SumAsync()
            : await population.Where(rule.Numerator).LongCountAsync();
        return new Ratio(numerator, denominator);
    }
}
