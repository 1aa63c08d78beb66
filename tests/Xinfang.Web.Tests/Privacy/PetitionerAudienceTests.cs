using System.Net;
using System.Text.Json.Nodes;
using Xinfang.Web.Tests.Infrastructure;
using Xinfang.Web.Tests.Security;

namespace Xinfang.Web.Tests.Privacy;

/// <summary>
/// Issue 9, finding 3: what staff type stays with staff. Every note and free-text field of every
/// action gets its own marker; the petitioner's view (/track page and /api/public/progress) must show
/// the texts addressed to the petitioner (decision, answer, decline reason and where to go, guidance,
/// extension reason — 条例 Arts. 23, 32, 34) and none of the others (forward and assign notes,
/// objections, completion and urgent reports, serve and close notes, hearing summary, recusal reason,
/// review requests' reasons, rating reasons, supervision notices and reminders).
/// </summary>
public abstract class PetitionerAudienceTests(AppFixture fixture)
{
    private readonly List<string> _staffOnly = [];
    private readonly List<string> _forPetitioner = [];

    private XinfangApp App => fixture.App;

    private Task<Staff> As(string user) => App.StaffAsync(user);

    private static string NewMarker(string label) => $"{label}Q{Guid.NewGuid():N}"[..Math.Min(label.Length + 13, 40)];

    private string Staff(string label)
    {
        var m = NewMarker("S" + label);
        _staffOnly.Add(m);
        return m;
    }

    private string Petitioner(string label)
    {
        var m = NewMarker("P" + label);
        _forPetitioner.Add(m);
        return m;
    }

    [SkippableFact]
    public async Task Notes_typed_by_staff_never_reach_the_petitioner_and_what_is_addressed_to_them_does()
    {
        var items = new List<(string Number, string Code)>
        {
            await MainRouteAsync(),
            await AssignedAsync(),
            await DeclinedWithRecusalAsync(),
            await GuidedAsync(),
            await ObjectionApprovedThenAnsweredAsync(),
        };

        var everything = new System.Text.StringBuilder();
        foreach (var (number, code) in items)
        {
            var api = await ProgressJsonAsync(number, code);
            var page = await TrackPageAsync(number, code);
            Assert.Contains(number, page, StringComparison.Ordinal);
            foreach (var marker in _staffOnly)
            {
                Assert.DoesNotContain(marker, api, StringComparison.Ordinal);
                Assert.DoesNotContain(marker, page, StringComparison.Ordinal);
            }

            everything.Append(api).Append(page);
        }

        // What is addressed to the petitioner is there — each marker on its own item, in JSON and on the page.
        foreach (var marker in _forPetitioner)
        {
            Assert.Contains(marker, everything.ToString(), StringComparison.Ordinal);
        }

        // The steps are still told: the forward is shown without its note.
        var (mainNumber, mainCode) = items[0];
        var steps = JsonNode.Parse(await ProgressJsonAsync(mainNumber, mainCode))!["steps"]!.AsArray();
        Assert.Contains(steps, s => s!["summary"]!.GetValue<string>() == "已转送西湖区住房和城乡建设局办理");
        Assert.Equal(18, _staffOnly.Count);
    }

    private async Task<(string, string)> MainRouteAsync()
    {
        var registrar = await As("demo.xihu.registrar");
        var (id, number, code, _) = await registrar.RegisterAsync(AppExtensions.Letter());
        await registrar.ActAsync(id, "forward", new { targetOrganizationId = registrar.Org("330106ZJJ"), note = Staff("forward") });
        var handler = await As("demo.xihu.zjj.handler");
        await handler.ActAsync(id, "objection", new { detailedReasons = "该事项不属于本局职权范围" + Staff("objection") });
        await registrar.ActAsync(id, "objection/verify", new { approve = false, reason = Staff("reject") });
        await handler.ActAsync(id, "notify-receipt", new { routeAndProcedure = Petitioner("procedure") });
        await handler.ActAsync(id, "accept");
        await handler.ActAsync(id, "route", new { route = "Investigate" });

        var supervisor = await As("demo.xihu.supervisor");
        var (created, notice) = await supervisor.PostAsync("/api/supervision/notices", new { petitionId = id, reason = "Delay", details = Staff("supervision") });
        Assert.True(created == HttpStatusCode.Created, notice.ToJsonString());
        var (reminded, _) = await supervisor.PostAsync($"/api/supervision/notices/{notice["id"]!.GetValue<Guid>()}/reminders", new { text = Staff("reminder") });
        Assert.Equal(HttpStatusCode.OK, reminded);

        var head = await As("demo.xihu.zjj.head");
        await head.ActAsync(id, "extend", new { days = 10, reason = Petitioner("extension") });
        await (await App.StaffAsync("demo.xihu.zjj.head")).ActAsync(id, "decide", new
        {
            outcome = "Support",
            petitionerRequest = Petitioner("request"),
            facts = Petitioner("facts"),
            reasons = Petitioner("reasons"),
            legalBasis = Petitioner("basis"),
        });
        var today = App.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).Date;
        var on = DateOnly.FromDateTime(today);
        await handler.ActAsync(id, "serve", new { method = "InPerson", servedOn = on, signedByPetitioner = true, note = Staff("serve") });
        var rated = await App.CreateClient().PostAsync("/api/public/rating", Json(new { number, queryCode = code, bureau = "Satisfied", unit = "Dissatisfied", unitReason = Staff("rating") }));
        Assert.Equal(HttpStatusCode.OK, rated.StatusCode);

        await registrar.ActAsync(id, "review", new { reviewOrganizationId = registrar.Org("330100ZJJ"), reasons = Staff("review") });
        var reviewer = await As("demo.hz.zjj.reviewer");
        await reviewer.ActAsync(id, "review-opinion", new { opinion = Petitioner("reviewopinion"), servedOn = on, outcome = "Upheld" });
        await reviewer.ActAsync(id, "re-review", new { reviewOrganizationId = reviewer.Org("330000ZJT"), reasons = Staff("rereview") });
        App.Advance(TimeSpan.FromDays(3));
        var reReviewer = await As("demo.zj.zjt.reviewer");
        await reReviewer.ActAsync(id, "hearing", new { from = on.AddDays(1), to = on.AddDays(2), summary = Staff("hearing") });
        await reReviewer.ActAsync(id, "re-review-opinion", new { opinion = Petitioner("rereviewopinion"), servedOn = on.AddDays(3), afterHearing = true, outcome = "Changed" });
        await reReviewer.ActAsync(id, "close", new { note = Staff("close") });
        return (number, code);
    }

    private async Task<(string, string)> AssignedAsync()
    {
        var registrar = await As("demo.xihu.registrar");
        var (id, number, code, _) = await registrar.RegisterAsync(AppExtensions.Letter("道路破损影响出行"));
        await registrar.ActAsync(id, "report-up", new { reportedTo = Staff("reportedto"), summary = Staff("reportup") });
        var due = DateOnly.FromDateTime(App.Clock.GetUtcNow().AddDays(20).DateTime);
        await registrar.ActAsync(id, "assign", new { targetOrganizationId = registrar.Org("330106001JD"), reportDueOn = due, note = Staff("assign") });
        var street = await As("demo.beishan.handler");
        await street.ActAsync(id, "accept");
        await street.ActAsync(id, "route", new { route = "PerformDuty" });
        await (await App.StaffAsync("demo.beishan.head")).ActAsync(id, "decide", new { outcome = "DutyPerformed", petitionerRequest = "修路", facts = "路面塌陷三处", reasons = "已安排修复" });
        var on = DateOnly.FromDateTime(App.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).Date);
        await street.ActAsync(id, "serve", new { method = "Post", servedOn = on, signedByPetitioner = true });
        await street.ActAsync(id, "completion-report", new { report = Staff("completion") });
        return (number, code);
    }

    private async Task<(string, string)> DeclinedWithRecusalAsync()
    {
        var registrar = await As("demo.xihu.registrar");
        var (id, number, code, _) = await registrar.RegisterAsync(AppExtensions.Letter());
        var officer = await App.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.UserName == "demo.xihu.leader").Id));
        await registrar.ActAsync(id, "recusals", new { userId = officer, reason = Staff("recusal") });
        await registrar.ActAsync(id, "decline", new { rule = "NotCompetent", reason = Petitioner("decline"), whereToGo = Petitioner("wheretogo") });
        return (number, code);
    }

    private async Task<(string, string)> GuidedAsync()
    {
        var registrar = await As("demo.xihu.registrar");
        var request = AppExtensions.Letter("要求法院再审");
        request["form"] = "Visit";
        request["litigationRelated"] = true;
        // Registration guides a litigation visitor by itself (条例 Art. 20 ¶2; no request field turns the
        // acceptance rules off): the guidance notice is the petitioner's, the registrar's notes are not.
        var (_, number, code, _) = await registrar.RegisterAsync(request);
        return (number, code);
    }

    private async Task<(string, string)> ObjectionApprovedThenAnsweredAsync()
    {
        var registrar = await As("demo.xihu.registrar");
        var (id, number, code, _) = await registrar.RegisterAsync(AppExtensions.Letter());
        await registrar.ActAsync(id, "forward", new { targetOrganizationId = registrar.Org("330106ZJJ") });
        var handler = await As("demo.xihu.zjj.handler");
        await handler.ActAsync(id, "objection", new { detailedReasons = "该道路属于街道管理不属于本局" + Staff("objection2") });
        await registrar.ActAsync(id, "objection/verify", new { approve = true, reason = Staff("approve") });
        await registrar.ActAsync(id, "answer", new { answer = Petitioner("answer") });
        return (number, code);
    }

    private async Task<string> ProgressJsonAsync(string number, string code)
    {
        var response = await App.CreateClient().PostAsync("/api/public/progress", Json(new { number, queryCode = code }));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        // Decode \uXXXX escapes so a marker is found however the serializer wrote it.
        return JsonNode.Parse(text)!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private async Task<string> TrackPageAsync(string number, string code)
    {
        var client = App.CreateClient();
        var token = await SecurityApp.AntiforgeryTokenAsync(client, "/track");
        var response = await client.PostAsync("/track", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "track",
            ["__RequestVerificationToken"] = token,
            ["Input.Number"] = number,
            ["Input.QueryCode"] = code,
        }));
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, html);
        return WebUtility.HtmlDecode(html);
    }

    private static StringContent Json(object body) =>
        new(System.Text.Json.JsonSerializer.Serialize(body, XinfangApp.Json), System.Text.Encoding.UTF8, "application/json");
}

public sealed class PetitionerAudienceOnSqlite(SqliteFixture fixture) : PetitionerAudienceTests(fixture), IClassFixture<SqliteFixture>;

public sealed class PetitionerAudienceOnPostgres(PostgresFixture fixture) : PetitionerAudienceTests(fixture), IClassFixture<PostgresFixture>;
