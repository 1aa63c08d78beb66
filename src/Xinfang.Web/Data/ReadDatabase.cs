using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Xinfang.Web.Data;

/// <summary>
/// The read replica's contexts (ADR 0170): built from <c>ConnectionStrings:XinfangReplica</c> when it is set (PostgreSQL
/// only), not tracking, refusing to save. One per process; <see cref="ReadDatabase"/> takes one per request.
/// </summary>
public sealed class ReplicaContexts
{
    /// <summary>How long reads stay on the primary after the replica could not be reached, before it is tried again.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);

    private readonly DbContextOptions<PostgresAppDbContext>? _options;
    private readonly ILogger<ReplicaContexts> _log;
    private long _downUntilTicks;

    public ReplicaContexts(string? connection, Deadlines.PetitionClockInterceptor clockInterceptor, ILogger<ReplicaContexts> log)
    {
        _log = log;
        if (!string.IsNullOrWhiteSpace(connection))
        {
            _options = new DbContextOptionsBuilder<PostgresAppDbContext>()
                .UseNpgsql(DataSetup.WithPostgresDefaults(connection))
                .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking)
                // Petitions read there get their calendar and policy like any other (they are not stored per item).
                .AddInterceptors(clockInterceptor, new RefuseWrites())
                .ConfigureWarnings(w => w.Ignore(CoreEventId.ManyServiceProvidersCreatedWarning))
                .Options;
        }
    }

    /// <summary>A replica is configured.</summary>
    public bool Configured => _options is not null;

    /// <summary>A replica is configured and was not found unreachable in the last <see cref="RetryAfter"/>.</summary>
    public bool Usable => Configured && Environment.TickCount64 >= Interlocked.Read(ref _downUntilTicks);

    internal PostgresAppDbContext Create() => new(_options!);

    internal void MarkDown(Exception reason)
    {
        Interlocked.Exchange(ref _downUntilTicks, Environment.TickCount64 + (long)RetryAfter.TotalMilliseconds);
        _log.LogWarning(reason, "Read replica unreachable: reads go to the primary for {Seconds} s", RetryAfter.TotalSeconds);
    }

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
/// Lag: the replica may be a moment behind; the petitioner's lookup reads the primary again on a miss
/// (Portal/PetitionerKey), figures and search accept the moment.
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

        if (!replicas.Usable)
        {
            return primary;
        }

        var replica = replicas.Create();
        try
        {
            // Opened here and kept open for the request's queries: a replica that is down costs one failed
            // open every RetryAfter, not a failed page.
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
