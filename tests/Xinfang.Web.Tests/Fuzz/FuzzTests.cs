using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xinfang.Web.Data;
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
    /// <summary>3 in CI; the benchmark run (bench/fuzz) sets XINFANG_FUZZ_CASES for ≥ 10,000 requests per provider.</summary>
    private static int CasesPerEndpointAndCaller => int.TryParse(Environment.GetEnvironmentVariable("XINFANG_FUZZ_CASES"), out var n) && n > 0 ? n : 3;

    /// <summary>
    /// Tables a refused request writes to by design, each for a stated reason; every other table's
    /// rows (count and content) must be unchanged by a 4xx.
    /// </summary>
    private static readonly Dictionary<string, string> WrittenWhenRefused = new(StringComparer.Ordinal)
    {
        ["audit_entries"] = "failed sign-ins are audited (issue 4)",
        ["audit_chain_head"] = "moves with audit_entries",
        ["query_code_attempts"] = "wrong query codes are counted (ADR 0051)",
        ["AspNetUsers"] = "failed sign-ins count towards lockout (AccessFailedCount, LockoutEnd)",
        ["idempotency_keys"] = "a refused answer is stored for its key, like any answer (ADR 0060)",
        ["leases"] = "the deadline sweeper's lease is renewed in the background",
    };

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

        // Anonymous, a registrar, an administrator (calendars, policies, the audit) and a supervisor (督办): each reaches its endpoints' bodies.
        var callers = new[]
        {
            ("anonymous", App.Client("203.0.113.200")), ("registrar", registrar.Client),
            ("admin", (await App.StaffAsync("demo.zj.admin")).Client), ("supervisor", (await App.StaffAsync("demo.xihu.supervisor")).Client),
        };
        var input = new BadInput(Seed);
        var watch = System.Diagnostics.Stopwatch.StartNew();
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
                        failures.Add($"{described} → {status} but stored something: {Changed(counts, after)}");
                    }

                    counts = after;
                }
            }
        }

        Assert.True(sent > 200, $"only {sent} requests sent");
        if (Environment.GetEnvironmentVariable("XINFANG_FUZZ_REPORT") is { Length: > 0 } report)
        {
            // The benchmark run (bench/fuzz) collects its numbers here.
            await File.AppendAllTextAsync(report, $"{fixture.Provider}\tseed {Seed}\t{CasesPerEndpointAndCaller} cases\t{endpoints.Count} endpoints\t{sent} requests\t{failures.Count} failures\t{watch.Elapsed.TotalSeconds:F0} s\n");
        }
        Assert.True(failures.Count == 0, $"seed {Seed}, {sent} requests, {failures.Count} failures:\n" + string.Join('\n', failures.Take(40)));
    }

    /// <summary>Every table of the database (read from its catalogue, so a new table is covered): row count and a hash of its rows.</summary>
    private Task<string> CountsAsync() => App.WithDbAsync(async db =>
    {
        var provider = db.Database.IsNpgsql() ? "Postgres" : "Sqlite";
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        var state = new StringBuilder();
        foreach (var table in await DatabaseBackup.TablesAsync(connection, provider, default))
        {
            if (WrittenWhenRefused.ContainsKey(table))
            {
                continue;
            }

            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM {DatabaseBackup.Quote(table)}";
            var rows = new List<string>();
            await using (var reader = await select.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    var values = new object[reader.FieldCount];
                    reader.GetValues(values);
                    rows.Add(string.Join('\u001f', values.Select(v => v is byte[] b ? Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(b)) : Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture))));
                }
            }

            rows.Sort(StringComparer.Ordinal);
            var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', rows))))[..12];
            state.Append(table).Append('=').Append(rows.Count).Append(':').Append(hash).Append(' ');
        }

        return state.ToString();
    });

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

    private static string Changed(string before, string after) =>
        string.Join(", ", after.Split(' ', StringSplitOptions.RemoveEmptyEntries).Except(before.Split(' ', StringSplitOptions.RemoveEmptyEntries)));

    private static string Shorten(string s) => s.Length > 200 ? s[..200] + "…" : s;
}

public sealed class FuzzOnSqlite(FuzzTests.Fixture fixture) : FuzzTests(fixture), IClassFixture<FuzzTests.Fixture>;

public sealed class FuzzOnPostgres(FuzzTests.PostgresFixture fixture) : FuzzTests(fixture), IClassFixture<FuzzTests.PostgresFixture>;
