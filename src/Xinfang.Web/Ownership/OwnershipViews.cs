using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Ownership;

namespace Xinfang.Web.Ownership;

public sealed record OwnershipMilestoneView(Guid Id, string Title, DateOnly DueOn, DateOnly? DoneOn, bool Overdue, DateOnly? AddedOn = null);

public sealed record OwnershipNoteView(Guid Id, DateOnly NotedOn, string Text, string Author, DateTimeOffset WrittenAt);

/// <summary>One 改派: from whom to whom, when, why and by whom.</summary>
public sealed record OwnershipHandoverView(DateOnly On, DateTimeOffset At, string FromLeaderName, string ToLeaderName, string Reason, string By);

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
    IReadOnlyList<OwnershipNoteView> Notes,
    bool Withdrawn,
    DateOnly? WithdrawnOn,
    string? WithdrawnBy,
    string? WithdrawalReason,
    IReadOnlyList<OwnershipHandoverView> Handovers)
{
    public static OwnershipView From(CaseOwnership o, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(o);
        return new(o.Id, o.PetitionId, o.PetitionNumber, o.LeaderId, o.LeaderName, o.LeaderOrganizationId, o.AssignedBy, o.AssignedAt, o.AssignedOn, o.Plan,
            o.IsOpen, o.StatusText, o.Outcome?.ToString(), o.OutcomeOn, o.OutcomeNote, o.OverdueMilestonesOn(today),
            o.Milestones.OrderBy(m => m.DueOn).Select(m => new OwnershipMilestoneView(m.Id, m.Title, m.DueOn, m.DoneOn, m.DoneOn is null && m.DueOn < today, m.AddedAt is { } at ? DeadlineTime.LocalDate(at) : null)).ToList(),
            o.Notes.OrderBy(n => n.NotedOn).ThenBy(n => n.WrittenAt).Select(n => new OwnershipNoteView(n.Id, n.NotedOn, n.Text, n.Author, n.WrittenAt)).ToList(),
            o.IsWithdrawn, o.WithdrawnOn, o.WithdrawnBy, o.WithdrawalReason,
            o.Handovers.OrderBy(h => h.At).Select(h => new OwnershipHandoverView(h.On, h.At, h.FromLeaderName, h.ToLeaderName, h.Reason, h.By)).ToList());
    }

    public static DateOnly Today(TimeProvider clock) => DeadlineTime.LocalDate((clock ?? TimeProvider.System).GetUtcNow());
}

/// <summary>One 包案 step in the item's 办理过程: its day, its name and what happened.</summary>
public sealed record OwnershipStep(DateOnly On, string Name, string Text);

/// <summary>
/// The 包案 steps of an item's ownerships for its 办理过程 (issue 14): assigned, milestone planned and done, progress
/// note, reassigned, withdrawn, outcome — each with its day, oldest first (steps of one day in the order they happen).
/// </summary>
public static class OwnershipSteps
{
    public static IReadOnlyList<OwnershipStep> Of(IEnumerable<OwnershipView> ownerships)
    {
        ArgumentNullException.ThrowIfNull(ownerships);
        var steps = new List<(OwnershipStep Step, int Order)>();
        foreach (var o in ownerships)
        {
            var first = o.Handovers.Count > 0 ? o.Handovers[0].FromLeaderName : o.LeaderName;
            steps.Add((new(o.AssignedOn, "领导包案", $"{o.AssignedBy}安排{first}包案：{o.Plan}"), 0));
            foreach (var m in o.Milestones)
            {
                steps.Add((new(m.AddedOn ?? o.AssignedOn, "包案节点", $"{m.Title}（期限{m.DueOn:yyyy-MM-dd}）"), 1));
                if (m.DoneOn is { } done)
                {
                    steps.Add((new(done, "包案节点完成", m.Title), 2));
                }
            }

            steps.AddRange(o.Notes.Select(n => (new OwnershipStep(n.NotedOn, "包案进展", $"{n.Author}：{n.Text}"), 3)));
            steps.AddRange(o.Handovers.Select(h => (new OwnershipStep(h.On, "改派包案", $"{h.By}改派：{h.FromLeaderName} → {h.ToLeaderName}（{h.Reason}）"), 4)));
            if (o.Withdrawn && o.WithdrawnOn is { } withdrawn)
            {
                steps.Add((new(withdrawn, "撤回包案", $"{o.WithdrawnBy}撤回{o.LeaderName}的包案（{o.WithdrawalReason}）"), 5));
            }

            if (o.OutcomeOn is { } outcomeOn)
            {
                steps.Add((new(outcomeOn, "包案结果", $"{o.LeaderName}：{o.StatusName}。{o.OutcomeNote}"), 5));
            }
        }

        return steps.OrderBy(s => s.Step.On).ThenBy(s => s.Order).Select(s => s.Step).ToList();
    }
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
