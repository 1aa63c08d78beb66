using System.Net.Http.Json;
using System.Net;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests;

/// <summary>
/// Acceptance rules at registration (each a recorded outcome with its notice, never an error),
/// and the administrator's calendar and policy changes that recompute open items.
/// </summary>
public abstract class AcceptanceRuleTests(AppFixture fixture)
{
    private XinfangApp App => fixture.App;

    [SkippableFact]
    public async Task A_matter_being_handled_below_and_brought_to_the_city_is_declined_with_where_it_is_handled_Art_19()
    {
        var county = await App.StaffAsync("demo.xihu.registrar");
        var (first, firstNumber, _, _) = await county.RegisterAsync(AppExtensions.Letter());
        await county.ActAsync(first, "forward", new { targetOrganizationId = county.Org("330106ZJJ") });
        var unit = await App.StaffAsync("demo.xihu.zjj.handler");
        await unit.ActAsync(first, "accept");

        var city = await App.StaffAsync("demo.hz.registrar");
        var request = AppExtensions.Letter();
        request["firstItemId"] = first;
        var (status, json) = await city.PostAsync("/api/petitions", request);

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("AlreadyBeingHandled", json["acceptanceRule"]!["rule"]!.GetValue<string>());
        Assert.Contains(firstNumber, json["acceptanceRule"]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Declined", json["petition"]!.State());
        Assert.True(json["petition"]!["isRepeat"]!.GetValue<bool>());
        Assert.Contains(json["petition"]!["documents"]!.AsArray(), d => d!["title"]!.GetValue<string>() == "不予受理告知书" && d["body"]!.GetValue<string>().Contains("西湖区住房和城乡建设局", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task A_visit_that_skips_levels_is_registered_and_declined_with_where_to_go_Art_20()
    {
        var province = await App.StaffAsync("demo.zj.registrar");
        var request = AppExtensions.Letter();
        request["form"] = "Visit";
        request["issueLocationCode"] = "330106";
        var (status, json) = await province.PostAsync("/api/petitions", request);

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("SkippedLevelVisit", json["acceptanceRule"]!["rule"]!.GetValue<string>());
        Assert.Equal("Declined", json["petition"]!.State());
    }

    [SkippableFact]
    public async Task A_litigation_related_visitor_is_registered_and_guided_to_political_legal()
    {
        var county = await App.StaffAsync("demo.xihu.registrar");
        var request = AppExtensions.Letter("不服一审判决");
        request["form"] = "Visit";
        request["litigationRelated"] = true;
        var (_, json) = await county.PostAsync("/api/petitions", request);
        Assert.Equal("GuideToPoliticalLegal", json["acceptanceRule"]!["outcome"]!.GetValue<string>());
        Assert.Equal("GuidedToPoliticalLegal", json["petition"]!.State());
    }

    [SkippableFact]
    public async Task A_registration_asking_to_skip_the_rules_is_still_checked_by_them()
    {
        // The API once took applyAcceptanceRules=false and registered a skipped-level visit untouched.
        // No field switches Arts. 19, 20 and 36 ¶3 off: an unknown field is ignored, like any other.
        var province = await App.StaffAsync("demo.zj.registrar");
        var request = AppExtensions.Letter();
        request["form"] = "Visit";
        request["issueLocationCode"] = "330106";
        request["applyAcceptanceRules"] = false;
        var (status, json) = await province.PostAsync("/api/petitions", request);

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("SkippedLevelVisit", json["acceptanceRule"]!["rule"]!.GetValue<string>());
        Assert.Equal("Declined", json["petition"]!.State());
    }
}

public sealed class AcceptanceRulesOnSqlite(SqliteFixture fixture) : AcceptanceRuleTests(fixture), IClassFixture<SqliteFixture>;

public sealed class AcceptanceRulesOnPostgres(PostgresFixture fixture) : AcceptanceRuleTests(fixture), IClassFixture<PostgresFixture>;

/// <summary>Calendar and policy administration: each change recomputes the open items, which record it.</summary>
public abstract class DeadlineAdministrationTests(AppFixture fixture)
{
    private XinfangApp App => fixture.App;

    [SkippableFact]
    public async Task Loading_next_years_schedule_recomputes_a_provisional_working_day_deadline()
    {
        // Move to the last days of 2026: a 5-working-day objection window (Art. 23 ¶3) runs into 2027.
        App.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 28, 9, 0, 0, TimeSpan.FromHours(8)));
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (id, _, _, _) = await registrar.RegisterAsync(AppExtensions.Letter());
        var forwarded = await registrar.ActAsync(id, "forward", new { targetOrganizationId = registrar.Org("330106ZJJ") });
        var objection = forwarded["deadlines"]!.AsArray().Single(d => d!["kind"]!.GetValue<string>() == "ForwardObjection")!;
        Assert.Equal("2027-01-04", objection["dueOn"]!.GetValue<string>());
        Assert.True(objection["provisional"]!.GetValue<bool>());

        var admin = await App.StaffAsync("demo.zj.admin");
        var (bad, problem) = await admin.Client.PutAsJsonAsync("/api/admin/calendars/2027", new { text = "休 2027-13-01" }).ContinueWith(async t => ((await t).StatusCode, await Staff.ReadAsync(await t))).Unwrap();
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.Contains("第 1 行", problem["errors"]!["text"]![0]!.GetValue<string>(), StringComparison.Ordinal);

        var loaded = await admin.Client.PutAsJsonAsync("/api/admin/calendars/2027", new { text = "休 2027-01-01 # 元旦" });
        Assert.Equal(HttpStatusCode.OK, loaded.StatusCode);
        var (_, after) = await registrar.GetAsync($"/api/petitions/{id}");
        objection = after["deadlines"]!.AsArray().Single(d => d!["kind"]!.GetValue<string>() == "ForwardObjection")!;
        Assert.Equal("2027-01-05", objection["dueOn"]!.GetValue<string>());
        Assert.False(objection["provisional"]!.GetValue<bool>());
        Assert.Equal("Recompute", after["history"]!.AsArray()[^1]!["action"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task A_province_policy_is_inherited_below_and_recomputes_open_items()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (id, _, _, _) = await registrar.RegisterAsync(AppExtensions.Letter());
        await registrar.ActAsync(id, "forward", new { targetOrganizationId = registrar.Org("330106ZJJ") });
        var handler = await App.StaffAsync("demo.xihu.zjj.handler");
        await handler.ActAsync(id, "accept");
        var handling = await handler.ActAsync(id, "route", new { route = "Investigate" });
        var accepted = DateOnly.Parse(handling["acceptedOn"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

        var handler2 = await App.StaffAsync("demo.xihu.zjj.handler");
        var (forbidden, _) = await handler2.Client.PutAsJsonAsync($"/api/admin/policies/{handler.Org("330000XFJ")}", new { handling = new { length = 45, unit = "CalendarDays" } }).ContinueWith(async t => ((await t).StatusCode, 0)).Unwrap();
        Assert.Equal(HttpStatusCode.Forbidden, forbidden);

        var admin = await App.StaffAsync("demo.zj.admin");
        var province = admin.Org("330000XFJ");
        var (badStatus, _) = await admin.Client.PutAsJsonAsync($"/api/admin/policies/{province}", new { handling = new { length = 0, unit = "CalendarDays" } }).ContinueWith(async t => ((await t).StatusCode, 0)).Unwrap();
        Assert.Equal(HttpStatusCode.BadRequest, badStatus);
        var set = await admin.Client.PutAsJsonAsync($"/api/admin/policies/{province}", new { handling = new { length = 45, unit = "CalendarDays" } });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);

        var (_, effective) = await admin.GetAsync($"/api/admin/policies/{admin.Org("330106XFJ")}");
        Assert.Equal(45, effective["effective"]!["handling"]!["length"]!.GetValue<int>());
        var (_, after) = await registrar.GetAsync($"/api/petitions/{id}");
        var clock = after["deadlines"]!.AsArray().Single(d => d!["kind"]!.GetValue<string>() == "Handling")!;
        Assert.Equal(accepted.AddDays(45).ToString("yyyy-MM-dd"), clock["dueOn"]!.GetValue<string>());
        Assert.Contains(after["history"]!.AsArray(), h => h!["action"]!.GetValue<string>() == "Recompute");

        // Put the national value back for the other tests of this class.
        await admin.Client.PutAsJsonAsync($"/api/admin/policies/{province}", new { handling = new { length = 60, unit = "CalendarDays" } });
    }
}

public sealed class DeadlineAdministrationOnSqlite(SqliteFixture fixture) : DeadlineAdministrationTests(fixture), IClassFixture<SqliteFixture>;

public sealed class DeadlineAdministrationOnPostgres(PostgresFixture fixture) : DeadlineAdministrationTests(fixture), IClassFixture<PostgresFixture>;
