using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Deadlines;
using Xinfang.Web.Supervision;
using Xinfang.Web.Tests.Infrastructure;
using static Xinfang.Web.Tests.Supervision.SupervisionTestSupport;

namespace Xinfang.Web.Tests.Supervision;

/// <summary>
/// Two app instances against one database: the lease lets exactly one sweep at a time, and every
/// warning is recorded once — run concurrently on SQLite and on PostgreSQL. Own fixture, so no other
/// test's sweeper holds the lease.
/// </summary>
public abstract class TwoSweepersTests(AppFixture fixture)
{
    private XinfangApp App => fixture.App;

    [SkippableFact]
    public async Task Two_sweepers_against_one_database_fire_each_warning_once_and_only_the_lease_holder_sweeps()
    {
        var (id, handling) = await App.HandlingItemAsync();
        var start = handling.Date("startedOn");
        var due = handling.Date("dueOn");
        var a = App.Sweeper().WithHolder("instance-a");
        var b = App.Sweeper().WithHolder("instance-b");

        foreach (var (day, levels) in new[]
        {
            (FirstDay(start, due, DeadlineWarning.Yellow), new[] { "Yellow" }),
            (FirstDay(start, due, DeadlineWarning.Red), ["Yellow", "Red"]),
            (due.AddDays(1), ["Yellow", "Red", "Overdue"]),
        })
        {
            App.GoTo(day);
            if (levels.Length == 1)
            {
                // Due 60 days from now: beyond the horizon of every later sweep, so never read.
                await App.HandlingItemAsync("期限尚远的信访件");
            }

            var now = App.Clock.GetUtcNow();
            for (var round = 0; round < 2; round++)
            {
                using var go = new ManualResetEventSlim();
                var sweeps = new[] { a, b }.Select(s => Task.Run(() =>
                {
                    go.Wait();
                    return s.SweepOnceAsync(now, CancellationToken.None);
                })).ToArray();
                go.Set();
                var results = await Task.WhenAll(sweeps);

                var winner = Assert.Single(results, r => r.Swept);
                var loser = Assert.Single(results, r => !r.Swept);
                Assert.Equal(0, loser.WarningsAdded);
                Assert.Equal(round == 0 ? 1 : 0, winner.WarningsAdded);
                Assert.Equal(1, winner.ItemsChecked);
                var holder = await App.WithDbAsync(db => db.Set<Lease>().AsNoTracking().Where(l => l.Name == DeadlineSweeper.LeaseName).Select(l => l.Holder).SingleAsync());
                Assert.Equal(winner.Holder, holder);
            }

            Assert.Equal(levels, (await App.WarningsAsync(id)).Select(w => w.Level));
        }
    }

    [SkippableFact]
    public async Task A_lease_is_renewed_by_its_holder_and_taken_over_only_after_it_expires()
    {
        var lease = "test-lease-" + Guid.NewGuid().ToString("N")[..8];
        var t0 = App.Clock.GetUtcNow();
        var minute = TimeSpan.FromMinutes(1);
        await App.WithDbAsync(async db =>
        {
            Assert.True(await DatabaseLease.TryAcquireAsync(db, lease, "a", t0, 10 * minute, default));
            Assert.False(await DatabaseLease.TryAcquireAsync(db, lease, "b", t0.AddMinutes(5), 10 * minute, default));
            Assert.True(await DatabaseLease.TryAcquireAsync(db, lease, "a", t0.AddMinutes(9), 10 * minute, default)); // renewed to t0 + 19
            Assert.False(await DatabaseLease.TryAcquireAsync(db, lease, "b", t0.AddMinutes(18), 10 * minute, default));
            Assert.True(await DatabaseLease.TryAcquireAsync(db, lease, "b", t0.AddMinutes(19), 10 * minute, default));
            Assert.False(await DatabaseLease.TryAcquireAsync(db, lease, "a", t0.AddMinutes(20), 10 * minute, default));
            Assert.Equal(1, await DatabaseLease.ReleaseAsync(db, lease, "b", default));
            Assert.True(await DatabaseLease.TryAcquireAsync(db, lease, "a", t0.AddMinutes(20), 10 * minute, default));
            return 0;
        });
    }
}

public sealed class TwoSweepersOnSqlite(SqliteFixture fixture) : TwoSweepersTests(fixture), IClassFixture<SqliteFixture>;

public sealed class TwoSweepersOnPostgres(PostgresFixture fixture) : TwoSweepersTests(fixture), IClassFixture<PostgresFixture>;
