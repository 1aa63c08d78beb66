using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Petitions;

namespace Xinfang.Domain.JointMeetings;

/// <summary>
/// 信访工作联席会议 (条例 Art. 13: 地方各级信访工作联席会议 … 负责本地区信访工作的统筹协调、整体推进、督促落实，协调处理发生在本地区的
/// 重要信访问题): one meeting — its day, the convening body (the bureau where the joint meeting's office sits, Art. 11 ¶2),
/// and its topic. What it decides are <see cref="MeetingDecision"/>s, each tracked to completion.
/// </summary>
public sealed class JointMeeting
{
    public const int MaxTopicLength = 200;

    private JointMeeting()
    {
        Topic = RecordedBy = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid OrganizationId { get; private set; }

    public DateOnly HeldOn { get; private set; }

    public string Topic { get; private set; }

    public string RecordedBy { get; private set; }

    /// <summary>When it was recorded — kept beside the day typed in <see cref="HeldOn"/>.</summary>
    public DateTimeOffset RecordedAt { get; private set; }

    /// <summary>Records a meeting held on a day not in the future (a meeting is recorded once held).</summary>
    public static JointMeeting Record(Guid id, Guid organizationId, DateOnly heldOn, string topic, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        MeetingText.Require(heldOn <= DeadlineTime.LocalDate(now), "held-in-future", "会议日期不能晚于今天", "heldOn");
        return new JointMeeting
        {
            Id = id,
            OrganizationId = organizationId,
            HeldOn = heldOn,
            Topic = MeetingText.Clean(topic, MaxTopicLength, "topic", "会议议题"),
            RecordedBy = actor.Name,
            RecordedAt = now,
        };
    }
}

/// <summary>Where a decision stands.</summary>
public enum DecisionStatus
{
    /// <summary>落实中.</summary>
    Open,
    /// <summary>已落实.</summary>
    Done,
}

/// <summary>One progress note on a decision (落实情况), by whom and when.</summary>
public sealed record DecisionNote(string Text, string By, DateTimeOffset At);

/// <summary>
/// 联席会议议定事项: what a joint meeting decided, given to an owner body with a deadline; the owner reports progress
/// (及时报送落实情况 — the wording of Art. 12 ¶2 for the central meeting's members, which local meetings follow under
/// Art. 13) and completion; overdue when open past its deadline. Linked items are ids only; they are read through the
/// reader's scope.
/// </summary>
public sealed class MeetingDecision
{
    public const int MaxTextLength = 500;
    public const int MaxNoteLength = 1000;
    public const int MaxNotes = 100;
    public const int MaxLinkedItems = 20;

    private readonly List<DecisionNote> _notes = [];

    private MeetingDecision()
    {
        Text = DecidedBy = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid MeetingId { get; private set; }

    /// <summary>The convening body (copied from the meeting, so lists of a jurisdiction need no join).</summary>
    public Guid ConvenedByOrganizationId { get; private set; }

    /// <summary>The body that carries it out (牵头落实单位).</summary>
    public Guid OwnerOrganizationId { get; private set; }

    public string Text { get; private set; }

    public DateOnly DueOn { get; private set; }

    /// <summary>The meeting's day (copied, for the figures of a period).</summary>
    public DateOnly DecidedOn { get; private set; }

    public string DecidedBy { get; private set; }

    public DecisionStatus Status { get; private set; }

    public DateOnly? DoneOn { get; private set; }

    public string? DoneBy { get; private set; }

    public IReadOnlyList<DecisionNote> Notes => _notes;

    /// <summary>The items linked (ids; stored as one text column, read through the reader's scope).</summary>
    public IReadOnlyList<Guid> PetitionIds { get; private set; } = [];

    public int Version { get; private set; }

    /// <summary>Open past its deadline (逾期未落实).</summary>
    public bool IsOverdue(DateOnly today) => Status == DecisionStatus.Open && today > DueOn;

    /// <summary>Done after its deadline (逾期落实), for the figures.</summary>
    public bool DoneLate => Status == DecisionStatus.Done && DoneOn > DueOn;

    public static MeetingDecision Decide(Guid id, JointMeeting meeting, Guid ownerOrganizationId, string text, DateOnly dueOn, IReadOnlyCollection<Guid> petitionIds, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        ArgumentNullException.ThrowIfNull(petitionIds);
        ArgumentNullException.ThrowIfNull(actor);
        MeetingText.Require(dueOn >= meeting.HeldOn, "due-before-meeting", "落实期限不能早于会议日期", "dueOn");
        MeetingText.Require(petitionIds.Count <= MaxLinkedItems, "too-many-items", $"最多关联{MaxLinkedItems}件", "petitions");
        var decision = new MeetingDecision
        {
            Id = id,
            MeetingId = meeting.Id,
            ConvenedByOrganizationId = meeting.OrganizationId,
            OwnerOrganizationId = ownerOrganizationId,
            Text = MeetingText.Clean(text, MaxTextLength, "text", "议定事项"),
            DueOn = dueOn,
            DecidedOn = meeting.HeldOn,
            DecidedBy = actor.Name,
            Status = DecisionStatus.Open,
        };
        decision.PetitionIds = petitionIds.Distinct().ToList();
        return decision;
    }

    /// <summary>A progress note (落实情况), only while open.</summary>
    public void Note(string text, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        MeetingText.Require(Status == DecisionStatus.Open, "already-done", "该议定事项已落实");
        MeetingText.Require(_notes.Count < MaxNotes, "too-many-notes", $"落实情况最多{MaxNotes}条");
        _notes.Add(new DecisionNote(MeetingText.Clean(text, MaxNoteLength, "text", "落实情况"), actor.Name, now));
        Version++;
    }

    /// <summary>已落实: completed today, with what was done as the last note.</summary>
    public void Complete(string text, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        MeetingText.Require(Status == DecisionStatus.Open, "already-done", "该议定事项已落实");
        _notes.Add(new DecisionNote(MeetingText.Clean(text, MaxNoteLength, "text", "落实结果"), actor.Name, now));
        Status = DecisionStatus.Done;
        DoneOn = DeadlineTime.LocalDate(now);
        DoneBy = actor.Name;
        Version++;
    }

    public static string NameOf(DecisionStatus status) => status == DecisionStatus.Done ? "已落实" : "落实中";
}

internal static class MeetingText
{
    public static string Clean(string? value, int max, string field, string label)
    {
        Require(!string.IsNullOrWhiteSpace(value), "text-required", $"请填写{label}", field);
        var trimmed = value!.Trim();
        Require(trimmed.Length <= max, "text-too-long", $"{label}不能超过{max}字", field);
        return trimmed;
    }

    public static void Require(bool condition, string code, string message, string? field = null)
    {
        if (!condition)
        {
            throw new DomainRuleViolation(code, message, field);
        }
    }
}
