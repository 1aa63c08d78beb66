using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Xinfang.Web.Data;
using Xinfang.Web.Intake;
using Xinfang.Web.Security;

namespace Xinfang.Web.Identity;

/// <summary>Tuning of <see cref="SignInThrottle"/>: configuration section <c>Xinfang:SignInThrottle</c>.</summary>
public sealed class SignInThrottleOptions
{
    /// <summary>Wrong passwords for one account from one client answered plainly before delays begin.</summary>
    public int PairFreeFailures { get; set; } = 5;

    /// <summary>First delay for an (account, client) pair; it doubles with each further wrong password.</summary>
    public TimeSpan PairBaseDelay { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan PairMaxDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Distinct clients with wrong passwords for one account before the account itself is slowed down.</summary>
    public int AccountFreeClients { get; set; } = 10;

    public TimeSpan AccountBaseDelay { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan AccountMaxDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A counter with no failure for this long starts again from zero.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// Growing delays for wrong passwords instead of a hard lock (issue 9 finding 7, docs/security.md):
/// <list type="bullet">
/// <item>per (account, client address): after 5 wrong passwords that client waits 1 minute for that account,
/// doubling up to 15 minutes; a stranger slows down only themself, the colleague signs in from their own machine;</item>
/// <item>per account: only when 10 different clients have failed for it within the hour does every client wait
/// (1 minute, doubling to 15) — a distributed guess is slowed, one stranger cannot do it.</item>
/// </list>
/// Counted for the name as typed, whether or not the account exists, so answers for unknown and known names
/// are the same. Counters are the database's <see cref="QueryCodeAttempt"/> rows (keyed hashes, shared by
/// every instance, pruned by <see cref="QueryCodeGuard"/>); no name or address is stored.
/// </summary>
public sealed class SignInThrottle(AppDbContext db, IServiceScopeFactory scopes, SecretKeys keys, TimeProvider clock, IOptions<SignInThrottleOptions> options)
{
    private SignInThrottleOptions O => options.Value;

    /// <summary>Before the password is checked: the time this client must still wait for this account, or null.</summary>
    public async Task<TimeSpan?> WaitAsync(HttpContext http, string userName, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var pair = PairKey(http, userName);
        var account = AccountKey(userName);
        var blocked = await db.Set<QueryCodeAttempt>().AsNoTracking()
            .Where(a => (a.Key == pair || a.Key == account) && a.BlockedUntil > now)
            .Select(a => a.BlockedUntil).ToListAsync(ct);
        return blocked.Count == 0 ? null : blocked.Max() - now;
    }

    /// <summary>After a wrong password (or unknown name): counts it; the wait now imposed, or null while still free.</summary>
    public async Task<TimeSpan?> FailedAsync(HttpContext http, string userName, CancellationToken ct)
    {
        var (pairFailures, pairWait) = await CountAsync(PairKey(http, userName), O.PairFreeFailures, O.PairBaseDelay, O.PairMaxDelay, ct);
        TimeSpan? accountWait = null;
        if (pairFailures == 1)
        {
            // A new client failing for this account.
            (_, accountWait) = await CountAsync(AccountKey(userName), O.AccountFreeClients, O.AccountBaseDelay, O.AccountMaxDelay, ct);
        }

        return pairWait is null ? accountWait : accountWait is null || pairWait > accountWait ? pairWait : accountWait;
    }

    /// <summary>After the right password: this client's count for the account starts again (its own typos forgiven).</summary>
    public async Task SucceededAsync(HttpContext http, string userName, CancellationToken ct)
    {
        var key = PairKey(http, userName);
        await db.Set<QueryCodeAttempt>().Where(a => a.Key == key).ExecuteDeleteAsync(ct);
    }

    private Task<(int Failures, TimeSpan? Wait)> CountAsync(string key, int free, TimeSpan baseDelay, TimeSpan maxDelay, CancellationToken ct) =>
        FailureCounter.CountAsync(scopes, clock, key, free, baseDelay, maxDelay, O.Window, ct);

    private string PairKey(HttpContext http, string userName) =>
        "sp:" + Hash($"signin-pair:{Normalize(userName)}\n{QueryCodeGuard.ClientAddress(http)}");

    private string AccountKey(string userName) => "sa:" + Hash($"signin-account:{Normalize(userName)}");

    private static string Normalize(string userName) => userName.Trim().ToUpperInvariant();

    private string Hash(string value)
    {
        var mac = HMACSHA256.HashData(keys.QueryCodeKey, Encoding.UTF8.GetBytes(value));
        return Convert.ToHexString(mac, 0, 18).ToLower(CultureInfo.InvariantCulture);
    }
}
