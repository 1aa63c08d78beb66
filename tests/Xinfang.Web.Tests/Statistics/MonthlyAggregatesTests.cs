using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Petitions;
using Xinfang.Domain.Statistics;
using Xinfang.Generate;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;
using Xinfang.Web.Statistics;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests.Statistics;

/// <summary>
/// The monthly aggregates (ADR 0122) stay equal to the fact rows through a realistic sequence of changes saved
/// by the app (each its own SaveChanges, so the interceptor appends deltas): items registered (the generator,
/// every lifecycle state), then forwarded, closed with a 化解情况, rated, voided and corrected over the following
/// weeks, the clock moving on so that the months of the changes end and are read from the aggregates. After each
/// round: the aggregates' sums equal those recomputed from the fact rows, the check says in step, and every figure
/// of the API equals the rule counted over the fact rows (FigureBatchTests' comparison), for the province and a county.
/// </summary>
public sealed class MonthlyAggregatesTests
{
    [SkippableFact]
    public Task SqliteAggregatesFollowChanges() => RunAsync(Provider.Sqlite);

    [SkippableFact]
    public Task PostgresAggregatesFollowChanges() => RunAsync(Provider.Postgres);

    /// <summary>
    /// The start warms the kept copy (ADR 0162): the ended months of this year and the two before are parsed before the first
    /// request, so a leader's first dashboard of the year (and its 同比 year) parses nothing.
    /// </summary>
    [Fact]
    public async Task StartParsesThisYearAndLastSoTheFirstDashboardParsesNothing()
    {
        using var app = new XinfangApp(Provider.Sqlite, start: new DateTimeOffset(2026, 3, 10, 10, 0, 0, TimeSpan.FromHours(8)));
        await Generator.RunAsync(app.Services, new GenerateOptions(300, Seed: 7, FirstYear: 2025, FocusYear: 2025, FocusShare: 0.5, Batch: 300), TextWriter.Null, default);
        var snapshots = app.Services.GetRequiredService<AggregateSnapshots>();
        snapshots.Clear(); // as a new process: nothing kept
        var warmUp = app.Services.GetServices<IHostedService>().OfType<StatisticsWarmUp>().Single();
        // 2025-01 … 2026-02: the months that have ended on 2026-03-10 (from 2024-01) and hold generated items.
        Assert.Equal(14, await warmUp.WarmAsync(DeadlineTime.LocalDate(app.Clock.GetUtcNow()), default));

        using var client = await app.SignInAsync("demo.zj.registrar");
        var root = await app.WithDbAsync(db => db.Organizations.Where(o => o.Code == Province.RootCode).Select(o => o.Id).SingleAsync());
        var warmed = snapshots.MonthsParsed;
        await client.GetStringAsync($"/api/statistics?organization={root}&from=2025-01-01&to=2025-12-31");
        await client.GetStringAsync($"/api/statistics?organization={root}&from=2026-01-01&to=2026-12-31");
        Assert.Equal(warmed, snapshots.MonthsParsed);
    }

    private static async Task RunAsync(Provider provider)
    {
        if (provider == Provider.Postgres)
        {
            TestServices.RequirePostgres();
        }

        using var app = new XinfangApp(provider, start: new DateTimeOffset(2026, 3, 10, 10, 0, 0, TimeSpan.FromHours(8)));
        await Generator.RunAsync(app.Services, new GenerateOptions(600, Seed: 5, FirstYear: 2025, FocusYear: 2025, FocusShare: 0.5, Batch: 300), TextWriter.Null, default);
        var settings = app.Services.GetRequiredService<StatisticsSettings>();
        var tree = app.Services.GetRequiredService<OrganizationDirectory>().Tree;
        await AssertInStepAsync(app, settings, "after registration");

        var random = new Random(3);
        var changed = new Dictionary<string, int>();
        // One change of kind `step` to the item, saved as the app saves (the interceptor writes the deltas); false when
        // the step does not fit the item's state.
        async Task<bool> TryStepAsync(Guid id, int step)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var p = await db.PetitionsAcrossDeployment.SingleAsync(x => x.Id == id);
            var org = await db.Organizations.SingleAsync(o => o.Id == p.CurrentOrganizationId);
            var actor = new Actor("test", "经办人", org.Id);
            var now = app.Clock.GetUtcNow();
            try
            {
                switch (step)
                {
                    case 0:
                        var unit = await db.Organizations.Where(o => o.ParentId == org.Id).OrderBy(o => o.Code).FirstOrDefaultAsync();
                        if (unit is null)
                        {
                            return false;
                        }

                        p.Forward(unit, tree, null, actor, now);
                        break;
                    case 1:
                        p.Close(null, actor, now, resolution: random.Next(2) == 0 ? Resolution.Resolved : Resolution.NotResolved, resolutionReason: "测试");
                        break;
                    case 2:
                        p.Rate(Satisfaction.Satisfied, null, random.Next(2) == 0 ? Satisfaction.Dissatisfied : Satisfaction.BasicallySatisfied, null, Actor.Petitioner(p.RegisteringOrganizationId), now);
                        break;
                    case 3:
                        p.VoidRegistration("重复登记，作废", new Actor("test", "登记员", p.RegisteringOrganizationId), now);
                        break;
                    default:
                        p.CorrectRegistration(new RegistrationCorrection(Purpose: p.Purpose == PetitionPurpose.Demand ? PetitionPurpose.Suggestion : PetitionPurpose.Demand), new Actor("test", "登记员", p.RegisteringOrganizationId), now);
                        break;
                }
            }
            catch (Exception e) when (e is DomainRuleViolation or InvalidOperationException or ArgumentException)
            {
                return false; // the step does not fit the item's state: as in the app, nothing is saved
            }

            await db.SaveChangesAsync();
            changed[step.ToString(System.Globalization.CultureInfo.InvariantCulture)] = changed.GetValueOrDefault(step.ToString(System.Globalization.CultureInfo.InvariantCulture)) + 1;
            return true;
        }

        for (var round = 0; round < 3; round++)
        {
            var ids = await app.WithDbAsync(db => db.PetitionsAcrossDeployment.Where(p => p.VoidedAt == null).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync());
            foreach (var id in ids.OrderBy(_ => random.Next()).Take(60))
            {
                await TryStepAsync(id, random.Next(5));
            }

            // Every kind of change at least once in the first round, whichever items the random walk met (the
            // providers list the items in different orders): the first item it fits.
            foreach (var missing in Enumerable.Range(0, 5).Where(s => round == 0 && !changed.ContainsKey(s.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList())
            {
                foreach (var id in ids)
                {
                    if (await TryStepAsync(id, missing))
                    {
                        break;
                    }
                }
            }

            app.Advance(TimeSpan.FromDays(25));
            await AssertInStepAsync(app, settings, $"after round {round}");
        }

        // Every kind of change happened at least once (the test would prove little otherwise).
        Assert.All(Enumerable.Range(0, 5), s => Assert.True(changed.GetValueOrDefault(s.ToString(System.Globalization.CultureInfo.InvariantCulture)) > 0, $"step {s} never applied"));
        // The deltas of ended months merge without changing a sum.
        await app.WithDbAsync(db => MonthlyAggregates.CompactAsync(db, new DateOnly(2026, 12, 1), default));
        await AssertInStepAsync(app, settings, "after compaction");
    }

    private static async Task AssertInStepAsync(XinfangApp app, StatisticsSettings settings, string when)
    {
        var layout = MonthlyAggregates.Layout(settings);
        var differences = await app.WithDbAsync(async db => MonthlyAggregates.Differences(await MonthlyAggregates.FromFactsAsync(db, settings, default), await MonthlyAggregates.StoredAsync(db, layout, default)));
        Assert.True(differences.Count == 0, $"{when}: {differences.Count} aggregate keys differ from the fact rows, e.g. {differences.FirstOrDefault()}");
        Assert.True(await app.WithDbAsync(db => MonthlyAggregates.ReadyAsync(db, layout, default)), $"{when}: aggregates not marked ready");
        var check = await app.Services.GetRequiredService<StatisticsFactsMaintenance>().CheckAsync(default);
        Assert.True(check.InStep, $"{when}: {check}");

        var today = DeadlineTime.LocalDate(app.Clock.GetUtcNow());
        var directory = app.Services.GetRequiredService<OrganizationDirectory>();
        using var client = await app.SignInAsync("demo.zj.registrar");
        foreach (var code in new[] { Province.RootCode, "330302XFJ" })
        {
            var org = await app.WithDbAsync(db => db.Organizations.Where(o => o.Code == code).Select(o => o.Id).SingleAsync());
            var orgs = directory.Subtree(org).ToArray();
            foreach (var (from, to) in new (DateOnly, DateOnly)[] { (new(2025, 1, 1), new(2025, 12, 31)), (new(2025, 11, 15), today), (new(2026, 1, 1), new(2026, 12, 31)) })
            {
                var result = await client.GetFromJsonAsync<StatisticsResult>($"/api/statistics?organization={org}&from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}", XinfangApp.Json);
                await app.WithDbAsync(async db =>
                {
                    await FigureBatchTests.AssertSameAsync(db.Set<ItemFacts>().AsNoTracking(), orgs, new StatisticsPeriod(from, to, today), settings, result!, $"{when} {code} {from}–{to}");
                    return 0;
                });
            }
        }

        // The months' rows are kept between reads (ADR 0162): asking again with nothing changed parses no month,
        // while every comparison above, made after changes, proves a kept month is never read stale.
        var snapshots = app.Services.GetRequiredService<AggregateSnapshots>();
        var root = await app.WithDbAsync(db => db.Organizations.Where(o => o.Code == Province.RootCode).Select(o => o.Id).SingleAsync());
        var year = $"/api/statistics?organization={root}&from=2025-01-01&to=2025-12-31";
        var first = await client.GetStringAsync(year);
        var parsed = snapshots.MonthsParsed;
        Assert.Equal(first, await client.GetStringAsync(year));
        Assert.Equal(parsed, snapshots.MonthsParsed);
    }
}
