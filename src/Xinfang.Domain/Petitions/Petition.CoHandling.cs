namespace Xinfang.Domain.Petitions;

/// <summary>
/// 主办/协办 (issue 14): the co-handling tasks are their own aggregate (<see cref="CoHandling.CoHandlingTask"/>, ADR 0146);
/// the item only keeps each of their steps in its history, written by the task itself (internal: nothing else writes them).
/// </summary>
public sealed partial class Petition
{
    /// <summary>The history's action for every 协办 step (named, feedback, done, withdrawn, the lead unit's reason to answer first).</summary>
    public const string CoHandlingAction = "CoHandling";

    internal void RecordCoHandling(string summary, Actor actor, DateTimeOffset now)
    {
        _history.Add(new HistoryEntry(_history.Count + 1, now, actor, CoHandlingAction, State, State, summary, null, null));
        Version++;
    }
}
