namespace Xinfang.Domain.Deadlines;

/// <summary>
/// A computed last day, with how it was computed. <see cref="Provisional"/> marks a working-day
/// count that ran into a year whose holiday schedule is not loaded yet (counted Monday–Friday).
/// The act is on time when done on or before <see cref="Date"/>; it is late from <see cref="ExpiresAt"/>.
/// </summary>
public sealed record DueDate(DateOnly Date, bool Provisional, string Explanation)
{
    /// <summary>The first instant that is late: the day after <see cref="Date"/> at 00:00 Beijing time, in UTC.</summary>
    public DateTimeOffset ExpiresAt => DeadlineTime.ExpiresAt(Date);
}

/// <summary>The instant an hour-limited step (urgent items) is due, with how it was computed.</summary>
public sealed record DueInstant(DateTimeOffset At, string Explanation);
