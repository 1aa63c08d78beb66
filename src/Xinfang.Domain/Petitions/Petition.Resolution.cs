namespace Xinfang.Domain.Petitions;

/// <summary>化解情况 recorded after closing (issue 12, ADR 0081 follow-up).</summary>
public sealed partial class Petition
{
    /// <summary>The history action of a 化解情况 recorded after closing (staff only).</summary>
    public const string ResolutionRecordedAction = "RecordResolution";

    /// <summary>
    /// 化解情况 recorded after the item closed without one — closed by the deadline sweeper when a 复查/复核
    /// window lapsed (条例 Arts. 35–36), or closed before the outcome was asked. Without it the item is never
    /// in the 化解率 (docs/domain/statistics.md). Once only: an outcome already recorded (at closing or after)
    /// is not overwritten, so the figure a bureau reported cannot be changed silently. The reason is required
    /// (as at closing, ADR 0081) and stays with staff; the step is a staff-only history line (and so audited).
    /// Who may record it is the Web layer's rule (the body that closed it, or a bureau above it).
    /// </summary>
    public void RecordResolutionAfterClosing(Resolution resolution, string reason, Actor actor, DateTimeOffset now)
    {
        Require(State == PetitionState.Closed, "not-closed", "只有已办结的信访件可以补记化解情况，未办结的请在办结时记录");
        Require(Resolution is null, "resolution-recorded", $"该信访件已记录化解情况（{(Resolution is { } r ? CodeNames.Of(r) : string.Empty)}），不能再次记录");
        Require(Enum.IsDefined(resolution), "resolution-invalid", "化解情况无效（化解、部分化解或未化解）");
        RequireText(reason, "reason");
        RecordResolution(resolution, reason);
        _history.Add(new HistoryEntry(_history.Count + 1, now, actor, ResolutionRecordedAction, State, State,
            $"办结后补记化解情况：{CodeNames.Of(resolution)}（{ResolutionReason}）", null, null));
        Version++;
    }
}
