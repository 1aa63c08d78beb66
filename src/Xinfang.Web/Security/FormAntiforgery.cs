using Microsoft.AspNetCore.Antiforgery;

namespace Xinfang.Web.Security;

/// <summary>
/// Form posts handled by minimal endpoints that read the form themselves (sign-in, sign-out) carry no
/// antiforgery metadata, so the antiforgery middleware would not check them: this filter does (ADR 0050).
/// </summary>
public static class FormAntiforgery
{
    public static RouteHandlerBuilder RequireFormAntiforgery(this RouteHandlerBuilder builder) => builder.AddEndpointFilter(async (context, next) =>
    {
        var antiforgery = context.HttpContext.RequestServices.GetRequiredService<IAntiforgery>();
        bool valid;
        try
        {
            valid = context.HttpContext.Request.HasFormContentType && await antiforgery.IsRequestValidAsync(context.HttpContext);
        }
        catch (Exception e) when (e is AntiforgeryValidationException or InvalidDataException or IOException or BadHttpRequestException)
        {
            valid = false;
        }

        return valid
            ? await next(context)
            : TypedResults.Problem(statusCode: 400, title: "请求已失效", detail: "页面已过期或来源不明，请刷新页面后重新提交");
    });
}
