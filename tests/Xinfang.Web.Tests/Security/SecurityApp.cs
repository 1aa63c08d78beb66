using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests.Security;

/// <summary>
/// The real app (<see cref="XinfangApp"/>: fresh database, fake clock) with settings of the test's
/// choosing, and clients that can each claim a client address (header X-Test-Client-IP, honoured
/// only by this test host) so per-client budgets can be exercised.
/// </summary>
public sealed class SecurityApp : IDisposable
{
    public const string ClientIpHeader = "X-Test-Client-IP";

    private readonly XinfangApp _root;

    public SecurityApp(Provider provider, IReadOnlyDictionary<string, string> settings)
    {
        _root = new XinfangApp(provider);
        Web = _root.WithWebHostBuilder(b =>
        {
            foreach (var (k, v) in settings)
            {
                b.UseSetting(k, v);
            }

            b.ConfigureServices(s => s.AddSingleton<IStartupFilter, ClientIpFilter>());
        });
        _ = Web.Server;
    }

    public WebApplicationFactory<Program> Web { get; }

    public TestClock Clock => _root.Clock;

    public IServiceProvider Services => Web.Services;

    public HttpClient Client(string ip = "203.0.113.1", string baseAddress = "http://localhost")
    {
        var client = Web.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false, BaseAddress = new Uri(baseAddress) });
        client.DefaultRequestHeaders.Add(ClientIpHeader, ip);
        return client;
    }

    public async Task<Staff> StaffAsync(string userName, string ip = "198.51.100.7")
    {
        var client = Client(ip);
        var response = await client.PostAsJsonAsync("/api/auth/login", new { userName, password = Administration.DemoData.DemoPassword });
        Assert.True(response.IsSuccessStatusCode, $"sign-in of {userName}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var orgs = await client.GetFromJsonAsync<List<JsonElement>>("/api/organizations", XinfangApp.Json) ?? [];
        return new Staff(client, orgs.ToDictionary(o => o.GetProperty("code").GetString()!, o => o.GetProperty("id").GetGuid()));
    }

    public async Task<T> WithDbAsync<T>(Func<Data.AppDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<Data.AppDbContext>());
    }

    /// <summary>Reads a page, returns its antiforgery token (the cookie stays in the client).</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string page)
    {
        var html = await client.GetStringAsync(page);
        var match = Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"");
        Assert.True(match.Success, $"no antiforgery token on {page}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public void Dispose() => _root.Dispose();

    private sealed class ClientIpFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext http, Func<Task> go) =>
            {
                if (http.Request.Headers.TryGetValue(ClientIpHeader, out var ip) && IPAddress.TryParse(ip.ToString(), out var address))
                {
                    http.Connection.RemoteIpAddress = address;
                }

                return go();
            });
            next(app);
        };
    }
}

/// <summary>One <see cref="SecurityApp"/> per test class and provider, started on first use.</summary>
public abstract class SecurityFixture(Provider provider, IReadOnlyDictionary<string, string> settings) : IDisposable
{
    private readonly Lazy<SecurityApp> _app = new(() => new SecurityApp(provider, settings));

    public Provider Provider => provider;

    public SecurityApp App
    {
        get
        {
            if (provider == Provider.Postgres)
            {
                TestServices.RequirePostgres();
            }

            return _app.Value;
        }
    }

    public void Dispose()
    {
        if (_app.IsValueCreated)
        {
            _app.Value.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Small budgets so the tests reach them in a few requests; the in-memory per-minute limits out of the way.</summary>
    public static readonly IReadOnlyDictionary<string, string> GuardSettings = new Dictionary<string, string>
    {
        ["Xinfang:QueryCodeGuard:NumberFreeFailures"] = "3",
        ["Xinfang:QueryCodeGuard:NumberBaseDelay"] = "00:00:30",
        ["Xinfang:QueryCodeGuard:NumberMaxDelay"] = "00:15:00",
        ["Xinfang:QueryCodeGuard:ClientFreeFailures"] = "6",
        ["Xinfang:QueryCodeGuard:ClientBaseDelay"] = "00:01:00",
        ["Xinfang:QueryCodeGuard:ClientMaxDelay"] = "00:30:00",
        ["Xinfang:QueryCodeGuard:Window"] = "01:00:00",
        ["Xinfang:RateLimits:PublicPerMinute"] = "10000",
        ["Xinfang:RateLimits:SignInsPerMinute"] = "10000",
        ["Xinfang:RateLimits:RegistrationsPerMinute"] = "10000",
        ["Xinfang:RateLimits:StaffWritesPerMinute"] = "10000",
        ["Xinfang:Attachments:MaxBytes"] = "65536",
    };
}

public sealed class SecuritySqliteFixture() : SecurityFixture(Provider.Sqlite, GuardSettings);

public sealed class SecurityPostgresFixture() : SecurityFixture(Provider.Postgres, GuardSettings);
