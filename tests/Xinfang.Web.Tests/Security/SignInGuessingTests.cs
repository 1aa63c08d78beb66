using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Xinfang.Web.Identity;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests.Security;

/// <summary>
/// Password guessing (issue 9 finding 7): an unknown name costs the same hash and gets the same answers as
/// a known one; wrong passwords slow down the (account, client) pair, not the account, so a stranger cannot
/// keep a colleague out; X-Forwarded-For counts only from a configured proxy.
/// </summary>
public abstract class SignInGuessingTests(SecurityFixture fixture)
{
    private const string Password = Administration.DemoData.DemoPassword;

    private SecurityApp App => fixture.App;

    private Provider Provider => fixture.Provider;

    private static Task<HttpResponseMessage> LoginAsync(HttpClient client, string user, string password) =>
        client.PostAsJsonAsync("/api/auth/login", new { userName = user, password });

    private static async Task<string> AnswerAsync(HttpResponseMessage r)
    {
        var body = await Staff.ReadAsync(r);
        body.AsObject().Remove("traceId");
        return $"{(int)r.StatusCode} {r.Headers.RetryAfter?.Delta?.TotalSeconds} {body.ToJsonString()}";
    }

    [SkippableFact]
    public async Task An_unknown_name_gets_the_same_answers_as_a_known_one()
    {
        var known = App.Client("192.0.2.10");
        var unknown = App.Client("192.0.2.11");
        for (var i = 0; i < 8; i++)
        {
            var a = await AnswerAsync(await LoginAsync(known, "demo.zj.zjt.reviewer", "Wrong-password-" + i));
            var b = await AnswerAsync(await LoginAsync(unknown, "demo.zj.nobody", "Wrong-password-" + i));
            Assert.Equal(a, b);
        }
    }

    [SkippableFact]
    public async Task An_unknown_name_costs_one_password_hash_like_a_known_one()
    {
        var counter = new CountingHasher();
        using var web = App.Web.WithWebHostBuilder(b => b.ConfigureServices(s =>
        {
            s.RemoveAll<IPasswordHasher<StaffUser>>();
            s.AddSingleton<IPasswordHasher<StaffUser>>(counter);
        }));
        var client = web.CreateClient();
        client.DefaultRequestHeaders.Add(SecurityApp.ClientIpHeader, "192.0.2.12");
        _ = counter.TakeVerifications(); // the dummy hash may be made once, on first use
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(client, "demo.hz.zjj.reviewer", "Wrong-password-1")).StatusCode);
        Assert.Equal(1, counter.TakeVerifications());
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(client, "no.such.person", "Wrong-password-1")).StatusCode);
        Assert.Equal(1, counter.TakeVerifications());
    }

    [SkippableFact]
    public async Task Wrong_passwords_from_one_client_do_not_keep_the_account_out_for_another()
    {
        var stranger = App.Client("192.0.2.66");
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            answers.Add((await LoginAsync(stranger, "demo.xihu.zjj.head", "Wrong-password-" + i)).StatusCode);
        }

        // Five plain answers, then that client waits (429 with Retry-After) — even with the right password.
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 5), HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], answers);
        var waiting = await LoginAsync(stranger, "demo.xihu.zjj.head", Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, waiting.StatusCode);
        Assert.Contains("登录失败次数过多", await waiting.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The colleague at their own desk signs in at once.
        var colleague = App.Client("192.0.2.77");
        Assert.Equal(HttpStatusCode.NoContent, (await LoginAsync(colleague, "demo.xihu.zjj.head", Password)).StatusCode);

        // The stranger's delay ends (1 minute at first).
        App.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.NoContent, (await LoginAsync(stranger, "demo.xihu.zjj.head", Password)).StatusCode);
    }

    [SkippableFact]
    public async Task X_Forwarded_For_from_a_peer_that_is_not_a_configured_proxy_is_ignored()
    {
        // Even with ASPNETCORE_FORWARDEDHEADERS_ENABLED=true (which believes anyone), no proxy configured → header ignored:
        // a client rotating X-Forwarded-For still spends one sign-in budget.
        using var app = new SecurityApp(Provider, new Dictionary<string, string>(SecurityFixture.GuardSettings)
        {
            ["FORWARDEDHEADERS_ENABLED"] = "true",
            ["Xinfang:RateLimits:SignInsPerMinute"] = "3",
        });
        var statuses = await RotatingAsync(app, "203.0.113.50");
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }

    [SkippableFact]
    public async Task X_Forwarded_For_from_a_configured_proxy_names_the_client()
    {
        using var app = new SecurityApp(Provider, new Dictionary<string, string>(SecurityFixture.GuardSettings)
        {
            ["Xinfang:ForwardedHeaders:KnownProxies:0"] = "203.0.113.50",
            ["Xinfang:RateLimits:SignInsPerMinute"] = "3",
        });
        var statuses = await RotatingAsync(app, "203.0.113.50");
        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses);
        // From any other peer the header is not believed.
        Assert.Contains(HttpStatusCode.TooManyRequests, await RotatingAsync(app, "203.0.113.51"));
    }

    /// <summary>Five sign-in attempts from one peer, each claiming another client in X-Forwarded-For (set below every middleware).</summary>
    private static async Task<List<HttpStatusCode>> RotatingAsync(SecurityApp app, string peer)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            var context = await app.Web.Server.SendAsync(c =>
            {
                c.Connection.RemoteIpAddress = IPAddress.Parse(peer);
                c.Request.Method = "POST";
                c.Request.Path = "/api/auth/login";
                c.Request.Headers["X-Forwarded-For"] = $"10.9.{i}.{i + 1}";
                c.Request.ContentType = "application/json";
                var body = Encoding.UTF8.GetBytes("{\"userName\":\"demo.hz.registrar\",\"password\":\"Wrong-password-1\"}");
                c.Request.Body = new MemoryStream(body);
                c.Request.ContentLength = body.Length;
            });
            statuses.Add((HttpStatusCode)context.Response.StatusCode);
        }

        return statuses;
    }

    private sealed class CountingHasher : IPasswordHasher<StaffUser>
    {
        private readonly PasswordHasher<StaffUser> _inner = new();
        private int _verifications;

        public int TakeVerifications() => Interlocked.Exchange(ref _verifications, 0);

        public string HashPassword(StaffUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(StaffUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}

public sealed class SignInGuessingOnSqlite(SecuritySqliteFixture fixture) : SignInGuessingTests(fixture), IClassFixture<SecuritySqliteFixture>;

public sealed class SignInGuessingOnPostgres(SecurityPostgresFixture fixture) : SignInGuessingTests(fixture), IClassFixture<SecurityPostgresFixture>;
