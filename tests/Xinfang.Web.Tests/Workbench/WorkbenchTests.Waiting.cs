using System.Net;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests.Workbench;

/// <summary>
/// What waits inside a body before the law's next step (issue 13): the head's 签发 and extension approvals, the
/// handler's returned drafts and the leaders' 批示, each counted on the home and listed by the same filter; and the
/// headline figures on a leader's home, equal to the statistics engine's for the same year.
/// </summary>
public abstract partial class WorkbenchTests
{
    private static int CountOf(System.Text.Json.Nodes.JsonNode counts, string key) =>
        counts.AsArray().Single(c => c!["key"]!.GetValue<string>() == key)!["count"]!.GetValue<int>();

    private static List<Guid> IdsOf(System.Text.Json.Nodes.JsonNode list) =>
        list["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()).ToList();

    [SkippableFact]
    public async Task Drafts_and_extension_requests_wait_on_the_heads_home_and_a_returned_draft_on_the_handlers()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var tag = Tag();
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var (id, _, _, _) = await registrar.RegisterAsync(Letter($"待签发测试{i}：小区路面塌陷", tag));
            await registrar.ActAsync(id, "forward", new { targetOrganizationId = registrar.Org("330106ZJJ") });
            ids.Add(id);
        }

        var handler = await App.StaffAsync("demo.xihu.zjj.handler");
        var head = await App.StaffAsync("demo.xihu.zjj.head");
        foreach (var id in ids)
        {
            await handler.ActAsync(id, "accept");
            await handler.ActAsync(id, "route", new { route = "Investigate" });
        }

        var (_, before) = await head.GetAsync("/api/workbench/home");
        var signOffBefore = CountOf(before, "signoff");
        var extensionBefore = CountOf(before, "extension");

        var draft = new { outcome = "Support", petitionerRequest = "修复路面", facts = "路面塌陷属实", reasons = "属于养护范围", legalBasis = "《城市道路管理条例》第二十一条" };
        await handler.ActAsync(ids[0], "draft-decision", draft);
        await handler.ActAsync(ids[1], "draft-decision", draft);
        await handler.ActAsync(ids[2], "request-extension", new { days = 10, reason = "需委托检测" });

        var (_, after) = await head.GetAsync("/api/workbench/home");
        Assert.Equal(signOffBefore + 2, CountOf(after, "signoff"));
        Assert.Equal(extensionBefore + 1, CountOf(after, "extension"));
        Assert.Equal("/workbench?wait=signoff", after.AsArray().Single(c => c!["key"]!.GetValue<string>() == "signoff")!["link"]!.GetValue<string>());
        Assert.DoesNotContain(after.AsArray(), c => c!["key"]!.GetValue<string>() == "redraft");

        var (_, signOff) = await head.GetAsync($"/api/workbench/items?class={tag}&wait=signoff");
        Assert.Equal(ids.Take(2).Order(), IdsOf(signOff).Order());
        var (_, extension) = await head.GetAsync($"/api/workbench/items?class={tag}&wait=extension");
        Assert.Equal([ids[2]], IdsOf(extension));

        // A returned draft leaves the head's list and waits on the handler's.
        await head.ActAsync(ids[1], "return-decision", new { reason = "未写明核实经过" });
        var (_, signOffNow) = await head.GetAsync($"/api/workbench/items?class={tag}&wait=signoff");
        Assert.Equal([ids[0]], IdsOf(signOffNow));
        var (_, handlerHome) = await handler.GetAsync("/api/workbench/home");
        Assert.True(CountOf(handlerHome, "redraft") >= 1);
        Assert.DoesNotContain(handlerHome.AsArray(), c => c!["key"]!.GetValue<string>() is "signoff" or "extension");
        var (_, returned) = await handler.GetAsync($"/api/workbench/items?class={tag}&wait=returned");
        Assert.Equal([ids[1]], IdsOf(returned));

        // Signing off and approving take the items off the lists.
        await head.ActAsync(ids[0], "sign-off-decision", new { });
        await head.ActAsync(ids[2], "approve-extension", new { });
        var (_, done) = await head.GetAsync("/api/workbench/home");
        Assert.Equal(signOffBefore, CountOf(done, "signoff"));
        Assert.Equal(extensionBefore, CountOf(done, "extension"));

        // Junk in the address is a Chinese 400, and the page offers the filter.
        var (bad, problem) = await head.GetAsync("/api/workbench/items?wait=later");
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.Contains("待办事项", problem.ToJsonString(new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), StringComparison.Ordinal);
        var page = WebUtility.HtmlDecode(await head.Client.GetStringAsync($"/workbench?class={tag}&wait=extension"));
        Assert.Contains("延期待审批", page, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_leaders_instruction_waits_on_the_bureaus_home_and_the_leader_sees_the_years_figures_of_the_engine()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var leader = await App.StaffAsync("demo.xihu.leader");
        var (_, before) = await registrar.GetAsync("/api/workbench/home");
        var waiting = CountOf(before, "instructions");

        var (id, _, _, _) = await registrar.RegisterAsync(Letter("批示计数测试：学校周边交通拥堵", Tag()));
        var (written, _) = await leader.PostAsync("/api/instructions", new { petitionId = id, text = "请区交通局牵头研究解决", dueOn = DateOnly.FromDateTime(App.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime).AddDays(20).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.Created, written);

        var (_, after) = await registrar.GetAsync("/api/workbench/home");
        Assert.Equal(waiting + 1, CountOf(after, "instructions"));
        var (_, leaderHome) = await leader.GetAsync("/api/workbench/home");
        Assert.True(CountOf(leaderHome, "instructions") >= 1);

        // The headline figures: the same engine and scope as /api/statistics for the year so far.
        // (The API's default period is the year so far on the app's clock, as the home's.)
        var (_, figures) = await leader.GetAsync($"/api/statistics?organization={leader.Org("330106XFJ")}");
        var items = figures["total"]!["items"]!.GetValue<long>();
        var page = WebUtility.HtmlDecode(await leader.Client.GetStringAsync("/workbench"));
        Assert.Contains("本年数字", page, StringComparison.Ordinal);
        Assert.Matches($@"本年受理信访（件）</dt><dd><strong>{items}</strong>", page);
        Assert.Contains("按期办结率", page, StringComparison.Ordinal);

        // Those who hold items rather than oversee them get no headline block.
        Assert.DoesNotContain("本年数字", await registrar.Client.GetStringAsync("/workbench"), StringComparison.Ordinal);
    }
}
