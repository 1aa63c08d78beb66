using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Xinfang.Web.Security;

/// <summary>
/// A static-asset endpoint whose file is absent (the build manifest lists framework and compressed
/// files that only a publish or the Development static-web-assets host provides) is a 404, not a 500.
/// Found by the fuzz suite: GET /_framework/blazor.web.js and /app.css.gz answered 500 outside Development.
/// </summary>
public sealed class MissingFileHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not (FileNotFoundException or DirectoryNotFoundException) || httpContext.Response.HasStarted
            || !(HttpMethods.IsGet(httpContext.Request.Method) || HttpMethods.IsHead(httpContext.Request.Method)))
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status404NotFound;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails { Status = 404, Title = "文件不存在", Detail = "未找到该文件" },
        });
    }
}
