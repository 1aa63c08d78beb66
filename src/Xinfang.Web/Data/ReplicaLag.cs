using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace Xinfang.Web.Data;

/// <summary>Where the reads that may lag stand with the read replica (ADR 0170, addendum).</summary>
public enum ReplicaState
{
    /// <summary>No replica is configured: every read goes to the primary.</summary>
    NotConfigured,

    /// <summary>Not checked yet, the last check is too old, or the primary's WAL position could not be read: reads go to the primary.</summary>
    Unknown,

    /// <summary>The replica is within the lag limit: the reads that may lag go there.</summary>
    Current,

    /// <summary>The replica is further behind than the limit: reads go to the primary until it catches up.</summary>
    Lagging,

    /// <summary>The replica did not answer the check (or a request could not open a connection to it): reads go to the primary.</summary>
    Unreachable,

    /// <summary>The replica answers but is not in recovery (promoted, or the setting points at a primary): reads go to the primary.</summary>
    NotStandby,
}

/// <summary>
/// One lag check's outcome. <see cref="Lag"/> is how long the primary has held WAL the replica has not replayed
/// (zero when it has replayed everything the primary had written when checked); both figures are null when not measured.
/// <see cref="CheckedAt"/> is a <see cref="Stopwatch"/> timestamp (0: never checked).
/// </summary>
public sealed record ReplicaStatus(ReplicaState State, TimeSpan? Lag, ulong? LagBytes, long CheckedAt, Exception? Error = null)
{
    public bool ReadsFromReplica => State == ReplicaState.Current;
}

/// <summary>
/// The replica's lag in time from positions in the WAL, not from commit timestamps. Each check samples the primary's
/// <c>pg_current_wal_lsn()</c> (with the time it was read), then the replica's <c>pg_last_wal_replay_lsn()</c>. The lag is
/// the age of the oldest sample the replica has not replayed yet: the primary held that WAL then, the replica still does
/// not. A primary with nothing to write has nothing unreplayed, so an idle primary is no lag — unlike
/// <c>now() - pg_last_xact_replay_timestamp()</c>, which grows while nothing is committed. With nothing known from before
/// (the first check, or the first after the replica or the primary did not answer) the age of the replica's last replayed
/// commit is taken when it is larger: it bounds the lag from above, so a replica found far behind is not trusted for the
/// first limit's worth of seconds. Not thread-safe: <see cref="ReplicaLagMonitor"/> calls it under its check lock.
/// </summary>
internal sealed class ReplicaLagEstimator(int capacity = ReplicaLagEstimator.DefaultCapacity)
{
    /// <summary>Two hours of one-second samples (about 100 KB): a lag beyond it is reported as that old, far above any limit.</summary>
    public const int DefaultCapacity = 7200;

    private readonly Queue<(TimeSpan At, ulong Lsn, bool AfterGap)> _unreplayed = new();
    private bool _gap = true;
    private ulong _lastLsn;

    /// <summary>A check failed: what was known about the replica's position no longer bounds its lag.</summary>
    public void Gap()
    {
        _unreplayed.Clear();
        _gap = true;
    }

    /// <param name="sampledAt">When the primary's position was read (any monotonic origin).</param>
    /// <param name="now">When the replica's position was read (the same origin).</param>
    /// <param name="primary">The primary's <c>pg_current_wal_lsn()</c>.</param>
    /// <param name="replayed">The replica's <c>pg_last_wal_replay_lsn()</c>, read after the primary's.</param>
    /// <param name="lastReplayedCommitAge">The replica's <c>now() - pg_last_xact_replay_timestamp()</c> (null: none replayed since it started).</param>
    public (TimeSpan Lag, ulong Bytes) Observe(TimeSpan sampledAt, TimeSpan now, ulong primary, ulong replayed, TimeSpan? lastReplayedCommitAge)
    {
        if (_unreplayed.Count > 0 && primary < _lastLsn)
        {
            // The primary's position went back (a restored or another primary): the samples describe another history.
            Gap();
        }

        if (primary > replayed && (_unreplayed.Count == 0 || primary > _lastLsn))
        {
            if (_unreplayed.Count == capacity)
            {
                _unreplayed.Dequeue();
            }

            _unreplayed.Enqueue((sampledAt, primary, _gap));
            _lastLsn = primary;
        }

        _gap = false;
        while (_unreplayed.TryPeek(out var s) && s.Lsn <= replayed)
        {
            _unreplayed.Dequeue();
        }

        if (!_unreplayed.TryPeek(out var oldest))
        {
            // Everything the primary had written when sampled is replayed.
            return (TimeSpan.Zero, 0);
        }

        var lag = now - oldest.At;
        if (oldest.AfterGap && lastReplayedCommitAge is { } age && age > lag)
        {
            lag = age;
        }

        return (lag, primary - replayed);
    }
}

/// <summary>
/// Checks the read replica's lag once per <see cref="Interval"/> in the background and says whether the reads that may
/// lag go to it (ADR 0170, addendum): only when it answered the last check, is a standby, and is at most
/// <see cref="MaxLag"/> behind. A request never waits on the replica to decide (only the very first read after start
/// waits for the first check, which gives up after twice <see cref="CheckTimeout"/> at most); an unreachable replica
/// costs one failed check a second, not a connect timeout per request. A change of state is logged once (reads to the primary, and back) and
/// the figures are on /metrics (<c>xinfang_replica_*</c>).
/// Time here is the machine's, not the app's <see cref="TimeProvider"/>: lag is physical, and the tests move the app's clock.
/// </summary>
internal sealed partial class ReplicaLagMonitor : BackgroundService
{
    /// <summary>Connect and statement timeout of one check, on either server.</summary>
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(2);

    private const string CheckApplicationName = "xinfang replica-lag check";

    private readonly string? _primary;
    private readonly string? _replica;
    private readonly ILogger<ReplicaLagMonitor> _log;
    private readonly ReplicaLagEstimator _estimator = new();
    private readonly SemaphoreSlim _checking = new(1, 1);
    private readonly TaskCompletionSource _firstCheck = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _transition = new();
    private readonly long _origin = Stopwatch.GetTimestamp();
    private volatile ReplicaStatus _status;

    /// <param name="primary">The primary's connection string (null with SQLite).</param>
    /// <param name="replica">The replica's (null: none configured; the monitor does nothing).</param>
    /// <param name="maxLag">The longest lag at which the replica still serves reads.</param>
    /// <param name="interval">How often the lag is checked.</param>
    /// <param name="log">Where the changes of state are written.</param>
    public ReplicaLagMonitor(string? primary, string? replica, TimeSpan maxLag, TimeSpan interval, ILogger<ReplicaLagMonitor> log)
    {
        if (maxLag < TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{DataSetup.ReplicaMaxLagKey} is negative: give the longest lag the replica may have and still serve reads (e.g. 00:00:30).");
        }

        if (interval < TimeSpan.FromMilliseconds(100) || interval > TimeSpan.FromMinutes(1))
        {
            throw new InvalidOperationException($"{DataSetup.ReplicaCheckIntervalKey} must be between 0.1 s and 1 min (default 1 s).");
        }

        _log = log;
        MaxLag = maxLag;
        Interval = interval;
        if (!string.IsNullOrWhiteSpace(replica) && !string.IsNullOrWhiteSpace(primary))
        {
            _primary = ForChecks(primary);
            _replica = ForChecks(replica);
        }

        _status = new ReplicaStatus(Configured ? ReplicaState.Unknown : ReplicaState.NotConfigured, null, null, 0);
    }

    /// <summary>The longest lag at which the replica still serves reads (<c>Xinfang:Database:ReplicaMaxLag</c>).</summary>
    public TimeSpan MaxLag { get; }

    /// <summary>How often the lag is checked (<c>Xinfang:Database:ReplicaCheckInterval</c>).</summary>
    public TimeSpan Interval { get; }

    public bool Configured => _replica is not null;

    /// <summary>A verdict older than this is not trusted (the checks stopped): reads go to the primary.</summary>
    private TimeSpan StaleAfter => (Interval * 3) + (CheckTimeout * 2);

    /// <summary>The latest verdict; <see cref="ReplicaState.Unknown"/> when it is older than a few checks.</summary>
    public ReplicaStatus Status
    {
        get
        {
            var s = _status;
            return s.State == ReplicaState.Current && Stopwatch.GetElapsedTime(s.CheckedAt) > StaleAfter
                ? s with { State = ReplicaState.Unknown }
                : s;
        }
    }

    /// <summary>The reads that may lag go to the replica now.</summary>
    public bool ReadsFromReplica => Status.ReadsFromReplica;

    /// <summary>Before the first verdict, checks now (or waits for the check under way); afterwards returns at once.</summary>
    public async Task EnsureCheckedAsync(CancellationToken ct)
    {
        if (!Configured || _firstCheck.Task.IsCompleted)
        {
            return;
        }

        await CheckAsync(onlyIfNeverChecked: true, ct);
    }

    /// <summary>Checks now (the loop calls this; tests may too).</summary>
    public Task CheckNowAsync(CancellationToken ct) => CheckAsync(onlyIfNeverChecked: false, ct);

    /// <summary>A request could not open a connection to the replica: reads go to the primary until the next check finds it.</summary>
    public void MarkUnreachable(Exception reason) =>
        Publish(new ReplicaStatus(ReplicaState.Unreachable, null, null, Stopwatch.GetTimestamp(), reason), onlyIfCurrent: true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Configured)
        {
            return;
        }

        Operations.XinfangMetrics.ReplicaFrom(this);
        using var timer = new PeriodicTimer(Interval);
        try
        {
            do
            {
                await CheckNowAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            Operations.XinfangMetrics.ReplicaGone(this);
        }
    }

    private async Task CheckAsync(bool onlyIfNeverChecked, CancellationToken ct)
    {
        await _checking.WaitAsync(ct);
        try
        {
            if (onlyIfNeverChecked && _firstCheck.Task.IsCompleted)
            {
                return;
            }

            Publish(await MeasureAsync(ct), onlyIfCurrent: false);
            _firstCheck.TrySetResult();
        }
        finally
        {
            _checking.Release();
        }
    }

    private async Task<ReplicaStatus> MeasureAsync(CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(CheckTimeout * 2);

        var sampledAt = Stopwatch.GetElapsedTime(_origin);
        ulong primaryLsn;
        try
        {
            await using var c = new NpgsqlConnection(_primary);
            await c.OpenAsync(limit.Token);
            await using var cmd = new NpgsqlCommand("SELECT pg_current_wal_lsn()", c);
            primaryLsn = (ulong)(NpgsqlLogSequenceNumber)(await cmd.ExecuteScalarAsync(limit.Token))!;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // Without the primary's position the lag is unknown (and the primary is the readiness probe's concern).
            _estimator.Gap();
            return new ReplicaStatus(ReplicaState.Unknown, null, null, Stopwatch.GetTimestamp(), e);
        }

        bool inRecovery;
        ulong? replayed;
        TimeSpan? commitAge;
        try
        {
            await using var c = new NpgsqlConnection(_replica);
            await c.OpenAsync(limit.Token);
            await using var cmd = new NpgsqlCommand(
                "SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn(), extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8", c);
            await using var row = await cmd.ExecuteReaderAsync(limit.Token);
            await row.ReadAsync(limit.Token);
            inRecovery = row.GetBoolean(0);
            replayed = row.IsDBNull(1) ? null : (ulong)row.GetFieldValue<NpgsqlLogSequenceNumber>(1);
            commitAge = row.IsDBNull(2) ? null : TimeSpan.FromSeconds(Math.Max(0, row.GetDouble(2)));
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            _estimator.Gap();
            return new ReplicaStatus(ReplicaState.Unreachable, null, null, Stopwatch.GetTimestamp(), e);
        }

        if (!inRecovery || replayed is not { } r)
        {
            // A promoted standby takes writes of its own: what it serves is no longer the primary's data.
            _estimator.Gap();
            return new ReplicaStatus(ReplicaState.NotStandby, null, null, Stopwatch.GetTimestamp());
        }

        var (lag, bytes) = _estimator.Observe(sampledAt, Stopwatch.GetElapsedTime(_origin), primaryLsn, r, commitAge);
        return new ReplicaStatus(lag > MaxLag ? ReplicaState.Lagging : ReplicaState.Current, lag, bytes, Stopwatch.GetTimestamp());
    }

    private void Publish(ReplicaStatus next, bool onlyIfCurrent)
    {
        lock (_transition)
        {
            var before = _status;
            if (onlyIfCurrent && before.State != ReplicaState.Current)
            {
                return;
            }

            _status = next;
            if (before.State == next.State)
            {
                return;
            }

            // One line per change of state, never per request or per check.
            switch (next.State)
            {
                case ReplicaState.Current:
                    ToReplica(_log, next.Lag!.Value.TotalSeconds, MaxLag.TotalSeconds, before.State);
                    break;
                case ReplicaState.Lagging:
                    ToPrimaryLagging(_log, next.Lag!.Value.TotalSeconds, MaxLag.TotalSeconds, next.LagBytes!.Value);
                    break;
                default:
                    ToPrimary(_log, next.Error, next.State);
                    break;
            }
        }
    }

    /// <summary>Short timeouts, a pool of its own and a name in <c>pg_stat_activity</c>: a check never waits long or takes the app's connections.</summary>
    private static string ForChecks(string connection) => new NpgsqlConnectionStringBuilder(connection)
    {
        Timeout = (int)CheckTimeout.TotalSeconds,
        CommandTimeout = (int)CheckTimeout.TotalSeconds,
        ApplicationName = CheckApplicationName,
        MaxPoolSize = 2,
        MaxAutoPrepare = 0,
    }.ConnectionString;

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Reads that may lag go to the read replica: {LagSeconds:0.000} s behind, limit {MaxLagSeconds} s (was {PreviousState})")]
    private static partial void ToReplica(ILogger logger, double lagSeconds, double maxLagSeconds, ReplicaState previousState);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Reads that may lag go to the primary: the read replica is {LagSeconds:0.000} s behind, beyond the limit of {MaxLagSeconds} s ({LagBytes} bytes of WAL not replayed)")]
    private static partial void ToPrimaryLagging(ILogger logger, double lagSeconds, double maxLagSeconds, ulong lagBytes);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Reads that may lag go to the primary: the read replica is {ReplicaState}")]
    private static partial void ToPrimary(ILogger logger, Exception? error, ReplicaState replicaState);
}
