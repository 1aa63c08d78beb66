using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xinfang.Domain.Petitions;
using Xinfang.Domain.Statistics;
using Xinfang.Domain.Tests.Statistics;
using Xinfang.Web.Audit;
using Xinfang.Web.Deadlines;
using Xinfang.Web.Identity;
using Xinfang.Web.Statistics;
using Xinfang.Web.Tests.Infrastructure;
using Xinfang.Web.Tests.Security;
using Xinfang.Web.Tests.Supervision;
using Item = Xinfang.Domain.Tests.Statistics.ReviewsWorld.Item;

namespace Xinfang.Web.Tests.Statistics;

/// <summary>
/// stats-reviews (issue 12) through the API and the database: the second hand-computed world
/// (<see cref="ReviewsWorld.Build"/>: 复查/复核 outcomes, 进京/赴省访, a 化解情况 recorded after the sweeper
/// closed the item) under 西湖区信访局 gives its March figures and the items behind them; the outcome is required
/// of every new opinion; a 化解情况 is recorded after closing by the bureau above, once, audited and counted.
/// </summary>
public abstract class ReviewsAndVisitsApiTests(AppFixture fixture)
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

    private static async Task<StatisticsWorld> LoadAsync(XinfangApp app)
    {
        var xihu = await app.WithDbAsync(db => db.Organizations.SingleAsync(o => o.Code == "330106XFJ"));
        var w = ReviewsWorld.Build(xihu.Id, "RV");
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

    private static string March(Guid org) => $"organization={org}&from=2026-03-01&to=2026-03-31";

    [SkippableFact]
    public async Task The_world_gives_its_outcomes_visits_and_late_resolution_with_the_items_behind_them()
    {
        var app = fixture.App;
        var w = await WorldAsync(app);
        var registrar = await app.StaffAsync(Registrar);
        var r = (await registrar.Client.GetFromJsonAsync<StatisticsResult>($"/api/statistics?{March(w.Province.Id)}", XinfangApp.Json))!;
        long C(string code) => r.Counts.Single(c => c.Code == code).Value;

        // Worked out by hand in ReviewsAndVisitsTests (domain tests): 复查 维持 R1, 变更 R2 (R3's 撤销 is April's, R4 has no outcome);
        // 复核 撤销 R1; requests 3 and 1; 进京访 V1, 赴省访 V2; X1's 化解 recorded after the sweeper closed it in March.
        Assert.Equal((1L, 0L, 1L), (C(CountCodes.ReviewsUpheld), C(CountCodes.ReviewsRevoked), C(CountCodes.ReviewsChanged)));
        Assert.Equal((0L, 1L, 0L), (C(CountCodes.ReReviewsUpheld), C(CountCodes.ReReviewsRevoked), C(CountCodes.ReReviewsChanged)));
        Assert.Equal((3L, 1L), (C(CountCodes.Reviews), C(CountCodes.ReReviews)));
        Assert.Equal((1L, 1L), (C(CountCodes.SkipLevelToCapital), C(CountCodes.SkipLevelToProvince)));
        var resolution = r.Indicators.Single(i => i.Code == IndicatorCodes.Resolution);
        Assert.Equal((1L, 1L, 0L), (resolution.Value.Numerator, resolution.Value.Denominator, C(CountCodes.ResolutionUnrecorded)));
        var visits = r.Breakdowns.Single(b => b.Code == BreakdownCodes.SkipLevelVisits);
        Assert.Equal([new VolumeRow("capital", "进京访", 2, 1, 5), new VolumeRow("province", "赴省访", 1, 1, 3)], visits.Rows);

        // The drill-down: exactly the items worked out above.
        async Task<Guid[]> Behind(string code, string part = "numerator") =>
            [.. (await registrar.Client.GetFromJsonAsync<List<ItemBehindFigure>>($"/api/statistics/items?{March(w.Province.Id)}&code={code}&part={part}", XinfangApp.Json))!.Select(i => i.Id)];
        Guid Id(Item item) => w.Items[(int)item].Id;
        Assert.Equal([Id(Item.R1)], await Behind(CountCodes.ReviewsUpheld));
        Assert.Equal([Id(Item.R2)], await Behind(CountCodes.ReviewsChanged));
        Assert.Empty(await Behind(CountCodes.ReviewsRevoked));
        Assert.Equal([Id(Item.R1)], await Behind(CountCodes.ReReviewsRevoked));
        Assert.Equal([Id(Item.V1)], await Behind(CountCodes.SkipLevelToCapital));
        Assert.Equal([Id(Item.V2)], await Behind(CountCodes.SkipLevelToProvince));
        Assert.Equal([Id(Item.X1)], await Behind(IndicatorCodes.Resolution));
        Assert.Equal([Id(Item.X1)], await Behind(IndicatorCodes.Resolution, "denominator"));

        // The same counts in SQL as compiled in memory over the stored rows, for other periods too.
        var facts = await app.WithDbAsync(db => db.Set<ItemFacts>().AsNoTracking().ToListAsync());
        foreach (var (from, to) in new[] { (new DateOnly(2026, 2, 1), new DateOnly(2026, 4, 30)), (new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 30)) })
        {
            var period = new StatisticsPeriod(from, to, app.Today());
            var other = (await registrar.Client.GetFromJsonAsync<StatisticsResult>($"/api/statistics?organization={w.Province.Id}&from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}", XinfangApp.Json))!;
            foreach (var count in IndicatorRules.ReviewOutcomeCounts(period).Concat(IndicatorRules.SkipLevelCounts(period)))
            {
                Assert.Equal(InMemory.Count(facts, w.Subtree(w.Province), period, count.Code), other.Counts.Single(c => c.Code == count.Code).Value);
            }
        }
    }

    [SkippableFact]
    public async Task A_review_opinion_needs_its_outcome_and_the_petitioner_reads_it_in_plain_words()
    {
        var app = fixture.App;
        var (id, _, number, code) = await ServedItemWithCodeAsync(app, "复查结论测试");
        var registrar = await app.StaffAsync(Registrar);
        await registrar.ActAsync(id, "review", new { reviewOrganizationId = registrar.Org("330100ZJJ"), reasons = "对处理意见不服" });
        var reviewer = await app.StaffAsync("demo.hz.zjj.reviewer");
        var version = await app.WithDbAsync(db => db.Petitions.Where(p => p.Id == id).Select(p => p.Version).SingleAsync());

        var (missing, problem) = await reviewer.PostAsync($"/api/petitions/{id}/review-opinion", new { opinion = "维持原处理意见" });
        Assert.Equal(HttpStatusCode.BadRequest, missing);
        Assert.Contains("请选择复查结论", problem["errors"]!["outcome"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        var (unknown, garbled) = await reviewer.PostAsync($"/api/petitions/{id}/review-opinion", new { opinion = "维持原处理意见", outcome = "Maybe" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown);
        Assert.Equal("请求格式有误", garbled["title"]!.GetValue<string>());
        var (asNumber, _) = await reviewer.PostAsync($"/api/petitions/{id}/review-opinion", new { opinion = "维持原处理意见", outcome = 7 });
        Assert.Equal(HttpStatusCode.BadRequest, asNumber);
        Assert.Equal(version, await app.WithDbAsync(db => db.Petitions.Where(p => p.Id == id).Select(p => p.Version).SingleAsync()));

        var done = await reviewer.ActAsync(id, "review-opinion", new { opinion = "补偿标准适用有误，予以变更。", outcome = "Changed" });
        Assert.Equal("提出复查意见：变更原处理意见", done["history"]!.AsArray()[^1]!["summary"]!.GetValue<string>());
        Assert.Equal("Changed", done["reviewOutcome"]!.GetValue<string>());
        Assert.Equal("变更", done["reviewOutcomeName"]!.GetValue<string>());
        Assert.Null(done["reReviewOutcome"]);
        // The petitioner reads it on /track in the same plain words, and the written opinion opens with it.
        var track = await app.CreateClient().PostAsJsonAsync("/api/public/progress", new { number, queryCode = code }, XinfangApp.Json);
        Assert.Equal(HttpStatusCode.OK, track.StatusCode);
        var progress = await Staff.ReadAsync(track);
        Assert.Contains(progress["steps"]!.AsArray(), x => x!["summary"]!.GetValue<string>() == "提出复查意见：变更原处理意见");
        Assert.StartsWith("复查结论：变更原处理意见。", progress["documents"]!.AsArray().Single(d => d!["title"]!.GetValue<string>() == "复查意见书")!["body"]!.GetValue<string>(), StringComparison.Ordinal);
        var facts = await app.WithDbAsync(db => db.Set<ItemFacts>().AsNoTracking().SingleAsync(f => f.PetitionId == id));
        Assert.Equal((ReviewOutcome.Changed, app.Today()), (facts.ReviewOutcome!.Value, facts.ReviewOpinionOn!.Value));
        // Counted and behind the figure for today.
        var today = $"from={app.Today():yyyy-MM-dd}&to={app.Today():yyyy-MM-dd}";
        var behind = (await registrar.Client.GetFromJsonAsync<List<ItemBehindFigure>>($"/api/statistics/items?{today}&code={CountCodes.ReviewsChanged}&part=numerator", XinfangApp.Json))!;
        Assert.Contains(behind, i => i.Id == id);
    }

    [SkippableFact]
    public async Task A_skip_level_visit_is_registered_only_as_a_visit_and_counted_in_batches_and_people()
    {
        var app = fixture.App;
        var registrar = await app.StaffAsync(Registrar);
        var letter = AppExtensions.Letter("进京反映拆迁补偿");
        letter["skipLevelDestination"] = "Capital";
        var (notVisit, problem) = await registrar.PostAsync("/api/petitions", letter);
        Assert.Equal(HttpStatusCode.BadRequest, notVisit);
        Assert.Contains("来访", problem["errors"]!["skipLevelDestination"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        var visit = AppExtensions.Letter("进京反映拆迁补偿");
        visit["form"] = "Visit";
        visit["headCount"] = 4;
        visit["visitBatches"] = 2;
        visit["skipLevelDestination"] = "Moon";
        Assert.Equal(HttpStatusCode.BadRequest, (await registrar.PostAsync("/api/petitions", visit)).Status);

        var today = $"from={app.Today():yyyy-MM-dd}&to={app.Today():yyyy-MM-dd}";
        var before = (await registrar.Client.GetFromJsonAsync<StatisticsResult>($"/api/statistics?{today}", XinfangApp.Json))!;
        visit["skipLevelDestination"] = "Capital";
        var (id, _, _, _) = await registrar.RegisterAsync(visit);
        var after = (await registrar.Client.GetFromJsonAsync<StatisticsResult>($"/api/statistics?{today}", XinfangApp.Json))!;
        VolumeRow Row(StatisticsResult r) => r.Breakdowns.Single(b => b.Code == BreakdownCodes.SkipLevelVisits).Rows.SingleOrDefault(x => x.Key == "capital") ?? new("capital", "进京访", 0, 0, 0);
        Assert.Equal((Row(before).Batches + 2, Row(before).Items + 1, Row(before).Persons + 4), (Row(after).Batches, Row(after).Items, Row(after).Persons));
        Assert.Equal(before.Counts.Single(c => c.Code == CountCodes.SkipLevelToCapital).Value + 1, after.Counts.Single(c => c.Code == CountCodes.SkipLevelToCapital).Value);
        var behind = (await registrar.Client.GetFromJsonAsync<List<ItemBehindFigure>>($"/api/statistics/items?{today}&code={CountCodes.SkipLevelToCapital}&part=numerator", XinfangApp.Json))!;
        Assert.Contains(behind, i => i.Id == id);
    }

    [SkippableFact]
    public async Task A_swept_item_gets_its_resolution_afterwards_from_the_bureau_above_once_audited_and_counted()
    {
        var app = fixture.App;
        var (id, servedOn) = await ServedItemAsync(app, "期满办结后补记化解情况");
        app.GoTo(servedOn.AddDays(31));
        Assert.True((await app.SweepAsync()).ItemsClosed >= 1);
        var closedOn = app.Today();
        var period = $"from={closedOn:yyyy-MM-dd}&to={closedOn:yyyy-MM-dd}";
        var registrar = await app.StaffAsync(Registrar);
        async Task<Guid[]> Behind(string code, string part = "numerator") =>
            [.. (await registrar.Client.GetFromJsonAsync<List<ItemBehindFigure>>($"/api/statistics/items?{period}&code={code}&part={part}", XinfangApp.Json))!.Select(i => i.Id)];
        Assert.Contains(id, await Behind(CountCodes.ResolutionUnrecorded));
        Assert.DoesNotContain(id, await Behind(IndicatorCodes.Resolution, "denominator"));

        // The page offers the form to the bureau above the unit that holds the closed item.
        var page = await registrar.Client.GetStringAsync($"/petitions/{id}");
        Assert.Contains("<button type=\"submit\">补记化解情况</button>", page, StringComparison.Ordinal);

        // Bad input changes nothing; the unit's handler may not; the registrar records it through the page form.
        var (missing, problem) = await registrar.PostAsync($"/api/petitions/{id}/resolution", new { reason = "已解决" });
        Assert.Equal(HttpStatusCode.BadRequest, missing);
        Assert.NotNull(problem["errors"]!["resolution"]);
        var (noReason, _) = await registrar.PostAsync($"/api/petitions/{id}/resolution", new { resolution = "Resolved" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason);
        var handler = await app.StaffAsync("demo.xihu.zjj.handler");
        Assert.Equal(HttpStatusCode.Forbidden, (await handler.PostAsync($"/api/petitions/{id}/resolution", new { resolution = "Resolved", reason = "已解决" })).Status);
        var audited = await app.WithDbAsync(db => db.Set<AuditEntry>().CountAsync());

        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "record-resolution",
            ["__RequestVerificationToken"] = await SecurityApp.AntiforgeryTokenAsync(registrar.Client, $"/petitions/{id}"),
            ["Resolution.Resolution"] = "Resolved",
            ["Resolution.Reason"] = "停车费已退还，信访人表示接受",
        });
        var posted = await registrar.Client.PostAsync($"/petitions/{id}", form);
        var answer = await posted.Content.ReadAsStringAsync();
        Assert.True(posted.IsSuccessStatusCode, $"{(int)posted.StatusCode}");
        Assert.Matches(new Regex("已补记化解情况：<strong>化解</strong>"), answer);

        var row = await app.WithDbAsync(db => db.Set<ItemFacts>().AsNoTracking().SingleAsync(f => f.PetitionId == id));
        Assert.Equal((Resolution.Resolved, closedOn), (row.Resolution!.Value, row.ClosedOn!.Value));
        Assert.True(await app.WithDbAsync(db => db.Set<AuditEntry>().CountAsync()) > audited);
        Assert.Contains(id, await Behind(IndicatorCodes.Resolution));
        Assert.DoesNotContain(id, await Behind(CountCodes.ResolutionUnrecorded));
        var (history, detail) = await registrar.GetAsync($"/api/petitions/{id}");
        Assert.Equal(HttpStatusCode.OK, history);
        var line = detail["history"]!.AsArray()[^1]!;
        Assert.Equal(("补记化解情况", "办结后补记化解情况：化解（停车费已退还，信访人表示接受）"), (line["actionName"]!.GetValue<string>(), line["summary"]!.GetValue<string>()));

        // Once: a second outcome is a 409, and the page now only shows it.
        var (again, conflict) = await registrar.PostAsync($"/api/petitions/{id}/resolution", new { resolution = "NotResolved", reason = "改判" });
        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.Equal("resolution-recorded", conflict["code"]!.GetValue<string>());
        Assert.DoesNotContain("补记化解情况</button>", await registrar.Client.GetStringAsync($"/petitions/{id}"), StringComparison.Ordinal);
    }

    /// <summary>Forwarded to 西湖区住建局, decided and served today: the unit holds it.</summary>
    private static async Task<(Guid Id, DateOnly ServedOn)> ServedItemAsync(XinfangApp app, string title)
    {
        var (id, servedOn, _, _) = await ServedItemWithCodeAsync(app, title);
        return (id, servedOn);
    }

    /// <summary>The same, with the number and query code the petitioner tracks it by.</summary>
    private static async Task<(Guid Id, DateOnly ServedOn, string Number, string Code)> ServedItemWithCodeAsync(XinfangApp app, string title)
    {
        var registrar = await app.StaffAsync(Registrar);
        var (id, number, code, _) = await registrar.RegisterAsync(AppExtensions.Letter(title));
        await registrar.ActAsync(id, "forward", new { targetOrganizationId = registrar.Org("330106ZJJ") });
        var handler = await app.StaffAsync("demo.xihu.zjj.handler");
        await handler.ActAsync(id, "accept");
        await handler.ActAsync(id, "route", new { route = "Investigate" });
        var head = await app.StaffAsync("demo.xihu.zjj.head"); // the head issues the 处理意见 (issue 13: a handler drafts)
        await head.ActAsync(id, "decide", new { outcome = "NotSupport", petitionerRequest = "退费", facts = "收费经业主大会表决", reasons = "收费有据", legalBasis = "《物业管理条例》" });
        var today = app.Today();
        await handler.ActAsync(id, "serve", new { method = "InPerson", servedOn = today, signedByPetitioner = true });
        return (id, today, number, code);
    }
}

public sealed class ReviewsAndVisitsApiOnSqlite(SqliteFixture fixture) : ReviewsAndVisitsApiTests(fixture), IClassFixture<SqliteFixture>;

public sealed class ReviewsAndVisitsApiOnPostgres(PostgresFixture fixture) : ReviewsAndVisitsApiTests(fixture), IClassFixture<PostgresFixture>;
