using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Xinfang.Web.Security;

/// <summary>A 429 ProblemDetails in Chinese with Retry-After (whole seconds, rounded up).</summary>
public sealed class TooManyRequests(TimeSpan retryAfter, string detail) : IResult
{
    public const string Title = "请求过于频繁";

    public TimeSpan RetryAfter { get; } = retryAfter;

    public static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    public static string WaitText(TimeSpan wait)
    {
        var s = Seconds(wait);
        return s < 120 ? $"{s}秒" : $"{(int)Math.Ceiling(s / 60.0)}分钟";
    }

    public static TooManyRequests WrongCodes(TimeSpan wait) =>
        new(wait, $"编号或查询码错误次数过多，请{WaitText(wait)}后再试");

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        httpContext.Response.Headers[HeaderNames.RetryAfter] = Seconds(RetryAfter).ToString(CultureInfo.InvariantCulture);
        var problem = new ProblemDetails { Status = 429, Title = Title, Detail = detail };
        problem.Extensions["retryAfterSeconds"] = Seconds(RetryAfter);
        var service = httpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
        await service.WriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem });
    }
}
