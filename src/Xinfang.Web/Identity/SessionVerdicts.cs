using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xinfang.Web.Data;

namespace Xinfang.Web.Identity;

/// <summary>
/// Live sessions this process has just read from <c>staff_sessions</c>, so the next requests of the same session skip
/// the read (ADR 0181, issue 16: the session check was most of a lookup's CPU once the item itself was held).
/// A verdict is used only while
/// <list type="bullet">
/// <item>the process hears every change to sessions: with SQLite, always (one process owns the file and every change
/// goes through <see cref="StaffSessions"/>, which forgets here after committing); with PostgreSQL, only while
/// <see cref="SessionChangeListener"/> is listening on the primary (every change is notified in its own transaction,
/// so other instances hear it at commit) — while it is not, every request reads the row as before;</item>
/// <item>the row is younger than the session's touch interval: after a minute the request reads the row again and
/// moves <see cref="StaffSession.LastSeenAt"/>, so idle time is counted as before and a missed notification could keep
/// a verdict for at most that minute.</item>
/// </list>
/// Sign-out, a password change, disabling and role changes therefore still end a session at its next request (ADR 0057).
/// </summary>
public sealed class SessionVerdicts(TimeProvider clock)
{
    /// <summary>A held verdict is not used past this age of its row's last-seen time (the touch interval).</summary>
    public static readonly TimeSpan UsableFor = StaffSessions.TouchEvery;

    private const int PruneAbove = 20_000;

    private readonly ConcurrentDictionary<string, HeldSession> _held = new(StringComparer.Ordinal);

    // Moves on every forgetting and every open/close: a verdict read before a change that was forgotten meanwhile is
    // dropped by Hold (the read may have seen the row before the change committed).
    private long _generation;
    private volatile bool _open;

    /// <summary>What a session's row said when it was read (the fields the check uses).</summary>
    public sealed record HeldSession(string Id, string UserId, StaffRole? ActiveRole, DateTimeOffset LastSeenAt);

    /// <summary>Whether held verdicts are used now.</summary>
    public bool IsOpen => _open;

    /// <summary>How many verdicts are held (for tests).</summary>
    public int Count => _held.Count;

    /// <summary>The generation to pass to <see cref="Hold"/>: read it before reading the row.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>The held verdict of a live session of <paramref name="userId"/>, or null (read the row).</summary>
    public HeldSession? Find(string sessionId, string userId)
    {
        if (!_open || !_held.TryGetValue(sessionId, out var held))
        {
            return null;
        }

        if (held.UserId != userId || clock.GetUtcNow() - held.LastSeenAt >= UsableFor)
        {
            return null;
        }

        return held;
    }

    /// <summary>Holds a live session's row, read after <paramref name="generation"/> was taken.</summary>
    public void Hold(HeldSession session, long generation)
    {
        if (!_open)
        {
            return;
        }

        if (_held.Count > PruneAbove)
        {
            var now = clock.GetUtcNow();
            foreach (var (key, value) in _held)
            {
                if (now - value.LastSeenAt >= UsableFor)
                {
                    _held.TryRemove(key, out _);
                }
            }
        }

        _held[session.Id] = session;
        // Forgotten meanwhile (a change, or the listener closing): the row read may predate the change.
        if (Generation != generation || !_open)
        {
            _held.TryRemove(session.Id, out _);
        }
    }

    /// <summary>A session changed (ended, its role changed): its next request reads the row.</summary>
    public void ForgetSession(string sessionId)
    {
        Interlocked.Increment(ref _generation);
        _held.TryRemove(sessionId, out _);
    }

    /// <summary>Some or all of a person's sessions changed.</summary>
    public void ForgetUser(string userId)
    {
        Interlocked.Increment(ref _generation);
        foreach (var (key, value) in _held)
        {
            if (value.UserId == userId)
            {
                _held.TryRemove(key, out _);
            }
        }
    }

    /// <summary>Starts using verdicts (the process now hears every change); nothing held from before is kept.</summary>
    public void Open()
    {
        Interlocked.Increment(ref _generation);
        _held.Clear();
        _open = true;
    }

    /// <summary>Stops using verdicts (changes may go unheard): every request reads its row.</summary>
    public void Close()
    {
        _open = false;
        Interlocked.Increment(ref _generation);
        _held.Clear();
    }

    /// <summary>A change notified by any instance: <c>s:&lt;session id&gt;</c> or <c>u:&lt;user id&gt;</c>.</summary>
    public void Heard(string payload)
    {
        if (payload.StartsWith("s:", StringComparison.Ordinal))
        {
            ForgetSession(payload[2..]);
        }
        else if (payload.StartsWith("u:", StringComparison.Ordinal))
        {
            ForgetUser(payload[2..]);
        }
        else
        {
            Close();
            Open();
        }
    }
}

/// <summary>
/// Keeps <see cref="SessionVerdicts"/> open only while this process hears every change to sessions (ADR 0181). SQLite:
/// open from the start. PostgreSQL: a connection of its own (not pooled) on the primary runs <c>LISTEN</c>; verdicts are
/// used from the moment it listens, and not while it is down or reconnecting; a probe every few seconds notices a
/// connection that died silently.
/// </summary>
internal sealed partial class SessionChangeListener(IServiceScopeFactory scopes, SessionVerdicts verdicts, IConfiguration configuration, ILogger<SessionChangeListener> logger) : BackgroundService
{
    public const string Channel = "xinfang_staff_sessions";

    /// <summary><c>false</c> turns holding off: every request reads its session's row (ADR 0057 as it was).</summary>
    public const string EnabledKey = "Xinfang:Accounts:HoldSessionVerdicts";

    private static readonly TimeSpan Probe = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue(EnabledKey, true))
        {
            return;
        }

        string? connection;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            if (!db.Database.IsNpgsql())
            {
                verdicts.Open();
                return;
            }

            connection = db.Database.GetConnectionString();
        }

        // Its own physical connection: a LISTEN must not go back to the pool, and the pool must not reset it.
        var own = new NpgsqlConnectionStringBuilder(connection) { Pooling = false, ApplicationName = "xinfang-session-listener", KeepAlive = 10 }.ConnectionString;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var conn = new NpgsqlConnection(own);
                await conn.OpenAsync(stoppingToken);
                conn.Notification += (_, e) => verdicts.Heard(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", conn))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                verdicts.Open();
                LogListening(logger);
                while (!stoppingToken.IsCancellationRequested)
                {
                    if (!await conn.WaitAsync(Probe, stoppingToken))
                    {
                        await using var probe = new NpgsqlCommand("SELECT 1", conn) { CommandTimeout = 5 };
                        await probe.ExecuteScalarAsync(stoppingToken);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // Whatever ended the listening (the server restarted, the network, a failed probe): read rows until it is back.
                // Never rethrown: a background service that throws stops the host. (The finally closes the verdicts.)
                LogLost(logger, e.Message);
            }
            finally
            {
                verdicts.Close();
            }

            try
            {
                await Task.Delay(Retry, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>Tells every instance (and this one) that sessions changed; runs inside the change's transaction.</summary>
    public static Task NotifyAsync(AppDbContext db, string payload, CancellationToken ct = default) =>
        db.Database.ExecuteSqlAsync($"SELECT pg_notify({Channel}, {payload})", ct);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session changes: listening; session checks are held in this process (ADR 0181)")]
    private static partial void LogListening(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session changes: not listening ({Reason}); every request reads its session until the listener is back")]
    private static partial void LogLost(ILogger logger, string reason);
}
