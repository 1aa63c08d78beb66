using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components.Endpoints;

namespace Xinfang.Web.Security;

/// <summary>
/// Form posts handled by minimal endpoints that read the form themselves (sign-in, sign-out) carry no
/// antiforgery metadata, so the antiforgery middleware would not check them: this filter does (ADR 0050).
/// </summary>
public static class FormAntiforgery
{
    /// <summary>
    /// A page's form post (Blazor static rendering) with a missing or bad token: the framework's own
    /// check (UseAntiforgery) has already failed it and would answer a bare English 400; this answers
    /// the same 400 in Chinese before the page runs. The check itself stays the framework's.
    /// </summary>
    public static IApplicationBuilder UsePageAntiforgeryAnswer(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is not null
            && context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false })
        {
            await Expired().ExecuteAsync(context);
            return;
        }

        await next(context);
    });

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Expired() => TypedResults.Problem(statusCode: 400, title: "请求已失效", detail: "页面已过期或来源不明，请刷新页面后重新提交");

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
            : Expired();
    });
}
