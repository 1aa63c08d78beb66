using System.Net;
using Microsoft.EntityFrameworkCore;
using Xinfang.Web.Tests.Infrastructure;
using Xinfang.Web.Tests.Supervision;

namespace Xinfang.Web.Tests.Screening;

/// <summary>
/// A 预警's last day moved over HTTP on both providers (issue 14): by the body that assigned it (or one above it) with a
/// reason, by the API and the page's form; the day bounded like every typed date; the history keeps every change; the
/// overdue list and the figures' overdue count follow the current last day; bad input answers a Chinese 400 and
/// changes nothing; the responsible street and a leader are refused.
/// </summary>
public abstract class WarningDeadlineApiTests(AppFixture fixture)
{
    private XinfangApp App => fixture.App;

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<int> OverdueAsync(Staff staff)
    {
        var today = Day(App.Today());
        var (status, f) = await staff.GetAsync($"/api/screening/figures?from={Day(App.Today().AddDays(-30))}&to={today}");
        Assert.True(status == HttpStatusCode.OK, f.ToJsonString());
        return f["warnings"]!["overdue"]!.GetValue<int>();
    }

    private static async Task<bool> ListedOverdueAsync(Staff staff, Guid id) =>
        (await staff.GetAsync("/api/screening/warnings?state=overdue")).Body.AsArray().Any(w => w!["id"]!.GetValue<Guid>() == id);

    [SkippableFact]
    public async Task The_assigning_body_moves_the_last_day_and_the_overdue_count_follows()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (s, raised) = await registrar.PostAsync("/api/screening/warnings", new
        {
            summary = "某小区业主拟集体维权" + Guid.NewGuid().ToString("N")[..4], place = "北山街道某小区", kind = "LabourWages", level = "Serious", expectedPersons = 20,
        });
        Assert.True(s == HttpStatusCode.Created, raised.ToJsonString());
        var id = raised["id"]!.GetValue<Guid>();
        var url = $"/api/screening/warnings/{id}/deadline";
        // Before it is given to a body there is no assigning body to move it.
        Assert.Equal(HttpStatusCode.Conflict, (await registrar.PostAsync(url, new { dueOn = Day(App.Today().AddDays(5)), reason = "延期" })).Status);
        var (a, _) = await registrar.PostAsync($"/api/screening/warnings/{id}/assign", new { responsibleOrganizationId = registrar.Org("330106001JD") });
        Assert.Equal(HttpStatusCode.OK, a);

        // The responsible street notes and closes, but does not set its own last day; a leader reads only.
        var street = await App.StaffAsync("demo.beishan.handler");
        Assert.Equal(HttpStatusCode.Forbidden, (await street.PostAsync(url, new { dueOn = Day(App.Today().AddDays(30)), reason = "延期" })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await App.StaffAsync("demo.xihu.leader")).PostAsync(url, new { dueOn = Day(App.Today().AddDays(30)), reason = "延期" })).Status);
        Assert.DoesNotContain("id=\"warning-deadline\"", await street.Client.GetStringAsync($"/screening/warnings/{id}"), StringComparison.Ordinal);

        // Four days on, the 重大 warning (3 days) is overdue: listed and counted.
        App.GoTo(App.Today().AddDays(4));
        registrar = await App.StaffAsync("demo.xihu.registrar");
        var overdue = await OverdueAsync(registrar);
        Assert.True(await ListedOverdueAsync(registrar, id));

        // Extended by the API: no longer overdue, the count one less.
        var (e, extended) = await registrar.PostAsync(url, new { dueOn = Day(App.Today().AddDays(5)), reason = "需等待劳动监察调查结果" });
        Assert.True(e == HttpStatusCode.OK, extended.ToJsonString());
        Assert.Equal((Day(App.Today().AddDays(5)), false, 5), (extended["dueOn"]!.GetValue<string>(), extended["overdue"]!.GetValue<bool>(), extended["daysLeft"]!.GetValue<int>()));
        var change = Assert.Single(extended["deadlineChanges"]!.AsArray())!;
        Assert.Equal((Day(App.Today().AddDays(-1)), Day(App.Today().AddDays(5)), "需等待劳动监察调查结果", "西湖区信访局"),
            (change["previousDueOn"]!.GetValue<string>(), change["dueOn"]!.GetValue<string>(), change["reason"]!.GetValue<string>(), change["byOrganizationName"]!.GetValue<string>()));
        Assert.Equal(App.Clock.GetUtcNow(), change["at"]!.GetValue<DateTimeOffset>());
        Assert.False(await ListedOverdueAsync(registrar, id));
        Assert.Equal(overdue - 1, await OverdueAsync(registrar));

        // Brought forward on the page's form by the city above the assigning district.
        var city = await App.StaffAsync("demo.hz.registrar");
        var page = $"/screening/warnings/{id}";
        Assert.Contains("id=\"warning-deadline\"", await city.Client.GetStringAsync(page), StringComparison.Ordinal);
        var token = await Security.SecurityApp.AntiforgeryTokenAsync(city.Client, page);
        var posted = await city.Client.PostAsync(page, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "warning-deadline",
            ["dueOn"] = Day(App.Today().AddDays(2)),
            ["reason"] = "业主计划提前聚集，提前处置",
        }));
        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        var (_, now) = await registrar.GetAsync($"/api/screening/warnings/{id}");
        Assert.Equal(Day(App.Today().AddDays(2)), now["dueOn"]!.GetValue<string>());
        Assert.Equal(["需等待劳动监察调查结果", "业主计划提前聚集，提前处置"], now["deadlineChanges"]!.AsArray().Select(c => c!["reason"]!.GetValue<string>()));
        var html = WebUtility.HtmlDecode(await registrar.Client.GetStringAsync(page));
        Assert.Contains($"{Day(App.Today().AddDays(-1))} → {Day(App.Today().AddDays(5))}：需等待劳动监察调查结果", html, StringComparison.Ordinal);

        var trail = await App.WithDbAsync(db => db.Set<Xinfang.Web.Audit.AuditEntry>().Where(x => x.SubjectId == id.ToString()).OrderBy(x => x.Sequence).Select(x => x.Summary).ToListAsync());
        Assert.Equal(2, trail.Count(t => t.StartsWith("调整预警处置期限：", StringComparison.Ordinal)));
        Assert.Contains(trail, t => t.Contains($"{Day(App.Today().AddDays(-1))}改为{Day(App.Today().AddDays(5))}；理由：需等待劳动监察调查结果", StringComparison.Ordinal));

        // Past the new last day it is overdue again, on the list and in the count.
        App.GoTo(App.Today().AddDays(3));
        registrar = await App.StaffAsync("demo.xihu.registrar");
        Assert.True(await ListedOverdueAsync(registrar, id));
    }

    [SkippableFact]
    public async Task Bad_input_answers_in_Chinese_and_changes_nothing()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (_, raised) = await registrar.PostAsync("/api/screening/warnings", new { summary = "河道采砂纠纷", place = "双浦镇", kind = "Other", level = "General", expectedPersons = 5 });
        var id = raised["id"]!.GetValue<Guid>();
        await registrar.PostAsync($"/api/screening/warnings/{id}/assign", new { responsibleOrganizationId = registrar.Org("330106001JD") });
        var url = $"/api/screening/warnings/{id}/deadline";
        var today = App.Today();

        async Task<string> BadAsync(object body)
        {
            var (status, problem) = await registrar.PostAsync(url, body);
            Assert.True(status == HttpStatusCode.BadRequest, problem.ToJsonString());
            var errors = problem["errors"]!.AsObject();
            Assert.All(errors, e => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", e.Value![0]!.GetValue<string>()));
            return string.Join(",", errors.Select(e => e.Key));
        }

        Assert.Equal("dueOn", await BadAsync(new { dueOn = "2150-01-01", reason = "延期" }));
        Assert.Equal("dueOn", await BadAsync(new { dueOn = "1999-12-31", reason = "延期" }));
        Assert.Equal("dueOn", await BadAsync(new { reason = "延期" }));
        Assert.Equal("dueOn", await BadAsync(new { dueOn = Day(today.AddDays(-1)), reason = "延期" }));
        Assert.Equal("dueOn", await BadAsync(new { dueOn = Day(today.AddDays(91)), reason = "延期" }));
        Assert.Equal("reason", await BadAsync(new { dueOn = Day(today.AddDays(20)) }));
        Assert.Equal("reason", await BadAsync(new { dueOn = Day(today.AddDays(20)), reason = "延\u0007期" }));
        Assert.Equal(HttpStatusCode.NotFound, (await registrar.PostAsync($"/api/screening/warnings/{Guid.NewGuid()}/deadline", new { dueOn = Day(today.AddDays(20)), reason = "延期" })).Status);

        var (_, unchanged) = await registrar.GetAsync($"/api/screening/warnings/{id}");
        Assert.Equal(Day(today.AddDays(15)), unchanged["dueOn"]!.GetValue<string>());
        Assert.Empty(unchanged["deadlineChanges"]!.AsArray());

        // Closed is closed.
        await registrar.PostAsync($"/api/screening/warnings/{id}/close", new { outcome = "Resolved", note = "已协调" });
        Assert.Equal(HttpStatusCode.Conflict, (await registrar.PostAsync(url, new { dueOn = Day(today.AddDays(20)), reason = "延期" })).Status);
    }
}

public sealed class WarningDeadlineApiOnSqlite(SqliteFixture fixture) : WarningDeadlineApiTests(fixture), IClassFixture<SqliteFixture>;

public sealed class WarningDeadlineApiOnPostgres(PostgresFixture fixture) : WarningDeadlineApiTests(fixture), IClassFixture<PostgresFixture>;
