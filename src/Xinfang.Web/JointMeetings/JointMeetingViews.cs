using Xinfang.Web.Duty;

namespace Xinfang.Web.JointMeetings;

/// <summary>A joint meeting with its decisions as the reader may see them.</summary>
public sealed record JointMeetingView(Guid Id, Guid OrganizationId, string OrganizationName, DateOnly HeldOn, string Topic, string RecordedBy, DateTimeOffset RecordedAt,
    IReadOnlyList<DecisionView> Decisions, bool MayDecide);

/// <summary>A progress note.</summary>
public sealed record DecisionNoteView(string Text, string By, DateTimeOffset At);

/// <summary>
/// 议定事项: owner body, deadline, status, overdue flag (open past the deadline, as of today), the notes, and the linked
/// items the reader may see (the others only counted).
/// </summary>
public sealed record DecisionView(Guid Id, Guid MeetingId, string MeetingTopic, DateOnly DecidedOn, Guid ConvenedByOrganizationId, string ConvenedByName,
    Guid OwnerOrganizationId, string OwnerName, string Text, DateOnly DueOn, string Status, string StatusName, bool Overdue, DateOnly? DoneOn, string? DoneBy,
    IReadOnlyList<DecisionNoteView> Notes, IReadOnlyList<LinkedItemView> Items, int ItemsOutOfView, bool MayReport);
