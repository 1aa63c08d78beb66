using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Xinfang.Web.Common;

/// <summary>What every module shares: the clock, JSON, ProblemDetails, OpenAPI, health.</summary>
public static class CommonSetup
{
    public static WebApplicationBuilder AddXinfangCommon(this WebApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddSingleton(TimeProvider.System);
        s.AddHttpContextAccessor();
        // Pages are Chinese: emit CJK as text, not as &#x...; entities (HTML-special characters are still encoded).
        s.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
        s.ConfigureHttpJsonOptions(o =>
        {
            // Enums travel as their names ("Letter", "Forwarded"); a number or unknown name is a 400.
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
            o.SerializerOptions.MaxDepth = 32;
            o.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
        });
        s.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        s.AddProblemDetails();
        s.AddExceptionHandler<ApiExceptionHandler>();
        s.AddOpenApi(ApiContract.Configure);
        s.TryAddEnumerable(ServiceDescriptor.Transient<Microsoft.AspNetCore.Mvc.ApiExplorer.IApiDescriptionProvider, ProblemResponses>());
        s.AddHealthChecks();
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 1_000_000);
        // A use case whose dependency is not registered fails the start, not a user's request.
        builder.Host.UseDefaultServiceProvider(o =>
        {
            o.ValidateOnBuild = true;
            o.ValidateScopes = true;
        });
        return builder;
    }

    private static bool IsApi(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/openapi") || path.StartsWithSegments("/health");

    public static WebApplication UseXinfangCommon(this WebApplication app)
    {
        app.UseExceptionHandler();
        // Pages answer an empty error status with the Chinese status page (issue 13: an unknown address is a Chinese
        // 404, not "Status Code: 404"); the API keeps ProblemDetails.
        // On the app itself (not a branch), so the re-executed request is routed again to the page.
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.Use((context, next) =>
        {
            if (IsApi(context.Request.Path) && context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages)
            {
                pages.Enabled = false; // the API's empty error answers get ProblemDetails below instead
            }

            return next(context);
        });
        app.UseWhen(c => IsApi(c.Request.Path), api => api.UseStatusCodePages());
        return app;
    }
}
