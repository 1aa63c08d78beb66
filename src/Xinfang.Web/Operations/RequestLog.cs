using System.Diagnostics;

namespace Xinfang.Web.Operations;

/// <summary>
/// Every answer carries <c>X-Request-Id</c> (the id in each log line's RequestId scope) and <c>X-Trace-Id</c>
/// (the W3C trace id, continued from a caller's <c>traceparent</c>), so a user's report of a failure finds its
/// log lines. One log line per request names the route template, the status and the time — never the path's
/// values, the query string or the body, where personal data and query codes travel (domain.md §12).
/// </summary>
internal sealed partial class RequestLog(RequestDelegate next, ILogger<RequestLog> logger)
{
    public const string RequestIdHeader = "X-Request-Id";
    public const string TraceIdHeader = "X-Trace-Id";

    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var requestId = context.TraceIdentifier;
        var traceId = Activity.Current?.TraceId.ToHexString();
        context.Response.OnStarting(() =>
        {
            // On starting, not now: the exception handler clears the headers set before a failure.
            context.Response.Headers[RequestIdHeader] = requestId;
            if (traceId is not null)
            {
                context.Response.Headers[TraceIdHeader] = traceId;
            }

            return Task.CompletedTask;
        });

        try
        {
            await next(context);
        }
        finally
        {
            if (logger.IsEnabled(LogLevel.Information))
            {
                var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
                Answered(logger, context.Request.Method, "/" + route.TrimStart('/'), context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Method} {Route} answered {StatusCode} in {ElapsedMs:0.0} ms")]
    private static partial void Answered(ILogger logger, string method, string route, int statusCode, double elapsedMs);
}

/// <summary>Puts <see cref="RequestLog"/> first, around every other middleware, so early answers (429, 403) carry the ids too.</summary>
internal sealed class RequestLogFirst : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<RequestLog>();
        next(app);
    };
}
