using Xinfang.Domain.CoHandling;
using Xinfang.Domain.Deadlines;

namespace Xinfang.Web.CoHandling;

/// <summary>One 协办 task as the item's readers see it (the lead unit reads the feedback here).</summary>
public sealed record CoHandlingView(
    Guid Id,
    Guid PetitionId,
    string PetitionNumber,
    Guid OrganizationId,
    string OrganizationName,
    Guid LeadOrganizationId,
    string LeadOrganizationName,
    string Task,
    DateOnly DueOn,
    string NamedBy,
    DateTimeOffset NamedAt,
    string Status,
    string StatusName,
    bool Overdue,
    string? Feedback,
    string? FeedbackBy,
    DateTimeOffset? FeedbackAt,
    DateOnly? DoneOn,
    bool? DoneOnTime,
    string? WithdrawnBecause,
    string? LeadProceedsBecause)
{
    public static CoHandlingView From(CoHandlingTask t, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(t);
        return new(t.Id, t.PetitionId, t.PetitionNumber, t.OrganizationId, t.OrganizationName, t.LeadOrganizationId, t.LeadOrganizationName, t.Task, t.DueOn,
            t.NamedBy, t.NamedAt, t.Status.ToString(), NameOf(t, today), t.IsOverdueOn(today), t.Feedback, t.FeedbackBy, t.FeedbackAt, t.DoneOn, t.DoneOnTime,
            t.WithdrawnBecause, t.LeadProceedsBecause);
    }

    public static string NameOf(CoHandlingTask t, DateOnly today) => t.Status switch
    {
        CoHandlingStatus.Withdrawn => "已撤回",
        CoHandlingStatus.Done => t.DoneOnTime == true ? "已办结" : "已办结（逾期）",
        _ when t.IsOverdueOn(today) => "协办逾期",
        _ => t.Feedback is null ? "协办待反馈" : "已反馈，待办结",
    };

    public static DateOnly Today(TimeProvider clock) => DeadlineTime.LocalDate((clock ?? TimeProvider.System).GetUtcNow());
}

/// <summary>A body the bureau may name 协办 on an item.</summary>
public sealed record CoHandlerChoice(Guid Id, string Name);

/// <summary>What a 协办 use case gave: the task, the bad fields, or a refusal (nothing saved).</summary>
public sealed record CoHandlingAnswer(CoHandlingView? Task, Common.RequestErrors? Errors, int Status, string? Because)
{
    public static CoHandlingAnswer Done(CoHandlingView view) => new(view, null, 0, null);

    public static CoHandlingAnswer Invalid(Common.RequestErrors errors) => new(null, errors, 0, null);

    public static CoHandlingAnswer NotFound { get; } = new(null, null, StatusCodes.Status404NotFound, "未找到");

    public static CoHandlingAnswer Forbidden(string because) => new(null, null, StatusCodes.Status403Forbidden, because);

    public static CoHandlingAnswer Conflict(string because) => new(null, null, StatusCodes.Status409Conflict, because);

    /// <summary>The page's one line for a failure.</summary>
    public string? Failure => Task is not null ? null : Errors is { } e ? string.Join("；", e.Messages) : Because;

    public IResult ToResult(bool created = false) => this switch
    {
        { Task: { } v } => created ? TypedResults.Created($"/api/petitions/{v.PetitionId}/co-handlers/{v.Id}", v) : TypedResults.Ok(v),
        { Errors: { } e } => e.Problem(),
        { Status: StatusCodes.Status404NotFound } => Common.Answers.NotFound("协办任务"),
        { Status: StatusCodes.Status409Conflict } => TypedResults.Problem(statusCode: 409, title: "不能办理", detail: Because),
        _ => Common.Answers.Forbidden(Because!),
    };
}
