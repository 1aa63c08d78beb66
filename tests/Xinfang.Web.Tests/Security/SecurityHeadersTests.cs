using System.Net;
using System.Net.Http.Json;
using System.Text;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests.Security;

/// <summary>Every answer carries the security headers; writes from other sites and forms without a token are refused.</summary>
public sealed class SecurityHeadersTests(SecuritySqliteFixture fixture) : IClassFixture<SecuritySqliteFixture>
{
    private SecurityApp App => fixture.App;

    private static void AssertHeaders(HttpResponseMessage r)
    {
        string One(string name) => r.Headers.TryGetValues(name, out var v) ? string.Join(",", v) : string.Empty;
        var csp = One("Content-Security-Policy");
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", One("X-Content-Type-Options"));
        Assert.Equal("DENY", One("X-Frame-Options"));
        Assert.Equal("no-referrer", One("Referrer-Policy"));
        Assert.Contains("camera=()", One("Permissions-Policy"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_home_page_an_API_answer_an_error_and_a_missing_page_carry_the_headers()
    {
        var anonymous = App.Client();
        AssertHeaders(await anonymous.GetAsync("/"));
        AssertHeaders(await anonymous.GetAsync("/api/organizations")); // 401
        AssertHeaders(await anonymous.GetAsync("/no-such-page"));
        AssertHeaders(await anonymous.PostAsync("/api/public/progress", new StringContent("{", Encoding.UTF8, "application/json")));
        var staff = await App.StaffAsync("demo.xihu.registrar");
        var api = await staff.Client.GetAsync("/api/organizations");
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        AssertHeaders(api);
    }

    [Fact]
    public async Task Only_the_API_browser_may_run_inline_script()
    {
        var r = await App.Client().GetAsync("/scalar");
        var csp = string.Join(",", r.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("'unsafe-inline'", csp, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pages_contain_no_inline_script_for_the_policy_to_break()
    {
        var staff = await App.StaffAsync("demo.xihu.registrar");
        foreach (var page in new[] { "/", "/login", "/track", "/workbench", "/login/2fa", "/account/security" })
        {
            var html = await staff.Client.GetStringAsync(page);
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(" style=", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(" onclick=", html, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task HSTS_is_sent_over_https_outside_development()
    {
        var r = await App.Client(baseAddress: "https://xinfang.example").GetAsync("/health");
        Assert.Contains("max-age=31536000", string.Join(",", r.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_write_a_browser_marks_as_cross_site_is_refused_before_it_is_read()
    {
        var staff = await App.StaffAsync("demo.xihu.registrar");
        var before = await App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Petitions));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/petitions") { Content = JsonContent.Create(AppExtensions.Letter(), options: XinfangApp.Json) };
        request.Headers.Add("Sec-Fetch-Site", "cross-site");
        request.Headers.Add("Origin", "https://evil.example");
        var r = await staff.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Petitions)));

        // The same request from the site itself (Origin: null under no-referrer) goes through.
        using var own = new HttpRequestMessage(HttpMethod.Post, "/api/petitions") { Content = JsonContent.Create(AppExtensions.Letter(), options: XinfangApp.Json) };
        own.Headers.Add("Sec-Fetch-Site", "same-origin");
        own.Headers.Add("Origin", "null");
        Assert.Equal(HttpStatusCode.Created, (await staff.Client.SendAsync(own)).StatusCode);
    }

    [Theory]
    [InlineData("/account/login")]
    [InlineData("/account/login/2fa")]
    [InlineData("/account/logout")]
    public async Task Sign_in_and_sign_out_forms_without_an_antiforgery_token_are_refused(string action)
    {
        var client = App.Client();
        var r = await client.PostAsync(action, new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = "demo.xihu.registrar", ["password"] = Administration.DemoData.DemoPassword, ["code"] = "123456" }));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Null(r.Headers.Location);
    }

    [Fact]
    public async Task The_sign_in_form_with_its_token_still_signs_in()
    {
        var client = App.Client();
        var token = await SecurityApp.AntiforgeryTokenAsync(client, "/login");
        var r = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["userName"] = "demo.xihu.leader",
            ["password"] = Administration.DemoData.DemoPassword,
        }));
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.Equal("/statistics", r.Headers.Location?.OriginalString); // a leader lands on the figures (issue 12)
    }
}

/// <summary>The per-minute budgets of the framework's rate limiter (per instance, real time): small here so a few requests reach them.</summary>
public sealed class RateLimitTests(RateLimitTests.Fixture fixture) : IClassFixture<RateLimitTests.Fixture>
{
    public sealed class Fixture() : SecurityFixture(Provider.Sqlite, new Dictionary<string, string>
    {
        ["Xinfang:RateLimits:PublicPerMinute"] = "3",
        ["Xinfang:RateLimits:RegistrationsPerMinute"] = "2",
        ["Xinfang:RateLimits:StaffWritesPerMinute"] = "3",
        ["Xinfang:RateLimits:SignInsPerMinute"] = "1000",
    });

    [Fact]
    public async Task Public_queries_are_budgeted_per_client_address()
    {
        var client = fixture.App.Client("203.0.113.77");
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last = await client.PostAsJsonAsync("/api/public/progress", new { number = $"330106XFJ-1999-00000{i}", queryCode = "X" });
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal("application/problem+json", last!.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(last.Headers.RetryAfter?.Delta);
        Assert.Contains("请求过于频繁", await last.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Another address has its own budget.
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.App.Client("203.0.113.78").PostAsJsonAsync("/api/public/progress", new { number = "330106XFJ-1999-000009", queryCode = "X" })).StatusCode);
    }

    [Fact]
    public async Task Registrations_are_budgeted_per_staff_member()
    {
        var registrar = await fixture.App.StaffAsync("demo.xihu.registrar");
        var other = await fixture.App.StaffAsync("demo.hz.registrar");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await registrar.PostAsync("/api/petitions", AppExtensions.Letter())).Status);
        }

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.Created, (await other.PostAsync("/api/petitions", AppExtensions.Letter())).Status);
    }

    [Fact]
    public async Task The_petition_page_action_forms_spend_the_same_staff_write_budget_as_the_action_apis()
    {
        var handler = (await fixture.App.StaffAsync("demo.xihu.rsj.handler")).Client;
        var id = Guid.NewGuid();
        var token = await SecurityApp.AntiforgeryTokenAsync(handler, "/account/security");
        var form = new Dictionary<string, string> { ["_handler"] = "act-accept", ["__RequestVerificationToken"] = token };
        var statuses = new List<HttpStatusCode>
        {
            (await handler.PostAsync($"/petitions/{id}", new FormUrlEncodedContent(form))).StatusCode,
            (await handler.PostAsJsonAsync($"/api/petitions/{id}/accept", new { })).StatusCode,
            (await handler.PostAsync($"/petitions/{id}", new FormUrlEncodedContent(form))).StatusCode,
            (await handler.PostAsync($"/petitions/{id}", new FormUrlEncodedContent(form))).StatusCode,
        };

        // An unknown item renders no form (400) and the API answers 404; the fourth write is over the budget.
        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.NotFound, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests], statuses);
    }
}
