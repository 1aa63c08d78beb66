using System.Security.Claims;
using System.Threading.RateLimiting;

namespace Xinfang.Web.Security;

/// <summary>Request budgets per minute (configuration section <c>Xinfang:RateLimits</c>, ADR 0050).</summary>
public sealed class RateLimitOptions
{
    /// <summary>Registrations (POST /api/petitions, the /register page's posts, attachment uploads) per signed-in staff member.</summary>
    public int RegistrationsPerMinute { get; set; } = 120;

    /// <summary>Any other staff write (POST/PUT/PATCH/DELETE under /api) per signed-in staff member.</summary>
    public int StaffWritesPerMinute { get; set; } = 300;

    /// <summary>Public query-code requests (/api/public/*, the /track form) per client address.</summary>
    public int PublicPerMinute { get; set; } = 30;

    /// <summary>
    /// Online petitions (POST /api/public/petitions, the /submit page's posts) per client address. Low: a person
    /// petitions a few times a year; a load test of submissions raises it (docs/security.md).
    /// </summary>
    public int SubmissionsPerMinute { get; set; } = 10;

    /// <summary>Sign-in attempts (API and form, both steps) per client address; accounts also lock after 5 failures.</summary>
    public int SignInsPerMinute { get; set; } = 60;
}

/// <summary>
/// The framework's rate limiter (Microsoft.AspNetCore.RateLimiting) as one partitioned global limiter:
/// the partition is chosen from the request, so an endpoint added later in a covered area is
/// limited without touching its file. These budgets are per instance (in memory); the query-code
/// guesses that matter across instances are counted in the database by <see cref="QueryCodeGuard"/>.
/// </summary>
public static class RateLimits
{
    public static IServiceCollection AddXinfangRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RateLimitOptions>(configuration.GetSection("Xinfang:RateLimits"));
        var o = configuration.GetSection("Xinfang:RateLimits").Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddRateLimiter(r =>
        {
            r.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            r.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => Partition(http) switch
            {
                (Budget.None, _) => RateLimitPartition.GetNoLimiter(string.Empty),
                (var budget, var who) => RateLimitPartition.GetFixedWindowLimiter($"{budget}:{who}", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = budget switch
                    {
                        Budget.Registration => o.RegistrationsPerMinute,
                        Budget.StaffWrite => o.StaffWritesPerMinute,
                        Budget.Public => o.PublicPerMinute,
                        Budget.Submission => o.SubmissionsPerMinute,
                        _ => o.SignInsPerMinute,
                    },
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }),
            });
            r.OnRejected = async (context, ct) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
                await new TooManyRequests(wait, $"请求过于频繁，请{TooManyRequests.WaitText(wait)}后再试").ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }

    private enum Budget
    {
        None,
        Registration,
        StaffWrite,
        Public,
        Submission,
        SignIn,
    }

    private static (Budget, string) Partition(HttpContext http)
    {
        var path = http.Request.Path;
        var method = http.Request.Method;
        var write = !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method));
        var ip = QueryCodeGuard.ClientAddress(http);
        // Online petitions have their own, smaller budget (portal-submit): checked before the wider public one.
        if (write && (IsPath(path, "/api/public/petitions") || IsPath(path, "/submit")))
        {
            return (Budget.Submission, ip);
        }

        if (path.StartsWithSegments("/api/public", StringComparison.OrdinalIgnoreCase)
            || (write && path.StartsWithSegments("/track", StringComparison.OrdinalIgnoreCase))
            || (write && path.StartsWithSegments("/portal", StringComparison.OrdinalIgnoreCase))) // the receipt and document PDFs (number + code)
        {
            return (Budget.Public, ip);
        }

        if (write && (path.StartsWithSegments("/api/auth/login", StringComparison.OrdinalIgnoreCase)
                      || path.StartsWithSegments("/account/login", StringComparison.OrdinalIgnoreCase)))
        {
            return (Budget.SignIn, ip);
        }

        // The registration page (「分析」 and 「登记」) spends the same budget as the registration API.
        if (write && IsPath(path, "/register"))
        {
            return (Budget.Registration, http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "anonymous:" + ip);
        }

        // The petition page's action forms (/petitions/{id}) spend the same budget as the action APIs.
        if (write && path.StartsWithSegments("/petitions", StringComparison.OrdinalIgnoreCase))
        {
            return (Budget.StaffWrite, http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "anonymous:" + ip);
        }

        if (write && path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            var user = http.User.FindFirstValue(ClaimTypes.NameIdentifier);
            if (user is null)
            {
                // Anonymous writes to staff APIs are refused by authorization anyway; budget them per address.
                return (Budget.StaffWrite, "anonymous:" + ip);
            }

            var registration = HttpMethods.IsPost(method)
                && (IsPath(path, "/api/petitions") || (path.StartsWithSegments("/api/petitions", StringComparison.OrdinalIgnoreCase) && path.Value!.EndsWith("/attachments", StringComparison.OrdinalIgnoreCase)));
            return (registration ? Budget.Registration : Budget.StaffWrite, user);
        }

        return (Budget.None, string.Empty);
    }

    /// <summary>Whether the limiter budgets a request of this method to this path (an anonymous caller), so the API contract lists its 429.</summary>
    internal static bool Budgets(string method, string path)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = method;
        http.Request.Path = path;
        return Partition(http).Item1 != Budget.None;
    }

    private static bool IsPath(PathString path, string expected) =>
        string.Equals(path.Value?.TrimEnd('/'), expected, StringComparison.OrdinalIgnoreCase);
}
