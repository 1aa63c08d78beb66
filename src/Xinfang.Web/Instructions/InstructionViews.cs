using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Instructions;

namespace Xinfang.Web.Instructions;

/// <summary>A 批示 as the leader and the bureau see it.</summary>
public sealed record InstructionView(
    Guid Id,
    Guid PetitionId,
    string PetitionNumber,
    string LeaderName,
    string Text,
    DateOnly DueOn,
    DateTimeOffset WrittenAt,
    string Status,
    string StatusName,
    bool Overdue,
    string? Answer,
    Guid? AssignedToOrganizationId,
    string? DoneBy,
    DateTimeOffset? DoneAt)
{
    public static InstructionView From(LeaderInstruction i, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(i);
        return new(i.Id, i.PetitionId, i.PetitionNumber, i.LeaderName, i.Text, i.DueOn, i.WrittenAt, i.Status.ToString(), LeaderInstruction.NameOf(i.Status),
            i.IsOverdueOn(today), i.Answer, i.AssignedToOrganizationId, i.DoneBy, i.DoneAt);
    }

    public static DateOnly Today(TimeProvider clock) => DeadlineTime.LocalDate((clock ?? TimeProvider.System).GetUtcNow());
}

/// <summary>What an instruction use case gave: the instruction, the bad fields, or a refusal (nothing saved).</summary>
public sealed record InstructionOutcome(InstructionView? Instruction, Common.RequestErrors? Errors, int Status, string? Because)
{
    public static InstructionOutcome Done(InstructionView view) => new(view, null, 0, null);

    public static InstructionOutcome Invalid(Common.RequestErrors errors) => new(null, errors, 0, null);

    public static InstructionOutcome NotFound { get; } = new(null, null, StatusCodes.Status404NotFound, "未找到");

    public static InstructionOutcome Forbidden(string because) => new(null, null, StatusCodes.Status403Forbidden, because);

    public static InstructionOutcome Conflict(string because) => new(null, null, StatusCodes.Status409Conflict, because);

    public IResult ToResult(bool created = false) => this switch
    {
        { Instruction: { } v } => created ? TypedResults.Created($"/api/instructions/petition/{v.PetitionId}", v) : TypedResults.Ok(v),
        { Errors: { } e } => e.Problem(),
        { Status: StatusCodes.Status404NotFound } => Common.Answers.NotFound(),
        { Status: StatusCodes.Status409Conflict } => TypedResults.Problem(statusCode: 409, title: "不能办理", detail: Because),
        _ => Common.Answers.Forbidden(Because!),
    };
}
