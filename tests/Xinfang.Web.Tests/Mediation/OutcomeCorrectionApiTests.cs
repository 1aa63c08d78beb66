using System.Net;
using Microsoft.EntityFrameworkCore;
using Xinfang.Web.Tests.Infrastructure;
using Xinfang.Web.Tests.Supervision;

namespace Xinfang.Web.Tests.Mediation;

/// <summary>
/// A recorded mediation outcome corrected with a reason over HTTP on both providers (issue 14): by the API and the page's
/// form; the earlier outcome stays in the session's history; the figures count the current outcome; the audit trail
/// names both; bad input answers a Chinese 400 and changes nothing; readers and other bodies are refused; once the
/// outcome is a closed item's 化解情况 the correction is refused (409, 条例 Arts. 35–36) and the page says why.
/// </summary>
public abstract class OutcomeCorrectionApiTests(AppFixture fixture)
{
    private XinfangApp App => fixture.App;

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<Guid> HeldAsync(Staff registrar, Guid item, object outcome)
    {
        var (status, held) = await registrar.PostAsync("/api/mediation/sessions", new { kind = "People", heldOn = Day(App.Today()), place = "街道人民调解委员会", petitionIds = new[] { item } });
        Assert.True(status == HttpStatusCode.Created, held.ToJsonString());
        var id = held["id"]!.GetValue<Guid>();
        var (o, body) = await registrar.PostAsync($"/api/mediation/sessions/{id}/outcome", outcome);
        Assert.True(o == HttpStatusCode.OK, body.ToJsonString());
        return id;
    }

    private async Task<(int Agreed, int Partly, int Not, int Agreements)> FiguresAsync(Staff staff)
    {
        var today = Day(App.Today());
        var (status, f) = await staff.GetAsync($"/api/mediation/figures?from={today}&to={today}");
        Assert.True(status == HttpStatusCode.OK, f.ToJsonString());
        var t = f["total"]!;
        return (t["agreed"]!.GetValue<int>(), t["partlyAgreed"]!.GetValue<int>(), t["notAgreed"]!.GetValue<int>(), f["agreements"]!.GetValue<int>());
    }

    [SkippableFact]
    public async Task A_correction_keeps_the_earlier_outcome_and_the_figures_count_the_new_one()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (item, _, _, _) = await registrar.RegisterAsync(AppExtensions.Letter("小区停车费纠纷" + Guid.NewGuid().ToString("N")[..6]));
        var before = await FiguresAsync(registrar);
        var id = await HeldAsync(registrar, item, new { outcome = "Agreed", note = "双方达成一致", agreementKind = "Mediation", agreementTerms = "一、退还停车费。" });
        var (_, recorded) = await registrar.GetAsync($"/api/mediation/sessions/{id}");
        var number = recorded["agreement"]!["number"]!.GetValue<string>();
        Assert.Equal((before.Agreed + 1, before.Partly, before.Not, before.Agreements + 1), await FiguresAsync(registrar));

        // The paper says the parties did not sign: corrected to 未达成, with the reason.
        var (status, corrected) = await registrar.PostAsync($"/api/mediation/sessions/{id}/outcome/correction",
            new { outcome = "NotAgreed", note = "当事人未在协议书上签字", reason = "纸质记录为未达成，录入有误" });
        Assert.True(status == HttpStatusCode.OK, corrected.ToJsonString());
        Assert.Equal("未达成", corrected["outcomeName"]!.GetValue<string>());
        Assert.Null(corrected["agreement"]);
        var earlier = Assert.Single(corrected["corrections"]!.AsArray())!;
        Assert.Equal(("达成协议", "双方达成一致", number, "纸质记录为未达成，录入有误"),
            (earlier["outcomeName"]!.GetValue<string>(), earlier["note"]!.GetValue<string>(), earlier["agreementNumber"]!.GetValue<string>(), earlier["reason"]!.GetValue<string>()));
        Assert.Equal((before.Agreed, before.Partly, before.Not + 1, before.Agreements), await FiguresAsync(registrar));
        Assert.Equal(HttpStatusCode.NotFound, (await registrar.Client.GetAsync($"/api/mediation/sessions/{id}/agreement.docx")).StatusCode);

        // The page's form (no JavaScript): corrected again to 部分达成 with a 和解协议书 — the session's number comes back.
        var page = $"/mediation/{id}";
        Assert.Contains("id=\"mediation-correction-form\"", await registrar.Client.GetStringAsync(page), StringComparison.Ordinal);
        var token = await Security.SecurityApp.AntiforgeryTokenAsync(registrar.Client, page);
        var posted = await registrar.Client.PostAsync(page, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "mediation-correction",
            ["Input.Outcome"] = "PartlyAgreed",
            ["Input.Note"] = "双方已补签，仅就退费达成一致",
            ["Input.AgreementKind"] = "Settlement",
            ["Input.AgreementTerms"] = "一、退还停车费。",
            ["Input.Reason"] = "当事人已补签和解协议书",
        }));
        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        var (_, now) = await registrar.GetAsync($"/api/mediation/sessions/{id}");
        Assert.Equal(("部分达成", number, "和解协议书"), (now["outcomeName"]!.GetValue<string>(), now["agreement"]!["number"]!.GetValue<string>(), now["agreement"]!["kindName"]!.GetValue<string>()));
        Assert.Equal(["达成协议", "未达成"], now["corrections"]!.AsArray().Select(c => c!["outcomeName"]!.GetValue<string>()));
        Assert.Equal((before.Agreed, before.Partly + 1, before.Not, before.Agreements + 1), await FiguresAsync(registrar));
        var html = WebUtility.HtmlDecode(await registrar.Client.GetStringAsync(page));
        Assert.Contains("更正理由：纸质记录为未达成，录入有误", html, StringComparison.Ordinal);
        Assert.Contains("更正理由：当事人已补签和解协议书", html, StringComparison.Ordinal);

        var trail = await App.WithDbAsync(db => db.Set<Xinfang.Web.Audit.AuditEntry>().Where(a => a.SubjectId == id.ToString()).OrderBy(a => a.Sequence).Select(a => a.Summary).ToListAsync());
        Assert.Contains(trail, t => t.StartsWith("更正调解结果：", StringComparison.Ordinal) && t.Contains("原为达成协议，更正为未达成；理由：纸质记录为未达成，录入有误", StringComparison.Ordinal));
        Assert.Contains(trail, t => t.Contains("原为未达成，更正为部分达成", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Bad_input_and_other_bodies_are_refused_and_change_nothing()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (item, _, _, _) = await registrar.RegisterAsync(AppExtensions.Letter("施工噪音扰民" + Guid.NewGuid().ToString("N")[..6]));
        var id = await HeldAsync(registrar, item, new { outcome = "NotAgreed", note = "分歧较大" });
        var url = $"/api/mediation/sessions/{id}/outcome/correction";

        async Task<string> BadAsync(object body)
        {
            var (status, problem) = await registrar.PostAsync(url, body);
            Assert.True(status == HttpStatusCode.BadRequest, problem.ToJsonString());
            var errors = problem["errors"]!.AsObject();
            Assert.All(errors, e => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", e.Value![0]!.GetValue<string>()));
            return string.Join(",", errors.Select(e => e.Key));
        }

        Assert.Contains("reason", await BadAsync(new { outcome = "Agreed", note = "一致", agreementKind = "Mediation", agreementTerms = "一、停工。" }), StringComparison.Ordinal);
        Assert.Contains("reason", await BadAsync(new { outcome = "Agreed", note = "一致", agreementKind = "Mediation", agreementTerms = "一、停工。", reason = "录入\u0007有误" }), StringComparison.Ordinal);
        Assert.Contains("agreementKind", await BadAsync(new { outcome = "Agreed", note = "一致", reason = "录入有误" }), StringComparison.Ordinal);
        Assert.Contains("outcome", await BadAsync(new { outcome = "NotAgreed", note = "分歧较大", reason = "无变化" }), StringComparison.Ordinal);

        // A leader reads but does not correct; the city reads the district's session but records only its own body's.
        var leader = await App.StaffAsync("demo.xihu.leader");
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostAsync(url, new { outcome = "Agreed", note = "一致", agreementKind = "Mediation", agreementTerms = "一、停工。", reason = "录入有误" })).Status);
        var city = await App.StaffAsync("demo.hz.registrar");
        Assert.Equal(HttpStatusCode.Forbidden, (await city.PostAsync(url, new { outcome = "Agreed", note = "一致", agreementKind = "Mediation", agreementTerms = "一、停工。", reason = "录入有误" })).Status);
        Assert.DoesNotContain("mediation-correction-form", await leader.Client.GetStringAsync($"/mediation/{id}"), StringComparison.Ordinal);
        // A session never held answers 404; one without an outcome answers 409 (record it first).
        Assert.Equal(HttpStatusCode.NotFound, (await registrar.PostAsync($"/api/mediation/sessions/{Guid.NewGuid()}/outcome/correction", new { outcome = "NotAgreed", note = "x", reason = "y" })).Status);
        var (_, bare) = await registrar.PostAsync("/api/mediation/sessions", new { kind = "Judicial", heldOn = Day(App.Today()), place = "司法所", petitionIds = new[] { item } });
        Assert.Equal(HttpStatusCode.Conflict, (await registrar.PostAsync($"/api/mediation/sessions/{bare["id"]!.GetValue<Guid>()}/outcome/correction", new { outcome = "NotAgreed", note = "x", reason = "y" })).Status);

        var (_, unchanged) = await registrar.GetAsync($"/api/mediation/sessions/{id}");
        Assert.Equal("未达成", unchanged["outcomeName"]!.GetValue<string>());
        Assert.Empty(unchanged["corrections"]!.AsArray());
    }

    [SkippableFact]
    public async Task Once_a_closed_items_resolution_cites_the_outcome_it_is_no_longer_corrected()
    {
        // An item answered, served and closed once the 复查 window lapsed (as MediationApiTests).
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (item, _, _, _) = await registrar.RegisterAsync(AppExtensions.Letter("物业多收费" + Guid.NewGuid().ToString("N")[..6]));
        await registrar.ActAsync(item, "answer", new { answer = "经核实，多收费用将予退还。" });
        await registrar.ActAsync(item, "serve", new { method = "Post", servedOn = App.Today(), signedByPetitioner = true });
        App.GoTo(App.Today().AddDays(32));
        registrar = await App.StaffAsync("demo.xihu.registrar");
        Assert.Equal("Closed", (await registrar.ActAsync(item, "close", new { note = "已退还" })).State());

        // Recorded 未达成 by slip, corrected before use: the item's 化解情况 follows the corrected outcome.
        var id = await HeldAsync(registrar, item, new { outcome = "NotAgreed", note = "分歧较大" });
        var (c, _) = await registrar.PostAsync($"/api/mediation/sessions/{id}/outcome/correction",
            new { outcome = "PartlyAgreed", note = "就退费达成一致", agreementKind = "Settlement", agreementTerms = "一、退还多收费用。", reason = "选错结果" });
        Assert.Equal(HttpStatusCode.OK, c);
        var (r, petition) = await registrar.PostAsync($"/api/mediation/sessions/{id}/resolution", new { petitionId = item });
        Assert.True(r == HttpStatusCode.OK, petition.ToJsonString());
        var resolution = await App.WithDbAsync(db => db.PetitionsAcrossDeployment.AsNoTracking().Where(x => x.Id == item).Select(x => x.Resolution).SingleAsync());
        Assert.Equal(Domain.Petitions.Resolution.PartlyResolved, resolution);

        // Now the item is closed on it: refused, with the articles, and nothing changes.
        var (status, problem) = await registrar.PostAsync($"/api/mediation/sessions/{id}/outcome/correction",
            new { outcome = "Agreed", note = "全部一致", agreementKind = "Settlement", agreementTerms = "一、退还多收费用。", reason = "再次更正" });
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("第三十五条", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var (_, session) = await registrar.GetAsync($"/api/mediation/sessions/{id}");
        Assert.Equal("部分达成", session["outcomeName"]!.GetValue<string>());
        Assert.NotNull(session["citedAsResolutionAt"]);
        Assert.Single(session["corrections"]!.AsArray());
        var html = await registrar.Client.GetStringAsync($"/mediation/{id}");
        Assert.Contains("id=\"mediation-cited\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"mediation-correction-form\"", html, StringComparison.Ordinal);
    }
}

public sealed class OutcomeCorrectionApiOnSqlite(SqliteFixture fixture) : OutcomeCorrectionApiTests(fixture), IClassFixture<SqliteFixture>;

public sealed class OutcomeCorrectionApiOnPostgres(PostgresFixture fixture) : OutcomeCorrectionApiTests(fixture), IClassFixture<PostgresFixture>;
