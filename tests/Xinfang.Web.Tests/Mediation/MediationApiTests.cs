using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Xinfang.Web.Mediation;
using Xinfang.Web.Tests.Infrastructure;
using Xinfang.Web.Tests.Supervision;

namespace Xinfang.Web.Tests.Mediation;

/// <summary>
/// 调解评理 over HTTP on both providers (issue 14, 条例 Art. 33): a session on an item, its participants, its outcome
/// with the 调解协议书 downloaded as .docx and read back, the closed item's 化解情况 citing it; bad input answers a
/// Chinese 400 and changes nothing; other jurisdictions are refused; the annual report states the figures worked out
/// by hand. Only <see cref="The_annual_report_states_the_figures_worked_out_by_hand"/> holds sessions on the three days
/// before "today", so its period counts only its own; every other test holds them on the day it runs.
/// </summary>
public abstract class MediationApiTests(AppFixture fixture)
{
    private XinfangApp App => fixture.App;

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static object Hold(string kind, DateOnly heldOn, params Guid[] items) => new { kind, heldOn = Day(heldOn), place = "西湖区人民调解委员会调解室", petitionIds = items };

    [SkippableFact]
    public async Task A_session_on_an_item_records_participants_and_an_agreement_that_the_closed_items_resolution_cites()
    {
        // An item answered and served by the bureau, closed once the 复查 window lapsed (as ResolutionAtClosingTests).
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (id, number, _, _) = await registrar.RegisterAsync(AppExtensions.Letter("小区物业多收停车费" + Guid.NewGuid().ToString("N")[..6]));
        await registrar.ActAsync(id, "answer", new { answer = "经核实，停车费将予退还。" });
        await registrar.ActAsync(id, "serve", new { method = "Post", servedOn = App.Today(), signedByPetitioner = true });
        App.GoTo(App.Today().AddDays(32));
        registrar = await App.StaffAsync("demo.xihu.registrar");
        Assert.Equal("Closed", (await registrar.ActAsync(id, "close", new { note = "已退还" })).State());

        var (status, held) = await registrar.PostAsync("/api/mediation/sessions", Hold("People", App.Today(), id));
        Assert.True(status == HttpStatusCode.Created, held.ToJsonString());
        var session = held["id"]!.GetValue<Guid>();
        Assert.Equal("人民调解", held["kindName"]!.GetValue<string>());
        Assert.Equal(number, Assert.Single(held["items"]!.AsArray())!["number"]!.GetValue<string>());

        var (p, withPeople) = await registrar.PostAsync($"/api/mediation/sessions/{session}/participants", new
        {
            participants = new object[] { new { name = "陈调解", role = "Mediator" }, new { name = "李律师", role = "Lawyer" }, new { name = "周代表", role = "Deputy" } },
        });
        Assert.True(p == HttpStatusCode.OK, withPeople.ToJsonString());
        Assert.Equal(["调解员", "律师", "人大代表/政协委员"], withPeople["participants"]!.AsArray().Select(x => x!["roleName"]!.GetValue<string>()));

        // Before an agreement there is no document.
        Assert.Equal(HttpStatusCode.NotFound, (await registrar.Client.GetAsync($"/api/mediation/sessions/{session}/agreement.docx")).StatusCode);
        var (o, outcome) = await registrar.PostAsync($"/api/mediation/sessions/{session}/outcome", new
        {
            outcome = "Agreed",
            note = "双方就停车费退还达成一致",
            agreementKind = "Mediation",
            agreementTerms = "一、物业公司于十五日内退还多收的停车管理费。\n二、调整收费前公示三十日。",
        });
        Assert.True(o == HttpStatusCode.OK, outcome.ToJsonString());
        Assert.Equal("达成协议", outcome["outcomeName"]!.GetValue<string>());
        var agreementNumber = outcome["agreement"]!["number"]!.GetValue<string>();
        Assert.Matches(@"^〔\d{4}〕第\d+号$", agreementNumber);

        var response = await registrar.Client.GetAsync($"/api/mediation/sessions/{session}/agreement.docx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(AgreementDocx.ContentType, response.Content.Headers.ContentType!.MediaType);
        var text = AgreementDocx.TextOf(await response.Content.ReadAsByteArrayAsync());
        Assert.StartsWith("调解协议书", text, StringComparison.Ordinal);
        Assert.Contains("西湖区信访局" + agreementNumber, text, StringComparison.Ordinal);
        Assert.Contains("一、物业公司于十五日内退还多收的停车管理费。", text, StringComparison.Ordinal);
        Assert.Contains("李律师（律师）", text, StringComparison.Ordinal);
        Assert.Contains(number, text, StringComparison.Ordinal);
        Assert.DoesNotContain("王建国", text, StringComparison.Ordinal); // the petitioner is not named by the system

        // The closed item's 化解情况 from the session: 化解, its reason citing the agreement; once only.
        var (r, petition) = await registrar.PostAsync($"/api/mediation/sessions/{session}/resolution", new { petitionId = id });
        Assert.True(r == HttpStatusCode.OK, petition.ToJsonString());
        var stored = await App.WithDbAsync(db => db.PetitionsAcrossDeployment.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.Resolution, x.ResolutionReason }).SingleAsync());
        Assert.Equal(Domain.Petitions.Resolution.Resolved, stored.Resolution);
        Assert.StartsWith($"经人民调解（{Day(App.Today())}）达成协议，调解协议书{agreementNumber}：双方就停车费退还达成一致", stored.ResolutionReason, StringComparison.Ordinal);
        // The item's history says so (the existing step's line).
        Assert.Contains(petition["history"]!.AsArray(), h => h!["summary"]!.GetValue<string>().Contains("调解协议书" + agreementNumber, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Conflict, (await registrar.PostAsync($"/api/mediation/sessions/{session}/resolution", new { petitionId = id })).Status);

        // The item's sessions: by API and on the petition page (its own component).
        var (_, ofItem) = await registrar.GetAsync($"/api/mediation/petition/{id}");
        Assert.Contains(ofItem.AsArray(), s => s!["id"]!.GetValue<Guid>() == session);
        var page = await registrar.Client.GetStringAsync($"/petitions/{id}?tab=related");
        Assert.Contains($"/mediation/{session}", page, StringComparison.Ordinal);
        Assert.Contains("调解协议书" + agreementNumber, page, StringComparison.Ordinal);
        var sessionPage = await registrar.Client.GetStringAsync($"/mediation/{session}");
        Assert.Contains("agreement.docx", sessionPage, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Bad_input_answers_in_Chinese_and_changes_nothing()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (item, _, _, _) = await registrar.RegisterAsync(AppExtensions.Letter("施工噪音扰民" + Guid.NewGuid().ToString("N")[..6]));
        var city = await App.StaffAsync("demo.hz.registrar");
        var (cityItem, _, _, _) = await city.RegisterAsync(AppExtensions.Letter("城区道路积水" + Guid.NewGuid().ToString("N")[..6]));
        var before = await App.WithDbAsync(db => db.Set<Domain.Mediation.MediationSession>().CountAsync());
        var today = App.Today();

        async Task<IReadOnlyList<string>> BadAsync(object body)
        {
            var (status, problem) = await registrar.PostAsync("/api/mediation/sessions", body);
            Assert.True(status == HttpStatusCode.BadRequest, problem.ToJsonString());
            var errors = problem["errors"]!.AsObject();
            Assert.All(errors, e => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", e.Value![0]!.GetValue<string>()));
            return errors.Select(e => e.Key).ToList();
        }

        Assert.Contains("kind", await BadAsync(new { heldOn = Day(today), place = "调解室", petitionIds = new[] { item } }));
        Assert.Contains("mode", await BadAsync(Hold("Reasoning", today, item)));
        Assert.Contains("heldOn", await BadAsync(Hold("People", today.AddDays(1), item)));
        Assert.Contains("heldOn", await BadAsync(new { kind = "People", heldOn = "2150-01-01", place = "调解室", petitionIds = new[] { item } }));
        Assert.Contains("place", await BadAsync(new { kind = "People", heldOn = Day(today), place = "调解\u0007室", petitionIds = new[] { item } }));
        Assert.Contains("petitionIds", await BadAsync(new { kind = "People", heldOn = Day(today), place = "调解室" }));
        // An item of another jurisdiction (the city's) is not linked, and not even said to exist.
        Assert.Contains("petitionIds", await BadAsync(Hold("People", today, item, cityItem)));
        Assert.Equal(before, await App.WithDbAsync(db => db.Set<Domain.Mediation.MediationSession>().CountAsync()));

        var (_, held) = await registrar.PostAsync("/api/mediation/sessions", Hold("Administrative", today, item));
        var id = held["id"]!.GetValue<Guid>();
        var (s1, p1) = await registrar.PostAsync($"/api/mediation/sessions/{id}/participants", new { participants = new object[] { new { name = "某人" } } });
        Assert.Equal(HttpStatusCode.BadRequest, s1);
        Assert.Contains("participants[0].role", p1["errors"]!.AsObject().Select(e => e.Key));
        // Art. 33: an agreement reached is written down — 达成协议 without the agreement is refused.
        var (s2, p2) = await registrar.PostAsync($"/api/mediation/sessions/{id}/outcome", new { outcome = "Agreed", note = "达成一致" });
        Assert.Equal(HttpStatusCode.BadRequest, s2);
        Assert.Contains("第三十三条", p2["errors"]!["agreementKind"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        var (s3, _) = await registrar.PostAsync($"/api/mediation/sessions/{id}/outcome", new { outcome = "NotAgreed", note = "分歧较大", agreementKind = "Mediation", agreementTerms = "一、…" });
        Assert.Equal(HttpStatusCode.BadRequest, s3);
        var (_, unchanged) = await registrar.GetAsync($"/api/mediation/sessions/{id}");
        Assert.Null(unchanged["outcome"]);
        Assert.Empty(unchanged["participants"]!.AsArray());
        // The resolution from a session without outcome, or for an item the session was not about.
        Assert.Equal(HttpStatusCode.Conflict, (await registrar.PostAsync($"/api/mediation/sessions/{id}/resolution", new { petitionId = item })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await registrar.PostAsync($"/api/mediation/sessions/{id}/resolution", new { petitionId = cityItem })).Status);
        var (s4, p4) = await registrar.GetAsync("/api/mediation/figures?from=2026-13-01");
        Assert.Equal(HttpStatusCode.BadRequest, s4);
        Assert.Contains("from", p4["errors"]!.AsObject().Select(e => e.Key));
    }

    [SkippableFact]
    public async Task Other_jurisdictions_are_refused_and_readers_do_not_record()
    {
        var city = await App.StaffAsync("demo.hz.registrar");
        var (cityItem, _, _, _) = await city.RegisterAsync(AppExtensions.Letter("城区道路积水" + Guid.NewGuid().ToString("N")[..6]));
        var (status, held) = await city.PostAsync("/api/mediation/sessions", Hold("PetitionRoom", App.Today(), cityItem));
        Assert.True(status == HttpStatusCode.Created, held.ToJsonString());
        var id = held["id"]!.GetValue<Guid>();

        // The district (below the city) neither sees nor records the city's session.
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        Assert.Equal(HttpStatusCode.NotFound, (await registrar.GetAsync($"/api/mediation/sessions/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await registrar.PostAsync($"/api/mediation/sessions/{id}/participants", new { participants = new[] { new { name = "李律师", role = "Lawyer" } } })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await registrar.Client.GetAsync($"/api/mediation/sessions/{id}/agreement.docx")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await registrar.GetAsync($"/api/mediation/petition/{cityItem}")).Status);
        Assert.DoesNotContain((await registrar.GetAsync("/api/mediation/sessions")).Body.AsArray(), s => s!["id"]!.GetValue<Guid>() == id);

        // The district's own session: its leader reads it but does not record; the province administrator's figures refuse nobody above.
        var (item, _, _, _) = await registrar.RegisterAsync(AppExtensions.Letter("施工噪音扰民" + Guid.NewGuid().ToString("N")[..6]));
        var (_, own) = await registrar.PostAsync("/api/mediation/sessions", Hold("People", App.Today(), item));
        var ownId = own["id"]!.GetValue<Guid>();
        var leader = await App.StaffAsync("demo.xihu.leader");
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync($"/api/mediation/sessions/{ownId}")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostAsync("/api/mediation/sessions", Hold("People", App.Today(), item))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostAsync($"/api/mediation/sessions/{ownId}/participants", new { participants = new[] { new { name = "李律师", role = "Lawyer" } } })).Status);
        // The city reads the district's session (its jurisdiction) but records only its own body's.
        Assert.Equal(HttpStatusCode.OK, (await city.GetAsync($"/api/mediation/sessions/{ownId}")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await city.PostAsync($"/api/mediation/sessions/{ownId}/participants", new { participants = new[] { new { name = "李律师", role = "Lawyer" } } })).Status);
        // Figures of the city asked by the district: refused.
        Assert.Equal(HttpStatusCode.Forbidden, (await registrar.GetAsync($"/api/mediation/figures?organization={registrar.Org("330100XFJ")}")).Status);
    }

    [SkippableFact]
    public async Task The_annual_report_states_the_figures_worked_out_by_hand()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var today = App.Today();
        var (a, _, _, _) = await registrar.RegisterAsync(AppExtensions.Letter("停车费" + Guid.NewGuid().ToString("N")[..6]));
        var (b, _, _, _) = await registrar.RegisterAsync(AppExtensions.Letter("噪音" + Guid.NewGuid().ToString("N")[..6]));
        var (c, _, _, _) = await registrar.RegisterAsync(AppExtensions.Letter("积水" + Guid.NewGuid().ToString("N")[..6]));

        async Task<Guid> HoldAsync(object body, object[] participants, object? outcome)
        {
            var (status, json) = await registrar.PostAsync("/api/mediation/sessions", body);
            Assert.True(status == HttpStatusCode.Created, json.ToJsonString());
            var id = json["id"]!.GetValue<Guid>();
            if (participants.Length > 0)
            {
                Assert.Equal(HttpStatusCode.OK, (await registrar.PostAsync($"/api/mediation/sessions/{id}/participants", new { participants })).Status);
            }

            if (outcome is not null)
            {
                var (s, o) = await registrar.PostAsync($"/api/mediation/sessions/{id}/outcome", outcome);
                Assert.True(s == HttpStatusCode.OK, o.ToJsonString());
            }

            return id;
        }

        // S1 人民调解 on A and B, a mediator and two lawyers: 达成协议 (调解协议书).
        await HoldAsync(Hold("People", today.AddDays(-3), a, b),
            [new { name = "陈调解", role = "Mediator" }, new { name = "李律师", role = "Lawyer" }, new { name = "钱律师", role = "Lawyer" }],
            new { outcome = "Agreed", note = "一致", agreementKind = "Mediation", agreementTerms = "一、退费。" });
        // S2 信访评理室 视频评理 on B again, a deputy: 部分达成 (和解协议书).
        await HoldAsync(new { kind = "Reasoning", mode = "Video", heldOn = Day(today.AddDays(-2)), place = "视频评理室", petitionIds = new[] { b } },
            [new { name = "周代表", role = "Deputy" }], new { outcome = "PartlyAgreed", note = "部分一致", agreementKind = "Settlement", agreementTerms = "一、夜间停工。" });
        // S3 行政调解 on C, a department cadre: 未达成.
        await HoldAsync(Hold("Administrative", today.AddDays(-1), c), [new { name = "吴干部", role = "DepartmentCadre" }], new { outcome = "NotAgreed", note = "分歧较大" });
        // S4 信访调解室 on C, nothing recorded yet.
        await HoldAsync(Hold("PetitionRoom", today.AddDays(-1), c), [], null);

        // By hand: 4 sessions, one of each of four kinds; items A, B, C = 3; outcomes 3 (1 agreed, 1 partly, 1 not);
        // 达成协议率 1 ÷ 3 = 33.3%; 2 agreements; lawyers in 1 session, 2 人次; deputies in 1 session, 1 人次.
        var period = $"from={Day(today.AddDays(-3))}&to={Day(today.AddDays(-1))}";
        var (ok, f) = await registrar.GetAsync($"/api/mediation/figures?{period}");
        Assert.True(ok == HttpStatusCode.OK, f.ToJsonString());
        Assert.Equal((4, 1, 1, 1), Row(f["total"]!));
        Assert.Equal((3, 3, 2), (f["items"]!.GetValue<int>(), f["withOutcome"]!.GetValue<int>(), f["agreements"]!.GetValue<int>()));
        Assert.Equal(33.3m, f["agreedRate"]!.GetValue<decimal>());
        Assert.Equal((1, 2, 1, 1), (f["lawyerSessions"]!.GetValue<int>(), f["lawyerTimes"]!.GetValue<int>(), f["deputySessions"]!.GetValue<int>(), f["deputyTimes"]!.GetValue<int>()));
        var byMode = f["byMode"]!.AsArray();
        Assert.Equal(6, byMode.Count);
        Assert.Equal((1, 0, 1, 0), Row(byMode.Single(m => m!["key"]!.GetValue<string>() == "Video")!));

        var report = await registrar.Client.GetStringAsync($"/api/reports/annual/markdown?{period}");
        Assert.Contains("调解评理：开展调解、评理4场次（人民调解1场次，行政调解1场次，信访调解室1场次，信访评理室1场次），涉及信访事项3件；" +
            "已有结果3场次，其中达成协议1场次、部分达成1场次、未达成1场次，达成协议率33.3%；制作调解协议书、和解协议书2份；" +
            "律师参与1场次2人次，人大代表、政协委员参与1场次1人次。", report, StringComparison.Ordinal);
        Assert.Contains("调解评理情况（按类型）", report, StringComparison.Ordinal);
        Assert.Contains("| 视频评理 | 1 | 0 | 1 | 0 |", report, StringComparison.Ordinal);

        // The dashboard's own section says the same.
        var dashboard = await registrar.Client.GetStringAsync($"/statistics?{period}");
        Assert.Contains("id=\"mediation-figures-section\"", dashboard, StringComparison.Ordinal);
        Assert.Contains("达成协议率33.3%", dashboard, StringComparison.Ordinal);
    }

    private static (int Sessions, int Agreed, int Partly, int Not) Row(JsonNode row) =>
        (row["sessions"]!.GetValue<int>(), row["agreed"]!.GetValue<int>(), row["partlyAgreed"]!.GetValue<int>(), row["notAgreed"]!.GetValue<int>());
}

public sealed class MediationApiOnSqlite(SqliteFixture fixture) : MediationApiTests(fixture), IClassFixture<SqliteFixture>;

public sealed class MediationApiOnPostgres(PostgresFixture fixture) : MediationApiTests(fixture), IClassFixture<PostgresFixture>;
