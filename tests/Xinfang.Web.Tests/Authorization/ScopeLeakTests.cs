using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Xinfang.Web.Tests.Infrastructure;
using Xinfang.Web.Tests.Security;

namespace Xinfang.Web.Tests.Authorization;

/// <summary>
/// Issue 9, findings 1, 2 and 4: an accusation names its accused body and never goes to it or a
/// body under it (条例 Art. 30 ¶3); supervision addresses only bodies that may see the item, within
/// the issuer's jurisdiction, and lists nothing to those who may not see it; an item hidden from the
/// caller answers exactly as a missing one, on every path (one scoped entry point).
/// </summary>
public abstract class ScopeLeakTests(AppFixture fixture)
{
    private XinfangApp App => fixture.App;

    private static Dictionary<string, object?> Accusation(Guid? accused, string title = "举报区人社局某科长违规审批补贴")
    {
        var request = AppExtensions.Letter(title);
        request["category"] = "Accusation";
        request["purpose"] = "Accusation";
        request["accused"] = "某科长";
        request["accusedOrganizationId"] = accused;
        return request;
    }

    // ---- finding 1: the accused body ------------------------------------------------------------

    [SkippableFact]
    public async Task An_accusation_without_its_accused_body_is_refused_with_a_field_error_and_nothing_stored()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var before = await App.WithDbAsync(db => Task.FromResult(db.Petitions.Count()));

        var (status, problem) = await registrar.PostAsync("/api/petitions", Accusation(null));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var messages = problem["errors"]!["accusedOrganizationId"]!.AsArray().Select(m => m!.GetValue<string>()).ToList();
        Assert.Contains(messages, m => m.Contains("被检举控告的单位", StringComparison.Ordinal) && m.Contains("第三十条第三款", StringComparison.Ordinal));
        Assert.Equal(before, await App.WithDbAsync(db => Task.FromResult(db.Petitions.Count())));
    }

    [SkippableFact]
    public async Task The_registration_page_offers_the_accused_body_picker_and_names_the_missing_field()
    {
        var client = await App.SignInAsync("demo.xihu.registrar");
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var page = await client.GetStringAsync("/register");
        Assert.Contains("name=\"Input.AccusedOrganizationId\"", page, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{registrar.Org("330106RSJ")}\"", page, StringComparison.Ordinal);
        var before = await App.WithDbAsync(db => Task.FromResult(db.Petitions.Count()));

        var form = Form("举报某局干部违规审批", "检举某局干部在审批中收受好处。");
        form["__RequestVerificationToken"] = await SecurityApp.AntiforgeryTokenAsync(client, "/register");
        var response = await client.PostAsync("/register", new FormUrlEncodedContent(form));

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches(new Regex("<span class=\"field-error\">[^<]*检举控告类信访事项须从组织机构中选择被检举控告的单位"), html);
        Assert.Equal(before, await App.WithDbAsync(db => Task.FromResult(db.Petitions.Count())));

        form["Input.AccusedOrganizationId"] = registrar.Org("330106RSJ").ToString();
        form["__RequestVerificationToken"] = await SecurityApp.AntiforgeryTokenAsync(client, "/register");
        var registered = await client.PostAsync("/register", new FormUrlEncodedContent(form));
        // Registered: the answer shows the number and the query code once (no redirect carries the code).
        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        Assert.Contains("id=\"query-code\"", await registered.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before + 1, await App.WithDbAsync(db => Task.FromResult(db.Petitions.Count())));
    }

    [SkippableFact]
    public async Task An_accusation_is_never_forwarded_or_assigned_into_the_accused_bodys_subtree_but_may_go_above_or_beside()
    {
        // An accusation against 西湖区信访局, registered at the city bureau above it: 北山街道 sits under the accused.
        var city = await App.StaffAsync("demo.hz.registrar");
        var accused = city.Org("330106XFJ");
        var (id, _, _, _) = await city.RegisterAsync(Accusation(accused, "举报西湖区信访局某干部违规"));

        foreach (var target in new[] { "330106XFJ", "330106001JD", "330106ZJJ" })
        {
            var (forward, problem) = await city.PostAsync($"/api/petitions/{id}/forward", new { targetOrganizationId = city.Org(target) });
            Assert.Equal(HttpStatusCode.Conflict, forward);
            Assert.Equal("accusation-to-accused", problem["code"]!.GetValue<string>());
            Assert.Contains("第三十条第三款", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
            var (assign, _) = await city.PostAsync($"/api/petitions/{id}/assign", new { targetOrganizationId = city.Org(target), reportDueOn = "2026-04-30" });
            Assert.Equal(HttpStatusCode.Conflict, assign);
        }

        // The petition page offers none of them, and does offer a body beside the accused.
        var page = await city.Client.GetStringAsync($"/petitions/{id}");
        Assert.Contains("id=\"act-forward\"", page, StringComparison.Ordinal);
        foreach (var hidden in new[] { "330106XFJ", "330106001JD", "330106ZJJ", "330106RSJ" })
        {
            Assert.DoesNotContain($"<option value=\"{city.Org(hidden)}\"", page, StringComparison.Ordinal);
        }

        Assert.Contains($"<option value=\"{city.Org("330100ZJJ")}\"", page, StringComparison.Ordinal);
        var forwarded = await city.ActAsync(id, "forward", new { targetOrganizationId = city.Org("330100ZJJ") });
        Assert.Equal(city.Org("330100ZJJ"), forwarded["currentOrganizationId"]!.GetValue<Guid>());

        // Nobody under the accused reads it.
        var beishan = await App.StaffAsync("demo.beishan.handler");
        var (open, _) = await beishan.GetAsync($"/api/petitions/{id}");
        Assert.Equal(HttpStatusCode.NotFound, open);
    }

    // ---- finding 2: supervision ----------------------------------------------------------------

    /// <summary>An accusation against 西湖区人社局, forwarded to 西湖区住建局 and accepted there.</summary>
    private async Task<(Staff Registrar, Guid Id, string Number)> AccusationAtUnitAsync()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (id, number, _, _) = await registrar.RegisterAsync(Accusation(registrar.Org("330106RSJ")));
        await registrar.ActAsync(id, "forward", new { targetOrganizationId = registrar.Org("330106ZJJ") });
        return (registrar, id, number);
    }

    [SkippableFact]
    public async Task A_supervision_notice_goes_only_to_a_body_of_the_jurisdiction_that_may_see_the_item()
    {
        var (registrar, id, _) = await AccusationAtUnitAsync();
        var supervisor = await App.StaffAsync("demo.xihu.supervisor");
        var before = await App.WithDbAsync(db => Task.FromResult(db.Set<Domain.Supervision.SupervisionNotice>().Count()));

        // The accused unit; a unit of the jurisdiction that has nothing to do with the item; a unit outside the jurisdiction.
        foreach (var to in new[] { "330106RSJ", "330106STJ", "330110ZJJ" })
        {
            var (status, problem) = await supervisor.PostAsync("/api/supervision/notices",
                new { petitionId = id, reason = "Delay", details = "请说明办理情况", addressedToOrganizationId = registrar.Org(to) });
            Assert.True(status == HttpStatusCode.BadRequest, $"{to}: {(int)status} {problem.ToJsonString()}");
            Assert.True(problem["errors"]!.AsObject().ContainsKey("addressedToOrganizationId"), to);
        }

        Assert.Equal(before, await App.WithDbAsync(db => Task.FromResult(db.Set<Domain.Supervision.SupervisionNotice>().Count())));
        var (created, _) = await supervisor.PostAsync("/api/supervision/notices",
            new { petitionId = id, reason = "Delay", details = "请说明办理情况", addressedToOrganizationId = registrar.Org("330106ZJJ") });
        Assert.Equal(HttpStatusCode.Created, created);
    }

    [SkippableFact]
    public async Task A_recommendation_about_an_item_goes_only_to_a_body_of_the_jurisdiction_that_may_see_it()
    {
        var (registrar, id, _) = await AccusationAtUnitAsync();
        var supervisor = await App.StaffAsync("demo.xihu.supervisor");

        foreach (var to in new[] { "330106RSJ", "330106STJ", "330110ZJJ" })
        {
            var (status, problem) = await supervisor.PostAsync("/api/supervision/recommendations",
                new { kind = "ImproveWork", text = "建议改进检举件办理", addressedToOrganizationId = registrar.Org(to), petitionId = id });
            Assert.True(status == HttpStatusCode.BadRequest, $"{to}: {(int)status} {problem.ToJsonString()}");
            Assert.True(problem["errors"]!.AsObject().ContainsKey("addressedToOrganizationId"), to);
        }

        var (created, _) = await supervisor.PostAsync("/api/supervision/recommendations",
            new { kind = "ImproveWork", text = "建议改进检举件办理", addressedToOrganizationId = registrar.Org("330106ZJJ"), petitionId = id });
        Assert.Equal(HttpStatusCode.Created, created);
    }

    [SkippableFact]
    public async Task Supervision_lists_and_feedback_show_nothing_of_an_item_to_an_officer_who_may_not_see_it()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (id, number, _, _) = await registrar.RegisterAsync(AppExtensions.Letter("督办回避测试"));
        await registrar.ActAsync(id, "forward", new { targetOrganizationId = registrar.Org("330106ZJJ") });
        var supervisor = await App.StaffAsync("demo.xihu.supervisor");
        var (created, notice) = await supervisor.PostAsync("/api/supervision/notices", new { petitionId = id, reason = "Delay", details = "请说明办理情况" });
        Assert.Equal(HttpStatusCode.Created, created);
        var noticeId = notice["id"]!.GetValue<Guid>();
        var (recommended, _) = await supervisor.PostAsync("/api/supervision/recommendations",
            new { kind = "ImproveWork", text = "建议改进", addressedToOrganizationId = registrar.Org("330106ZJJ"), petitionId = id });
        Assert.Equal(HttpStatusCode.Created, recommended);

        // The handler steps aside (回避, Art. 28): the notice addressed to the unit no longer shows the item to them.
        var handler = await App.StaffAsync("demo.xihu.zjj.handler");
        Assert.Contains(number, (await handler.Client.GetStringAsync("/api/supervision/notices")), StringComparison.Ordinal);
        var handlerId = await App.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.UserName == "demo.xihu.zjj.handler").Id));
        var head = await App.StaffAsync("demo.xihu.zjj.head");
        await head.ActAsync(id, "recusals", new { userId = handlerId, reason = "与信访人系近亲属" });

        foreach (var url in new[] { "/api/supervision/notices", "/api/supervision/recommendations" })
        {
            var body = await handler.Client.GetStringAsync(url);
            Assert.DoesNotContain(number, body, StringComparison.Ordinal);
            Assert.DoesNotContain(id.ToString(), body, StringComparison.Ordinal);
        }

        var (feedback, _) = await handler.PostAsync($"/api/supervision/notices/{noticeId}/feedback", new { feedback = "已处理" });
        Assert.Equal(HttpStatusCode.NotFound, feedback);
        // A colleague still sees and answers it.
        Assert.Contains(number, await head.Client.GetStringAsync("/api/supervision/notices"), StringComparison.Ordinal);
    }

    // ---- finding 4: one scoped entry point ------------------------------------------------------

    [SkippableFact]
    public async Task A_recused_officers_workbench_does_not_list_the_item()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (id, number, _, _) = await registrar.RegisterAsync(AppExtensions.Letter("工作台回避测试"));
        await registrar.ActAsync(id, "forward", new { targetOrganizationId = registrar.Org("330106ZJJ") });
        var handler = await App.StaffAsync("demo.xihu.zjj.handler");
        Assert.Contains(number, await handler.Client.GetStringAsync("/workbench"), StringComparison.Ordinal);
        var handlerId = await App.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.UserName == "demo.xihu.zjj.handler").Id));
        var head = await App.StaffAsync("demo.xihu.zjj.head");
        await head.ActAsync(id, "recusals", new { userId = handlerId, reason = "利害关系" });

        var workbench = await handler.Client.GetStringAsync("/workbench");

        Assert.DoesNotContain(number, workbench, StringComparison.Ordinal);
        Assert.DoesNotContain(id.ToString(), workbench, StringComparison.Ordinal);
        Assert.Contains(number, await head.Client.GetStringAsync("/workbench"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_review_request_on_a_hidden_item_answers_as_on_an_unknown_one()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (id, _, _, _) = await registrar.RegisterAsync(AppExtensions.Letter("复查范围测试"));
        await registrar.ActAsync(id, "forward", new { targetOrganizationId = registrar.Org("330106ZJJ") });
        var unit = await App.StaffAsync("demo.xihu.zjj.handler");
        await unit.ActAsync(id, "accept");
        // 北山街道 cannot see the item; the reviewer named is at the handling unit's own level.
        var outsider = await App.StaffAsync("demo.beishan.handler");
        var body = new { reviewOrganizationId = registrar.Org("330106RSJ"), reasons = "不服" };

        var (hidden, hiddenProblem) = await outsider.PostAsync($"/api/petitions/{id}/review", body);
        var (unknown, unknownProblem) = await outsider.PostAsync($"/api/petitions/{Guid.NewGuid()}/review", body);

        Assert.Equal(HttpStatusCode.NotFound, hidden);
        Assert.Equal(unknown, hidden);
        Assert.Equal(Comparable(unknownProblem), Comparable(hiddenProblem));
        Assert.DoesNotContain("住房和城乡建设局", hiddenProblem.ToJsonString(), StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("accused")]
    [InlineData("recused")]
    public async Task A_hidden_first_item_answers_as_a_missing_one(string why)
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        Guid id;
        Staff caller;
        if (why == "accused")
        {
            (id, _, _, _) = await registrar.RegisterAsync(Accusation(registrar.Org("330106RSJ")));
            caller = await App.StaffAsync("demo.xihu.rsj.handler");
        }
        else
        {
            (id, _, _, _) = await registrar.RegisterAsync(AppExtensions.Letter("初件回避测试"));
            await registrar.ActAsync(id, "forward", new { targetOrganizationId = registrar.Org("330106ZJJ") });
            var handlerId = await App.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.UserName == "demo.xihu.zjj.handler").Id));
            await (await App.StaffAsync("demo.xihu.zjj.head")).ActAsync(id, "recusals", new { userId = handlerId, reason = "利害关系" });
            caller = await App.StaffAsync("demo.xihu.zjj.handler");
        }

        var hiddenRequest = AppExtensions.Letter("再次反映");
        hiddenRequest["firstItemId"] = id;
        var missingRequest = AppExtensions.Letter("再次反映");
        missingRequest["firstItemId"] = Guid.NewGuid();

        var (hidden, hiddenProblem) = await caller.PostAsync("/api/petitions", hiddenRequest);
        var (missing, missingProblem) = await caller.PostAsync("/api/petitions", missingRequest);

        Assert.Equal(HttpStatusCode.BadRequest, missing);
        Assert.Equal(missing, hidden);
        Assert.Equal(Comparable(missingProblem), Comparable(hiddenProblem));
    }

    /// <summary>A problem answer without its per-request trace id.</summary>
    private static string Comparable(JsonNode problem)
    {
        var copy = problem.DeepClone().AsObject();
        copy.Remove("traceId");
        copy.Remove("instance");
        return copy.ToJsonString();
    }

    private static Dictionary<string, string> Form(string title, string content) => new()
    {
        ["_handler"] = "register",
        ["Input.Action"] = "register",
        ["Input.Form"] = "Letter",
        ["Input.ReceivedAt"] = XinfangApp.Start.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture),
        ["Input.Category"] = "Accusation",
        ["Input.Purpose"] = "Accusation",
        ["Input.Title"] = title,
        ["Input.Content"] = content,
        ["Input.Name"] = "李秀英",
        ["Input.IdType"] = "ResidentIdCard",
    };
}

public sealed class ScopeLeaksOnSqlite(SqliteFixture fixture) : ScopeLeakTests(fixture), IClassFixture<SqliteFixture>;

public sealed class ScopeLeaksOnPostgres(PostgresFixture fixture) : ScopeLeakTests(fixture), IClassFixture<PostgresFixture>;
