namespace Xinfang.Web.Common;

/// <summary>
/// What an administration use case answers, for both of its callers: the API turns it into an HTTP result
/// (<see cref="ToResult"/>), the page shows <see cref="Message"/> beside the form. One rule, two front ends.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1000", Justification = "AdminOutcome<T>.Forbidden(...) reads as the answer it is; the type argument is always written out.")]
public sealed record AdminOutcome<T>(T? Value, int Status, string? Title, string? Detail, RequestErrors? Errors)
{
    public bool Succeeded => Status is >= 200 and < 300;

    public string Message => Errors is { Any: true } ? string.Join("；", Errors.Messages) : Detail is { Length: > 0 } d ? $"{Title}：{d}" : Title ?? string.Empty;

    public static AdminOutcome<T> Ok(T value) => new(value, StatusCodes.Status200OK, null, null, null);

    public static AdminOutcome<T> Invalid(RequestErrors errors) => new(default, StatusCodes.Status400BadRequest, "输入有误", null, errors);

    public static AdminOutcome<T> Forbidden(string detail) => new(default, StatusCodes.Status403Forbidden, "无权操作", detail, null);

    public static AdminOutcome<T> NotFound(string title, string? detail = null) => new(default, StatusCodes.Status404NotFound, title, detail, null);

    public static AdminOutcome<T> Conflict(string title, string? detail = null) => new(default, StatusCodes.Status409Conflict, title, detail, null);

    public IResult ToResult(Func<T, IResult>? ok = null) => Succeeded
        ? ok?.Invoke(Value!) ?? TypedResults.Ok(Value)
        : Errors is { Any: true } ? Errors.Problem() : TypedResults.Problem(statusCode: Status, title: Title, detail: Detail);
}
