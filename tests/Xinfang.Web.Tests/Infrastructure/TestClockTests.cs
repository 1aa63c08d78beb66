namespace Xinfang.Web.Tests.Infrastructure;

/// <summary>The tests' clock fires a periodic timer once per move, at the last period the move reaches; one-shot timers as before.</summary>
public sealed class TestClockTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 10, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_move_past_many_periods_fires_a_periodic_timer_once_at_the_last_period_it_reaches()
    {
        var clock = new TestClock(Start);
        var fired = new List<DateTimeOffset>();
        using var timer = clock.CreateTimer(_ => fired.Add(clock.GetUtcNow()), null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));

        clock.Advance(TimeSpan.FromDays(25).Add(TimeSpan.FromSeconds(30)));
        Assert.Equal([Start.AddDays(25).AddSeconds(30)], fired); // once, seeing the move's end

        clock.Advance(TimeSpan.FromSeconds(20)); // not yet the next minute
        Assert.Single(fired);
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal([Start.AddDays(25).AddSeconds(30), Start.AddDays(25).AddMinutes(1)], fired);

        clock.SetUtcNow(Start.AddDays(26));
        Assert.Equal(Start.AddDays(26), fired[^1]);
        Assert.Equal(3, fired.Count);

        // A timer whose period changes keeps to its new one.
        timer.Change(TimeSpan.FromHours(1), TimeSpan.FromHours(1));
        clock.Advance(TimeSpan.FromHours(5));
        Assert.Equal(4, fired.Count);
    }

    [Fact]
    public void A_one_shot_timer_and_a_delay_fire_as_on_the_fake_clock()
    {
        var clock = new TestClock(Start);
        var fired = 0;
        using var timer = clock.CreateTimer(_ => fired++, null, TimeSpan.FromHours(1), Timeout.InfiniteTimeSpan);
        var delay = Task.Delay(TimeSpan.FromMinutes(5), clock);

        clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, fired);
        Assert.True(delay.IsCompleted);
    }
}
