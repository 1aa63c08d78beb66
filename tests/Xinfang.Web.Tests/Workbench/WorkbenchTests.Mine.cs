using System.Net;
using Microsoft.EntityFrameworkCore;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests.Workbench;

/// <summary>首办责任人 and the "mine" list, and saved work-list filters (issue 13), on SQLite and PostgreSQL.</summary>
public abstract partial class WorkbenchTests
{
    private Task<string> UserIdAsync(string userName) =>
        App.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    [SkippableFact]
    public async Task The_holding_body_names_a_responsible_officer_who_finds_the_item_under_mine_and_a_move_leaves_it_unnamed()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var head = await App.StaffAsync("demo.xihu.zjj.head");
        var handler = await App.StaffAsync("demo.xihu.zjj.handler");
        var registrarId = await UserIdAsync("demo.xihu.registrar");
        var headId = await UserIdAsync("demo.xihu.zjj.head");
        var handlerId = await UserIdAsync("demo.xihu.zjj.handler");
        var tag = Tag();
        var (id, number, _, _) = await registrar.RegisterAsync(Letter("首办责任人测试：小区路灯", tag));

        // The bureau holds it: its registrar takes it, and the list says so.
        await registrar.ActAsync(id, "responsible-officer", new { userId = registrarId });
        var (_, atBureau) = await registrar.GetAsync($"/api/workbench/items?class={tag}&mine=1");
        Assert.Equal("王登记", atBureau["items"]!.AsArray().Single()!["responsible"]!.GetValue<string>());
        var (_, item) = await registrar.GetAsync($"/api/petitions/{id}");
        Assert.Equal("王登记", item["responsibleOfficerName"]!.GetValue<string>());
        Assert.Equal(registrarId, item["responsibleOfficerId"]!.GetValue<string>());

        // Forwarded: the unit holds it, nobody is named there, the registrar's naming no longer counts.
        await registrar.ActAsync(id, "forward", new { targetOrganizationId = registrar.Org("330106ZJJ") });
        var (_, moved) = await head.GetAsync($"/api/workbench/items?class={tag}");
        Assert.Equal("—", moved["items"]!.AsArray().Single()!["responsible"]!.GetValue<string>());
        Assert.Null((await head.GetAsync($"/api/petitions/{id}")).Body["responsibleOfficerName"]);
        Assert.Empty((await registrar.GetAsync($"/api/workbench/items?class={tag}&mine=1&view=jurisdiction")).Body["items"]!.AsArray());

        // Refusals change nothing: a handler naming another, the bureau naming on the unit's item, an officer of another body, nobody.
        Assert.Equal(HttpStatusCode.Forbidden, (await handler.PostAsync($"/api/petitions/{id}/responsible-officer", new { userId = headId })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await registrar.PostAsync($"/api/petitions/{id}/responsible-officer", new { userId = handlerId })).Status);
        var (otherBody, problem) = await head.PostAsync($"/api/petitions/{id}/responsible-officer", new { userId = registrarId });
        Assert.Equal(HttpStatusCode.Conflict, otherBody);
        Assert.Contains("当前办理单位的工作人员", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await head.PostAsync($"/api/petitions/{id}/responsible-officer", new { userId = "nobody" })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await head.PostAsync($"/api/petitions/{id}/responsible-officer", new { userId = "a\u0001b" })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await head.PostAsync($"/api/petitions/{Guid.NewGuid()}/responsible-officer", new { userId = handlerId })).Status);

        // The head names the handler; the handler finds it under 我负责的, the head does not; then the head changes it, with history.
        await head.ActAsync(id, "responsible-officer", new { userId = handlerId });
        var (_, mine) = await handler.GetAsync($"/api/workbench/items?class={tag}&mine=1");
        Assert.Equal(number, mine["items"]!.AsArray().Single()!["number"]!.GetValue<string>());
        Assert.Empty((await head.GetAsync($"/api/workbench/items?class={tag}&mine=1")).Body["items"]!.AsArray());
        var (_, home) = await handler.GetAsync("/api/workbench/home");
        var mineCount = home.AsArray().Single(c => c!["key"]!.GetValue<string>() == "mine")!;
        Assert.True(mineCount["count"]!.GetValue<int>() >= 1);
        Assert.Equal("/workbench?mine=1", mineCount["link"]!.GetValue<string>());
        var page = WebUtility.HtmlDecode(await handler.Client.GetStringAsync($"/workbench?class={tag}&mine=1"));
        Assert.Contains(number, page, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"col\">首办责任人</th>", page, StringComparison.Ordinal);
        Assert.Contains("张承办", page, StringComparison.Ordinal);

        var changed = await head.ActAsync(id, "responsible-officer", new { userId = headId });
        Assert.Contains(changed["history"]!.AsArray(), h => h!["summary"]!.GetValue<string>() == "变更首办责任人：张承办 → 刘局长");
        Assert.Empty((await handler.GetAsync($"/api/workbench/items?class={tag}&mine=1")).Body["items"]!.AsArray());
        var itemPage = WebUtility.HtmlDecode(await head.Client.GetStringAsync($"/petitions/{id}"));
        Assert.Contains("id=\"responsible-officer\"", itemPage, StringComparison.Ordinal);
        Assert.Contains("<strong>刘局长</strong>", itemPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await handler.GetAsync("/api/workbench/items?mine=yes")).Status);
    }

    [SkippableFact]
    public async Task Saved_filters_are_checked_by_the_lists_parser_and_seen_and_deleted_only_by_their_owner()
    {
        var handler = await App.StaffAsync("demo.xihu.zfw.handler");
        var other = await App.StaffAsync("demo.xihu.rsj.handler");
        var name = "红牌" + Tag();

        var (status, saved) = await handler.PostAsync("/api/workbench/saved-filters", new { name, query = "?level=Red&mine=1&page=3" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("/workbench?level=Red&mine=1", saved["link"]!.GetValue<string>());
        var savedId = saved["id"]!.GetValue<Guid>();
        Assert.Contains((await handler.GetAsync("/api/workbench/saved-filters")).Body.AsArray(), f => f!["name"]!.GetValue<string>() == name);
        Assert.Contains($"href=\"/workbench?level=Red&amp;mine=1\">{name}</a>", await handler.Client.GetStringAsync("/workbench"), StringComparison.Ordinal);

        // Another staff member neither sees nor deletes it.
        Assert.DoesNotContain((await other.GetAsync("/api/workbench/saved-filters")).Body.AsArray(), f => f!["id"]!.GetValue<Guid>() == savedId);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.DeleteAsync($"/api/workbench/saved-filters/{savedId}")).StatusCode);

        // Forged or bad queries and names are refused with the field named, and nothing is saved.
        foreach (var (n, q) in new[] { ("坏状态", "state=Bogus"), ("未知键", "evil=1"), ("重复键", "state=Closed&state=Declined"), ("控制字符", "class=a%01"), ("", "state=Closed"), (name, "state=Closed") })
        {
            var (bad, body) = await handler.PostAsync("/api/workbench/saved-filters", new { name = n, query = q });
            Assert.True(bad == HttpStatusCode.BadRequest, $"{n} {q}: {(int)bad} {body.ToJsonString()}");
        }

        Assert.Single((await handler.GetAsync("/api/workbench/saved-filters")).Body.AsArray());

        // At most 20.
        for (var i = 1; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await handler.PostAsync("/api/workbench/saved-filters", new { name = $"条件{i}", query = $"size={i}" })).Status);
        }

        var (full, fullBody) = await handler.PostAsync("/api/workbench/saved-filters", new { name = "第二十一个", query = "" });
        Assert.Equal(HttpStatusCode.BadRequest, full);
        Assert.Contains("最多保存20个", fullBody.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await handler.Client.DeleteAsync($"/api/workbench/saved-filters/{savedId}")).StatusCode);
        Assert.DoesNotContain((await handler.GetAsync("/api/workbench/saved-filters")).Body.AsArray(), f => f!["id"]!.GetValue<Guid>() == savedId);
        Assert.Equal(HttpStatusCode.NotFound, (await handler.Client.DeleteAsync($"/api/workbench/saved-filters/{savedId}")).StatusCode);
    }

    [SkippableFact]
    public async Task The_pages_forms_take_an_item_for_oneself_and_save_a_filter()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var handler = await App.StaffAsync("demo.xihu.zjj.handler");
        var handlerId = await UserIdAsync("demo.xihu.zjj.handler");
        var tag = Tag();
        var (id, number, _, _) = await registrar.RegisterAsync(Letter("首办责任人页面测试", tag));
        await registrar.ActAsync(id, "forward", new { targetOrganizationId = registrar.Org("330106ZJJ") });

        // The handler sees only 由我负责 (themselves), posts it without JavaScript, and the item is theirs.
        var before = WebUtility.HtmlDecode(await handler.Client.GetStringAsync($"/petitions/{id}"));
        Assert.Contains("由我负责", before, StringComparison.Ordinal);
        var token = await Xinfang.Web.Tests.Security.SecurityApp.AntiforgeryTokenAsync(handler.Client, $"/petitions/{id}");
        var posted = await handler.Client.PostAsync($"/petitions/{id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "name-responsible-officer", ["__RequestVerificationToken"] = token, ["Officer.UserId"] = handlerId,
        }));
        var after = WebUtility.HtmlDecode(await posted.Content.ReadAsStringAsync());
        Assert.True(posted.IsSuccessStatusCode, $"{(int)posted.StatusCode}");
        Assert.Contains("已确定首办责任人：<strong>张承办</strong>", after, StringComparison.Ordinal);
        Assert.Equal(number, (await handler.GetAsync($"/api/workbench/items?class={tag}&mine=1")).Body["items"]!.AsArray().Single()!["number"]!.GetValue<string>());

        // Saving the list's filter from the page: the link appears above the list.
        var name = "页面" + Tag();
        var saveToken = await Xinfang.Web.Tests.Security.SecurityApp.AntiforgeryTokenAsync(handler.Client, $"/workbench?class={tag}&mine=1");
        var saved = await handler.Client.PostAsync($"/workbench?class={tag}&mine=1", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "save-filter", ["__RequestVerificationToken"] = saveToken, ["savedName"] = name, ["savedQuery"] = $"class={tag}&mine=1",
        }));
        Assert.True(saved.IsSuccessStatusCode, $"{(int)saved.StatusCode}");
        Assert.Contains($"href=\"/workbench?class={tag}&amp;mine=1\">{name}</a>", await saved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
