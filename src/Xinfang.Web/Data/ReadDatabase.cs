using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Xinfang.Web.Data;

/// <summary>
/// The read replica's contexts (ADR 0170): built from <c>ConnectionStrings:XinfangReplica</c> when it is set (PostgreSQL
/// only), not tracking, refusing to save. One per process; <see cref="ReadDatabase"/> takes one per request, when
/// <see cref="ReplicaLagMonitor"/> says the replica answers and is within the lag limit.
/// </summary>
public sealed class ReplicaContexts
{
    // Reused like the primary's (DataSetup.PoolSize, ADR 0180): a context made per read cost more than the read.
    // Null when no replica is configured.
    private readonly Microsoft.EntityFrameworkCore.Infrastructure.PooledDbContextFactory<PostgresAppDbContext>? _pool;
    private readonly ReplicaLagMonitor _monitor;

    internal ReplicaContexts(string? connection, Deadlines.PetitionClockInterceptor clockInterceptor, ReplicaLagMonitor monitor)
    {
        _monitor = monitor;
        if (!string.IsNullOrWhiteSpace(connection))
        {
            var options = new DbContextOptionsBuilder<PostgresAppDbContext>()
                .UseNpgsql(DataSetup.WithPostgresDefaults(connection))
                .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking)
                // Petitions read there get their calendar and policy like any other (they are not stored per item).
                .AddInterceptors(clockInterceptor, new RefuseWrites())
                .ConfigureWarnings(w => w.Ignore(CoreEventId.ManyServiceProvidersCreatedWarning))
                .Options;
            _pool = new(options, DataSetup.PoolSize);
        }
    }

    /// <summary>A replica is configured.</summary>
    public bool Configured => _pool is not null;

    /// <summary>A replica is configured, answered the last lag check, is a standby and is within the lag limit.</summary>
    public bool Usable => Configured && _monitor.ReadsFromReplica;

    /// <summary>Before the first lag check after start, checks (at most the check's timeout); afterwards returns at once.</summary>
    internal Task EnsureCheckedAsync(CancellationToken ct) => Configured ? _monitor.EnsureCheckedAsync(ct) : Task.CompletedTask;

    internal PostgresAppDbContext Create() => _pool!.CreateDbContext();

    /// <summary>A request could not open a connection: reads go to the primary until the next lag check finds the replica again.</summary>
    internal void MarkDown(Exception reason) => _monitor.MarkUnreachable(reason);

    /// <summary>A standby refuses writes itself; this says so before a round trip, naming the mistake.</summary>
    private sealed class RefuseWrites : SaveChangesInterceptor
    {
        public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
            throw new InvalidOperationException("The read replica's context is read-only: write through AppDbContext (the primary).");

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The read replica's context is read-only: write through AppDbContext (the primary).");
    }
}

/// <summary>
/// Where the read paths that may lag read (ADR 0170): the dashboards and statistics, full-text search and the
/// petitioner's progress lookup take their context here — the read replica's when one is configured and reachable,
/// the primary's otherwise. Every write goes through <see cref="AppDbContext"/>, which is always the primary.
/// Lag: the replica serves reads only while it is at most <c>Xinfang:Database:ReplicaMaxLag</c> behind (ReplicaLagMonitor);
/// within that, the petitioner's lookup reads the primary again on a miss (Portal/PetitionerKey), figures and search accept the moment.
/// </summary>
public sealed class ReadDatabase(AppDbContext primary, ReplicaContexts replicas) : IAsyncDisposable
{
    private PostgresAppDbContext? _replica;

    /// <summary>The primary (every write, and a read that must see the latest write).</summary>
    public AppDbContext Primary => primary;

    /// <summary>The context reads go to: the replica's (its connection opened, so an unreachable replica is found here), else the primary's.</summary>
    public async Task<AppDbContext> ReadsAsync(CancellationToken ct)
    {
        if (_replica is not null)
        {
            return _replica;
        }

        // The lag is checked in the background once a second; only the first read after start waits for a verdict.
        await replicas.EnsureCheckedAsync(ct);
        if (!replicas.Usable)
        {
            return primary;
        }

        var replica = replicas.Create();
        try
        {
            // Opened here and kept open for the request's queries: a replica that went down since the last check
            // costs this one failed open (then the monitor says so until a check finds it again), not a failed page.
            await replica.Database.OpenConnectionAsync(ct);
        }
        // EF reports a refused connection as an InvalidOperationException around the NpgsqlException ("likely a transient failure").
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException || e.InnerException is NpgsqlException or SocketException)
        {
            await replica.DisposeAsync();
            replicas.MarkDown(e);
            return primary;
        }

        _replica = replica;
        return replica;
    }

    /// <summary>The context reads go to is the replica's.</summary>
    public bool FromReplica(AppDbContext context) => _replica is not null && ReferenceEquals(context, _replica);

    public async ValueTask DisposeAsync()
    {
        if (_replica is not null)
        {
            await _replica.DisposeAsync();
        }
    }
}
