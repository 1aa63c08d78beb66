using Microsoft.Extensions.Time.Testing;

namespace Xinfang.Web.Tests.Infrastructure;

/// <summary>
/// The tests' clock: a <see cref="FakeTimeProvider"/> whose periodic timers fire once when the clock is moved past several of
/// their periods, at the last period the move reaches — as a real timer does after the machine slept. FakeTimeProvider
/// fires a periodic timer once for every period passed, so moving the clock 25 days ran the one-minute text indexer
/// 36,000 times; on SQLite, whose "asynchronous" calls complete at once, every one of those passes ran to its end inside
/// the move (found by profiling the slowest test, issue 16: most of the Web tests' time on SQLite). Timers that fire
/// once (delays, time-outs) are untouched. (The fake clock shows every tick of a move the move's end as the time.)
/// </summary>
/// <remarks>Move it through this type (<see cref="Advance(TimeSpan)"/>, <see cref="SetUtcNow"/>): the base class's methods do not coalesce.</remarks>
public sealed class TestClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private long _movingTo = long.MinValue; // UTC ticks of the instant a move is going to; MinValue while none is

    public new void Advance(TimeSpan delta) => SetUtcNow(GetUtcNow() + delta);

    public new void SetUtcNow(DateTimeOffset value)
    {
        Interlocked.Exchange(ref _movingTo, value.UtcTicks);
        try
        {
            base.SetUtcNow(value);
        }
        finally
        {
            Interlocked.Exchange(ref _movingTo, long.MinValue);
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new CoalescingTimer(this, callback, state, dueTime, period);

    private ITimer CreateFakeTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => base.CreateTimer(callback, state, dueTime, period);

    /// <summary>
    /// Keeps the instant each tick is due (the fake clock shows the move's end to every tick it fires) and lets a tick through
    /// only when the move does not reach the next one.
    /// </summary>
    private sealed class CoalescingTimer : ITimer
    {
        private readonly TestClock _clock;
        private readonly TimerCallback _callback;
        private readonly ITimer _timer;
        private readonly Lock _gate = new();
        private long _nextDue; // UTC ticks
        private TimeSpan _period;

        public CoalescingTimer(TestClock clock, TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            _clock = clock;
            _callback = callback;
            Schedule(dueTime, period);
            _timer = clock.CreateFakeTimer(Tick, state, dueTime, period);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Schedule(dueTime, period);
            return _timer.Change(dueTime, period);
        }

        public void Dispose() => _timer.Dispose();

        public ValueTask DisposeAsync() => _timer.DisposeAsync();

        private void Schedule(TimeSpan dueTime, TimeSpan period)
        {
            lock (_gate)
            {
                _nextDue = dueTime == Timeout.InfiniteTimeSpan ? long.MaxValue : (_clock.GetUtcNow() + dueTime).UtcTicks;
                _period = period;
            }
        }

        private void Tick(object? state)
        {
            bool fire;
            lock (_gate)
            {
                var periodic = _period > TimeSpan.Zero && _period != Timeout.InfiniteTimeSpan;
                _nextDue = periodic ? _nextDue + _period.Ticks : long.MaxValue;
                fire = !periodic || _nextDue > Interlocked.Read(ref _clock._movingTo);
            }

            if (fire)
            {
                _callback(state);
            }
        }
    }
}
