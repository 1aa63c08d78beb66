using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;

namespace Xinfang.Web.Tests.Fuzz;

/// <summary>How an endpoint is fuzzed. Every endpoint the app maps must fall into one, or the suite fails.</summary>
public enum FuzzCategory
{
    /// <summary>A JSON body (IAcceptsMetadata application/json): random shapes of the request type, wrong types, bad bytes, wrong content types.</summary>
    JsonBody,

    /// <summary>A multipart upload: random files, names and content types, oversized and broken multipart.</summary>
    Multipart,

    /// <summary>A write that takes no body: random bodies of any content type must not matter.</summary>
    BodyLess,

    /// <summary>A form post handled by a minimal endpoint (sign-in): forged forms without a token.</summary>
    FormPost,

    /// <summary>A read: adversarial query strings and route values.</summary>
    Query,

    /// <summary>A Blazor page: adversarial query strings on GET, forged forms on POST (HTML 4xx allowed).</summary>
    Page,

    /// <summary>Health, OpenAPI, the API browser and static files: GET with junk query strings.</summary>
    Infrastructure,
}

/// <summary>One (method, route) the app answers, read from its EndpointDataSource.</summary>
public sealed record FuzzEndpoint(string Method, RouteEndpoint Endpoint, FuzzCategory? Category)
{
    public string Pattern => "/" + (Endpoint.RoutePattern.RawText ?? string.Empty).TrimStart('/');

    public Type? RequestType => Endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;

    public override string ToString() => $"{Method} {Pattern} ({Category?.ToString() ?? "UNCLASSIFIED"})";
}

public static class EndpointCatalog
{
    /// <summary>Writes that read their body themselves or take none: listed, so a new one is a decision, not an accident.</summary>
    private static readonly HashSet<string> BodyLessWrites = new(StringComparer.OrdinalIgnoreCase)
    {
        "POST /api/petitions/{id:guid}/accept",
        "POST /api/petitions/{id:guid}/petitioners/{ordinal:int}/reveal",
        "POST /api/auth/logout",
        "POST /api/auth/2fa/authenticator",
        "POST /api/text/classifier/retrain",
        "POST /api/admin/accounts/{userName}/disable",
        "POST /api/admin/accounts/{userName}/enable",
        "POST /api/admin/accounts/{userName}/password-reset",
        "POST /api/admin/accounts/{userName}/two-factor-reset", // wb-admin: reset two-factor sign-in (a lost phone)
        "POST /api/statistics/facts/rebuild", // stats-engine: administrator's rebuild of statistics_facts
        "DELETE /api/workbench/saved-filters/{id:guid}", // wb-mine: delete one's own saved work-list filter
        "POST /api/reception/sessions/{id:guid}/held", // reception: mark a leader's reception session held
        "POST /api/petitions/{id:guid}/co-handlers/{taskId:guid}/done", // cohandling: a 协办 unit marks its task done
        "POST /api/typical-cases/{id:guid}/publish", // legal: publish a typical case (consent checked)
        "POST /api/typical-cases/{id:guid}/withdraw", // legal: withdraw a published typical case
        "POST /api/urgent-reports/{id:guid}/read", // duty: 签收 an urgent report (Art. 25)
    };

    private static readonly HashSet<string> FormPosts = new(StringComparer.OrdinalIgnoreCase)
    {
        "POST /account/login",
        "POST /account/login/2fa",
        "POST /account/logout",
        "POST /portal/receipt.pdf",
        "POST /portal/document.pdf",
    };

    public static IReadOnlyList<FuzzEndpoint> Read(EndpointDataSource source) => source.Endpoints.OfType<RouteEndpoint>()
        .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Method: m, Endpoint: e)))
        .Where(x => x.Method is not ("HEAD" or "OPTIONS"))
        .Select(x => new FuzzEndpoint(x.Method, x.Endpoint, null))
        .Select(e => e with { Category = Classify(e) })
        .GroupBy(e => e.ToString()).Select(g => g.First())
        .OrderBy(e => e.Pattern, StringComparer.Ordinal).ThenBy(e => e.Method, StringComparer.Ordinal)
        .ToList();

    private static FuzzCategory? Classify(FuzzEndpoint e)
    {
        var key = $"{e.Method} {e.Pattern}";
        var accepts = e.Endpoint.Metadata.GetMetadata<IAcceptsMetadata>();
        if (e.Endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
        {
            return FuzzCategory.Page;
        }

        if (FormPosts.Contains(key))
        {
            return FuzzCategory.FormPost;
        }

        if (accepts is not null && accepts.ContentTypes.Any(t => t.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase)))
        {
            return FuzzCategory.Multipart;
        }

        if (accepts is not null && accepts.ContentTypes.Any(t => t.Contains("json", StringComparison.OrdinalIgnoreCase)))
        {
            return FuzzCategory.JsonBody;
        }

        if (BodyLessWrites.Contains(key))
        {
            return FuzzCategory.BodyLess;
        }

        if (e.Method == "GET")
        {
            var p = e.Pattern;
            return p.StartsWith("/api/", StringComparison.Ordinal) ? FuzzCategory.Query
                : p == "/health" || p.StartsWith("/openapi", StringComparison.Ordinal)
                  || p is "/health/live" or "/health/ready" or "/metrics" // ops (issue 16): probes and the Prometheus scrape
                  || p.StartsWith("/scalar", StringComparison.Ordinal)
                  || p.StartsWith("/_framework/", StringComparison.Ordinal) || p.Contains(":file}", StringComparison.Ordinal) || Path.HasExtension(p)
                    ? FuzzCategory.Infrastructure
                    : null;
        }

        return null;
    }
}
