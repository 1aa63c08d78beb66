using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xinfang.Web.Attachments;
using Xinfang.Web.Tests.Infrastructure;
using Xinfang.Web.Tests.Security;

namespace Xinfang.Web.Tests.Fuzz;

/// <summary>
/// Every endpoint the app maps (read from its EndpointDataSource, so a new one is covered without
/// edits here) gets seeded adversarial input, anonymously and as a signed-in registrar: no answer
/// may be a 500; an API's 4xx is a ProblemDetails; and a refused request stores nothing (petitions,
/// history, attachments counted before and after). Replay a run with XINFANG_FUZZ_SEED.
/// </summary>
public abstract class FuzzTests(SecurityFixture fixture)
{
    private const int CasesPerEndpointAndCaller = 3;

    private SecurityApp App => fixture.App;

    private static int Seed => int.TryParse(Environment.GetEnvironmentVariable("XINFANG_FUZZ_SEED"), out var s) ? s : 20_261_126;

    private IReadOnlyList<FuzzEndpoint> Endpoints => EndpointCatalog.Read(App.Services.GetRequiredService<EndpointDataSource>());

    [SkippableFact]
    public void Every_endpoint_has_a_fuzz_category()
    {
        var endpoints = Endpoints;
        Assert.True(endpoints.Count > 40, $"only {endpoints.Count} endpoints found");
        var unclassified = endpoints.Where(e => e.Category is null).Select(e => e.ToString()).ToList();
        Assert.True(unclassified.Count == 0, "endpoints without a fuzz category (classify them in Fuzz/EndpointCatalog.cs):\n" + string.Join('\n', unclassified));
    }

    [SkippableFact]
    public async Task No_bad_input_to_any_endpoint_gives_a_500_a_bare_4xx_or_a_stored_row()
    {
        var endpoints = Endpoints.Where(e => e.Category is not null).ToList();
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var ids = new List<Guid>();
        for (var i = 0; i < 2; i++)
        {
            ids.Add((await registrar.RegisterAsync(AppExtensions.Letter())).Id);
        }

        var callers = new[] { ("anonymous", App.Client("203.0.113.200")), ("registrar", registrar.Client) };
        var input = new BadInput(Seed);
        var failures = new List<string>();
        var sent = 0;
        var counts = await CountsAsync();
        foreach (var endpoint in endpoints)
        {
            var cases = endpoint.Category == FuzzCategory.Infrastructure ? 1 : CasesPerEndpointAndCaller;
            foreach (var (who, client) in callers)
            {
                for (var c = 0; c < cases; c++)
                {
                    using var request = Build(endpoint, input, ids);
                    var described = $"{who}: {request.Method} {Shorten(request.RequestUri!.OriginalString)} [{request.Content?.Headers.ContentType}] ({endpoint})";
                    HttpResponseMessage response;
                    try
                    {
                        response = await client.SendAsync(request);
                    }
                    catch (Exception e) when (e is HttpRequestException or InvalidOperationException or IOException)
                    {
                        failures.Add($"{described} → threw {e.GetType().Name}: {e.Message}");
                        continue;
                    }

                    sent++;
                    var status = (int)response.StatusCode;
                    var type = response.Content.Headers.ContentType?.MediaType;
                    if (status >= 500)
                    {
                        failures.Add($"{described} → {status} {Shorten(await response.Content.ReadAsStringAsync())}");
                    }
                    else if (status >= 400 && endpoint.Category is not FuzzCategory.Page and not FuzzCategory.Infrastructure && type != "application/problem+json")
                    {
                        failures.Add($"{described} → {status} with {type ?? "no body"}, not a ProblemDetails");
                    }

                    var after = await CountsAsync();
                    if (status >= 400 && after != counts)
                    {
                        failures.Add($"{described} → {status} but stored something: {counts} → {after}");
                    }

                    counts = after;
                }
            }
        }

        Assert.True(sent > 200, $"only {sent} requests sent");
        Assert.True(failures.Count == 0, $"seed {Seed}, {sent} requests, {failures.Count} failures:\n" + string.Join('\n', failures.Take(40)));
    }

    private Task<(int Petitions, int History, int Attachments)> CountsAsync() => App.WithDbAsync(async db => (
        await db.Petitions.CountAsync(),
        await db.Petitions.SelectMany(p => p.History).CountAsync(),
        await db.Set<PetitionAttachment>().CountAsync()));

    private static HttpRequestMessage Build(FuzzEndpoint endpoint, BadInput input, IReadOnlyList<Guid> ids)
    {
        var path = new StringBuilder();
        foreach (var segment in endpoint.Endpoint.RoutePattern.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
            {
                path.Append(part switch
                {
                    RoutePatternLiteralPart l => l.Content,
                    RoutePatternSeparatorPart s => s.Content,
                    RoutePatternParameterPart p => Uri.EscapeDataString(input.RouteValue(p.Name, ids)),
                    _ => string.Empty,
                });
            }
        }

        var url = (path.Length == 0 ? "/" : path.ToString()) + (endpoint.Method == "GET" || input.Chance(20) ? input.QueryString() : string.Empty);
        if (endpoint.Category == FuzzCategory.Page && endpoint.Method == "GET")
        {
            // Every query parameter a page reads, with junk, on every page request.
            url += "&dueBy=" + Uri.EscapeDataString(input.Text()) + "&failed=" + Uri.EscapeDataString(input.Text()) + "&state=" + Uri.EscapeDataString(input.Text());
        }
        var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), url);
        if (endpoint.Method != "GET")
        {
            request.Content = endpoint.Category switch
            {
                FuzzCategory.JsonBody => input.JsonBody(endpoint.RequestType),
                FuzzCategory.Multipart => input.Upload(),
                FuzzCategory.FormPost or FuzzCategory.Page => input.Form(),
                _ => input.AnyBody(),
            };
        }

        return request;
    }

    /// <summary>Budgets out of the way (a 429 would hide what the endpoint does with the input).</summary>
    public static readonly IReadOnlyDictionary<string, string> Settings = new Dictionary<string, string>
    {
        ["Xinfang:RateLimits:PublicPerMinute"] = "100000",
        ["Xinfang:RateLimits:SignInsPerMinute"] = "100000",
        ["Xinfang:RateLimits:RegistrationsPerMinute"] = "100000",
        ["Xinfang:RateLimits:StaffWritesPerMinute"] = "100000",
        ["Xinfang:QueryCodeGuard:ClientFreeFailures"] = "100000",
    };

    public sealed class Fixture() : SecurityFixture(Provider.Sqlite, Settings);

    public sealed class PostgresFixture() : SecurityFixture(Provider.Postgres, Settings);

    private static string Shorten(string s) => s.Length > 200 ? s[..200] + "…" : s;
}

public sealed class FuzzOnSqlite(FuzzTests.Fixture fixture) : FuzzTests(fixture), IClassFixture<FuzzTests.Fixture>;

public sealed class FuzzOnPostgres(FuzzTests.PostgresFixture fixture) : FuzzTests(fixture), IClassFixture<FuzzTests.PostgresFixture>;
