using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Deadlines;
using Xinfang.Web.Tests.Infrastructure;
using Xinfang.Web.Tests.Supervision;

namespace Xinfang.Web.Tests;

/// <summary>
/// 发生日期 over HTTP, on SQLite and PostgreSQL: every action takes <c>occurredOn</c>, the clocks start
/// from it (条例 Arts. 23 ¶3, 34, 35, 36), its bounds answer 400 naming the field, a date outside any
/// calendar is a 400 (never a 500), and the history keeps the day beside the entry time and who entered it.
/// </summary>
public abstract class EffectiveDateApiTests(AppFixture fixture)
{
    private const string Registrar = "demo.xihu.registrar";
    private const string Handler = "demo.xihu.zjj.handler";

    private XinfangApp App => fixture.App;

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static JsonNode Clock(JsonNode petition, string kind) =>
        petition["deadlines"]!.AsArray().Last(d => d!["kind"]!.GetValue<string>() == kind)!;

    /// <summary>A letter received <paramref name="daysAgo"/> days ago and forwarded to the Xihu housing bureau the next day.</summary>
    private async Task<(Guid Id, Staff Registrar, Staff Handler, DateOnly Today)> ForwardedAsync(int daysAgo, string title)
    {
        var today = App.Today();
        var registrar = await App.StaffAsync(Registrar);
        var letter = AppExtensions.Letter(title);
        letter["receivedAt"] = new DateTimeOffset(today.AddDays(-daysAgo).ToDateTime(new TimeOnly(9, 0)), DeadlineTime.Offset);
        var (id, _, _, _) = await registrar.RegisterAsync(letter);
        await registrar.ActAsync(id, "forward", new { targetOrganizationId = registrar.Org("330106ZJJ"), occurredOn = today.AddDays(1 - daysAgo) });
        return (id, registrar, await App.StaffAsync(Handler), today);
    }

    private async Task<(Guid Id, Staff Registrar, Staff Handler, DateOnly Today)> ServedAsync(int servedDaysAgo, string title)
    {
        var (id, registrar, handler, today) = await ForwardedAsync(servedDaysAgo + 10, title);
        await handler.ActAsync(id, "accept", new { occurredOn = today.AddDays(-servedDaysAgo - 8) });
        await handler.ActAsync(id, "route", new { route = "Investigate", occurredOn = today.AddDays(-servedDaysAgo - 8) });
        await (await App.StaffAsync("demo.xihu.zjj.head")).ActAsync(id, "decide", new { outcome = "Support", petitionerRequest = "退还停车费", facts = "物业未经表决收费", reasons = "收费缺乏依据", legalBasis = "《物业管理条例》第四十条", occurredOn = today.AddDays(-servedDaysAgo - 2) });
        var served = await handler.ActAsync(id, "serve", new { method = "Post", signedByPetitioner = true, occurredOn = today.AddDays(-servedDaysAgo) });
        Assert.Equal(Iso(today.AddDays(-servedDaysAgo)), served["servedOn"]!.GetValue<string>());
        return (id, registrar, handler, today);
    }

    private async Task AssertBadFieldAsync(Staff staff, string url, object body, string field, Guid? unchanged = null)
    {
        var before = unchanged is { } id ? await App.WithDbAsync(db => db.Petitions.Where(p => p.Id == id).Select(p => p.Version).SingleAsync()) : 0;
        var (status, problem) = await staff.PostAsync(url, body);

        Assert.True(status == HttpStatusCode.BadRequest, $"{url}: {(int)status} {problem.ToJsonString()}");
        Assert.True(problem["errors"]?.AsObject().ContainsKey(field) == true, $"expected an error for {field}, got {problem.ToJsonString()}");
        if (unchanged is { } same)
        {
            Assert.Equal(before, await App.WithDbAsync(db => db.Petitions.Where(p => p.Id == same).Select(p => p.Version).SingleAsync()));
        }
    }

    [SkippableFact]
    public async Task A_review_request_handed_in_on_day_30_and_entered_on_day_31_is_taken_up_Art_35()
    {
        // Served 31 days ago: the 30 days ran to yesterday (day 30); the request was handed in then.
        var (id, registrar, _, today) = await ServedAsync(31, "复查请求第30日递交第31日录入");

        var review = await registrar.ActAsync(id, "review", new { reviewOrganizationId = registrar.Org("330100ZJJ"), reasons = "对处理意见不服", occurredOn = today.AddDays(-1) });

        Assert.Equal("UnderReview", review.State());
        var opinion = Clock(review, "ReviewOpinion");
        Assert.Equal(Iso(today.AddDays(-1)), opinion["startedOn"]!.GetValue<string>());
        Assert.Equal(Iso(today.AddDays(29)), opinion["dueOn"]!.GetValue<string>());
        var entry = review["history"]!.AsArray().Last()!;
        Assert.Equal(Iso(today.AddDays(-1)), entry["occurredOn"]!.GetValue<string>());
        Assert.Equal("王登记", entry["recordedBy"]!.GetValue<string>());
        Assert.Equal(App.Clock.GetUtcNow(), entry["recordedAt"]!.GetValue<DateTimeOffset>());
    }

    [SkippableFact]
    public async Task A_unit_records_a_paper_receipt_three_days_ago_and_its_notice_and_objection_clocks_start_then_Art_23()
    {
        // Mon 11 May 2026: the letter came by post on Fri 8 May; Sat 9 May was a 劳动节 make-up working day.
        var monday = new DateOnly(2026, 5, 11);
        Skip.If(App.Today() > monday, "the shared clock is already past 11 May 2026");
        if (App.Today() < monday)
        {
            App.GoTo(monday, 10);
        }

        var (id, _, handler, today) = await ForwardedAsync(14, "纸质转送件三日前收到");

        var received = await handler.ActAsync(id, "receipt", new { occurredOn = today.AddDays(-3) });

        Assert.Equal("Forwarded", received.State());
        var objection = Clock(received, "ForwardObjection");
        Assert.Equal("2026-05-08", objection["startedOn"]!.GetValue<string>());
        // 5 working days: Sat 9 (调休上班) 1, Mon 11 2, Tue 12 3, Wed 13 4, Thu 14 5.
        Assert.Equal("2026-05-14", objection["dueOn"]!.GetValue<string>());
        var notice = Clock(received, "NoticeOfReceipt");
        Assert.Equal("2026-05-08", notice["startedOn"]!.GetValue<string>());
        Assert.Equal("2026-05-23", notice["dueOn"]!.GetValue<string>());
        var entry = received["history"]!.AsArray().Last()!;
        Assert.Equal("RecordReceipt", entry["action"]!.GetValue<string>());
        Assert.Equal("2026-05-08", entry["occurredOn"]!.GetValue<string>());
        Assert.Equal("张承办", entry["recordedBy"]!.GetValue<string>());

        // And the audit trail records the day it happened beside who entered it and when.
        var audit = await App.WithDbAsync(db => db.AuditEntries.Where(a => a.SubjectId == id.ToString()).OrderByDescending(a => a.Sequence).Select(a => a.Summary).FirstAsync());
        Assert.Contains("发生日期2026-05-08", audit, StringComparison.Ordinal);
        Assert.Contains("张承办录入于2026-05-11", audit, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_date_in_the_future_is_a_400_naming_occurredOn_and_changes_nothing()
    {
        var (id, _, handler, today) = await ForwardedAsync(5, "发生日期不能晚于今天");

        await AssertBadFieldAsync(handler, $"/api/petitions/{id}/accept", new { occurredOn = today.AddDays(1) }, "occurredOn", id);
        await AssertBadFieldAsync(handler, $"/api/petitions/{id}/receipt", new { occurredOn = today.AddDays(1) }, "occurredOn", id);
    }

    [SkippableFact]
    public async Task A_date_before_the_step_it_follows_is_a_400()
    {
        var (id, _, handler, today) = await ForwardedAsync(5, "发生日期不能早于上一步骤");

        // Forwarded 4 days ago: acceptance cannot be 5 days ago.
        await AssertBadFieldAsync(handler, $"/api/petitions/{id}/accept", new { occurredOn = today.AddDays(-5) }, "occurredOn", id);
        var (served, _, _, _) = await ServedAsync(3, "送达不能早于处理意见");
        // A 复查 request cannot precede the reply it challenges.
        var registrar = await App.StaffAsync(Registrar);
        await AssertBadFieldAsync(registrar, $"/api/petitions/{served}/review", new { reviewOrganizationId = registrar.Org("330100ZJJ"), reasons = "不服", occurredOn = today.AddDays(-4) }, "occurredOn", served);
    }

    [SkippableFact]
    public async Task A_service_date_before_the_decision_is_a_400_naming_servedOn()
    {
        var (id, _, handler, today) = await ForwardedAsync(6, "送达日期早于处理意见");
        await handler.ActAsync(id, "accept");
        await handler.ActAsync(id, "route", new { route = "Investigate" });
        await (await App.StaffAsync("demo.xihu.zjj.head")).ActAsync(id, "decide", new { outcome = "Support", petitionerRequest = "退费", facts = "收费无据", reasons = "应退", legalBasis = "条例" });

        await AssertBadFieldAsync(handler, $"/api/petitions/{id}/serve", new { method = "Post", signedByPetitioner = true, servedOn = today.AddDays(-1) }, "servedOn", id);
    }

    [SkippableTheory]
    [InlineData("9999-12-31")]
    [InlineData("0001-01-01")]
    public async Task Dates_outside_any_calendar_are_400_naming_the_field_never_500(string date)
    {
        var day = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);
        var registrar = await App.StaffAsync(Registrar);
        var (id, _, _, _) = await registrar.RegisterAsync(AppExtensions.Letter("日期超出日历范围"));

        await AssertBadFieldAsync(registrar, $"/api/petitions/{id}/assign", new { targetOrganizationId = registrar.Org("330106ZJJ"), reportDueOn = day }, "reportDueOn", id);
        await AssertBadFieldAsync(registrar, $"/api/petitions/{id}/forward", new { targetOrganizationId = registrar.Org("330106ZJJ"), occurredOn = day }, "occurredOn", id);
        await AssertBadFieldAsync(registrar, $"/api/petitions/{id}/close", new { occurredOn = day }, "occurredOn", id);
        var letter = AppExtensions.Letter();
        letter["receivedAt"] = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        await AssertBadFieldAsync(registrar, "/api/petitions", letter, "receivedAt");
        var (status, problem) = await registrar.GetAsync($"/api/organizations/{registrar.Org("330106XFJ")}/worklist?dueBy={date}");
        Assert.True(status == HttpStatusCode.BadRequest, $"worklist: {(int)status} {problem.ToJsonString()}");
        Assert.True(problem["errors"]!.AsObject().ContainsKey("dueBy"));

        var (decided, _, handler, _) = await ForwardedAsync(3, "送达日期超出日历范围");
        await handler.ActAsync(decided, "accept");
        await handler.ActAsync(decided, "route", new { route = "Investigate" });
        await (await App.StaffAsync("demo.xihu.zjj.head")).ActAsync(decided, "decide", new { outcome = "Support", petitionerRequest = "退费", facts = "收费无据", reasons = "应退", legalBasis = "条例" });
        await AssertBadFieldAsync(handler, $"/api/petitions/{decided}/serve", new { method = "Post", signedByPetitioner = true, servedOn = day }, "servedOn", decided);
        await AssertBadFieldAsync(handler, $"/api/petitions/{decided}/serve", new { method = "Post", signedByPetitioner = true, occurredOn = day }, "occurredOn", decided);
    }

    [SkippableFact]
    public async Task Without_occurredOn_a_step_happens_today_and_servedOn_stays_an_alias()
    {
        var (id, _, handler, today) = await ForwardedAsync(4, "不填发生日期即今天");
        var accepted = await handler.ActAsync(id, "accept");

        Assert.Equal(Iso(today), accepted["acceptedOn"]!.GetValue<string>());
        Assert.Equal(Iso(today), Clock(accepted, "Handling")["startedOn"]!.GetValue<string>());
        await handler.ActAsync(id, "route", new { route = "Investigate" });
        await (await App.StaffAsync("demo.xihu.zjj.head")).ActAsync(id, "decide", new { outcome = "Support", petitionerRequest = "退费", facts = "收费无据", reasons = "应退", legalBasis = "条例" });
        // Both names given with different days: refused, naming occurredOn.
        await AssertBadFieldAsync(handler, $"/api/petitions/{id}/serve", new { method = "Post", signedByPetitioner = true, servedOn = today, occurredOn = today.AddDays(-1) }, "occurredOn", id);
        var served = await handler.ActAsync(id, "serve", new { method = "Post", signedByPetitioner = true, servedOn = today });
        Assert.Equal(Iso(today), served["servedOn"]!.GetValue<string>());
    }
}

public sealed class EffectiveDateApiOnSqlite(SqliteFixture fixture) : EffectiveDateApiTests(fixture), IClassFixture<SqliteFixture>;

public sealed class EffectiveDateApiOnPostgres(PostgresFixture fixture) : EffectiveDateApiTests(fixture), IClassFixture<PostgresFixture>;
