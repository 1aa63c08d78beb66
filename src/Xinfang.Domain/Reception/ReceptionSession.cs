using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Petitions;

namespace Xinfang.Domain.Reception;

/// <summary>
/// 领导接访的方式 — the kinds the seed reports name. 条例 Art. 18 ¶2: 领导干部应当 … 定期接待群众来访、定期下访;
/// Art. 18 ¶3: 市、县级党委和政府应当建立和完善联合接访工作机制. Their Chinese names: <see cref="ReceptionKinds"/>.
/// </summary>
public enum ReceptionKind
{
    /// <summary>定期接访: the leader's regular reception day at the reception hall (Art. 18 ¶2).</summary>
    Regular,
    /// <summary>下访: the leader goes down to a township or village (Art. 18 ¶2, 定期下访).</summary>
    Visiting,
    /// <summary>重点约访: the leader invites petitioners of important matters by appointment.</summary>
    Appointment,
    /// <summary>专题接访: a reception on one subject (e.g. 征地拆迁).</summary>
    Thematic,
    /// <summary>公开接访: announced in advance, in public, often with lawyers beside the leader (seeds 巴南, 番禺).</summary>
    Public,
    /// <summary>联合接访中心: several bodies receive together, 一站式 (Art. 18 ¶3).</summary>
    JointCentre,
}

/// <summary>The one code table of the kinds' Chinese names (pages, API answers, the annual report all read it).</summary>
public static class ReceptionKinds
{
    public static IReadOnlyList<ReceptionKind> All { get; } = Enum.GetValues<ReceptionKind>();

    public static string NameOf(ReceptionKind kind) => kind switch
    {
        ReceptionKind.Regular => "定期接访",
        ReceptionKind.Visiting => "下访",
        ReceptionKind.Appointment => "重点约访",
        ReceptionKind.Thematic => "专题接访",
        ReceptionKind.Public => "公开接访",
        ReceptionKind.JointCentre => "联合接访中心",
        _ => "其他",
    };
}

/// <summary>Where a session stands: planned (published), held (it took place) or cancelled (published as 已取消).</summary>
public enum ReceptionStatus
{
    /// <summary>已安排.</summary>
    Planned,
    /// <summary>已接访.</summary>
    Held,
    /// <summary>已取消: called off before anyone was received; stays on the public schedule marked so (people travel to a reception).</summary>
    Cancelled,
}

/// <summary>One person at a session beside the leader: a name and a role, both free text (律师, 信访局干部, 司法局 …). Never a petitioner.</summary>
public sealed record ReceptionAttendee(string Name, string Role);

/// <summary>
/// 领导接访: a reception session a named leader of a body holds at a place and time, of one <see cref="ReceptionKind"/>.
/// The leader is a name and a post as typed (县长 张某某), not a staff account: the leaders who receive are often not
/// users of the system (ADR 0114). A session is planned (and so published on the portal, Art. 18 ¶1: 信访接待的时间和地点),
/// records who attended and is marked held; the visitors it received are petition items registered from it and linked
/// to it (<see cref="ReceptionSessionItem"/>), counted as 批 (items) and 人次 (their head counts).
/// Nothing about a petitioner is kept here (domain.md §12).
/// </summary>
public sealed class ReceptionSession
{
    public const int MaxNameLength = 50;
    public const int MaxPlaceLength = 100;
    public const int MaxTopicLength = 200;
    public const int MaxAttendees = 50;
    public const int MaxReasonLength = 200;

    private readonly List<ReceptionAttendee> _attendees = [];

    private ReceptionSession()
    {
        LeaderName = LeaderPost = Place = PlannedBy = string.Empty;
    }

    public Guid Id { get; private set; }

    /// <summary>The body whose leader receives; its registrars and administrators plan and record the session.</summary>
    public Guid OrganizationId { get; private set; }

    public string LeaderName { get; private set; }

    public string LeaderPost { get; private set; }

    public string Place { get; private set; }

    /// <summary>The planned start, as typed (local time, bounded by the web layer's DateInput).</summary>
    public DateTimeOffset StartsAt { get; private set; }

    public ReceptionKind Kind { get; private set; }

    /// <summary>The subject of a 专题接访 or 公开接访 (optional), published with the session.</summary>
    public string? Topic { get; private set; }

    public ReceptionStatus Status { get; private set; }

    public string PlannedBy { get; private set; }

    /// <summary>When the plan was typed — kept beside the time typed in <see cref="StartsAt"/>.</summary>
    public DateTimeOffset PlannedAt { get; private set; }

    public string? HeldBy { get; private set; }

    public DateTimeOffset? HeldAt { get; private set; }

    public IReadOnlyList<ReceptionAttendee> Attendees => _attendees;

    /// <summary>The time before the latest 改期 (null when never moved): the public schedule says 原定 … beside the new time.</summary>
    public DateTimeOffset? PreviousStartsAt { get; private set; }

    /// <summary>The place before the latest 改期.</summary>
    public string? PreviousPlace { get; private set; }

    public string? MoveReason { get; private set; }

    public string? MovedBy { get; private set; }

    public DateTimeOffset? MovedAt { get; private set; }

    public string? CancellationReason { get; private set; }

    public string? CancelledBy { get; private set; }

    public DateTimeOffset? CancelledAt { get; private set; }

    public int Version { get; private set; }

    /// <summary>The local day the session starts on.</summary>
    public DateOnly Day => DeadlineTime.LocalDate(StartsAt);

    /// <summary>Plans a session: a leader's name and post, a place, a time and a kind (Art. 18 ¶2–3).</summary>
    public static ReceptionSession Plan(Guid id, Guid organizationId, string leaderName, string leaderPost, string place, DateTimeOffset startsAt,
        ReceptionKind kind, string? topic, Actor planner, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(planner);
        Require(Enum.IsDefined(kind), "kind-unknown", "接访方式无效", "kind");
        // A schedule is planned ahead or recorded after the fact; a year either way covers both (a longer span is a typing slip).
        Require(startsAt >= now.AddYears(-1) && startsAt <= now.AddYears(1), "starts-out-of-range", "接访时间应在前后一年之内", "startsAt");
        var session = new ReceptionSession
        {
            Id = id,
            OrganizationId = organizationId,
            LeaderName = Text(leaderName, MaxNameLength, "leaderName", "接访领导姓名"),
            LeaderPost = Text(leaderPost, MaxNameLength, "leaderPost", "接访领导职务"),
            Place = Text(place, MaxPlaceLength, "place", "接访地点"),
            StartsAt = startsAt,
            Kind = kind,
            Topic = string.IsNullOrWhiteSpace(topic) ? null : Text(topic, MaxTopicLength, "topic", "接访主题"),
            Status = ReceptionStatus.Planned,
            PlannedBy = planner.Name,
            PlannedAt = now,
        };
        return session;
    }

    /// <summary>
    /// Who attended, replacing what was recorded: the leader first (the session's own leader is always in it), then
    /// lawyers and officials beside the leader (seeds 巴南, 番禺: 律师参与接访). Only names and roles — no petitioner.
    /// </summary>
    public void RecordAttendance(IReadOnlyList<ReceptionAttendee> attendees, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(attendees);
        ArgumentNullException.ThrowIfNull(actor);
        RequireNotCancelled();
        Require(attendees.Count <= MaxAttendees, "attendees-too-many", $"参加人员最多{MaxAttendees}人", "attendees");
        var clean = new List<ReceptionAttendee>();
        for (var i = 0; i < attendees.Count; i++)
        {
            var a = attendees[i] ?? throw new DomainRuleViolation("attendee-missing", "参加人员信息缺失", $"attendees[{i}]");
            clean.Add(new ReceptionAttendee(Text(a.Name, MaxNameLength, $"attendees[{i}].name", "参加人员姓名"), Text(a.Role, MaxNameLength, $"attendees[{i}].role", "参加人员身份")));
        }

        if (!clean.Exists(a => a.Name == LeaderName))
        {
            clean.Insert(0, new ReceptionAttendee(LeaderName, LeaderPost));
        }

        _attendees.Clear();
        _attendees.AddRange(clean);
        Version++;
    }

    /// <summary>Marks the session held: not before the day it was planned for (a session in the future has not taken place).</summary>
    public void MarkHeld(Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        RequireNotCancelled();
        Require(Status == ReceptionStatus.Planned, "already-held", "该接访已标记为已接访");
        Require(DeadlineTime.LocalDate(now) >= Day, "not-yet", $"接访安排在{Day:yyyy-MM-dd}，当天或之后才能标记为已接访");
        Status = ReceptionStatus.Held;
        HeldBy = actor.Name;
        HeldAt = now;
        if (_attendees.Count == 0)
        {
            _attendees.Add(new ReceptionAttendee(LeaderName, LeaderPost));
        }

        Version++;
    }

    /// <summary>
    /// A visitor received at the session, registered as an item (Art. 22: everything received is registered): only on or
    /// after the session's day; receiving someone shows the session took place, so a planned session becomes held.
    /// </summary>
    public ReceptionSessionItem Receive(Guid petitionId, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        RequireNotCancelled();
        Require(DeadlineTime.LocalDate(now) >= Day, "not-yet", $"接访安排在{Day:yyyy-MM-dd}，尚未开始，不能登记来访人");
        if (Status == ReceptionStatus.Planned)
        {
            MarkHeld(actor, now);
        }

        return new ReceptionSessionItem(Id, petitionId, now);
    }

    /// <summary>
    /// 改期: a planned session moves to a new time and/or place, with a reason. Only while planned (a held session took
    /// place, a cancelled one is off); the new time lies ahead (people must be able to come) and within a year; something
    /// must change. The previous time and place are kept, so the public schedule can say what it was before.
    /// </summary>
    public void Move(DateTimeOffset startsAt, string? place, string reason, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        RequireNotCancelled();
        Require(Status == ReceptionStatus.Planned, "already-held", "该接访已举行，不能改期");
        var why = Text(reason, MaxReasonLength, "reason", "改期理由");
        var newPlace = string.IsNullOrWhiteSpace(place) ? Place : Text(place, MaxPlaceLength, "place", "接访地点");
        Require(startsAt >= now, "starts-in-past", "改期后的接访时间不能早于现在", "startsAt");
        Require(startsAt <= now.AddYears(1), "starts-out-of-range", "接访时间应在一年之内", "startsAt");
        Require(startsAt != StartsAt || newPlace != Place, "nothing-changed", "改期后的时间和地点与原安排相同", "startsAt");
        PreviousStartsAt = StartsAt;
        PreviousPlace = Place;
        StartsAt = startsAt;
        Place = newPlace;
        MoveReason = why;
        MovedBy = actor.Name;
        MovedAt = now;
        Version++;
    }

    /// <summary>
    /// 取消: a planned session is called off, with a reason. Never one that received visitors (<paramref name="visitorsReceived"/>,
    /// the items linked to it: their registration is the record that it took place, Art. 22) nor one marked held.
    /// </summary>
    public void Cancel(string reason, int visitorsReceived, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        RequireNotCancelled();
        Require(visitorsReceived == 0, "visitors-received", $"该接访已接待来访人（{visitorsReceived}批），不能取消");
        Require(Status == ReceptionStatus.Planned, "already-held", "该接访已举行，不能取消");
        CancellationReason = Text(reason, MaxReasonLength, "reason", "取消理由");
        CancelledBy = actor.Name;
        CancelledAt = now;
        Status = ReceptionStatus.Cancelled;
        Version++;
    }

    public static string NameOf(ReceptionStatus status) => status switch
    {
        ReceptionStatus.Held => "已接访",
        ReceptionStatus.Cancelled => "已取消",
        _ => "已安排",
    };

    private void RequireNotCancelled() => Require(Status != ReceptionStatus.Cancelled, "cancelled", "该接访已取消");

    private static string Text(string? value, int max, string field, string label)
    {
        Require(!string.IsNullOrWhiteSpace(value), "text-required", $"请填写{label}", field);
        var trimmed = value!.Trim();
        Require(trimmed.Length <= max, "text-too-long", $"{label}不能超过{max}字", field);
        return trimmed;
    }

    private static void Require(bool condition, string code, string message, string? field = null)
    {
        if (!condition)
        {
            throw new DomainRuleViolation(code, message, field);
        }
    }
}

/// <summary>One item received at a session: the link lives here, not on the petition (the item knows nothing of receptions).</summary>
public sealed class ReceptionSessionItem(Guid sessionId, Guid petitionId, DateTimeOffset linkedAt)
{
    public Guid SessionId { get; private set; } = sessionId;

    public Guid PetitionId { get; private set; } = petitionId;

    public DateTimeOffset LinkedAt { get; private set; } = linkedAt;
}

/// <summary>
/// What leaders' receptions count (seed 临汾: 2,079 sessions received 1,173 批 / 2,394 人次): sessions held, 批 = the
/// items received at them, 人次 = the sum of those items' head counts (a collective visit of 30 is 30 人次, one 批).
/// </summary>
public static class ReceptionCounting
{
    public sealed record Received(int Batches, int Persons);

    /// <summary>批 and 人次 of the head counts of the items received (each item at least one person).</summary>
    public static Received Count(IEnumerable<int> headCounts)
    {
        ArgumentNullException.ThrowIfNull(headCounts);
        var batches = 0;
        var persons = 0;
        foreach (var h in headCounts)
        {
            batches++;
            persons += Math.Max(1, h);
        }

        return new Received(batches, persons);
    }
}
