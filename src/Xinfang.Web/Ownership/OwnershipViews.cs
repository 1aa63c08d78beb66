using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Ownership;

namespace Xinfang.Web.Ownership;

public sealed record OwnershipMilestoneView(Guid Id, string Title, DateOnly DueOn, DateOnly? DoneOn, bool Overdue);

public sealed record OwnershipNoteView(Guid Id, DateOnly NotedOn, string Text, string Author, DateTimeOffset WrittenAt);

/// <summary>A 包案 as the owning leader and the bureau see it (the item by number only: its content is on the item's page).</summary>
public sealed record OwnershipView(
    Guid Id,
    Guid PetitionId,
    string PetitionNumber,
    string LeaderId,
    string LeaderName,
    Guid LeaderOrganizationId,
    string AssignedBy,
    DateTimeOffset AssignedAt,
    DateOnly AssignedOn,
    string Plan,
    bool Open,
    string StatusName,
    string? Outcome,
    DateOnly? OutcomeOn,
    string? OutcomeNote,
    int OverdueMilestones,
    IReadOnlyList<OwnershipMilestoneView> Milestones,
    IReadOnlyList<OwnershipNoteView> Notes)
{
    public static OwnershipView From(CaseOwnership o, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(o);
        return new(o.Id, o.PetitionId, o.PetitionNumber, o.LeaderId, o.LeaderName, o.LeaderOrganizationId, o.AssignedBy, o.AssignedAt, o.AssignedOn, o.Plan,
            o.IsOpen, CaseOwnership.StatusName(o.Outcome), o.Outcome?.ToString(), o.OutcomeOn, o.OutcomeNote, o.OverdueMilestonesOn(today),
            o.Milestones.OrderBy(m => m.DueOn).Select(m => new OwnershipMilestoneView(m.Id, m.Title, m.DueOn, m.DoneOn, m.DoneOn is null && m.DueOn < today)).ToList(),
            o.Notes.OrderBy(n => n.NotedOn).ThenBy(n => n.WrittenAt).Select(n => new OwnershipNoteView(n.Id, n.NotedOn, n.Text, n.Author, n.WrittenAt)).ToList());
    }

    public static DateOnly Today(TimeProvider clock) => DeadlineTime.LocalDate((clock ?? TimeProvider.System).GetUtcNow());
}

/// <summary>A leader the bureau may give an item to.</summary>
public sealed record LeaderChoice(string Id, string Name, Guid OrganizationId, string OrganizationName);

/// <summary>What an ownership use case gave: the ownership, the bad fields, or a refusal (nothing saved).</summary>
public sealed record OwnershipAnswer(OwnershipView? Ownership, Common.RequestErrors? Errors, int Status, string? Because)
{
    public static OwnershipAnswer Done(OwnershipView view) => new(view, null, 0, null);

    public static OwnershipAnswer Invalid(Common.RequestErrors errors) => new(null, errors, 0, null);

    public static OwnershipAnswer NotFound { get; } = new(null, null, StatusCodes.Status404NotFound, "未找到");

    public static OwnershipAnswer Forbidden(string because) => new(null, null, StatusCodes.Status403Forbidden, because);

    public static OwnershipAnswer Conflict(string because) => new(null, null, StatusCodes.Status409Conflict, because);

    public IResult ToResult(bool created = false) => this switch
    {
        { Ownership: { } v } => created ? TypedResults.Created($"/api/ownership/{v.Id}", v) : TypedResults.Ok(v),
        { Errors: { } e } => e.Problem(),
        { Status: StatusCodes.Status404NotFound } => Common.Answers.NotFound("包案"),
        { Status: StatusCodes.Status409Conflict } => TypedResults.Problem(statusCode: 409, title: "不能办理", detail: Because),
        _ => Common.Answers.Forbidden(Because!),
    };
}
