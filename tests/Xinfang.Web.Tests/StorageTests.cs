using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xinfang.Domain.Petitions;
using Xinfang.Web.Casework;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests;

/// <summary>
/// The schema is meant for ten million petitions: the work list and the lookups must be index
/// seeks. This reads PostgreSQL's plans for the exact queries the endpoints run (with sequential
/// scans priced out, so a missing index shows as a Seq Scan) and fails on a scan of petitions.
/// </summary>
public sealed class QueryPlanTests(PostgresFixture fixture) : IClassFixture<PostgresFixture>
{
    [SkippableFact]
    public async Task Work_list_and_lookups_never_scan_the_petitions_table()
    {
        var app = fixture.App;
        var registrar = await app.StaffAsync("demo.xihu.registrar");
        for (var i = 0; i < 5; i++)
        {
            await registrar.RegisterAsync(AppExtensions.Letter());
        }

        var org = registrar.Org("330106XFJ");
        // The queries as the endpoints run them: with the caller's scope applied (Identity/PetitionAuthorization.cs).
        var staff = new StaffFacts("plan-test", org, StaffRole.Registrar);
        var directory = app.Services.GetRequiredService<OrganizationDirectory>();
        await using var plans = await QueryPlans.OpenAsync(app);
        var queries = new (string Name, Func<PostgresAppDbContext, Task> Run)[]
        {
            ("work list", db => WorkList.Project(WorkList.Query(db.Petitions.VisibleTo(staff, directory), org, null, null).Take(50)).ToListAsync()),
            ("work list by state", db => WorkList.Project(WorkList.Query(db.Petitions.VisibleTo(staff, directory), org, PetitionState.Registered, null).Take(50)).ToListAsync()),
            ("work list by due date", db => WorkList.Project(WorkList.Query(db.Petitions.VisibleTo(staff, directory), org, null, new DateOnly(2026, 4, 1)).Take(50)).ToListAsync()),
            ("work list count", db => WorkList.Query(db.Petitions.VisibleTo(staff, directory), org, PetitionState.Forwarded, null).CountAsync()),
            ("by number", db => SearchPetitions.Query(db.Petitions.VisibleTo(staff, directory), "330106XFJ-2026-000001", null, null).Select(p => p.Id).ToListAsync()),
            ("by name", db => WorkList.Project(SearchPetitions.Query(db.Petitions.VisibleTo(staff, directory), null, "王建国", null).Take(100)).ToListAsync()),
            ("by phone", db => WorkList.Project(SearchPetitions.Query(db.Petitions.VisibleTo(staff, directory), null, null, "13912345678").Take(100)).ToListAsync()),
            ("by id", db => db.Petitions.AsSplitQuery().Where(p => p.Id == Guid.NewGuid()).ToListAsync()),
        };

        foreach (var (name, run) in queries)
        {
            foreach (var (sql, plan) in await plans.ExplainAsync(run))
            {
                Assert.False(plan.Contains("Seq Scan on petitions", StringComparison.Ordinal), $"{name} scans petitions:\n{sql}\n{plan}");
                Assert.False(plan.Contains("Seq Scan on petitioners", StringComparison.Ordinal), $"{name} scans petitioners:\n{plan}");
            }
        }
    }
}

/// <summary>Two officers acting on one item at once: the second save loses with a concurrency error (a 409 in the API).</summary>
public abstract class ConcurrencyTests(AppFixture fixture)
{
    [SkippableFact]
    public async Task The_second_of_two_simultaneous_actions_on_one_item_is_refused()
    {
        var app = fixture.App;
        var registrar = await app.StaffAsync("demo.xihu.registrar");
        var (id, _, _, _) = await registrar.RegisterAsync(AppExtensions.Letter());
        await using var s1 = app.Services.CreateAsyncScope();
        await using var s2 = app.Services.CreateAsyncScope();
        var db1 = s1.ServiceProvider.GetRequiredService<AppDbContext>();
        var db2 = s2.ServiceProvider.GetRequiredService<AppDbContext>();
        var a = await db1.Petitions.SingleAsync(p => p.Id == id);
        var loaded = a.Version;
        var b = await db2.Petitions.SingleAsync(p => p.Id == id);
        var unit = await db1.Organizations.SingleAsync(o => o.Code == "330106ZJJ");
        var street = await db2.Organizations.SingleAsync(o => o.Code == "330106001JD");
        var actor = new Actor("t", "测试", a.CurrentOrganizationId);

        a.Forward(unit, app.Services.GetRequiredService<OrganizationDirectory>(), null, actor, app.Clock.GetUtcNow());
        b.Forward(street, app.Services.GetRequiredService<OrganizationDirectory>(), null, actor, app.Clock.GetUtcNow());
        await PetitionStore.SaveAsync(db1, a, loaded, default);
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => PetitionStore.SaveAsync(db2, b, loaded, default));

        var stored = await app.WithDbAsync(db => db.Petitions.AsNoTracking().SingleAsync(p => p.Id == id));
        Assert.Equal(unit.Id, stored.CurrentOrganizationId);
        Assert.Equal(2, stored.History.Count);
    }
}

public sealed class ConcurrencyOnSqlite(SqliteFixture fixture) : ConcurrencyTests(fixture), IClassFixture<SqliteFixture>;

public sealed class ConcurrencyOnPostgres(PostgresFixture fixture) : ConcurrencyTests(fixture), IClassFixture<PostgresFixture>;
