using Microsoft.Extensions.DependencyInjection;
using Xinfang.Web.Identity;
using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Supervision;
using Xinfang.Web.Data;
using Xinfang.Web.Supervision;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests.Supervision;

/// <summary>
/// The sweeper and the supervisors' list read petitions by their current due instant, never all of
/// them: PostgreSQL's plans for the exact queries they run, with sequential scans priced out, show no
/// Seq Scan on petitions (or their clocks, or the warnings and notices).
/// </summary>
public sealed class SupervisionQueryPlanTests(PostgresFixture fixture) : IClassFixture<PostgresFixture>
{
    [SkippableFact]
    public async Task The_sweep_and_the_supervisors_list_never_scan_petitions()
    {
        var app = fixture.App;
        var registrar = await app.StaffAsync("demo.xihu.registrar");
        for (var i = 0; i < 3; i++)
        {
            await registrar.RegisterAsync(AppExtensions.Letter());
        }

        await using var plans = await QueryPlans.OpenAsync(app);
        var today = DeadlineTime.LocalDate(app.Clock.GetUtcNow());
        var policy = DeadlineWarningPolicy.Default;
        var xihu = registrar.Org("330106XFJ");
        var orgs = new[] { xihu, registrar.Org("330106ZJJ"), registrar.Org("330106001JD") };
        var ids = new List<Guid> { Guid.NewGuid() };
        var nowUtc = app.Clock.GetUtcNow().UtcDateTime;
        var queries = new (string Name, Func<PostgresAppDbContext, Task> Run)[]
        {
            ("sweep candidates", db => DeadlineSweeper.Candidates(db, today, policy, 30).Take(500).ToListAsync()),
            ("supervisors' list", db => SupervisorList.Items(db, orgs, DeadlineTime.EndOfDay(today.AddDays(policy.HorizonDays)).UtcDateTime, new StaffFacts("plan", xihu, StaffRole.Supervisor), app.Services.GetRequiredService<OrganizationDirectory>()).ToListAsync()),
            ("known warnings", db => db.Set<DeadlineWarningRecord>().Where(w => ids.Contains(w.PetitionId)).ToListAsync()),
            ("overdue notices", db => db.Set<SupervisionNotice>().Where(n => n.Status == SupervisionStatus.Open && n.FeedbackDueAtUtc < nowUtc).ToListAsync()),
        };

        foreach (var (name, run) in queries)
        {
            await plans.AssertNoSequentialScanAsync(name, run);
        }
    }
}
