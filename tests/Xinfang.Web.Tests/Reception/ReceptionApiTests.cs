using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests.Reception;

/// <summary>
/// 领导接访 over HTTP on both providers (issue 14): plan → attendance → held → two visitors registered from the
/// session → the session's 批/人次 and the figures; bad input answers a Chinese 400 and changes nothing; who may do what.
/// Only the first test marks a session held, so the figures of the class's app are exactly its own.
/// </summary>
public abstract class ReceptionApiTests(AppFixture fixture)
{
    private XinfangApp App => fixture.App;

    // The fake clock starts at 2026-03-10 09:00 (+08:00); the session is that afternoon, so it may be held today.
    private static Dictionary<string, object?> Plan(string startsAt = "2026-03-10T14:00:00+08:00") => new()
    {
        ["leaderName"] = "孙立",
        ["leaderPost"] = "西湖区副区长",
        ["place"] = "西湖区信访局接待大厅",
        ["startsAt"] = startsAt,
        ["kind"] = "Public",
        ["topic"] = "征地拆迁",
    };

    [SkippableFact]
    public async Task Plan_hold_and_register_two_visitors_then_the_figures_count_them()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (status, planned) = await registrar.PostAsync("/api/reception/sessions", Plan());
        Assert.True(status == HttpStatusCode.Created, planned.ToJsonString());
        var id = planned["id"]!.GetValue<Guid>();
        Assert.Equal("公开接访", planned["kindName"]!.GetValue<string>());
        Assert.Equal("已安排", planned["statusName"]!.GetValue<string>());

        var (attended, withPeople) = await registrar.PostAsync($"/api/reception/sessions/{id}/attendance", new
        {
            attendees = new[] { new { name = "李律师", role = "律师" }, new { name = "赵干部", role = "西湖区信访局" } },
        });
        Assert.True(attended == HttpStatusCode.OK, withPeople.ToJsonString());
        Assert.Equal(["孙立", "李律师", "赵干部"], withPeople["attendees"]!.AsArray().Select(a => a!["name"]!.GetValue<string>()));

        var (held, heldBody) = await registrar.PostAsync($"/api/reception/sessions/{id}/held", null);
        Assert.True(held == HttpStatusCode.OK, heldBody.ToJsonString());
        Assert.Equal("Held", heldBody["status"]!.GetValue<string>());
        var trail = await App.WithDbAsync(db => db.Set<Xinfang.Web.Audit.AuditEntry>().Where(a => a.SubjectId == id.ToString()).OrderBy(a => a.Sequence).Select(a => a.Summary).ToListAsync());
        Assert.Equal(3, trail.Count);
        Assert.StartsWith("安排领导接访", trail[0], StringComparison.Ordinal);
        Assert.StartsWith("标记已接访", trail[2], StringComparison.Ordinal);

        // Two visitors: one came with two neighbours (人数 3), one represents a collective visit of 12.
        var first = AppExtensions.Letter("村里征地补偿款未发放");
        first["headCount"] = 3;
        var second = AppExtensions.Letter("小区旁工地夜间施工扰民");
        second["collective"] = true;
        second["headCount"] = 12;
        var (r1, v1) = await registrar.PostAsync($"/api/reception/sessions/{id}/visitors", first);
        var (r2, v2) = await registrar.PostAsync($"/api/reception/sessions/{id}/visitors", second);
        Assert.True(r1 == HttpStatusCode.Created, v1.ToJsonString());
        Assert.True(r2 == HttpStatusCode.Created, v2.ToJsonString());
        // Registered as visits (走访), whatever the request said.
        Assert.Equal("Visit", v1["petition"]!["form"]!.GetValue<string>());

        var (_, session) = await registrar.GetAsync($"/api/reception/sessions/{id}");
        Assert.Equal(2, session["batches"]!.GetValue<int>());
        Assert.Equal(3 + 12, session["persons"]!.GetValue<int>());
        Assert.Equal(new[] { v1["number"]!.GetValue<string>(), v2["number"]!.GetValue<string>() }.Order(StringComparer.Ordinal),
            session["items"]!.AsArray().Select(i => i!["number"]!.GetValue<string>()));
        var links = await App.WithDbAsync(db => db.Set<Xinfang.Domain.Reception.ReceptionSessionItem>().CountAsync(l => l.SessionId == id));
        Assert.Equal(2, links);

        // By hand: one session held (公开接访, 西湖区信访局), 批 = 2 items, 人次 = 3 + 12 = 15.
        var (ok, figures) = await registrar.GetAsync("/api/reception/figures?from=2026-01-01&to=2026-12-31");
        Assert.True(ok == HttpStatusCode.OK, figures.ToJsonString());
        Assert.Equal((1, 2, 15), Row(figures["total"]!));
        var byKind = figures["byKind"]!.AsArray();
        Assert.Equal(6, byKind.Count);
        Assert.Equal((1, 2, 15), Row(byKind.Single(k => k!["key"]!.GetValue<string>() == "Public")!));
        Assert.All(byKind.Where(k => k!["key"]!.GetValue<string>() != "Public"), k => Assert.Equal((0, 0, 0), Row(k!)));
        var body = Assert.Single(figures["byBody"]!.AsArray());
        Assert.Equal(registrar.Org("330106XFJ").ToString(), body!["key"]!.GetValue<string>());

        // A period without the session counts nothing.
        var (_, earlier) = await registrar.GetAsync("/api/reception/figures?from=2025-01-01&to=2025-12-31");
        Assert.Equal((0, 0, 0), Row(earlier["total"]!));

        // The annual report carries its own 领导接访 section with the same numbers.
        var report = await registrar.Client.GetStringAsync("/api/reports/annual/markdown?year=2026");
        Assert.Contains("各级领导干部接访1场次（公开接访1场次），接待群众2批15人次", report, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Bad_input_answers_in_Chinese_and_changes_nothing()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var before = await App.WithDbAsync(db => db.Set<Xinfang.Domain.Reception.ReceptionSession>().CountAsync());

        var bad = Plan("2150-01-01T09:00:00+08:00");
        bad["leaderName"] = " ";
        bad.Remove("kind");
        var (status, problem) = await registrar.PostAsync("/api/reception/sessions", bad);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        var errors = problem["errors"]!.AsObject();
        Assert.Contains("leaderName", errors.Select(e => e.Key));
        Assert.Contains("startsAt", errors.Select(e => e.Key));
        Assert.Contains("kind", errors.Select(e => e.Key));
        Assert.All(errors, e => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", e.Value![0]!.GetValue<string>()));

        var farAway = Plan("2028-03-10T09:00:00+08:00");
        var (status2, problem2) = await registrar.PostAsync("/api/reception/sessions", farAway);
        Assert.Equal(HttpStatusCode.BadRequest, status2);
        Assert.Contains("startsAt", problem2["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(before, await App.WithDbAsync(db => db.Set<Xinfang.Domain.Reception.ReceptionSession>().CountAsync()));

        // A session two days ahead: its attendance refuses a control character, it cannot be held or receive anyone yet.
        var (_, future) = await registrar.PostAsync("/api/reception/sessions", Plan("2026-03-12T09:00:00+08:00"));
        var id = future["id"]!.GetValue<Guid>();
        var (s3, p3) = await registrar.PostAsync($"/api/reception/sessions/{id}/attendance", new { attendees = new[] { new { name = "李\u0007律师", role = "律师" } } });
        Assert.Equal(HttpStatusCode.BadRequest, s3);
        Assert.Contains("attendees[0].name", p3["errors"]!.AsObject().Select(e => e.Key));
        var (s4, p4) = await registrar.PostAsync($"/api/reception/sessions/{id}/held", null);
        Assert.Equal(HttpStatusCode.Conflict, s4);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", p4["detail"]!.GetValue<string>());
        var petitionsBefore = await App.WithDbAsync(db => db.PetitionsAcrossDeployment.CountAsync());
        var (s5, _) = await registrar.PostAsync($"/api/reception/sessions/{id}/visitors", AppExtensions.Letter());
        Assert.Equal(HttpStatusCode.Conflict, s5);
        var (_, unchanged) = await registrar.GetAsync($"/api/reception/sessions/{id}");
        Assert.Equal("Planned", unchanged["status"]!.GetValue<string>());
        Assert.Empty(unchanged["attendees"]!.AsArray());

        // A visitor without a title on a session of today: the registration's own 400, no item, no link.
        var (_, today) = await registrar.PostAsync("/api/reception/sessions", Plan("2026-03-10T08:00:00+08:00"));
        var todayId = today["id"]!.GetValue<Guid>();
        var untitled = AppExtensions.Letter();
        untitled.Remove("title");
        var (s6, p6) = await registrar.PostAsync($"/api/reception/sessions/{todayId}/visitors", untitled);
        Assert.Equal(HttpStatusCode.BadRequest, s6);
        Assert.Contains("title", p6["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(petitionsBefore, await App.WithDbAsync(db => db.PetitionsAcrossDeployment.CountAsync()));
        var (_, still) = await registrar.GetAsync($"/api/reception/sessions/{todayId}");
        Assert.Equal(("Planned", 0), (still["status"]!.GetValue<string>(), still["batches"]!.GetValue<int>()));

        var (s7, p7) = await registrar.GetAsync("/api/reception/figures?from=2026-13-01");
        Assert.Equal(HttpStatusCode.BadRequest, s7);
        Assert.Contains("from", p7["errors"]!.AsObject().Select(e => e.Key));
    }

    [SkippableFact]
    public async Task The_bodys_registrar_records_leaders_read_and_others_are_kept_out()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (_, planned) = await registrar.PostAsync("/api/reception/sessions", Plan("2026-03-11T09:00:00+08:00"));
        var id = planned["id"]!.GetValue<Guid>();

        var handler = await App.StaffAsync("demo.xihu.zjj.handler");
        Assert.Equal(HttpStatusCode.Forbidden, (await handler.PostAsync("/api/reception/sessions", Plan())).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await handler.GetAsync($"/api/reception/sessions/{id}")).Status);

        var leader = await App.StaffAsync("demo.xihu.leader");
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync($"/api/reception/sessions/{id}")).Status);
        Assert.Contains((await leader.GetAsync("/api/reception/sessions")).Body.AsArray(), s => s!["id"]!.GetValue<Guid>() == id);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostAsync($"/api/reception/sessions/{id}/attendance", new { attendees = new[] { new { name = "李律师", role = "律师" } } })).Status);

        // The city's registrar sees the district's schedule (its jurisdiction) but records only its own body's sessions.
        var city = await App.StaffAsync("demo.hz.registrar");
        Assert.Equal(HttpStatusCode.OK, (await city.GetAsync($"/api/reception/sessions/{id}")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await city.PostAsync($"/api/reception/sessions/{id}/attendance", new { attendees = new[] { new { name = "李律师", role = "律师" } } })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await city.PostAsync($"/api/reception/sessions/{id}/visitors", AppExtensions.Letter())).Status);
        var other = Plan();
        other["organizationId"] = city.Org("330106XFJ");
        Assert.Equal(HttpStatusCode.Forbidden, (await city.PostAsync("/api/reception/sessions", other)).Status);

        // The district registrar does not see the city's sessions.
        var (_, cityPlan) = await city.PostAsync("/api/reception/sessions", Plan("2026-03-11T10:00:00+08:00"));
        Assert.Equal(HttpStatusCode.NotFound, (await registrar.GetAsync($"/api/reception/sessions/{cityPlan["id"]!.GetValue<Guid>()}")).Status);

        // The public information page publishes the planned session: leader, post, place, time, kind — nothing else.
        var page = await App.CreateClient().GetStringAsync("/guide/330106XFJ");
        Assert.Contains("领导接访安排", page, StringComparison.Ordinal);
        Assert.Contains("孙立（西湖区副区长）", page, StringComparison.Ordinal);
        Assert.Contains("2026-03-11 09:00", page, StringComparison.Ordinal);
    }

    private static (int Sessions, int Batches, int Persons) Row(JsonNode row) =>
        (row["sessions"]!.GetValue<int>(), row["batches"]!.GetValue<int>(), row["persons"]!.GetValue<int>());
}

public sealed class ReceptionApiOnSqlite(SqliteFixture fixture) : ReceptionApiTests(fixture), IClassFixture<SqliteFixture>;

public sealed class ReceptionApiOnPostgres(PostgresFixture fixture) : ReceptionApiTests(fixture), IClassFixture<PostgresFixture>;
