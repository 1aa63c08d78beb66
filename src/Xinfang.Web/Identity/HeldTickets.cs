using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Xinfang.Web.Identity;

/// <summary>
/// The sign-in cookie's ticket, decrypted once a minute per cookie instead of on every request (ADR 0183, issue 16:
/// decrypting and deserialising it was a quarter of a held lookup's allocations and its largest CPU item after the
/// session check). Keyed by the whole protected cookie value, so only the exact cookie that was decrypted finds it; a
/// failure is never held. Every request still gets its own copy (the cookie handler and the session check replace the
/// principal), and every request still runs the session check (ADR 0057, 0181) and the handler's expiry check. What a
/// held ticket delays: a data-protection key revoked by hand stops its cookies within the minute, not at once.
/// </summary>
internal sealed class HeldTickets(ISecureDataFormat<AuthenticationTicket> inner, TimeProvider clock) : ISecureDataFormat<AuthenticationTicket>
{
    /// <summary>How long a decrypted ticket is used again.</summary>
    public static readonly TimeSpan HoldFor = TimeSpan.FromMinutes(1);

    /// <summary>Cookies held at most (each a few KB): past this, the expired ones go, then all if need be.</summary>
    public const int Most = 5_000;

    private readonly ConcurrentDictionary<string, (AuthenticationTicket Ticket, DateTimeOffset At)> _held = new(StringComparer.Ordinal);

    public int Count => _held.Count;

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (protectedText is null || purpose is not null)
        {
            return inner.Unprotect(protectedText, purpose);
        }

        var now = clock.GetUtcNow();
        if (_held.TryGetValue(protectedText, out var held) && now - held.At < HoldFor && now >= held.At)
        {
            return held.Ticket.Clone();
        }

        var ticket = inner.Unprotect(protectedText);
        if (ticket is null)
        {
            _held.TryRemove(protectedText, out _);
            return null;
        }

        if (_held.Count >= Most)
        {
            foreach (var (key, value) in _held)
            {
                if (now - value.At >= HoldFor)
                {
                    _held.TryRemove(key, out _);
                }
            }

            if (_held.Count >= Most)
            {
                _held.Clear();
            }
        }

        _held[protectedText] = (ticket.Clone(), now);
        return ticket;
    }

    /// <summary>Wraps the staff cookie's ticket format once the framework has made it.</summary>
    public sealed class Setup(TimeProvider clock) : IPostConfigureOptions<CookieAuthenticationOptions>
    {
        public void PostConfigure(string? name, CookieAuthenticationOptions options)
        {
            if (name == IdentityConstants.ApplicationScheme && options.TicketDataFormat is { } format and not HeldTickets)
            {
                options.TicketDataFormat = new HeldTickets(format, clock);
            }
        }
    }
}
