using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Xinfang.Web.Data;

/// <summary>Chooses the provider: SQLite by default (a file in the app's data folder), PostgreSQL by configuration.</summary>
public static class DataSetup
{
    public static WebApplicationBuilder AddXinfangData(this WebApplicationBuilder builder)
    {
        var provider = builder.Configuration["Database:Provider"] ?? "Sqlite";
        var connection = builder.Configuration.GetConnectionString("Xinfang");
        if (provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase) || provider.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(connection))
            {
                throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Xinfang is empty.");
            }

            connection = WithPostgresDefaults(connection);
            builder.Services.AddDbContextPool<PostgresAppDbContext>((sp, o) => Common(o.UseNpgsql(connection), sp), PoolSize);
            builder.Services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<PostgresAppDbContext>());
            // The read replica (ADR 0170): dashboards, search and public tracking read there when it is set.
            var replica = builder.Configuration.GetConnectionString(ReplicaConnectionName);
            // Its lag, checked once a second in the background: beyond the limit (or unreachable) reads go to the primary.
            var primary = connection;
            builder.Services.AddSingleton(sp => new ReplicaLagMonitor(primary, replica,
                builder.Configuration.GetValue(ReplicaMaxLagKey, DefaultReplicaMaxLag),
                builder.Configuration.GetValue(ReplicaCheckIntervalKey, TimeSpan.FromSeconds(1)),
                sp.GetRequiredService<ILogger<ReplicaLagMonitor>>()));
            builder.Services.AddSingleton(sp => new ReplicaContexts(replica, sp.GetRequiredService<Deadlines.PetitionClockInterceptor>(), sp.GetRequiredService<ReplicaLagMonitor>()));
        }
        else
        {
            if (string.IsNullOrWhiteSpace(connection))
            {
                var folder = DataFolder(builder.Configuration, builder.Environment);
                connection = $"Data Source={Path.Combine(folder, "xinfang.db")}";
            }

            if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(ReplicaConnectionName)))
            {
                throw new InvalidOperationException($"ConnectionStrings:{ReplicaConnectionName} is set but Database:Provider is SQLite: a read replica is a PostgreSQL standby (docs/operations.md).");
            }

            // A list of ids (a subtree's organisations, a page's items) is one JSON parameter read with json_each, not one
            // parameter per id (EF 10's default): binding a province's hundreds of organisation ids to every statement of
            // a dashboard was a quarter of its CPU, and each list length made a new statement text (issue 16).
            builder.Services.AddDbContextPool<SqliteAppDbContext>((sp, o) => Common(o.UseSqlite(connection, s => s.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter)), sp), PoolSize);
            builder.Services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<SqliteAppDbContext>());
            builder.Services.AddSingleton(sp => new ReplicaLagMonitor(null, null, DefaultReplicaMaxLag, TimeSpan.FromSeconds(1), sp.GetRequiredService<ILogger<ReplicaLagMonitor>>()));
            builder.Services.AddSingleton(sp => new ReplicaContexts(null, sp.GetRequiredService<Deadlines.PetitionClockInterceptor>(), sp.GetRequiredService<ReplicaLagMonitor>()));
        }

        builder.Services.AddHostedService(sp => sp.GetRequiredService<ReplicaLagMonitor>());
        builder.Services.AddScoped<ReadDatabase>();

        return builder;
    }

    /// <summary>The read replica's connection string (ADR 0170): a streaming standby of the primary; unset, every read goes to the primary.</summary>
    public const string ReplicaConnectionName = "XinfangReplica";

    /// <summary>
    /// The longest the replica may be behind the primary and still serve the reads that may lag (ADR 0170, addendum):
    /// measured from WAL positions, so an idle primary is no lag. Default <see cref="DefaultReplicaMaxLag"/>.
    /// </summary>
    public const string ReplicaMaxLagKey = "Xinfang:Database:ReplicaMaxLag";

    /// <summary>How often the replica's lag is checked (default 1 s; one small query on each server per check).</summary>
    public const string ReplicaCheckIntervalKey = "Xinfang:Database:ReplicaCheckInterval";

    /// <summary>
    /// 30 s: PostgreSQL's own <c>max_standby_streaming_delay</c>, the wait a standby allows a long dashboard query before
    /// cancelling it, so normal replay pauses do not send reads away; and well under the time a figure is looked at.
    /// </summary>
    public static readonly TimeSpan DefaultReplicaMaxLag = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Contexts kept for reuse (issue 16, ADR 0180). A context built per request spent more app CPU than the lookup it
    /// served: its options built again, EF's internal provider found by hashing them, and some forty scoped services
    /// (state manager, query compiler, Npgsql's translators) made again, under a lock the requests queued on. A pooled
    /// context keeps them and is reset when its request ends (tracked entities, tracking behaviour, timeouts); the
    /// context holds no request state of its own (the interceptors are singletons, the caller is read from the request).
    /// </summary>
    public const int PoolSize = 256;

    /// <summary>Statements Npgsql keeps prepared per physical connection unless the connection string says otherwise.</summary>
    public const int MaxAutoPrepare = 128;

    /// <summary>
    /// The connection string with Npgsql's automatic preparation on (issue 16, ADR 0154) unless it sets
    /// <c>Max Auto Prepare</c> itself: a statement run twice on a connection is prepared there, so PostgreSQL parses and
    /// plans the app's few dozen hot statements (an item by key and its collections, the session check) once per
    /// connection instead of on every request. Measured on the 1 M database: lookups 350 → 620/s from this alone.
    /// And without the pool's reset (ADR 0182) unless it sets <c>No Reset On Close</c> itself: a connection going back
    /// to the pool is not sent PostgreSQL's session reset, which the next command on it would otherwise wait for (a
    /// request opens and closes its connection once). The app leaves no session state behind: the one setting it makes
    /// (the deadline sweep's plan mode) it resets itself, and <c>SessionStateTests</c> checks that.
    /// </summary>
    public static string WithPostgresDefaults(string connection)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connection);
        if (!connection.Contains("Max Auto Prepare", StringComparison.OrdinalIgnoreCase) && !connection.Contains("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = MaxAutoPrepare;
        }

        if (!connection.Contains("No Reset On Close", StringComparison.OrdinalIgnoreCase) && !connection.Contains("NoResetOnClose", StringComparison.OrdinalIgnoreCase))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }

    private static void Common(DbContextOptionsBuilder options, IServiceProvider services) => options
        .AddInterceptors(services.GetRequiredService<Deadlines.PetitionClockInterceptor>())
        // The interceptors are the app's own singletons, so EF builds one internal provider per app.
        // One app runs per process in production; only test runs start many.
        .ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.ManyServiceProvidersCreatedWarning));

    /// <summary>The app's data folder (App_Data beside the content root unless configured); created if missing.</summary>
    public static string DataFolder(IConfiguration configuration, IHostEnvironment environment)
    {
        var folder = configuration["Xinfang:DataFolder"] ?? Path.Combine(environment.ContentRootPath, "App_Data");
        Directory.CreateDirectory(folder);
        return folder;
    }
}

/// <summary>Lets `dotnet ef migrations add … --context SqliteAppDbContext` build the context without the host.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAppDbContext>
{
    public SqliteAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite("Data Source=design.db").Options);
}

/// <summary>Lets `dotnet ef migrations add … --context PostgresAppDbContext` build the context without the host.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql("Host=127.0.0.1;Database=design").Options);
}
