using Xinfang.Web.Data;

namespace Xinfang.Web.Tests.Replica;

/// <summary>
/// The lag rule's arithmetic (ADR 0170 addendum), on positions made up here: the lag is the age of the oldest WAL
/// position the primary had and the replica has not replayed, so an idle primary is no lag however old its last commit,
/// and with no earlier check the age of the replica's last replayed commit bounds it from above.
/// </summary>
public sealed class ReplicaLagEstimatorTests
{
    // Milliseconds, so the expected spans are exact.
    private static TimeSpan S(double seconds) => TimeSpan.FromTicks((long)Math.Round(seconds * 1000) * TimeSpan.TicksPerMillisecond);

    [Fact]
    public void A_replica_that_has_replayed_everything_is_not_behind_however_long_the_primary_was_idle()
    {
        var e = new ReplicaLagEstimator();
        // The last commit was an hour ago: now() - pg_last_xact_replay_timestamp() would say an hour of lag.
        for (var t = 0; t < 10; t++)
        {
            Assert.Equal((TimeSpan.Zero, 0UL), e.Observe(S(t), S(t + 0.01), 5000, 5000, S(3600 + t)));
        }
    }

    [Fact]
    public void The_lag_is_the_age_of_the_oldest_position_not_yet_replayed()
    {
        var e = new ReplicaLagEstimator();
        Assert.Equal((TimeSpan.Zero, 0UL), e.Observe(S(0), S(0), 1000, 1000, S(5)));
        // The primary writes; the replica stops at 1000.
        Assert.Equal((S(0.5), 1000UL), e.Observe(S(1), S(1.5), 2000, 1000, S(6)));
        Assert.Equal((S(1.5), 2000UL), e.Observe(S(2), S(2.5), 3000, 1000, S(7)));
        Assert.Equal((S(2.5), 3000UL), e.Observe(S(3), S(3.5), 4000, 1000, S(8)));
        // It replays up to 2500: the sample at 1 s (2000) is passed, the one at 2 s (3000) is not.
        Assert.Equal((S(2.5), 1500UL), e.Observe(S(4), S(4.5), 4000, 2500, S(1)));
        // The primary stops writing and the replica catches up.
        Assert.Equal((TimeSpan.Zero, 0UL), e.Observe(S(5), S(5.5), 4000, 4000, S(1)));
    }

    [Fact]
    public void With_nothing_known_from_before_the_age_of_the_last_replayed_commit_bounds_the_lag()
    {
        var e = new ReplicaLagEstimator();
        // The first check finds the replica 10 s behind by its last commit: the samples alone would say 0.
        Assert.Equal((S(10), 500UL), e.Observe(S(0), S(0.1), 1500, 1000, S(10)));
        Assert.Equal((S(11), 1500UL), e.Observe(S(1), S(1.1), 2500, 1000, S(11)));
        // Once the first sample is replayed, the later ones (taken with history) measure it: the sample at 1 s, 1.1 s before.
        Assert.Equal((S(1.1), 500UL), e.Observe(S(2), S(2.1), 2500, 2000, S(0.5)));

        // After a failed check the bound applies again.
        e.Gap();
        Assert.Equal((S(30), 100UL), e.Observe(S(3), S(3.1), 2600, 2500, S(30)));
        // Unless it is smaller than what the samples say.
        Assert.Equal((S(4.1), 1100UL), e.Observe(S(7), S(7.1), 3600, 2500, S(0.2)));
    }

    [Fact]
    public void A_primary_whose_position_goes_back_starts_a_new_history()
    {
        var e = new ReplicaLagEstimator();
        e.Observe(S(0), S(0), 1000, 1000, null);
        Assert.Equal((S(1), 900UL), e.Observe(S(1), S(2), 9000, 8100, null));
        // A restored primary at 5000; the replica (rebuilt) at 4000: the old sample at 9000 says nothing any more.
        Assert.Equal((S(0.5), 1000UL), e.Observe(S(10), S(10.5), 5000, 4000, null));
    }

    [Fact]
    public void The_samples_kept_are_bounded()
    {
        var e = new ReplicaLagEstimator(capacity: 3);
        e.Observe(S(0), S(0), 100, 100, null);
        for (var t = 1; t <= 10; t++)
        {
            e.Observe(S(t), S(t), (ulong)(100 + t), 100, null);
        }

        // Only the last three samples (9, 10, 11 s) are kept: the replica has replayed none since 1 s, but the lag
        // reported is the oldest kept sample's age — with the default capacity, two hours, far over any limit.
        Assert.Equal((S(2), 11UL), e.Observe(S(11), S(11), 111, 100, null));
    }
}
