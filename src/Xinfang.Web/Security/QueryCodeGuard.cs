using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Xinfang.Web.Data;
using Xinfang.Web.Intake;

namespace Xinfang.Web.Security;

/// <summary>Tuning of <see cref="QueryCodeGuard"/>: configuration section <c>Xinfang:QueryCodeGuard</c>.</summary>
public sealed class QueryCodeGuardOptions
{
    /// <summary>Wrong codes for one petition number answered plainly before delays begin.</summary>
    public int NumberFreeFailures { get; set; } = 5;

    /// <summary>First delay for a number; it doubles with each further wrong code.</summary>
    public TimeSpan NumberBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan NumberMaxDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Wrong codes from one client (any numbers) answered plainly before delays begin.</summary>
    public int ClientFreeFailures { get; set; } = 10;

    public TimeSpan ClientBaseDelay { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan ClientMaxDelay { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A counter with no wrong code for this long starts again from zero.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// A counter of wrong query codes, per petition number or per client, in the database so every app
/// instance sees the same counts (ADR 0051). Keys are keyed hashes: neither numbers nor addresses are stored.
/// </summary>
public sealed class QueryCodeAttempt
{
    public string Key { get; set; } = string.Empty;

    public int Failures { get; set; }

    public DateTimeOffset LastFailureAt { get; set; }

    public DateTimeOffset BlockedUntil { get; set; }

    public int Version { get; set; }

    internal static void Configure(ModelBuilder builder) => builder.Entity<QueryCodeAttempt>(a =>
    {
        a.ToTable("query_code_attempts");
        a.HasKey(x => x.Key);
        a.Property(x => x.Key).HasMaxLength(40);
        a.Property(x => x.Version).IsConcurrencyToken();
        a.HasIndex(x => x.LastFailureAt);
    });
}

/// <summary>
/// Growing delays for wrong query codes (ADR 0051), per petition number AND per client:
/// <list type="bullet">
/// <item>A client in its delay is answered 429 without any check: it cannot try codes faster.</item>
/// <item>A number in its delay is still checked: the CORRECT code always passes (a stranger cannot
/// lock the petitioner out), a wrong one is answered 429 and doubles the delay.</item>
/// </list>
/// An unknown number is counted like a wrong code for it, so the answers still do not reveal which numbers exist.
/// </summary>
public sealed class QueryCodeGuard(
    IServiceScopeFactory scopes,
    IHttpContextAccessor http,
    SecretKeys keys,
    TimeProvider clock,
    IOptions<QueryCodeGuardOptions> options,
    ILogger<QueryCodeGuard> logger)
{
    /// <summary>
    /// The read every petitioner's lookup makes first, compiled (issue 16, session 15): as plain LINQ it was built,
    /// funcletized and looked up in EF's query cache on every lookup — a fifth of the guard's CPU in a profile of the
    /// public progress lookup. One per model: a compiled query runs on the model it was first run with.
    /// </summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Microsoft.EntityFrameworkCore.Metadata.IModel, Func<AppDbContext, string, string, IAsyncEnumerable<Counter>>> _counters = new();

    private sealed record Counter(string Key, DateTimeOffset BlockedUntil);

    private QueryCodeGuardOptions Options => options.Value;

    private static Func<AppDbContext, string, string, IAsyncEnumerable<Counter>> CountersQuery() => EF.CompileAsyncQuery(
        (AppDbContext db, string client, string number) => db.Set<QueryCodeAttempt>().AsNoTracking()
            .Where(a => a.Key == client || a.Key == number).Select(a => new Counter(a.Key, a.BlockedUntil)));

    /// <summary>
    /// Before a lookup of <paramref name="number"/>: the time this client must still wait (null to go ahead) and whether
    /// the number has a counter to clear if the code is right — one read of both rows, so a right code costs no write when
    /// there was nothing to forgive (issue 16: the petitioner's progress lookup deleted nothing on every request).
    /// A wrong code counted by someone else between this read and the success stays counted until its window ends.
    /// </summary>
    public async Task<(TimeSpan? ClientWait, bool NumberCounted)> BeforeAsync(string number, CancellationToken ct)
    {
        var client = ClientKey();
        var numberKey = NumberKey(number);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var rows = new List<Counter>(2);
        await foreach (var row in _counters.GetOrAdd(db.Model, _ => CountersQuery()).Invoke(db, client, numberKey).WithCancellation(ct))
        {
            rows.Add(row);
        }

        var now = clock.GetUtcNow();
        var blocked = rows.FirstOrDefault(r => r.Key == client)?.BlockedUntil;
        return (blocked > now ? blocked - now : null, rows.Any(r => r.Key == numberKey));
    }

    /// <summary>After a wrong code (or unknown number): counts it; the wait now imposed, or null while still free.</summary>
    public async Task<TimeSpan?> FailedAsync(string number, CancellationToken ct)
    {
        var o = Options;
        var byNumber = await CountAsync(NumberKey(number), o.NumberFreeFailures, o.NumberBaseDelay, o.NumberMaxDelay, ct);
        var byClient = await CountAsync(ClientKey(), o.ClientFreeFailures, o.ClientBaseDelay, o.ClientMaxDelay, ct);
        var wait = Max(byNumber, byClient);
        if (wait is not null)
        {
            logger.LogWarning("Wrong query codes: delaying for {Seconds} s (number in delay: {Number}, client in delay: {Client})", (int)wait.Value.TotalSeconds, byNumber is not null, byClient is not null);
        }

        return wait;
    }

    /// <summary>After the correct code: the number's counter starts again (the petitioner's own typos are forgiven).
    /// The client's is kept, so one's own valid code cannot be used to reset a guessing budget.</summary>
    public async Task SucceededAsync(string number, CancellationToken ct)
    {
        var key = NumberKey(number);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Set<QueryCodeAttempt>().Where(a => a.Key == key).ExecuteDeleteAsync(ct);
    }

    private async Task<TimeSpan?> CountAsync(string key, int free, TimeSpan baseDelay, TimeSpan maxDelay, CancellationToken ct) =>
        (await FailureCounter.CountAsync(scopes, clock, key, free, baseDelay, maxDelay, Options.Window, ct)).Wait;

    private static TimeSpan? Max(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : a > b ? a : b;

    private string NumberKey(string number) => "n:" + Hash("number:" + number.Trim().ToUpperInvariant());

    private string ClientKey() => "c:" + Hash("client:" + ClientAddress(http.HttpContext));

    /// <summary>The client's address; an IPv6 client is its /64, since one host usually holds the whole prefix.</summary>
    public static string ClientAddress(HttpContext? context)
    {
        var ip = context?.Connection.RemoteIpAddress;
        if (ip is null)
        {
            return "unknown";
        }

        if (ip.IsIPv4MappedToIPv6)
        {
            ip = ip.MapToIPv4();
        }

        if (ip.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = ip.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            ip = new IPAddress(bytes);
        }

        return ip.ToString();
    }

    private string Hash(string value)
    {
        var mac = HMACSHA256.HashData(keys.QueryCodeKey, Encoding.UTF8.GetBytes(value));
        return Convert.ToHexString(mac, 0, 18).ToLower(CultureInfo.InvariantCulture);
    }
}
