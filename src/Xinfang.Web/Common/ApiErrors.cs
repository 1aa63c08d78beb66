using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Petitions;

namespace Xinfang.Web.Common;

/// <summary>Collects the bad fields of one request so the 400 names every one of them (in Chinese).</summary>
public sealed class RequestErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    /// <summary>Every message, for a page that shows the same validation as its API (in the order found).</summary>
    public IEnumerable<string> Messages => _errors.Values.SelectMany(m => m);
    /// <summary>The messages by field, for a page that shows each next to its field.</summary>
    public IReadOnlyDictionary<string, List<string>> ByField => _errors;

    public RequestErrors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
        return this;
    }

    public RequestErrors Text(string? value, string field, string label, int max, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                Add(field, $"{label}不能为空");
            }
        }
        else if (value.Length > max)
        {
            Add(field, $"{label}不能超过{max}字");
        }
        else if (value.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r')))
        {
            // NUL and other control characters: never typed, and PostgreSQL refuses NUL in text (a 500 found by the fuzz run).
            Add(field, $"{label}含有不允许的控制字符");
        }

        return this;
    }

    public RequestErrors Defined<TEnum>(TEnum? value, string field, string label)
        where TEnum : struct, Enum
    {
        if (value is null)
        {
            Add(field, $"请选择{label}");
        }
        else if (!Enum.IsDefined(value.Value))
        {
            Add(field, $"{label}无效");
        }

        return this;
    }

    public IResult Problem() => TypedResults.ValidationProblem(
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray()),
        title: "提交的信息有误",
        detail: "请检查标出的字段：" + string.Join("、", _errors.Keys));
}

/// <summary>
/// One place that turns expected failures into RFC 7807 answers: a rule violation is a 409 naming
/// the state and action (a 400 naming the field when the rule is about one field's value), malformed JSON is a 400 naming the field, a lost race is a 409. Anything
/// else is a bug and is logged as one.
/// </summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail, extensions) = exception switch
        {
            // A rule broken by the value of one field (a date typed for a step: EffectiveDate) is bad input of that field.
            DomainRuleViolation { Field: { } field } v => (StatusCodes.Status400BadRequest, "提交的信息有误", v.Message,
                new Dictionary<string, object?> { ["code"] = v.Code, ["errors"] = new Dictionary<string, string[]> { [field] = [v.Message] } }),
            DomainRuleViolation v => (StatusCodes.Status409Conflict, "当前不能执行该操作", v.Message, new Dictionary<string, object?> { ["code"] = v.Code }),
            DbUpdateConcurrencyException => (StatusCodes.Status409Conflict, "该信访件已被他人修改", "请刷新后重试", new Dictionary<string, object?> { ["code"] = "concurrency" }),
            BadHttpRequestException b => (StatusCodes.Status400BadRequest, "请求格式有误", Describe(b), BadField(b)),
            JsonException j => (StatusCodes.Status400BadRequest, "请求格式有误", $"字段 {j.Path ?? "?"} 的值无法识别", new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [Clean(j.Path)] = ["格式有误"] } }),
            _ => (0, string.Empty, string.Empty, new Dictionary<string, object?>()),
        };
        if (status == 0)
        {
            return false;
        }

        if (status >= 500)
        {
            logger.LogError(exception, "Unhandled");
        }

        httpContext.Response.StatusCode = status;
        var pd = new ProblemDetails { Status = status, Title = title, Detail = detail };
        foreach (var (k, v) in extensions)
        {
            pd.Extensions[k] = v;
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = pd, Exception = exception });
    }

    private static string Describe(BadHttpRequestException b) => b.InnerException is JsonException j
        ? $"字段 {Clean(j.Path)} 的值无法识别"
        : b.StatusCode == StatusCodes.Status415UnsupportedMediaType ? "请以 application/json 提交" : "请求体缺失或格式有误";

    private static Dictionary<string, object?> BadField(BadHttpRequestException b) => b.InnerException is JsonException j
        ? new() { ["errors"] = new Dictionary<string, string[]> { [Clean(j.Path)] = ["格式有误"] } }
        : new();

    private static string Clean(string? path) => (path ?? string.Empty).TrimStart('$', '.') is { Length: > 0 } field ? field : "body";
}

/// <summary>Shorthands for the answers every use case gives.</summary>
public static class Answers
{
    public static IResult NotFound(string what = "信访件") =>
        TypedResults.Problem(statusCode: 404, title: $"{what}不存在", detail: $"未找到该{what}");

    public static IResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: 403, title: "无权执行该操作", detail: detail);
}
