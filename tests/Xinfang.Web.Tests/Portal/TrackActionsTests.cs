using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Xinfang.Web.Tests.Infrastructure;
using Xinfang.Web.Tests.Security;

namespace Xinfang.Web.Tests.Portal;

/// <summary>
/// Issue 11, /track: what the petitioner does with the number and the query code alone — 补充材料
/// while the item is handled, rating, 复查/复核 — through /api/public and through the page's forms.
/// Each action: the happy path, a closed window (409 with a Chinese reason, nothing changed), a
/// wrong code (404), and no internal entry reaches the petitioner.
/// </summary>
public abstract class TrackActionsTests(AppFixture fixture)
{
    private XinfangApp App => fixture.App;

    private DateOnly Today => DateOnly.FromDateTime(App.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);

    [SkippableFact]
    public async Task Supplementary_material_reaches_the_handler_and_is_shown_back_as_submitted()
    {
        var (id, number, code, internalNote) = await ForwardedAsync();
        var at = App.Clock.GetUtcNow();

        var response = await PostMultipartAsync("/api/public/supplements", new() { ["number"] = number, ["queryCode"] = code, ["text"] = "补充两张收费单据" },
            ("收费单.txt", Encoding.UTF8.GetBytes("2026年3月 停车管理费 200元\n2026年4月 停车管理费 200元\n")));
        var json = await ReadOkAsync(response);

        Assert.Contains(json["steps"]!.AsArray(), s => s!["summary"]!.GetValue<string>() == "已提交补充材料" && s["action"]!.GetValue<string>() == "补充材料");
        Assert.DoesNotContain(internalNote, json.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("收费单.txt", json.ToJsonString(), StringComparison.Ordinal); // the staff's line stays with staff

        // The staff holding the item: the history entry with the text and the file, at the moment of submission, and the file itself.
        var handler = await App.StaffAsync("demo.xihu.zjj.handler");
        var (_, detail) = await handler.GetAsync($"/api/petitions/{id}");
        var entry = detail["history"]!.AsArray().Last()!;
        Assert.Equal("信访人提交补充材料：补充两张收费单据（附件1个：收费单.txt）", entry["summary"]!.GetValue<string>());
        Assert.Equal(at, entry["at"]!.GetValue<DateTimeOffset>());
        var (listed, files) = await handler.GetAsync($"/api/petitions/{id}/attachments");
        Assert.Equal(HttpStatusCode.OK, listed);
        var file = Assert.Single(files.AsArray());
        Assert.Equal("收费单.txt", file!["fileName"]!.GetValue<string>());
        Assert.Equal("信访人", file["uploadedBy"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task A_supplement_is_refused_with_its_reason_once_answered_and_a_wrong_code_is_a_404()
    {
        var (id, number, code, _) = await ServedAsync();

        var wrong = await PostMultipartAsync("/api/public/supplements", new() { ["number"] = number, ["queryCode"] = "WRONG0CODE", ["text"] = "补充" });
        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);

        var closed = await PostMultipartAsync("/api/public/supplements", new() { ["number"] = number, ["queryCode"] = code, ["text"] = "补充" });
        var problem = await ProblemAsync(closed, HttpStatusCode.Conflict);
        Assert.Contains("申请复查", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("第三十五条", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        // Checked by content like every upload: a program named .pdf is refused beside the field, nothing saved.
        var (_, forwardedNumber, forwardedCode, _) = await ForwardedAsync();
        var bad = await PostMultipartAsync("/api/public/supplements", new() { ["number"] = forwardedNumber, ["queryCode"] = forwardedCode, ["text"] = "单据" },
            ("单据.pdf", [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]));
        var invalid = await ProblemAsync(bad, HttpStatusCode.BadRequest);
        Assert.Contains("类型不支持", invalid["errors"]!["files"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        var handler = await App.StaffAsync("demo.xihu.zjj.handler");
        Assert.Equal(HttpStatusCode.OK, (await handler.GetAsync($"/api/petitions/{id}")).Status);
    }

    [SkippableFact]
    public async Task The_petitioner_rates_bureau_and_unit_separately_a_dissatisfied_needs_a_reason_and_the_window_closes()
    {
        var (_, number, code, internalNote) = await ServedAsync();
        var progress = await ReadOkAsync(await PostJsonAsync("/api/public/progress", new { number, queryCode = code }));
        Assert.True(progress["canRate"]!.GetValue<bool>());
        Assert.Equal("西湖区信访局", progress["rating"]!["bureauName"]!.GetValue<string>());
        Assert.Equal("西湖区住房和城乡建设局", progress["rating"]!["unitName"]!.GetValue<string>());

        var noReason = await PostJsonAsync("/api/public/rating", new { number, queryCode = code, bureau = "Satisfied", unit = "Dissatisfied" });
        var invalid = await ProblemAsync(noReason, HttpStatusCode.BadRequest);
        Assert.NotNull(invalid["errors"]!["unitReason"]);

        Assert.Equal(HttpStatusCode.NotFound, (await PostJsonAsync("/api/public/rating", new { number, queryCode = "WRONG0CODE", bureau = "Satisfied" })).StatusCode);

        var rated = await ReadOkAsync(await PostJsonAsync("/api/public/rating", new { number, queryCode = code, bureau = "Satisfied", unit = "Dissatisfied", unitReason = "停车费没有退还" }));
        Assert.False(rated["canRate"]!.GetValue<bool>());
        Assert.Equal("Rated", rated["stage"]!.GetValue<string>());
        Assert.DoesNotContain("停车费没有退还", rated.ToJsonString(), StringComparison.Ordinal); // the reason is for the 回访, not a public line
        Assert.DoesNotContain(internalNote, rated.ToJsonString(), StringComparison.Ordinal);

        // Another item whose rating window has passed (domain.md §8): 409, in Chinese, nothing recorded.
        var (_, late, lateCode, _) = await ServedAsync();
        App.Advance(TimeSpan.FromDays(40));
        var closed = await PostJsonAsync("/api/public/rating", new { number = late, queryCode = lateCode, unit = "Satisfied" });
        Assert.Contains("评价期限已于", (await ProblemAsync(closed, HttpStatusCode.Conflict))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_review_is_registered_at_the_chosen_body_above_and_appears_in_its_work_list_Art_35()
    {
        var (id, number, code, internalNote) = await ServedAsync();
        var progress = await ReadOkAsync(await PostJsonAsync("/api/public/progress", new { number, queryCode = code }));
        var review = progress["review"]!;
        Assert.Equal("RequestReview", review["action"]!.GetValue<string>());
        Assert.InRange(review["daysLeft"]!.GetValue<int>(), 30, 34); // 30 days from the day of receipt, rolled past a rest day (Art. 35)
        var bodies = review["bodies"]!.AsArray().Select(b => b!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(["西湖区信访局", "杭州市住房和城乡建设局"], bodies);
        var city = review["bodies"]![1]!["id"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.NotFound, (await PostMultipartAsync("/api/public/review", new() { ["number"] = number, ["queryCode"] = "WRONG0CODE", ["reasons"] = "不服" })).StatusCode);

        var at = App.Clock.GetUtcNow();
        var asked = await ReadOkAsync(await PostMultipartAsync("/api/public/review",
            new() { ["number"] = number, ["queryCode"] = code, ["reasons"] = "停车费标准没有依据", ["reviewOrganizationId"] = city },
            ("收费公示.txt", Encoding.UTF8.GetBytes("小区公告栏没有任何收费公示。"))));
        Assert.Equal("UnderReview", asked["state"]!.GetValue<string>());
        Assert.Equal("杭州市住房和城乡建设局", asked["currentOrganizationName"]!.GetValue<string>());
        Assert.Contains(asked["steps"]!.AsArray(), s => s!["summary"]!.GetValue<string>() == "已向杭州市住房和城乡建设局申请复查");
        Assert.DoesNotContain("停车费标准没有依据", asked.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(internalNote, asked.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(asked["deadlines"]!.AsArray(), d => d!["kind"]!.GetValue<string>() == "ReviewOpinion" && d["organizationName"]!.GetValue<string>() == "杭州市住房和城乡建设局");

        // Registered at that body with the moment of submission: in its work list, the entry timed, the file with the item.
        var reviewer = await App.StaffAsync("demo.hz.zjj.reviewer");
        var (listed, page) = await reviewer.GetAsync($"/api/organizations/{reviewer.Org("330100ZJJ")}/worklist");
        Assert.Equal(HttpStatusCode.OK, listed);
        Assert.Contains(page["items"]!.AsArray(), r => r!["number"]!.GetValue<string>() == number);
        var (_, detail) = await reviewer.GetAsync($"/api/petitions/{id}");
        var entry = detail["history"]!.AsArray().Last()!;
        Assert.Equal("向杭州市住房和城乡建设局申请复查：停车费标准没有依据（附件1个：收费公示.txt）", entry["summary"]!.GetValue<string>());
        Assert.Equal(at, entry["at"]!.GetValue<DateTimeOffset>());
        Assert.Single((await reviewer.GetAsync($"/api/petitions/{id}/attachments")).Body.AsArray());

        // Asked again: the 复查 is under way, 409.
        var again = await PostMultipartAsync("/api/public/review", new() { ["number"] = number, ["queryCode"] = code, ["reasons"] = "再次申请" });
        Assert.Contains("正在复查", (await ProblemAsync(again, HttpStatusCode.Conflict))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Without_a_choice_the_preselected_body_takes_the_review_and_after_the_window_the_answer_says_since_when()
    {
        var (_, number, code, _) = await ServedAsync();
        var asked = await ReadOkAsync(await PostMultipartAsync("/api/public/review", new() { ["number"] = number, ["queryCode"] = code, ["reasons"] = "处理不公" }));
        Assert.Equal("西湖区信访局", asked["currentOrganizationName"]!.GetValue<string>());

        var (_, late, lateCode, _) = await ServedAsync();
        var servedOn = Today;
        App.Advance(TimeSpan.FromDays(40));
        var closed = await PostMultipartAsync("/api/public/review", new() { ["number"] = late, ["queryCode"] = lateCode, ["reasons"] = "处理不公" });
        var detail = (await ProblemAsync(closed, HttpStatusCode.Conflict))["detail"]!.GetValue<string>();
        Assert.Contains("复查申请期限已于", detail, StringComparison.Ordinal);
        Assert.Contains("起不能再申请复查", detail, StringComparison.Ordinal);
        Assert.Contains($"{servedOn:yyyy年M月d日}收到", detail, StringComparison.Ordinal);
        var progress = await ReadOkAsync(await PostJsonAsync("/api/public/progress", new { number = late, queryCode = lateCode }));
        Assert.Equal("Served", progress["state"]!.GetValue<string>()); // nothing changed
        Assert.Null(progress["review"]);
        Assert.Equal(detail, progress["reviewClosedBecause"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task On_the_page_a_dissatisfied_rating_without_a_reason_keeps_what_was_typed_and_says_so_beside_the_field()
    {
        var (_, number, code, internalNote) = await ServedAsync();
        var client = App.CreateClient();
        var token = await SecurityApp.AntiforgeryTokenAsync(client, "/track");
        var response = await client.PostAsync("/track", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "rate",
            ["__RequestVerificationToken"] = token,
            ["Rate.Number"] = number,
            ["Rate.QueryCode"] = code,
            ["Rate.Bureau"] = "Dissatisfied",
            ["Rate.BureauReason"] = "态度很好但没有解决",
            ["Rate.Unit"] = "Dissatisfied",
        }));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.True(response.StatusCode == HttpStatusCode.OK, html);
        Assert.Contains("id=\"rate-unitReason-error\">评价理由不能为空", html, StringComparison.Ordinal);
        Assert.Contains("态度很好但没有解决", html, StringComparison.Ordinal);
        Assert.Contains("aria-current=\"step\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(internalNote, html, StringComparison.Ordinal);

        // A supplement through the page's multipart form, larger than the host's 1 MB default.
        var (_, open, openCode, _) = await ForwardedAsync();
        token = await SecurityApp.AntiforgeryTokenAsync(client, "/track");
        using var form = new MultipartFormDataContent
        {
            { new StringContent("supplement"), "_handler" },
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(open), "Supplement.Number" },
            { new StringContent(openCode), "Supplement.QueryCode" },
            { new StringContent("现场照片说明"), "Supplement.Text" },
        };
        var big = new ByteArrayContent(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("停车场现场情况说明。\n", 60_000))));
        big.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(big, "files", "说明.txt");
        var posted = await client.PostAsync("/track", form);
        var page = WebUtility.HtmlDecode(await posted.Content.ReadAsStringAsync());
        Assert.True(posted.StatusCode == HttpStatusCode.OK, page);
        Assert.Contains("已提交补充材料（提交时间", page, StringComparison.Ordinal);
    }

    private async Task<(Guid Id, string Number, string Code, string InternalNote)> ForwardedAsync()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (id, number, code, _) = await registrar.RegisterAsync(AppExtensions.Letter());
        var note = "内部备注" + Guid.NewGuid().ToString("N")[..8];
        await registrar.ActAsync(id, "forward", new { targetOrganizationId = registrar.Org("330106ZJJ"), note });
        return (id, number, code, note);
    }

    private async Task<(Guid Id, string Number, string Code, string InternalNote)> ServedAsync()
    {
        var (id, number, code, note) = await ForwardedAsync();
        var handler = await App.StaffAsync("demo.xihu.zjj.handler");
        await handler.ActAsync(id, "accept");
        await handler.ActAsync(id, "route", new { route = "Investigate" });
        await (await App.StaffAsync("demo.xihu.zjj.head")).ActAsync(id, "decide", new { outcome = "Support", petitionerRequest = "退还停车费", facts = "收费未公示", reasons = "收费无依据，责令退还", legalBasis = "《物业管理条例》第四十条" });
        await handler.ActAsync(id, "serve", new { method = "InPerson", servedOn = Today, signedByPetitioner = true, note = note + "送达" });
        return (id, number, code, note);
    }

    private Task<HttpResponseMessage> PostJsonAsync(string url, object body) =>
        App.CreateClient().PostAsync(url, new StringContent(System.Text.Json.JsonSerializer.Serialize(body, XinfangApp.Json), Encoding.UTF8, "application/json"));

    private Task<HttpResponseMessage> PostMultipartAsync(string url, Dictionary<string, string> fields, params (string Name, byte[] Content)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (k, v) in fields)
        {
            form.Add(new StringContent(v), k);
        }

        foreach (var (name, content) in files)
        {
            form.Add(new ByteArrayContent(content), "files", name);
        }

        return App.CreateClient().PostAsync(url, form);
    }

    private static async Task<JsonNode> ReadOkAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    private static async Task<JsonNode> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }
}

public sealed class TrackActionsOnSqlite(SqliteFixture fixture) : TrackActionsTests(fixture), IClassFixture<SqliteFixture>;

public sealed class TrackActionsOnPostgres(PostgresFixture fixture) : TrackActionsTests(fixture), IClassFixture<PostgresFixture>;
