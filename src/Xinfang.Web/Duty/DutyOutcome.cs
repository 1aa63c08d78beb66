using Xinfang.Web.Common;

namespace Xinfang.Web.Duty;

#pragma warning disable CA1000 // The outcome's factories read best beside its type (DutyOutcome<T>.Done(view)); they are used only inside this assembly's desks.
/// <summary>What a duty, urgent-report or joint-meeting use case gave: the view, the bad fields, or a refusal (nothing saved).</summary>
public sealed record DutyOutcome<T>(T? Value, RequestErrors? Errors, int Status, string? Because)
    where T : class
{
    public static DutyOutcome<T> Done(T value) => new(value, null, 0, null);

    public static DutyOutcome<T> Invalid(RequestErrors errors) => new(null, errors, 0, null);

    public static DutyOutcome<T> Invalid(string field, string message) => new(null, new RequestErrors().Add(field, message), 0, null);

    public static DutyOutcome<T> NotFound(string what) => new(null, null, StatusCodes.Status404NotFound, what);

    public static DutyOutcome<T> Forbidden(string because) => new(null, null, StatusCodes.Status403Forbidden, because);

    public static DutyOutcome<T> Conflict(string because) => new(null, null, StatusCodes.Status409Conflict, because);

    /// <summary>The API's answer: 200/201 with the view, 400 with the fields, 403, 404 or 409 as ProblemDetails in Chinese.</summary>
    public IResult ToResult(Func<T, string>? createdAt = null) => this switch
    {
        { Value: { } v } => createdAt is null ? TypedResults.Ok(v) : TypedResults.Created(createdAt(v), v),
        { Errors: { } e } => e.Problem(),
        { Status: StatusCodes.Status404NotFound } => Answers.NotFound(Because!),
        { Status: StatusCodes.Status409Conflict } => TypedResults.Problem(statusCode: 409, title: "不能办理", detail: Because),
        _ => Answers.Forbidden(Because!),
    };

    /// <summary>The first message, for a page.</summary>
    public string? Message => Errors is { } e ? string.Join("；", e.Messages) : Because;
}

#pragma warning restore CA1000

/// <summary>The duty settings (appsettings <c>Duty</c> section; docs/domain/duty.md).</summary>
public sealed class DutyOptions
{
    /// <summary>
    /// 日报截止时间 (Beijing time, "HH:mm"): a body of a special period that has not filed its daily report by then shows as
    /// missing (缺报) to the level above; a report filed after it is kept and marked 逾时. Default 16:00, so the bureau
    /// can chase the missing ones before the working day ends.
    /// </summary>
    public string ReportCutOff { get; set; } = "16:00";

    public TimeOnly CutOff => TimeOnly.TryParseExact(ReportCutOff, "HH:mm", out var t) ? t : new TimeOnly(16, 0);
}
