using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Petitions;
using Xinfang.Domain.Supervision;
using Xinfang.Web.Tests.Infrastructure;
using Xinfang.Web.Tests.Security;

namespace Xinfang.Web.Tests;

/// <summary>
/// The petition page as a workbench (issue 13): tabs that are links, the one expected step shown first and
/// the rest under 更多操作, a confirmation before a step that cannot be undone, a one-shot success message,
/// deadlines in Chinese, the 处理意见 that fit the route, attachments uploaded on the page (same check and
/// audit as the API), 督办 and the unit's answer on the page.
/// </summary>
public abstract class PetitionPageWorkbenchTests(AppFixture fixture)
{
    private XinfangApp App => fixture.App;

    [SkippableFact]
    public async Task The_expected_step_comes_first_is_confirmed_and_says_it_was_done_once()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (id, _, _, _) = await registrar.RegisterAsync(AppExtensions.Letter("小区垃圾清运不及时"));
        var page = await registrar.Client.GetStringAsync($"/petitions/{id}");

        // 转送 is the expected step; 交办, 不予受理 … wait under 更多操作; the tabs are plain links.
        var next = Regex.Match(page, "<section class=\"next-step\"[\\s\\S]*?</section>").Value;
        Assert.Contains("下一步：转送", next, StringComparison.Ordinal);
        Assert.Contains("id=\"act-forward\"", next, StringComparison.Ordinal);
        Assert.Contains("name=\"Act.Confirmed\" value=\"true\" required", next, StringComparison.Ordinal);
        var more = Regex.Match(page, "<details class=\"more-actions\"[\\s\\S]*</details>").Value;
        Assert.Contains("id=\"act-assign\"", more, StringComparison.Ordinal);
        Assert.Contains("id=\"act-decline\"", more, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"act-forward\"", more, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/petitions/{id}?tab=process\" id=\"tab-process\">办理过程</a>", page, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/petitions/{id}?tab=basic\" aria-current=\"page\" id=\"tab-basic\">基本信息</a>", page, StringComparison.Ordinal);
        // The routing targets as a tree by level.
        Assert.Matches(new Regex("<optgroup label=\"县级\">[\\s\\S]*?西湖区住房和城乡建设局"), next);

        // Not confirmed: nothing done, the reason beside the box.
        var unit = registrar.Org("330106ZJJ").ToString();
        var unconfirmed = await PostAsync(registrar.Client, id, "act-forward", new() { ["Act.TargetOrganizationId"] = unit });
        var html = await unconfirmed.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
        Assert.Contains("「转送」未办理：请核对后勾选“我已核对，确认办理”", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Equal(PetitionState.Registered, await StateAsync(id));

        var done = await PostAsync(registrar.Client, id, "act-forward", new() { ["Act.TargetOrganizationId"] = unit, ["Act.Confirmed"] = "true" });
        Assert.Equal(HttpStatusCode.SeeOther, done.StatusCode);
        Assert.Equal($"/petitions/{id}", done.Headers.Location?.OriginalString);
        Assert.DoesNotContain(done.Headers.GetValues("Set-Cookie"), c => c.Contains(unit, StringComparison.Ordinal)); // only a code, no data
        var after = await registrar.Client.GetStringAsync($"/petitions/{id}");
        Assert.Contains("<div class=\"success\" role=\"status\" id=\"done\">「转送」已办理。</div>", after, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"done\"", await registrar.Client.GetStringAsync($"/petitions/{id}"), StringComparison.Ordinal); // once

        // The unit: 受理 is its next step.
        var handler = await App.SignInAsync("demo.xihu.zjj.handler");
        Assert.Contains("下一步：受理", await handler.GetStringAsync($"/petitions/{id}"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Deadlines_are_named_in_chinese_and_the_outcomes_fit_the_route()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (id, _, _, _) = await registrar.RegisterAsync(AppExtensions.Letter("道路破损影响出行"));
        var process = await registrar.Client.GetStringAsync($"/petitions/{id}?tab=process");
        Assert.Contains("<td>信访部门分类处理（《信访工作条例》第二十二条）</td>", process, StringComparison.Ordinal);
        Assert.DoesNotContain("BureauDisposition", process, StringComparison.Ordinal);
        Assert.DoesNotContain("NoticeOfReceipt", process, StringComparison.Ordinal);

        await registrar.ActAsync(id, "forward", new { targetOrganizationId = registrar.Org("330106ZJJ") });
        var handler = await App.StaffAsync("demo.xihu.zjj.handler");
        await handler.ActAsync(id, "accept");
        await handler.ActAsync(id, "route", new { route = "Investigate" });
        var page = await handler.Client.GetStringAsync($"/petitions/{id}");
        Assert.Contains("下一步：起草处理意见", WebUtility.HtmlDecode(page), StringComparison.Ordinal); // the head signs it off (issue 13)
        var outcomes = Regex.Match(page, "<select name=\"Act.Outcome\">[\\s\\S]*?</select>").Value;
        Assert.Contains("value=\"Support\"", outcomes, StringComparison.Ordinal);
        Assert.Contains("value=\"NotSupport\"", outcomes, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"DutyPerformed\"", outcomes, StringComparison.Ordinal); // Art. 31(五) only
        Assert.DoesNotContain("value=\"Answered\"", outcomes, StringComparison.Ordinal);
        Assert.Contains("办理答复（《信访工作条例》第三十四条）", await handler.Client.GetStringAsync($"/petitions/{id}?tab=process"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task An_attachment_is_uploaded_on_the_page_checked_and_audited_like_the_api()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (id, _, _, _) = await registrar.RegisterAsync(AppExtensions.Letter("来信扫描件测试"));
        var audited = await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Kind == "AttachmentUploaded" && a.SubjectId == id.ToString()));

        var uploaded = await UploadAsync(registrar.Client, id, "来信.txt", Encoding.UTF8.GetBytes("来信人反映小区垃圾清运不及时。"));
        Assert.Equal(HttpStatusCode.SeeOther, uploaded.StatusCode);
        Assert.Equal($"/petitions/{id}?tab=attachments", uploaded.Headers.Location?.OriginalString);
        var tab = await registrar.Client.GetStringAsync($"/petitions/{id}?tab=attachments");
        Assert.Contains("附件已上传。", tab, StringComparison.Ordinal);
        var link = Regex.Match(tab, $"<a href=\"(/api/petitions/{id}/attachments/[0-9a-f-]+)\" download>来信.txt</a>").Groups[1].Value;
        Assert.NotEmpty(link);
        Assert.Equal("来信人反映小区垃圾清运不及时。", await registrar.Client.GetStringAsync(link));
        Assert.Equal(audited + 1, await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Kind == "AttachmentUploaded" && a.SubjectId == id.ToString())));

        // The one check (PetitionAttachments.Check): the content decides, not the name.
        var refused = await UploadAsync(registrar.Client, id, "扫描件.pdf", Encoding.UTF8.GetBytes("这不是PDF"));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("「上传附件」未办理：文件内容是", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(1, await App.WithDbAsync(db => db.Set<Xinfang.Web.Attachments.PetitionAttachment>().CountAsync(a => a.PetitionId == id)));

        // An ID copy is personal data (domain.md §12): the supervisor sees the item, but neither the file nor its link.
        Assert.Equal(HttpStatusCode.SeeOther, (await UploadAsync(registrar.Client, id, "身份证.txt", Encoding.UTF8.GetBytes("居民身份证复印件"), "IdCopy")).StatusCode);
        var idCopy = await App.WithDbAsync(db => db.Set<Xinfang.Web.Attachments.PetitionAttachment>().Where(a => a.PetitionId == id && a.Category == Xinfang.Web.Attachments.AttachmentCategory.IdCopy).Select(a => a.Id).SingleAsync());
        Assert.Contains($"/attachments/{idCopy}\" download>身份证.txt</a>", await registrar.Client.GetStringAsync($"/petitions/{id}?tab=attachments"), StringComparison.Ordinal);
        var supervisor = await App.SignInAsync("demo.xihu.supervisor");
        var seen = await supervisor.GetStringAsync($"/petitions/{id}?tab=attachments");
        Assert.Contains("来信.txt</a>", seen, StringComparison.Ordinal);
        Assert.DoesNotContain("身份证.txt", seen, StringComparison.Ordinal);
        Assert.Contains("（个人信息，无权查看）", seen, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.GetAsync($"/api/petitions/{id}/attachments/{idCopy}")).StatusCode);

        // No category chosen: refused beside the list, nothing stored.
        var uncategorised = await UploadAsync(registrar.Client, id, "其他.txt", Encoding.UTF8.GetBytes("其他"), string.Empty);
        Assert.Contains("请选择材料类别", WebUtility.HtmlDecode(await uncategorised.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(2, await App.WithDbAsync(db => db.Set<Xinfang.Web.Attachments.PetitionAttachment>().CountAsync(a => a.PetitionId == id)));
    }

    [SkippableFact]
    public async Task A_supervisor_supervises_on_the_page_and_the_unit_answers_there()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (id, _, _, _) = await registrar.RegisterAsync(AppExtensions.Letter("督办测试：排水沟堵塞"));
        await registrar.ActAsync(id, "forward", new { targetOrganizationId = registrar.Org("330106ZJJ") });

        var supervisor = await App.SignInAsync("demo.xihu.supervisor");
        Assert.Contains("id=\"supervise\"", await supervisor.GetStringAsync($"/petitions/{id}?tab=supervision"), StringComparison.Ordinal);
        var handler = await App.SignInAsync("demo.xihu.zjj.handler");
        Assert.DoesNotContain("id=\"supervise\"", await handler.GetStringAsync($"/petitions/{id}?tab=supervision"), StringComparison.Ordinal);

        var issued = await PostAsync(supervisor, id, "supervise", new() { ["Act.SupervisionReason"] = "Delay", ["Act.Details"] = "请于期限内书面反馈办理情况" }, "supervision");
        Assert.Equal(HttpStatusCode.SeeOther, issued.StatusCode);
        var notice = await App.WithDbAsync(db => db.Set<SupervisionNotice>().SingleAsync(n => n.PetitionId == id));
        var tab = await supervisor.GetStringAsync($"/petitions/{id}?tab=supervision");
        Assert.Contains("督办通知已下发。", tab, StringComparison.Ordinal);
        Assert.Contains("<span class=\"level-badge\">督办中</span> 拖延", tab, StringComparison.Ordinal);

        var unitTab = await handler.GetStringAsync($"/petitions/{id}?tab=supervision");
        var answerForm = "answer-" + notice.Id.ToString("N");
        Assert.Contains($"id=\"{answerForm}\"", unitTab, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"remind-", unitTab, StringComparison.Ordinal); // 催办 is the bureau's
        var answered = await PostAsync(handler, id, answerForm, new() { ["Act.Text"] = "已组织疏通排水沟" }, "supervision");
        Assert.Equal(HttpStatusCode.SeeOther, answered.StatusCode);
        Assert.Contains("<span class=\"level-badge\">已反馈</span>", await handler.GetStringAsync($"/petitions/{id}?tab=supervision"), StringComparison.Ordinal);
        Assert.Equal(SupervisionStatus.Answered, await App.WithDbAsync(db => db.Set<SupervisionNotice>().Where(n => n.Id == notice.Id).Select(n => n.Status).SingleAsync()));
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, Guid id, string form, Dictionary<string, string> fields, string? tab = null)
    {
        var url = tab is null ? $"/petitions/{id}" : $"/petitions/{id}?tab={tab}";
        var body = new Dictionary<string, string>(fields)
        {
            ["_handler"] = form,
            ["__RequestVerificationToken"] = await SecurityApp.AntiforgeryTokenAsync(client, url),
        };
        return await client.PostAsync(url, new FormUrlEncodedContent(body));
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, Guid id, string name, byte[] content, string category = "LetterScan")
    {
        var url = $"/petitions/{id}?tab=attachments";
        using var form = new MultipartFormDataContent
        {
            { new StringContent("upload"), "_handler" },
            { new StringContent(category), "Act.Category" },
            { new StringContent(await SecurityApp.AntiforgeryTokenAsync(client, url)), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", name);
        return await client.PostAsync(url, form);
    }

    private Task<PetitionState> StateAsync(Guid id) => App.WithDbAsync(db => db.Petitions.Where(p => p.Id == id).Select(p => p.State).SingleAsync());
}

public sealed class PetitionPageWorkbenchOnSqlite(SqliteFixture fixture) : PetitionPageWorkbenchTests(fixture), IClassFixture<SqliteFixture>;

public sealed class PetitionPageWorkbenchOnPostgres(PostgresFixture fixture) : PetitionPageWorkbenchTests(fixture), IClassFixture<PostgresFixture>;
