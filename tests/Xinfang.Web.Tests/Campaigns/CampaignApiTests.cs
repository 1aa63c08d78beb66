using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Campaigns;
using Xinfang.Web.Campaigns;
using Xinfang.Web.Reports;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests.Campaigns;

/// <summary>
/// 治重化积 campaigns over HTTP on both providers (issue 14): create → import a good .xlsx (an item, a described backlog
/// case, a leader-only row) → the item flagged 积案 → progress by the owning unit → outcome by the bureau → export as
/// .xlsx (which reads back) and .csv; a bad .xlsx answers every fault by row in Chinese and takes nothing; another
/// jurisdiction is kept out and an entry's item is shown only to those who may see it.
/// </summary>
public abstract class CampaignApiTests(AppFixture fixture)
{
    private XinfangApp App => fixture.App;

    private static Dictionary<string, object?> NewCampaign(string name = "2026年治理重复信访化解信访积案专项工作") => new()
    {
        ["name"] = name,
        ["kind"] = "Both",
        ["startsOn"] = "2026-03-01",
        ["endsOn"] = "2026-09-30",
    };

    /// <summary>An .xlsx list as a bureau would type it: a title row, the Chinese header, then the rows (written with the app's own writer).</summary>
    internal static byte[] Sheet(params string?[][] rows) =>
        XlsxWriter.Write(new ReportTable("list", "专项工作清单", CampaignImport.Headers, rows.Select(r => (IReadOnlyList<object?>)r.Cast<object?>().ToList()).ToList()), "西湖区");

    internal static async Task<(HttpStatusCode Status, JsonNode Body)> ImportAsync(Staff staff, Guid id, byte[] file, string name = "清单.xlsx")
    {
        using var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue(XlsxWriter.ContentType);
        content.Add(part, "file", name);
        var response = await staff.Client.PostAsync($"/api/campaigns/{id}/import", content);
        return (response.StatusCode, await Staff.ReadAsync(response));
    }

    [SkippableFact]
    public async Task Create_import_progress_outcome_and_export()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (created, campaign) = await registrar.PostAsync("/api/campaigns", NewCampaign());
        Assert.True(created == HttpStatusCode.Created, campaign.ToJsonString());
        var id = campaign["id"]!.GetValue<Guid>();
        Assert.Equal("治理重复信访、化解信访积案", campaign["kindName"]!.GetValue<string>());
        var (itemId, number, _, _) = await registrar.RegisterAsync(AppExtensions.Letter("小区地下车库长期积水"));

        var file = Sheet(
            ["中央交办", number, null, "西湖区住房和城乡建设局", "陈局长", "约谈物业公司，限期整改", "2026-06-30"],
            ["市县自查", null, "某小区拆迁安置补偿争议", "西湖区住房和城乡建设局", null, "召开听证会", "2026-04-30"],
            ["省交办", null, "某企业拖欠工资争议", null, "黄副局长", "包案协调", "2026-09-30"]);
        var (imported, withEntries) = await ImportAsync(registrar, id, file);
        Assert.True(imported == HttpStatusCode.OK, withEntries.ToJsonString());
        var entries = withEntries["entries"]!.AsArray();
        Assert.Equal(3, entries.Count);
        var item = entries.Single(e => e!["petitionNumber"]?.GetValue<string>() == number)!;
        Assert.Equal("小区地下车库长期积水", item["matter"]!.GetValue<string>());
        Assert.Equal("陈局长", item["leader"]!.GetValue<string>());
        Assert.Equal("黄副局长", entries.Single(e => e!["sourceName"]!.GetValue<string>() == "省交办")!["owner"]!.GetValue<string>());
        var zjj = registrar.Org("330106ZJJ");
        var unit = withEntries["byUnit"]!.AsArray().Single(u => u!["key"]!.GetValue<string>() == zjj.ToString())!;
        Assert.Equal(("西湖区住房和城乡建设局", 2), (unit["name"]!.GetValue<string>(), unit["entries"]!.GetValue<int>()));

        // The item of a backlog campaign is flagged 积案, shown on its page.
        Assert.True(await App.WithDbAsync(db => db.Set<BacklogFlag>().AnyAsync(f => f.PetitionId == itemId)));
        Assert.Contains("backlog-badge", await registrar.Client.GetStringAsync($"/petitions/{itemId}"), StringComparison.Ordinal);

        // The owning unit records progress on its described case; a date in the future is refused and changes nothing.
        var described = entries.Single(e => e!["sourceName"]!.GetValue<string>() == "市县自查")!["id"]!.GetValue<Guid>();
        var handler = await App.StaffAsync("demo.xihu.zjj.handler");
        var (future, futureProblem) = await handler.PostAsync($"/api/campaigns/{id}/entries/{described}/progress", new { text = "已约谈", on = "2026-03-11" });
        Assert.Equal(HttpStatusCode.BadRequest, future);
        Assert.Contains("on", futureProblem["errors"]!.AsObject().Select(e => e.Key));
        var (noted, afterNote) = await handler.PostAsync($"/api/campaigns/{id}/entries/{described}/progress", new { text = "已召开协调会", on = "2026-03-09" });
        Assert.True(noted == HttpStatusCode.OK, afterNote.ToJsonString());
        var notes = afterNote["entries"]!.AsArray().Single(e => e!["id"]!.GetValue<Guid>() == described)!["notes"]!.AsArray();
        Assert.Equal(("已召开协调会", "张承办"), (Assert.Single(notes)!["text"]!.GetValue<string>(), notes[0]!["by"]!.GetValue<string>()));
        // The unit does not decide the outcome: the bureau does.
        Assert.Equal(HttpStatusCode.Forbidden, (await handler.PostAsync($"/api/campaigns/{id}/entries/{described}/outcome", new { outcome = "Resolved", on = "2026-03-10" })).Status);

        var (noReason, reasonProblem) = await registrar.PostAsync($"/api/campaigns/{id}/entries/{described}/outcome", new { outcome = "Unresolved", on = "2026-03-10" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason);
        Assert.Contains("reason", reasonProblem["errors"]!.AsObject().Select(e => e.Key));
        var (resolved, afterOutcome) = await registrar.PostAsync($"/api/campaigns/{id}/entries/{described}/outcome", new { outcome = "Resolved", on = "2026-03-10", reason = "按政策补偿到位" });
        Assert.True(resolved == HttpStatusCode.OK, afterOutcome.ToJsonString());
        Assert.Equal((3, 1, "33.33%"), (afterOutcome["progress"]!["entries"]!.GetValue<int>(), afterOutcome["progress"]!["resolved"]!.GetValue<int>(), Rate(afterOutcome["progress"]!)));
        Assert.Equal(HttpStatusCode.Conflict, (await registrar.PostAsync($"/api/campaigns/{id}/entries/{described}/outcome", new { outcome = "Unresolved", on = "2026-03-10", reason = "再次" })).Status);

        // Export: the title row names the campaign and its period; the .xlsx imports again (same columns).
        var xlsx = await registrar.Client.GetAsync($"/api/campaigns/{id}/export?format=xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        var bytes = await xlsx.Content.ReadAsByteArrayAsync();
        using (var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false))
        {
            var text = document.WorkbookPart!.SharedStringTablePart?.SharedStringTable.InnerText ?? document.WorkbookPart.WorksheetParts.First().Worksheet.InnerText;
            Assert.Contains("2026年治理重复信访化解信访积案专项工作（治理重复信访、化解信访积案，2026-03-01至2026-09-30）", text, StringComparison.Ordinal);
        }

        var (back, fault) = CampaignSheets.Read(new MemoryStream(bytes));
        Assert.Null(fault);
        Assert.Equal(3, back.Count);
        Assert.Contains(back, r => r.PetitionNumber == number && r.Leader == "陈局长" && r.DueOn == "2026-06-30");
        var csv = await registrar.Client.GetStringAsync($"/api/campaigns/{id}/export?format=csv");
        Assert.Contains("2026-03-01至2026-09-30", csv.Split("\r\n")[0], StringComparison.Ordinal);
        Assert.StartsWith("来源,信访件编号,事项摘要,责任单位,包案领导,化解方案,化解期限", csv.Split("\r\n")[1], StringComparison.Ordinal);
        Assert.Contains("按政策补偿到位", csv, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await registrar.GetAsync($"/api/campaigns/{id}/export?format=pdf")).Status);

        // Importing the same item again is refused by row.
        var (again, againProblem) = await ImportAsync(registrar, id, Sheet(["中央交办", number, null, "西湖区住房和城乡建设局", null, "方案", "2026-06-30"]));
        Assert.Equal(HttpStatusCode.BadRequest, again);
        Assert.Contains($"第3行：信访件编号{number}已在本专项工作清单中", againProblem["errors"]!["row3"]!.AsArray().Select(m => m!.GetValue<string>()));
    }

    [SkippableFact]
    public async Task A_bad_list_answers_every_fault_by_row_in_Chinese_and_takes_nothing()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (_, campaign) = await registrar.PostAsync("/api/campaigns", NewCampaign("2026年化解信访积案（导入有误）"));
        var id = campaign["id"]!.GetValue<Guid>();
        var before = await App.WithDbAsync(db => db.Set<BacklogFlag>().CountAsync());

        var file = Sheet(
            ["市县自查", null, "某小区停车收费争议", "西湖区住房和城乡建设局", null, "约谈", "2026-05-31"],
            ["国务院", null, "事项", "单位", null, "方案", "2026-05-31"],
            ["省交办", "330106XFJ-2026-999999", null, null, null, "方案", "2027-01-01"],
            ["中央交办", null, "事项", "单位", null, null, "明天"]);
        var (status, problem) = await ImportAsync(registrar, id, file);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        var errors = problem["errors"]!.AsObject();
        Assert.Equal(["row4", "row5", "row6"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        string[] Messages(string row) => errors[row]!.AsArray().Select(m => m!.GetValue<string>()).ToArray();
        Assert.Contains("第4行：来源应为中央交办、省交办或市县自查", Messages("row4"));
        Assert.Contains("第5行：信访件编号330106XFJ-2026-999999不存在或无权查看", Messages("row5"));
        Assert.Contains("第5行：请填写责任人（包案领导或责任单位）", Messages("row5"));
        Assert.Contains(Messages("row5"), m => m.StartsWith("第5行：化解期限应在专项工作期间", StringComparison.Ordinal));
        Assert.Contains("第6行：请填写化解方案", Messages("row6"));
        Assert.Contains("第6行：化解期限应为 年-月-日 格式的日期", Messages("row6"));

        var (_, unchanged) = await registrar.GetAsync($"/api/campaigns/{id}");
        Assert.Empty(unchanged["entries"]!.AsArray());
        Assert.Equal(before, await App.WithDbAsync(db => db.Set<BacklogFlag>().CountAsync()));

        // Not a workbook at all, and a form without a file.
        var (notXlsx, notProblem) = await ImportAsync(registrar, id, "来源,化解期限\n"u8.ToArray(), "清单.csv");
        Assert.Equal(HttpStatusCode.BadRequest, notXlsx);
        Assert.Equal("文件不是有效的 .xlsx 工作簿", notProblem["errors"]!["file"]![0]!.GetValue<string>());
        using var empty = new MultipartFormDataContent { { new StringContent("x"), "note" } };
        var noFile = await registrar.Client.PostAsync($"/api/campaigns/{id}/import", empty);
        Assert.Equal(HttpStatusCode.BadRequest, noFile.StatusCode);
        Assert.Contains("请选择要导入的 .xlsx 文件", await noFile.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A campaign with a reversed period or a control character in its name is refused.
        var reversed = NewCampaign("专项\u0007工作");
        reversed["endsOn"] = "2026-02-01";
        var (bad, badProblem) = await registrar.PostAsync("/api/campaigns", reversed);
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.Contains("name", badProblem["errors"]!.AsObject().Select(e => e.Key));
    }

    [SkippableFact]
    public async Task Another_jurisdiction_is_kept_out_and_items_are_shown_only_to_those_who_may_see_them()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (_, campaign) = await registrar.PostAsync("/api/campaigns", NewCampaign("2026年治理重复信访专项工作（权限）"));
        var id = campaign["id"]!.GetValue<Guid>();
        var (itemId, number, _, _) = await registrar.RegisterAsync(AppExtensions.Letter("村道塌陷无人修复"));
        var (added, withEntry) = await registrar.PostAsync($"/api/campaigns/{id}/entries", new
        {
            source = "Provincial", petitionNumber = number, owner = "北山街道办事处", plan = "修复村道", dueOn = "2026-05-31",
        });
        Assert.True(added == HttpStatusCode.OK, withEntry.ToJsonString());
        var entryId = withEntry["entries"]![0]!["id"]!.GetValue<Guid>();

        // The city's 住建局 is not on the district bureau's line: no campaign, no list entry, no export, no progress.
        var outsider = await App.StaffAsync("demo.hz.zjj.reviewer");
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/campaigns/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/campaigns/{id}/export?format=csv")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostAsync($"/api/campaigns/{id}/entries/{entryId}/progress", new { text = "进展", on = "2026-03-10" })).Status);
        Assert.DoesNotContain((await outsider.GetAsync("/api/campaigns")).Body.AsArray(), c => c!["id"]!.GetValue<Guid>() == id);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.PostAsync("/api/campaigns", NewCampaign())).Status);

        // A unit of the district reads the campaign, but not the item it may not see: neither its number nor its matter.
        var handler = await App.StaffAsync("demo.xihu.zjj.handler");
        var (read, seen) = await handler.GetAsync($"/api/campaigns/{id}");
        Assert.Equal(HttpStatusCode.OK, read);
        var hidden = seen["entries"]![0]!;
        Assert.True(hidden["hidden"]!.GetValue<bool>());
        Assert.Null(hidden["petitionNumber"]);
        Assert.DoesNotContain("村道塌陷", seen.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(number, await handler.Client.GetStringAsync($"/api/campaigns/{id}/export?format=csv"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await handler.PostAsync($"/api/campaigns/{id}/entries", new { source = "Central", matter = "事项", owner = "单位", plan = "方案", dueOn = "2026-05-31" })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await handler.PostAsync("/api/campaigns", NewCampaign())).Status);

        // The city bureau above reads the district's campaign; the district reads the city's (a list handed down the line).
        var city = await App.StaffAsync("demo.hz.registrar");
        Assert.Equal(HttpStatusCode.OK, (await city.GetAsync($"/api/campaigns/{id}")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await city.PostAsync($"/api/campaigns/{id}/entries/{entryId}/outcome", new { outcome = "Resolved", on = "2026-03-10" })).Status);
        var (_, cityCampaign) = await city.PostAsync("/api/campaigns", NewCampaign("杭州市2026年治重化积专项工作"));
        Assert.Equal(HttpStatusCode.OK, (await registrar.GetAsync($"/api/campaigns/{cityCampaign["id"]!.GetValue<Guid>()}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await registrar.GetAsync($"/api/campaigns/{Guid.NewGuid()}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await registrar.Client.GetAsync($"/petitions/{itemId}")).StatusCode);
    }

    private static string Rate(JsonNode progress) => progress["rateText"]?.GetValue<string>()
        ?? progress["resolutionRate"]!.GetValue<decimal>().ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + "%";
}

public sealed class CampaignApiOnSqlite(SqliteFixture fixture) : CampaignApiTests(fixture), IClassFixture<SqliteFixture>;

public sealed class CampaignApiOnPostgres(PostgresFixture fixture) : CampaignApiTests(fixture), IClassFixture<PostgresFixture>;
