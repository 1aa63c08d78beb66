using Xinfang.Domain.Reception;
using Xinfang.Web.Common;

namespace Xinfang.Web.Reception;

/// <summary>One person beside the leader at a session (name and role as typed).</summary>
public sealed record AttendeeView(string Name, string Role);

/// <summary>An item received at a session, as its reader may see it: number and title, nothing of the petitioner.</summary>
public sealed record ReceivedItemView(Guid PetitionId, string Number, string Title);

/// <summary>
/// A 领导接访 session as staff see it: the plan, the attendance, and what it received — 批 (items) and 人次 (their head
/// counts) over every item linked to it; <see cref="Items"/> only those the reader may see (PetitionGuard), the rest counted in <see cref="ItemsOutOfView"/>.
/// </summary>
public sealed record ReceptionSessionView(
    Guid Id,
    Guid OrganizationId,
    string OrganizationName,
    string LeaderName,
    string LeaderPost,
    string Place,
    DateTimeOffset StartsAt,
    string Kind,
    string KindName,
    string? Topic,
    string Status,
    string StatusName,
    string PlannedBy,
    DateTimeOffset PlannedAt,
    string? HeldBy,
    DateTimeOffset? HeldAt,
    IReadOnlyList<AttendeeView> Attendees,
    int Batches,
    int Persons,
    IReadOnlyList<ReceivedItemView> Items,
    int ItemsOutOfView,
    DateTimeOffset? PreviousStartsAt,
    string? PreviousPlace,
    string? MoveReason,
    string? MovedBy,
    DateTimeOffset? MovedAt,
    string? CancellationReason,
    string? CancelledBy,
    DateTimeOffset? CancelledAt)
{
    public static ReceptionSessionView From(ReceptionSession s, string organizationName, ReceptionCounting.Received received, IReadOnlyList<ReceivedItemView> items, int outOfView)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(received);
        return new(s.Id, s.OrganizationId, organizationName, s.LeaderName, s.LeaderPost, s.Place, s.StartsAt, s.Kind.ToString(), ReceptionKinds.NameOf(s.Kind), s.Topic,
            s.Status.ToString(), ReceptionSession.NameOf(s.Status), s.PlannedBy, s.PlannedAt, s.HeldBy, s.HeldAt,
            s.Attendees.Select(a => new AttendeeView(a.Name, a.Role)).ToList(), received.Batches, received.Persons, items, outOfView,
            s.PreviousStartsAt, s.PreviousPlace, s.MoveReason, s.MovedBy, s.MovedAt, s.CancellationReason, s.CancelledBy, s.CancelledAt);
    }
}

/// <summary>
/// A planned session as the public sees it on the portal (条例 Art. 18 ¶1: 信访接待的时间和地点): nothing personal. A moved
/// one carries the time and place it replaced; a cancelled one is marked.
/// </summary>
public sealed record PublicReceptionEntry(string LeaderName, string LeaderPost, string Place, DateTimeOffset StartsAt, string KindName, string? Topic,
    bool Cancelled = false, DateTimeOffset? PreviousStartsAt = null, string? PreviousPlace = null);

/// <summary>What a reception use case gave: the session, the bad fields, or a refusal (nothing saved).</summary>
public sealed record ReceptionOutcome(ReceptionSessionView? Session, RequestErrors? Errors, int Status, string? Because)
{
    public static ReceptionOutcome Done(ReceptionSessionView view) => new(view, null, 0, null);

    public static ReceptionOutcome Invalid(RequestErrors errors) => new(null, errors, 0, null);

    public static ReceptionOutcome NotFound { get; } = new(null, null, StatusCodes.Status404NotFound, "未找到该接访");

    public static ReceptionOutcome Forbidden(string because) => new(null, null, StatusCodes.Status403Forbidden, because);

    public static ReceptionOutcome Conflict(string because) => new(null, null, StatusCodes.Status409Conflict, because);

    public IResult ToResult(bool created = false) => this switch
    {
        { Session: { } v } => created ? TypedResults.Created($"/api/reception/sessions/{v.Id}", v) : TypedResults.Ok(v),
        { Errors: { } e } => e.Problem(),
        { Status: StatusCodes.Status404NotFound } => Answers.NotFound("接访"),
        { Status: StatusCodes.Status409Conflict } => TypedResults.Problem(statusCode: 409, title: "不能办理", detail: Because),
        _ => Answers.Forbidden(Because!),
    };
}
