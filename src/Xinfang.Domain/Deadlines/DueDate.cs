namespace Xinfang.Domain.Deadlines;

/// <summary>
/// A computed last day, with how it was computed. <see cref="Provisional"/> marks a working-day
/// count that ran into a year whose holiday schedule is not loaded yet (counted Monday–Friday).
/// </summary>
public sealed record DueDate(DateOnly Date, bool Provisional, string Explanation);
