using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xinfang.Web.Identity;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests.Security;

/// <summary>The staff cookie's ticket is decrypted once a minute per cookie (ADR 0183), never shared between requests.</summary>
public sealed class HeldTicketsTests
{
    [Fact]
    public void The_same_cookie_is_decrypted_once_a_minute_and_each_request_gets_its_own_copy()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 2, 0, 0, TimeSpan.Zero));
        var inner = new CountingFormat();
        var held = new HeldTickets(inner, clock);

        var first = held.Unprotect("cookie-a")!;
        var second = held.Unprotect("cookie-a")!;
        Assert.Equal(1, inner.Unprotected);
        Assert.NotSame(first, second);
        Assert.NotSame(first.Principal, second.Principal);

        // A request that changes its principal (the session check replacing it) does not change the next request's.
        second.Principal.Identities.First().AddClaim(new Claim("changed", "yes"));
        Assert.Null(held.Unprotect("cookie-a")!.Principal.FindFirst("changed"));

        held.Unprotect("cookie-b");
        Assert.Equal(2, inner.Unprotected);

        clock.Advance(HeldTickets.HoldFor);
        held.Unprotect("cookie-a");
        Assert.Equal(3, inner.Unprotected);

        // A cookie that does not decrypt is asked again every time (nothing is held for it).
        Assert.Null(held.Unprotect("forged"));
        Assert.Null(held.Unprotect("forged"));
        Assert.Equal(5, inner.Unprotected);
    }

    [Fact]
    public void The_held_cookies_stay_bounded()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 2, 0, 0, TimeSpan.Zero));
        var held = new HeldTickets(new CountingFormat(), clock);
        for (var i = 0; i < HeldTickets.Most + 10; i++)
        {
            held.Unprotect("cookie-" + i);
        }

        Assert.InRange(held.Count, 1, HeldTickets.Most);
    }

    [Fact]
    public async Task The_app_holds_the_staff_cookies_ticket_and_a_signed_out_cookie_is_still_refused()
    {
        using var app = new XinfangApp(Provider.Sqlite);
        var options = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        Assert.IsType<HeldTickets>(options.TicketDataFormat);

        var cookie = await StaffCookies.SignInAsync(app, "demo.xihu.registrar");
        Assert.Equal(HttpStatusCode.OK, (await StaffCookies.SendAsync(app, cookie, HttpMethod.Get, "/api/organizations")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await StaffCookies.SendAsync(app, cookie, HttpMethod.Post, "/api/auth/logout")).StatusCode);
        // The ticket is held, the session is not: refused at once.
        Assert.Equal(HttpStatusCode.Unauthorized, (await StaffCookies.SendAsync(app, cookie, HttpMethod.Get, "/api/organizations")).StatusCode);
    }

    private sealed class CountingFormat : ISecureDataFormat<AuthenticationTicket>
    {
        public int Unprotected { get; private set; }

        public string Protect(AuthenticationTicket data) => throw new NotSupportedException();

        public string Protect(AuthenticationTicket data, string? purpose) => throw new NotSupportedException();

        public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
        {
            Unprotected++;
            return protectedText is null || protectedText.StartsWith("forged", StringComparison.Ordinal)
                ? null
                : new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, protectedText)], "test")), "Identity.Application");
        }
    }
}
