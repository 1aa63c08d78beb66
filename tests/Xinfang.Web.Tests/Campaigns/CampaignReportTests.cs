using System.Net;
using DocumentFormat.OpenXml.Packaging;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests.Campaigns;

/// <summary>
/// The annual report of a small jurisdiction (西湖区, its own app so nothing else counts) states the 治重化积 figures as
/// worked out by hand below, in markdown and in the .docx, and the figures API and the dashboard say the same.
/// </summary>
public sealed class CampaignReportTests(SqliteFixture fixture) : IClassFixture<SqliteFixture>
{
    [SkippableFact]
    public async Task The_annual_report_states_the_campaign_figures_worked_out_by_hand()
    {
        var registrar = await fixture.App.StaffAsync("demo.xihu.registrar");
        var (_, campaign) = await registrar.PostAsync("/api/campaigns", new { name = "2026年治重化积专项工作", kind = "Backlog", startsOn = "2026-01-01", endsOn = "2026-12-31" });
        var id = campaign["id"]!.GetValue<Guid>();
        async Task<Guid> Add(string source, string matter, string dueOn)
        {
            var (status, body) = await registrar.PostAsync($"/api/campaigns/{id}/entries", new { source, matter, owner = "西湖区住房和城乡建设局", plan = "化解方案", dueOn });
            Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
            return body["entries"]!.AsArray().Single(e => e!["matter"]!.GetValue<string>() == matter)!["id"]!.GetValue<Guid>();
        }

        // Today is 2026-03-10 (the fake clock). By hand:
        //   A 中央交办, due 03-01, no outcome            → overdue
        //   B 中央交办, due 06-30, 化解 on 03-10          → resolved
        //   C 省交办,   due 03-05, 未化解 on 03-09        → has an outcome, not overdue
        //   D 市县自查, due 12-31, no outcome            → open
        // 1 campaign, 4 entries (中央交办2, 省交办1, 市县自查1), 已化解 1, 化解率 1 ÷ 4 = 25.00%, 逾期未化解 1.
        await Add("Central", "事项甲", "2026-03-01");
        var b = await Add("Central", "事项乙", "2026-06-30");
        var c = await Add("Provincial", "事项丙", "2026-03-05");
        await Add("LocalCheck", "事项丁", "2026-12-31");
        Assert.Equal(HttpStatusCode.OK, (await registrar.PostAsync($"/api/campaigns/{id}/entries/{b}/outcome", new { outcome = "Resolved", on = "2026-03-10" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await registrar.PostAsync($"/api/campaigns/{id}/entries/{c}/outcome", new { outcome = "Unresolved", on = "2026-03-09", reason = "诉求超出政策规定" })).Status);

        const string sentence = "治重化积：开展治理重复信访、化解信访积案专项工作1项，列入清单4件（中央交办2件，省交办1件，市县自查1件），截至2026年3月10日已化解1件，化解率25.00%，逾期未化解1件。";
        var markdown = await registrar.Client.GetStringAsync("/api/reports/annual/markdown?year=2026");
        Assert.Contains(sentence, markdown, StringComparison.Ordinal);
        Assert.Contains("| 合计 | 4 | 1 | 1 | 1 | 25.00% |", markdown, StringComparison.Ordinal);

        var docx = await registrar.Client.GetByteArrayAsync("/api/reports/annual/docx?year=2026");
        using (var word = WordprocessingDocument.Open(new MemoryStream(docx), false))
        {
            Assert.Contains(sentence, word.MainDocumentPart!.Document.Body!.InnerText, StringComparison.Ordinal);
        }

        var (ok, figures) = await registrar.GetAsync("/api/campaigns/figures?from=2026-01-01&to=2026-12-31");
        Assert.True(ok == HttpStatusCode.OK, figures.ToJsonString());
        Assert.Equal((1, 4, 1, 1), (figures["campaigns"]!.GetValue<int>(), figures["total"]!["entries"]!.GetValue<int>(), figures["total"]!["resolved"]!.GetValue<int>(), figures["total"]!["overdue"]!.GetValue<int>()));
        // A year without the campaign counts nothing.
        var (_, earlier) = await registrar.GetAsync("/api/campaigns/figures?from=2025-01-01&to=2025-12-31");
        Assert.Equal(0, earlier["campaigns"]!.GetValue<int>());

        var dashboard = await registrar.Client.GetStringAsync("/statistics?year=2026");
        Assert.Contains("campaign-figures-section", dashboard, StringComparison.Ordinal);
        Assert.Contains("化解率25.00%", dashboard, StringComparison.Ordinal);
    }
}
