using Xinfang.Domain.Deadlines;

namespace Xinfang.Domain.Petitions;

/// <summary>Who acts: a staff member of an organisation (or the petitioner, through the query code).</summary>
public sealed record Actor(string UserId, string Name, Guid OrganizationId)
{
    /// <summary>The petitioner acting through number + query code (rating, asking for review).</summary>
    public static Actor Petitioner(Guid organizationId) => new("petitioner", "信访人", organizationId);
}

/// <summary>What a registrar types for one petitioner. Validated at the edge; the domain re-checks limits.</summary>
public sealed record PetitionerInfo(
    string? Name,
    IdDocumentType IdType = IdDocumentType.ResidentIdCard,
    string? IdNumber = null,
    string? Phone = null,
    string? Address = null,
    string? Workplace = null,
    bool IsPrincipal = false);

/// <summary>One petitioner of an item (主访人 flag marks the principal).</summary>
public sealed class Petitioner
{
    private Petitioner()
    {
    }

    internal Petitioner(PetitionerInfo info, int ordinal)
    {
        Ordinal = ordinal;
        Name = info.Name?.Trim();
        IdType = info.IdType;
        IdNumber = string.IsNullOrWhiteSpace(info.IdNumber) ? null : info.IdNumber.Trim().ToUpperInvariant();
        Phone = string.IsNullOrWhiteSpace(info.Phone) ? null : Common.PhoneNumber.Normalize(info.Phone);
        Address = info.Address?.Trim();
        Workplace = info.Workplace?.Trim();
        IsPrincipal = info.IsPrincipal;
    }

    public int Ordinal { get; private set; }

    public string? Name { get; private set; }

    public IdDocumentType IdType { get; private set; }

    public string? IdNumber { get; private set; }

    public string? Phone { get; private set; }

    public string? Address { get; private set; }

    public string? Workplace { get; private set; }

    public bool IsPrincipal { get; private set; }
}

/// <summary>
/// Whom a history entry or a document is addressed to. Set by the domain method that creates it —
/// never inferred by a page: the petitioner's view (<see cref="ViewForPetitioner"/>) shows only what
/// is addressed to the petitioner; notes, reports and letters between bodies stay with staff.
/// </summary>
public enum Audience
{
    /// <summary>Staff only: internal notes, reports to the assigning or higher body, objections.</summary>
    Staff = 0,
    /// <summary>The petitioner too, through number + query code (domain.md §8).</summary>
    Petitioner = 1,
}

/// <summary>An append-only line of the item's history: who did what, when, why, with which document.</summary>
public sealed class HistoryEntry
{
    private HistoryEntry()
    {
        Action = ActorId = ActorName = Summary = string.Empty;
    }

    // toPetitioner: the line the petitioner sees (no staff names, no internal notes); null keeps the entry with staff.
    internal HistoryEntry(int sequence, DateTimeOffset at, Actor actor, string action, PetitionState? from, PetitionState to, string summary, Guid? documentId, string? toPetitioner, DateOnly? occurredOn = null)
    {
        Sequence = sequence;
        At = at;
        OccurredOn = occurredOn ?? DeadlineTime.LocalDate(at);
        ActorId = actor.UserId;
        ActorName = actor.Name;
        OrganizationId = actor.OrganizationId;
        Action = action;
        FromState = from;
        ToState = to;
        Summary = summary;
        DocumentId = documentId;
        Audience = toPetitioner is null ? Audience.Staff : Audience.Petitioner;
        PetitionerSummary = toPetitioner;
    }

    public int Sequence { get; private set; }

    /// <summary>When it was entered (录入时间): the server's instant, whatever day the step happened.</summary>
    public DateTimeOffset At { get; private set; }

    /// <summary>
    /// The day the step happened (发生日期, Asia/Shanghai): the day an officer gave as <c>occurredOn</c>
    /// for something that happened outside the system, else the day of entry. Clocks start from it.
    /// </summary>
    public DateOnly OccurredOn { get; private set; }

    /// <summary>Who entered it (录入人): the user id; <see cref="ActorName"/> is the name.</summary>
    public string ActorId { get; private set; }

    public string ActorName { get; private set; }

    public Guid OrganizationId { get; private set; }

    /// <summary>"Register" or a <see cref="PetitionAction"/> name.</summary>
    public string Action { get; private set; }

    public PetitionState? FromState { get; private set; }

    public PetitionState ToState { get; private set; }

    public string Summary { get; private set; }

    public Guid? DocumentId { get; private set; }

    /// <summary>Whether the petitioner sees this entry at all.</summary>
    public Audience Audience { get; private set; }

    /// <summary>What the petitioner reads for this entry (null for staff-only entries); <see cref="Summary"/> is the staff's line.</summary>
    public string? PetitionerSummary { get; private set; }
}

/// <summary>A written document of the item: notices, the 信访处理意见书, opinions, reports.</summary>
public sealed class PetitionDocument
{
    private PetitionDocument()
    {
        Title = Body = string.Empty;
    }

    internal PetitionDocument(Guid id, DocumentKind kind, string title, string body, DateOnly issuedOn, Audience audience)
    {
        Id = id;
        Kind = kind;
        Title = title;
        Body = body;
        IssuedOn = issuedOn;
        Audience = audience;
    }

    public Guid Id { get; private set; }

    public DocumentKind Kind { get; private set; }

    public string Title { get; private set; }

    public string Body { get; private set; }

    public DateOnly IssuedOn { get; private set; }

    /// <summary>Whom the document is addressed to; only <see cref="Audience.Petitioner"/> documents are shown through the query code (domain.md §8).</summary>
    public Audience Audience { get; private set; }

    public bool AddressedToPetitioner => Audience == Audience.Petitioner;
}

/// <summary>The clocks an item runs (domain.md §6).</summary>
public enum DeadlineKind
{
    /// <summary>条例 Art. 22: the bureau's disposition, 15 days from receipt.</summary>
    BureauDisposition = 0,
    /// <summary>条例 Art. 23 ¶2–3: written notice of receipt, 15 days.</summary>
    NoticeOfReceipt = 1,
    /// <summary>条例 Art. 23 ¶3: objection to a wrong forward, 5 working days.</summary>
    ForwardObjection = 2,
    /// <summary>条例 Art. 34: handling, 60 days from acceptance, extensions at most 30.</summary>
    Handling = 3,
    /// <summary>条例 Art. 22(三): the assigning bureau's deadline for the completion report.</summary>
    AssignedReport = 4,
    /// <summary>条例 Art. 35: 30 days to ask for 复查.</summary>
    ReviewRequest = 5,
    /// <summary>条例 Art. 35: 30 days to answer a 复查.</summary>
    ReviewOpinion = 6,
    /// <summary>条例 Art. 36: 30 days to ask for 复核.</summary>
    ReReviewRequest = 7,
    /// <summary>条例 Art. 36: 30 days to answer a 复核 (hearing time not counted).</summary>
    ReReviewOpinion = 8,
    /// <summary>Rating window after service [P].</summary>
    Rating = 9,
    /// <summary>Urgent items [S, 泰宁 2020]: forwarded within the jurisdiction's hour limit of registration.</summary>
    UrgentDisposition = 10,
    /// <summary>Urgent items [S, 泰宁 2020]: answered within the jurisdiction's hour limit of registration.</summary>
    UrgentAnswer = 11,
}

/// <summary>
/// One deadline of the item. It keeps its recipe (what started it, on which day, for which period)
/// so it can be recomputed when a calendar or a jurisdiction policy changes. Past deadlines are
/// kept, never deleted.
/// </summary>
public sealed class PetitionDeadline
{
    private PetitionDeadline()
    {
        Explanation = StartLabel = string.Empty;
    }

    internal PetitionDeadline(DeadlineKind kind, string startLabel, DateOnly startedOn, Period period, DueDate due)
    {
        Kind = kind;
        StartLabel = startLabel;
        StartedOn = startedOn;
        PeriodLength = period.Length;
        PeriodUnit = period.Unit;
        Explanation = string.Empty;
        MoveTo(due);
    }

    /// <summary>An hour-level limit (urgent items): due at an instant, not at the end of a day.</summary>
    internal PetitionDeadline(DeadlineKind kind, string startLabel, DateOnly startedOn, int hours, DueInstant due)
    {
        Kind = kind;
        StartLabel = startLabel;
        StartedOn = startedOn;
        PeriodLength = hours;
        PeriodUnit = Deadlines.PeriodUnit.CalendarDays;
        Hours = hours;
        DueOn = Deadlines.DeadlineTime.LocalDate(due.At);
        DueAtUtc = due.At.UtcDateTime;
        Explanation = due.Explanation;
    }

    public DeadlineKind Kind { get; private set; }

    /// <summary>What started the clock, e.g. 受理 or 收到复查请求.</summary>
    public string StartLabel { get; private set; }

    public DateOnly StartedOn { get; private set; }

    public int PeriodLength { get; private set; }

    public PeriodUnit PeriodUnit { get; private set; }

    /// <summary>Set for hour-level limits of urgent items; such a deadline is never recomputed by calendar.</summary>
    public int? Hours { get; private set; }

    public Period Period => new(PeriodLength, PeriodUnit);

    /// <summary>The last day, in the jurisdiction's calendar.</summary>
    public DateOnly DueOn { get; private set; }

    /// <summary>The end of the last day (or the exact instant of an hour limit) in UTC, for queries.</summary>
    public DateTime DueAtUtc { get; private set; }

    public bool Provisional { get; private set; }

    public string Explanation { get; private set; }

    /// <summary>The day the clock stopped because its step was done (null while it runs).</summary>
    public DateOnly? MetOn { get; private set; }

    /// <summary>Set when the step fell away (e.g. the item left the track): the clock no longer runs.</summary>
    public bool Cancelled { get; private set; }

    public bool IsOpen => MetOn is null && !Cancelled;

    public bool IsOverdueOn(DateOnly today) => IsOpen && today > DueOn;

    /// <summary>Overdue at an instant: hour limits are judged to the minute, day limits by the local day.</summary>
    public bool IsOverdueAt(DateTimeOffset now) => IsOpen && now.UtcDateTime > DueAtUtc;

    internal void Meet(DateOnly on) => MetOn ??= on;

    internal void Cancel() => Cancelled = true;

    /// <summary>The step that starts this clock happened on another day than first recorded (a unit's receipt on paper).</summary>
    internal void Restart(DateOnly startedOn, string startLabel, DueDate due)
    {
        StartedOn = startedOn;
        StartLabel = startLabel;
        MoveTo(due);
    }

    /// <summary>The jurisdiction changed the period this clock runs for.</summary>
    internal void Rebase(Period period)
    {
        PeriodLength = period.Length;
        PeriodUnit = period.Unit;
    }

    internal void MoveTo(DueDate due)
    {
        DueOn = due.Date;
        DueAtUtc = Deadlines.DeadlineTime.EndOfDay(due.Date).UtcDateTime;
        Provisional = due.Provisional;
        Explanation = due.Explanation;
    }
}

/// <summary>A 复核 hearing (条例 Art. 36 ¶2): its days are not counted in the 30 days of the opinion.</summary>
public sealed class Hearing
{
    private Hearing()
    {
        Summary = string.Empty;
    }

    internal Hearing(DateOnly from, DateOnly to, string summary)
    {
        From = from;
        To = to;
        Summary = summary;
    }

    public DateOnly From { get; private set; }

    public DateOnly To { get; private set; }

    public string Summary { get; private set; }
}

/// <summary>An officer who stepped aside from an item (回避, 条例 Art. 28). The reason stays internal.</summary>
public sealed class Recusal
{
    private Recusal()
    {
        UserId = UserName = Reason = string.Empty;
    }

    internal Recusal(string userId, string userName, string reason, DateOnly markedOn)
    {
        UserId = userId;
        UserName = userName;
        Reason = reason;
        MarkedOn = markedOn;
    }

    public string UserId { get; private set; }

    public string UserName { get; private set; }

    public string Reason { get; private set; }

    public DateOnly MarkedOn { get; private set; }
}

/// <summary>An extension of the handling period (条例 Art. 34).</summary>
public sealed class HandlingExtension
{
    private HandlingExtension()
    {
        ApprovedBy = Reason = string.Empty;
    }

    internal HandlingExtension(int days, string approvedBy, string reason, DateOnly approvedOn)
    {
        Days = days;
        ApprovedBy = approvedBy;
        Reason = reason;
        ApprovedOn = approvedOn;
    }

    public int Days { get; private set; }

    public string ApprovedBy { get; private set; }

    public string Reason { get; private set; }

    public DateOnly ApprovedOn { get; private set; }
}
