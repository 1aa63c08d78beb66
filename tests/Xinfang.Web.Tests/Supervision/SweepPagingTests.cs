using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xinfang.Domain.Supervision;
using Xinfang.Web.Data;
using Xinfang.Web.Supervision;
using Xinfang.Web.Tests.Infrastructure;
using static Xinfang.Web.Tests.Supervision.SupervisionTestSupport;

namespace Xinfang.Web.Tests.Supervision;

/// <summary>
/// The sweep pages through its candidates by place (due instant, then id), not by OFFSET (issue 16, ADR 0172): read page
/// after page from the last candidate of the one before, it meets every candidate exactly once and in the order of one
/// single read — also where several items fall due at the same instant, which is the tie the id must break.
/// </summary>
public abstract class SweepPagingTests(AppFixture fixture)
{
    private XinfangApp App => fixture.App;

    [SkippableFact]
    public async Task Paging_after_the_last_candidate_meets_each_candidate_once_in_order_ties_included()
    {
        // Letters registered at one instant of the fake clock: their 15-day disposition clocks fall due at the same instant.
        var registrar = await App.StaffAsync(Registrar);
        for (var i = 0; i < 5; i++)
        {
            await registrar.RegisterAsync(AppExtensions.Letter($"同一时刻登记的来信{i}"));
        }

        var today = App.Today();
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var policy = DeadlineWarningPolicy.Default;
        var whole = (await DeadlineSweeper.Candidates(db, today, policy, 30).ToListAsync()).Select(c => c.Id).ToList();
        var due = await DeadlineSweeper.Candidates(db, today, policy, 30).Select(c => c.DueAtUtc).ToListAsync();
        Assert.True(due.GroupBy(d => d).Any(g => g.Count() >= 2), "the candidates must include items due at the same instant, or the tie-break is not tested");

        var paged = new List<Guid>();
        (DateTime DueAtUtc, Guid Id)? after = null;
        while (true)
        {
            var page = await DeadlineSweeper.Candidates(db, today, policy, 30, after).Take(2).ToListAsync();
            paged.AddRange(page.Select(c => c.Id));
            if (page.Count < 2)
            {
                break;
            }

            after = (page[^1].DueAtUtc, page[^1].Id);
        }

        Assert.True(whole.Count >= 5);
        Assert.Equal(whole, paged);
    }
}

public sealed class SweepPagingOnSqlite(SqliteFixture fixture) : SweepPagingTests(fixture), IClassFixture<SqliteFixture>;

public sealed class SweepPagingOnPostgres(PostgresFixture fixture) : SweepPagingTests(fixture), IClassFixture<PostgresFixture>;
