using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Statistics;
using Xinfang.Domain.Tests.Statistics;
using Xinfang.Web.Deadlines;
using Xinfang.Web.Identity;
using Xinfang.Web.Statistics;
using Xinfang.Web.Tests.Infrastructure;
using Xinfang.Web.Tests.Supervision;

namespace Xinfang.Web.Tests.Statistics;

/// <summary>
/// Issue 12 through the API and the database: the hand-computed world (<see cref="StatisticsWorld.Fixture"/>,
/// worked out in <c>HandComputedIndicatorTests</c>) loaded under 西湖区信访局 gives the same figures from
/// <c>GET /api/statistics</c>; every figure's SQL equals the same rule compiled in memory; the fact table is
/// in step with the items; 403 outside the caller's jurisdiction, 400 for bad input, and the items behind a
/// figure are only those the caller may see.
/// </summary>
public abstract class StatisticsApiTests(AppFixture fixture)
{
    private const string Registrar = "demo.xihu.registrar";

    private static readonly ConditionalWeakTable<XinfangApp, Task<StatisticsWorld>> Worlds = [];

    private static Task<StatisticsWorld> WorldAsync(XinfangApp app)
    {
        lock (Worlds)
        {
            return Worlds.GetValue(app, LoadAsync);
        }
    }

    /// <summary>The world under 西湖区信访局, saved as the app saves items (the interceptor writes the facts); the clock on 2026-04-20.</summary>
    private static async Task<StatisticsWorld> LoadAsync(XinfangApp app)
    {
        var xihu = await app.WithDbAsync(db => db.Organizations.SingleAsync(o => o.Code == "330106XFJ"));
        var w = StatisticsWorld.Fixture(xihu.Id, "T");
        var calendar = app.Services.GetRequiredService<DeadlineSettings>().Calendar;
        foreach (var p in w.Items)
        {
            p.Calendar = calendar;
        }

        await app.WithDbAsync(async db =>
        {
            db.Organizations.AddRange(w.Organizations);
            await db.SaveChangesAsync();
            db.Petitions.AddRange(w.Items);
            await db.SaveChangesAsync();
            await app.Services.GetRequiredService<OrganizationDirectory>().ReloadAsync(db, default);
            return 0;
        });
        if (app.Today() < StatisticsWorld.FixturePeriod.Today)
        {
            app.GoTo(StatisticsWorld.FixturePeriod.Today, 10);
        }

        return w;
    }

    private static string Query(Guid org, DateOnly from, DateOnly to) => $"organization={org}&from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}";

    private static (long, long) Figure(StatisticsResult r, string code, Side side)
    {
        var i = r.Indicators.Single(x => x.Code == code && x.Side == side);
        return (i.Value.Numerator, i.Value.Denominator);
    }

    [SkippableFact]
    public async Task The_hand_computed_world_gives_its_figures_through_the_api()
    {
        var app = fixture.App;
        var w = await WorldAsync(app);
        Assert.Equal(StatisticsWorld.FixturePeriod.Today, app.Today());
        var registrar = await app.StaffAsync(Registrar);
        var period = StatisticsWorld.FixturePeriod;
        var r = await registrar.Client.GetFromJsonAsync<StatisticsResult>($"/api/statistics?{Query(w.Province.Id, period.From, period.To)}", XinfangApp.Json);
        Assert.NotNull(r);

        // The hand-computed figures (see HandComputedIndicatorTests for the working).
        Assert.Equal((3, 4), Figure(r, IndicatorCodes.TimelyAcceptance, Side.Bureau));
        Assert.Equal((2, 2), Figure(r, IndicatorCodes.TimelyAcceptance, Side.Unit));
        Assert.Equal((3, 4), Figure(r, IndicatorCodes.OnTimeClosure, Side.All));
        Assert.Equal((1, 3), Figure(r, IndicatorCodes.Participation, Side.Bureau));
        Assert.Equal((1, 3), Figure(r, IndicatorCodes.Participation, Side.Unit));
        Assert.Equal((1, 1), Figure(r, IndicatorCodes.Satisfaction, Side.Bureau));
        Assert.Equal((0, 1), Figure(r, IndicatorCodes.Satisfaction, Side.Unit));
        Assert.Equal((1, 6), Figure(r, IndicatorCodes.Repeat, Side.All));
        Assert.Equal((1, 6), Figure(r, IndicatorCodes.OnlineShare, Side.All));
        Assert.Equal((16, 1), Figure(r, IndicatorCodes.AverageDays, Side.All));
        Assert.Equal((1, 2), Figure(r, IndicatorCodes.FirstTimeClosure, Side.All));
        Assert.Equal((1, 2), Figure(r, IndicatorCodes.Resolution, Side.All));
        long C(string code) => r.Counts.Single(c => c.Code == code).Value;
        Assert.Equal((3, 0, 1, 0, 1, 1, 1, 0), (C(CountCodes.Forwarded), C(CountCodes.Assigned), C(CountCodes.NotTakenUp), C(CountCodes.NotTakenUpAgain),
            C(CountCodes.Collective), C(CountCodes.SkipLevel), C(CountCodes.Reviews), C(CountCodes.ReReviews)));
        Assert.Equal(new VolumeRow("total", "合计", 8, 7, 18), r.Total);
        Assert.Equal(5, r.Breakdowns.Single(b => b.Code == BreakdownCodes.Channel).Rows.Single(x => x.Key == "Letter").Items);
        Assert.Equal(w.Province.Name, r.OrganizationName);
        Assert.Single(r.Months);
        Assert.Equal((7, 3, 4), (r.Months[0].Items, r.Months[0].OnTimeClosure.Numerator, r.Months[0].OnTimeClosure.Denominator));
        // Units: 住建 on time 3/3, its unit satisfaction 0/1, one item received in March; 人社 0/1 with B overdue now, D and J received.
        var housing = r.Units.Single(u => u.OrganizationId == w.Housing.Id);
        var labour = r.Units.Single(u => u.OrganizationId == w.Labour.Id);
        Assert.Equal((3L, 3L, 0L, 1L, 0L, 1L), (housing.OnTimeClosure.Numerator, housing.OnTimeClosure.Denominator, housing.Satisfaction.Numerator, housing.Satisfaction.Denominator, housing.OverdueOpen, housing.Items));
        Assert.Equal((0L, 1L, 1L, 2L), (labour.OnTimeClosure.Numerator, labour.OnTimeClosure.Denominator, labour.OverdueOpen, labour.Items));
        Assert.Equal(w.Labour.Id.ToString(), r.MostComplainedUnits[0].Key);
    }

    [SkippableFact]
    public async Task Every_figure_in_sql_equals_the_same_rule_in_memory_and_the_facts_are_in_step()
    {
        var app = fixture.App;
        var w = await WorldAsync(app);
        var registrar = await app.StaffAsync(Registrar);
        var today = app.Today();
        foreach (var (from, to) in new[] { (new DateOnly(2026, 1, 1), new DateOnly(2026, 4, 30)), (new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 28)), (new DateOnly(2026, 3, 15), new DateOnly(2026, 3, 31)) })
        {
            var r = (await registrar.Client.GetFromJsonAsync<StatisticsResult>($"/api/statistics?{Query(w.Province.Id, from, to)}", XinfangApp.Json))!;
            var orgs = w.Subtree(w.Province);
            var facts = await app.WithDbAsync(db => db.Set<ItemFacts>().AsNoTracking().ToListAsync());
            var period = new StatisticsPeriod(from, to, today);
            foreach (var rule in IndicatorRules.Indicators(period, StatisticsSettings.Default))
            {
                var side = rule.Side switch { StatisticsSide.Bureau => Side.Bureau, StatisticsSide.Unit => Side.Unit, _ => Side.All };
                Assert.Equal(InMemory.Figure(facts, orgs, period, rule.Code, rule.Side), Figure(r, rule.Code, side));
            }

            foreach (var count in IndicatorRules.Counts(period))
            {
                Assert.Equal(InMemory.Count(facts, orgs, period, count.Code), r.Counts.Single(c => c.Code == count.Code).Value);
            }
        }

        var check = await app.Services.GetRequiredService<StatisticsFactsMaintenance>().CheckAsync(default);
        Assert.True(check.InStep, $"missing {check.Missing}, different {check.Different}, orphans {check.Orphans}: {string.Join(",", check.Examples)}");
        Assert.True(check.Items >= w.Items.Count);
    }

    [SkippableFact]
    public async Task A_row_gone_wrong_is_found_by_the_check_and_put_right_by_the_rebuild()
    {
        var app = fixture.App;
        var w = await WorldAsync(app);
        var victim = w.Items[2].Id;
        await app.WithDbAsync(async db =>
        {
            var row = await db.Set<ItemFacts>().SingleAsync(f => f.PetitionId == victim);
            row.RatedOn = null;
            await db.SaveChangesAsync();
            return 0;
        });
        var admin = await app.StaffAsync("demo.zj.admin");
        var (status, body) = await admin.GetAsync("/api/statistics/facts/check");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, body["different"]!.GetValue<long>());
        Assert.Contains(victim, body["examples"]!.AsArray().Select(x => x!.GetValue<Guid>()));
        var registrar = await app.StaffAsync(Registrar);
        Assert.Equal(HttpStatusCode.Forbidden, (await registrar.PostAsync("/api/statistics/facts/rebuild", null)).Status);
        var (rebuilt, after) = await admin.PostAsync("/api/statistics/facts/rebuild", null);
        Assert.Equal(HttpStatusCode.OK, rebuilt);
        Assert.True(after["inStep"]!.GetValue<bool>(), after.ToJsonString());
    }

    [SkippableFact]
    public async Task Outside_the_callers_jurisdiction_or_role_is_403()
    {
        var app = fixture.App;
        var registrar = await app.StaffAsync(Registrar);
        var city = registrar.Org("330100XFJ");
        Assert.Equal(HttpStatusCode.Forbidden, (await registrar.GetAsync($"/api/statistics?organization={city}")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await registrar.GetAsync($"/api/statistics/items?organization={city}&code=repeat&part=denominator")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await registrar.GetAsync($"/api/statistics?organization={Guid.NewGuid()}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await registrar.GetAsync($"/api/statistics?organization={registrar.Org("330106ZJJ")}")).Status);

        var handler = await app.StaffAsync("demo.xihu.zjj.handler");
        Assert.Equal(HttpStatusCode.Forbidden, (await handler.GetAsync("/api/statistics")).Status);
        var head = await app.StaffAsync("demo.xihu.zjj.head");
        Assert.Equal(HttpStatusCode.OK, (await head.GetAsync("/api/statistics")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await head.GetAsync($"/api/statistics?organization={registrar.Org("330106XFJ")}")).Status);
        // Leaders read the numbers and, read-only, the items of their jurisdiction behind them (issue 13).
        var leader = await app.StaffAsync("demo.xihu.leader");
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync("/api/statistics")).Status);
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync("/api/statistics/items?code=repeat&part=denominator")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync($"/api/statistics/items?organization={city}&code=repeat&part=denominator")).Status);
        var anonymous = app.CreateClient(new() { AllowAutoRedirect = false });
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync("/api/statistics")).StatusCode);
    }

    [SkippableTheory]
    [InlineData("/api/statistics?from=2026-13-01", "from")]
    [InlineData("/api/statistics?from=1999-12-31", "from")]
    [InlineData("/api/statistics?to=2100-01-01", "to")]
    [InlineData("/api/statistics?from=2026-03-02&to=2026-03-01", "from")]
    [InlineData("/api/statistics?from=2020-01-01&to=2025-01-01", "to")]
    [InlineData("/api/statistics?organization=xyz", "organization")]
    [InlineData("/api/statistics/items?part=numerator", "code")]
    [InlineData("/api/statistics/items?code=nope", "code")]
    [InlineData("/api/statistics/items?code=repeat&part=sideways", "part")]
    [InlineData("/api/statistics/items?code=repeat&part=7", "part")]
    [InlineData("/api/statistics/items?code=satisfaction&side=middle", "side")]
    public async Task Bad_input_is_a_400_naming_the_field(string url, string field)
    {
        var registrar = await fixture.App.StaffAsync(Registrar);
        var (status, problem) = await registrar.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotNull(problem["errors"]![field]);
        Assert.Equal("提交的信息有误", problem["title"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task Five_years_to_the_day_is_allowed()
    {
        var registrar = await fixture.App.StaffAsync(Registrar);
        Assert.Equal(HttpStatusCode.OK, (await registrar.GetAsync("/api/statistics?from=2020-01-01&to=2024-12-31")).Status);
    }

    [SkippableFact]
    public async Task An_accusation_against_the_callers_own_body_counts_but_never_appears_behind_a_figure()
    {
        var app = fixture.App;
        var registrar = await app.StaffAsync(Registrar);
        var xihu = registrar.Org("330106XFJ");
        var (letter, _, _, _) = await registrar.RegisterAsync(AppExtensions.Letter("街道路灯长期不亮"));
        var accusation = AppExtensions.Letter("检举信访局工作人员推诿");
        accusation["category"] = "Accusation";
        accusation["purpose"] = "Accusation";
        accusation["accusedOrganizationId"] = xihu;
        var (accused, _, _, _) = await registrar.RegisterAsync(accusation);
        var today = app.Today();
        var scope = Query(xihu, today, today);

        var figures = (await registrar.Client.GetFromJsonAsync<StatisticsResult>($"/api/statistics?{scope}", XinfangApp.Json))!;
        var (_, received) = Figure(figures, IndicatorCodes.Repeat, Side.All);
        var behind = (await registrar.Client.GetFromJsonAsync<List<ItemBehindFigure>>($"/api/statistics/items?{scope}&code=repeat&part=denominator", XinfangApp.Json))!;
        Assert.Contains(behind, i => i.Id == letter);
        Assert.DoesNotContain(behind, i => i.Id == accused);
        Assert.Equal(received - 1, behind.Count);
        Assert.All(behind, i => Assert.DoesNotContain("11010519491231002X", i.Title, StringComparison.Ordinal));
        // The bureau's supervisor belongs to the accused body too: kept from them as well (条例 Art. 30 ¶3).
        var supervisor = await app.StaffAsync("demo.xihu.supervisor");
        var bySupervisor = (await supervisor.Client.GetFromJsonAsync<List<ItemBehindFigure>>($"/api/statistics/items?{scope}&code=repeat&part=denominator", XinfangApp.Json))!;
        Assert.DoesNotContain(bySupervisor, i => i.Id == accused);
    }
}

public sealed class StatisticsApiOnSqlite(SqliteFixture fixture) : StatisticsApiTests(fixture), IClassFixture<SqliteFixture>;

public sealed class StatisticsApiOnPostgres(PostgresFixture fixture) : StatisticsApiTests(fixture), IClassFixture<PostgresFixture>;

/// <summary>化解情况 at closing through the API (issue 12): with its reason, and counted by the 化解率.</summary>
public sealed class ResolutionAtClosingTests(SqliteFixture fixture) : IClassFixture<SqliteFixture>
{
    [Fact]
    public async Task Closing_with_an_outcome_needs_its_reason_and_lands_in_the_facts()
    {
        var app = fixture.App;
        // Answered by the bureau itself, so the bureau holds it when the 复查 window has lapsed and closes it.
        var registrar = await app.StaffAsync(SupervisionTestSupport.Registrar);
        var (id, _, _, _) = await registrar.RegisterAsync(AppExtensions.Letter("停车费退还"));
        await registrar.ActAsync(id, "answer", new { answer = "经核实，停车费将予退还。" });
        await registrar.ActAsync(id, "serve", new { method = "Post", servedOn = app.Today(), signedByPetitioner = true });
        app.GoTo(app.Today().AddDays(32));
        registrar = await app.StaffAsync(SupervisionTestSupport.Registrar); // a month later: signed in again

        var (noReason, problem) = await registrar.PostAsync($"/api/petitions/{id}/close", new { resolution = "Resolved" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason);
        Assert.NotNull(problem["errors"]!["resolutionReason"]);
        var (badValue, _) = await registrar.PostAsync($"/api/petitions/{id}/close", new { resolution = "Maybe", resolutionReason = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, badValue);

        var closed = await registrar.ActAsync(id, "close", new { resolution = "Resolved", resolutionReason = "停车费已退还，信访人表示满意" });
        Assert.Equal("Closed", closed.State());
        var facts = await app.WithDbAsync(db => db.Set<ItemFacts>().AsNoTracking().SingleAsync(f => f.PetitionId == id));
        Assert.Equal(Domain.Petitions.Resolution.Resolved, facts.Resolution);
        Assert.Equal(app.Today(), facts.ClosedOn);

        var today = app.Today();
        var r = (await registrar.Client.GetFromJsonAsync<StatisticsResult>($"/api/statistics?from={today:yyyy-MM-dd}&to={today:yyyy-MM-dd}", XinfangApp.Json))!;
        var resolution = r.Indicators.Single(i => i.Code == IndicatorCodes.Resolution);
        Assert.True(resolution.Value.Numerator >= 1 && resolution.Value.Denominator >= resolution.Value.Numerator);
        var behind = (await registrar.Client.GetFromJsonAsync<List<ItemBehindFigure>>($"/api/statistics/items?from={today:yyyy-MM-dd}&to={today:yyyy-MM-dd}&code=resolution&part=numerator", XinfangApp.Json))!;
        Assert.Contains(behind, i => i.Id == id);
        Assert.Equal(DeadlineTime.LocalDate(app.Clock.GetUtcNow()), today);
    }
}
