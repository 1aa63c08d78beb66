namespace Xinfang.Web.Security;

/// <summary>The public surface (issue 4, ADRs 0050–0052): headers, HSTS, same-origin writes, rate limits, query-code delays.</summary>
public static class SecuritySetup
{
    public static WebApplicationBuilder AddXinfangSecurity(this WebApplicationBuilder builder)
    {
        ProductionDefaults.Check(builder); // issue 9: keys outside the data, hosts configured, or no start
        ProductionDefaults.ConfigureCookies(builder);
        TrustedProxies.Add(builder);
        Idempotency.AddIdempotency(builder); // issue 9: Idempotency-Key on every API POST, one-time form tokens
        var s = builder.Services;
        s.AddXinfangRateLimits(builder.Configuration);
        s.Configure<QueryCodeGuardOptions>(builder.Configuration.GetSection("Xinfang:QueryCodeGuard"));
        s.AddSingleton<QueryCodeGuard>();
        s.AddExceptionHandler<MissingFileHandler>();
        s.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
        });
        return builder;
    }

    /// <summary>First in the pipeline, so every answer (errors and 404s included) carries the headers.</summary>
    public static WebApplication UseXinfangSecurity(this WebApplication app)
    {
        TrustedProxies.Use(app); // the client address as a configured proxy reports it, before anything reads it
        app.UseXinfangSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.Use(RefuseCrossSiteWritesAsync);
        return app;
    }

    /// <summary>
    /// A state-changing request that a browser marks as coming from another site is refused before
    /// anything reads it. Forms are also protected by antiforgery tokens and the cookie is SameSite=Lax;
    /// this covers the JSON and multipart API, which relies on the cookie alone.
    /// Non-browser clients send neither header and are not affected.
    /// </summary>
    private static Task RefuseCrossSiteWritesAsync(HttpContext http, Func<Task> next)
    {
        var method = http.Request.Method;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method))
        {
            return next();
        }

        var site = http.Request.Headers["Sec-Fetch-Site"].ToString();
        var origin = http.Request.Headers.Origin.ToString();
        var crossSite = site is "cross-site" or "same-site"
            // With Referrer-Policy: no-referrer a browser may send "Origin: null" for its own forms; Sec-Fetch-Site decides then.
            || (origin.Length > 0 && origin != "null" && !SameOrigin(origin, http.Request));
        if (!crossSite)
        {
            return next();
        }

        http.Response.StatusCode = StatusCodes.Status403Forbidden;
        return http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = 403, Title = "跨站请求被拒绝", Detail = "请从本站页面提交" },
        }).AsTask();
    }

    private static bool SameOrigin(string origin, HttpRequest request) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var o)
        && string.Equals(o.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(o.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
}
