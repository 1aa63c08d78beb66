using System.Net;
using Xinfang.Web.Tests.Infrastructure;
using Xinfang.Web.Tests.Supervision;

namespace Xinfang.Web.Tests.Workbench;

/// <summary>
/// 督办 on the page (issue 13): the supervisor issues a notice and reminds it from a warned row of /supervision,
/// the unit answers it on the same page, and the work list marks the item overdue in words as well as colour.
/// </summary>
public sealed class SupervisionPageTests(SqliteFixture fixture) : IClassFixture<SqliteFixture>
{
    private XinfangApp App => fixture.App;

    private static async Task<HttpResponseMessage> PostFormAsync(Staff staff, string page, string handler, Dictionary<string, string> fields)
    {
        var token = await Security.SecurityApp.AntiforgeryTokenAsync(staff.Client, page);
        fields["__RequestVerificationToken"] = token;
        fields["_handler"] = handler;
        return await staff.Client.PostAsync(page, new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task The_supervisor_issues_and_reminds_from_the_warning_list_and_the_unit_answers_on_the_page()
    {
        var (id, handling) = await App.HandlingItemAsync("督办页面测试：雨水管堵塞");
        App.GoTo(handling.Date("dueOn").AddDays(1));
        await App.SweepAsync();

        // The unit's list says it in words: overdue by one day.
        var handler = await App.StaffAsync(SupervisionTestSupport.Handler);
        var (_, list) = await handler.GetAsync("/api/workbench/items?level=Overdue");
        var row = list["items"]!.AsArray().Single(i => i!["id"]!.GetValue<Guid>() == id)!;
        Assert.Equal(-1, row["daysLeft"]!.GetValue<int>());
        Assert.Contains("逾期1天（逾期）", WebUtility.HtmlDecode(await handler.Client.GetStringAsync("/workbench?level=Overdue")), StringComparison.Ordinal);

        var supervisor = await App.StaffAsync(SupervisionTestSupport.Supervisor);
        var page = WebUtility.HtmlDecode(await supervisor.Client.GetStringAsync("/supervision"));
        Assert.Contains("下发督办通知", page, StringComparison.Ordinal);
        var issued = await PostFormAsync(supervisor, "/supervision", $"issue-{id}", new() { ["reason"] = "Delay", ["text"] = "请于五日内书面反馈雨水管疏通情况" });
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        Assert.Contains("已下发督办通知", await issued.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var (_, notices) = await supervisor.GetAsync($"/api/supervision/notices?petitionId={id}");
        var notice = notices.AsArray().Single()!;
        var noticeId = notice["id"]!.GetValue<Guid>();

        var reminded = await PostFormAsync(supervisor, "/supervision", $"remind-{noticeId}", new() { ["text"] = "尚未反馈，请抓紧" });
        Assert.Contains("已催办", await reminded.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var (_, afterReminder) = await supervisor.GetAsync($"/api/supervision/notices?petitionId={id}");
        Assert.Single(afterReminder.AsArray().Single()!["reminders"]!.AsArray());

        // The unit sees the notice addressed to it and answers on the page; a unit may not issue.
        var unitPage = WebUtility.HtmlDecode(await handler.Client.GetStringAsync("/supervision"));
        Assert.Contains("收到的督办通知", unitPage, StringComparison.Ordinal);
        Assert.Contains("请于五日内书面反馈雨水管疏通情况", unitPage, StringComparison.Ordinal);
        Assert.DoesNotContain("下发督办通知", unitPage, StringComparison.Ordinal);
        var answered = await PostFormAsync(handler, "/supervision", $"feedback-{noticeId}", new() { ["text"] = "已疏通雨水管，并书面告知信访人" });
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Contains("已提交书面反馈", await answered.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var (_, done) = await supervisor.GetAsync($"/api/supervision/notices?petitionId={id}");
        Assert.Equal("Answered", done.AsArray().Single()!["status"]!.GetValue<string>());

        // An empty feedback is refused in Chinese and changes nothing.
        var (_, again) = await supervisor.PostAsync("/api/supervision/notices", new { petitionId = id, reason = "Delay", details = "再次督办" });
        var second = again["id"]!.GetValue<Guid>();
        var empty = await PostFormAsync(handler, "/supervision", $"feedback-{second}", new() { ["text"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("书面反馈", WebUtility.HtmlDecode(await empty.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }
}
