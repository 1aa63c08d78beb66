using System.Net;
using System.Net.Http.Json;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests.Authorization;

/// <summary>
/// 条例 Art. 30 ¶3: the complainant's identity and material never reach the accused unit — in no
/// page, list, search, analysis, hot spot or API answer its staff can obtain.
/// </summary>
public abstract class WhistleblowerTests(AppFixture fixture)
{
    private XinfangApp App => fixture.App;

    [SkippableFact]
    public async Task The_accused_units_staff_find_no_trace_of_the_complainant()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var accusedUnit = registrar.Org("330106RSJ");
        var marker = "举报人" + Guid.NewGuid().ToString("N")[..6];
        const string phone = "13700001234";
        var request = AppExtensions.Letter("举报区人社局某科长违规审批补贴");
        request["category"] = "Accusation";
        request["purpose"] = "Accusation";
        request["accused"] = "西湖区人力资源和社会保障局某科长";
        request["accusedOrganizationId"] = accusedUnit;
        request["content"] = "检举某科长在补贴审批中收受好处，证据附后。本人愿意配合调查。";
        request["petitioners"] = new[] { new Dictionary<string, object?> { ["name"] = marker, ["phone"] = phone, ["address"] = "西湖区某小区" } };
        var (id, number, _, _) = await registrar.RegisterAsync(request);

        // It can never be sent to the accused unit.
        var (toAccused, problem) = await registrar.PostAsync($"/api/petitions/{id}/forward", new { targetOrganizationId = accusedUnit });
        Assert.Equal(HttpStatusCode.Conflict, toAccused);
        Assert.Equal("accusation-to-accused", problem["code"]!.GetValue<string>());
        await registrar.ActAsync(id, "forward", new { targetOrganizationId = registrar.Org("330106JW") });

        var accused = await App.StaffAsync("demo.xihu.rsj.handler");
        var today = DateOnly.FromDateTime(App.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
        var responses = new List<(string What, HttpResponseMessage Response)>
        {
            ("detail", await accused.Client.GetAsync($"/api/petitions/{id}")),
            ("by number", await accused.Client.GetAsync($"/api/petitions/by-number/{number}")),
            ("search by number", await accused.Client.GetAsync($"/api/petitions/search?number={number}")),
            ("search by name", await accused.Client.GetAsync($"/api/petitions/search?name={Uri.EscapeDataString(marker)}")),
            ("search by phone", await accused.Client.GetAsync($"/api/petitions/search?phone={phone}")),
            ("work list", await accused.Client.GetAsync($"/api/organizations/{accusedUnit}/worklist?pageSize=200")),
            ("full text", await accused.Client.GetAsync($"/api/petitions/fulltext?q={Uri.EscapeDataString("补贴审批")}")),
            ("hot spots", await accused.Client.GetAsync($"/api/hotspots?from={today.AddDays(-1):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}")),
            ("analysis", await accused.Client.PostAsJsonAsync("/api/petitions/analyze", new { title = "举报区人社局某科长违规审批补贴", content = "检举某科长在补贴审批中收受好处，证据附后。本人愿意配合调查。", phone })),
            ("act", await accused.Client.PostAsJsonAsync($"/api/petitions/{id}/accept", new { })),
            ("petition page", await accused.Client.GetAsync($"/petitions/{id}")),
            ("workbench", await accused.Client.GetAsync("/workbench")),
            ("search page", await accused.Client.GetAsync($"/search?q={Uri.EscapeDataString("补贴审批")}")),
            ("supervision", await accused.Client.GetAsync("/api/supervision/warnings")),
        };

        foreach (var (what, response) in responses)
        {
            Assert.True((int)response.StatusCode < 500, $"{what}: {(int)response.StatusCode}");
            var body = await response.Content.ReadAsStringAsync();
            Assert.False(body.Contains(marker, StringComparison.Ordinal), $"{what} shows the complainant's name");
            Assert.False(body.Contains(phone, StringComparison.Ordinal) || body.Contains("137****1234", StringComparison.Ordinal), $"{what} shows the complainant's phone");
            Assert.False(body.Contains(number, StringComparison.Ordinal), $"{what} shows the item's number");
            Assert.False(body.Contains(id.ToString(), StringComparison.Ordinal), $"{what} shows the item's id");
        }

        // The discipline body it went to does see it.
        var discipline = await App.StaffAsync("demo.xihu.jw.handler");
        var (seen, detail) = await discipline.GetAsync($"/api/petitions/{id}");
        Assert.Equal(HttpStatusCode.OK, seen);
        Assert.Equal(marker, detail["petitioners"]![0]!["name"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task An_officer_who_stepped_aside_can_neither_open_nor_act_Art_28()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (id, _, _, _) = await registrar.RegisterAsync(AppExtensions.Letter());
        await registrar.ActAsync(id, "forward", new { targetOrganizationId = registrar.Org("330106ZJJ") });
        var handler = await App.StaffAsync("demo.xihu.zjj.handler");
        var handlerId = await App.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.UserName == "demo.xihu.zjj.handler").Id));

        var (byHandler, _) = await handler.PostAsync($"/api/petitions/{id}/recusals", new { userId = handlerId, reason = "与信访人系近亲属" });
        Assert.Equal(HttpStatusCode.Forbidden, byHandler);
        var head = await App.StaffAsync("demo.xihu.zjj.head");
        var marked = await head.ActAsync(id, "recusals", new { userId = handlerId, reason = "与信访人系近亲属" });
        Assert.Equal("Recusal", marked["history"]!.AsArray()[^1]!["action"]!.GetValue<string>());

        var (open, _) = await handler.GetAsync($"/api/petitions/{id}");
        Assert.Equal(HttpStatusCode.NotFound, open);
        var (act, _) = await handler.PostAsync($"/api/petitions/{id}/accept", new { });
        Assert.Equal(HttpStatusCode.NotFound, act);
        var (_, list) = await handler.GetAsync($"/api/organizations/{handler.Org("330106ZJJ")}/worklist?pageSize=200");
        Assert.DoesNotContain(list["items"]!.AsArray(), i => i!["id"]!.GetValue<Guid>() == id);
        // The head, a colleague, still handles it.
        await head.ActAsync(id, "accept");
    }
}

public sealed class WhistleblowerOnSqlite(SqliteFixture fixture) : WhistleblowerTests(fixture), IClassFixture<SqliteFixture>;

public sealed class WhistleblowerOnPostgres(PostgresFixture fixture) : WhistleblowerTests(fixture), IClassFixture<PostgresFixture>;
