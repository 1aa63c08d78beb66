using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xinfang.Web.Operations;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests.Operations;

/// <summary>
/// /health/live and /health/ready on both providers (issue 16), and the start's schema check: each test has a
/// database of its own, since each breaks it — a migration undone, the database closed, a newer build's
/// migration recorded.
/// </summary>
public abstract class ProbeTests(Provider provider)
{
    private const string FutureMigration = "29990101000000_FromANewerBuild";

    private XinfangApp NewApp()
    {
        if (provider == Provider.Postgres)
        {
            TestServices.RequirePostgres();
        }

        var app = new XinfangApp(provider);
        _ = app.Server; // migrated and seeded
        return app;
    }

    [SkippableFact]
    public async Task Live_and_ready_answer_200_on_a_current_database_and_the_old_health_still_answers()
    {
        using var app = NewApp();
        var client = app.CreateClient();
        var live = await client.GetAsync("/health/live");
        var ready = await client.GetAsync("/health/ready");
        var health = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", await live.Content.ReadAsStringAsync());
        var body = await ready.Content.ReadAsStringAsync();
        Assert.True(ready.StatusCode == HttpStatusCode.OK, body);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("Ready", json.RootElement.GetProperty("status").GetString());
        // No replica configured here: every read is the primary's, and the probe says so (ADR 0170 addendum).
        Assert.Equal("NotConfigured", json.RootElement.GetProperty("replica").GetProperty("state").GetString());
        Assert.Equal("primary", json.RootElement.GetProperty("replica").GetProperty("readsFrom").GetString());
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [SkippableFact]
    public async Task Ready_answers_503_naming_the_migration_when_one_is_pending_while_live_stays_200()
    {
        using var app = NewApp();
        var initial = await app.WithDbAsync(db => Task.FromResult(db.Database.GetMigrations().First()));
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = {initial}"));

        var client = app.CreateClient();
        var ready = await client.GetAsync("/health/ready");
        var body = await ready.Content.ReadAsStringAsync();
        Assert.True(ready.StatusCode == HttpStatusCode.ServiceUnavailable, body);
        Assert.Contains("尚未执行 1 个迁移", body, StringComparison.Ordinal);
        Assert.Contains(initial, body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    [SkippableFact]
    public async Task Ready_answers_503_when_the_database_cannot_be_reached_while_live_stays_200()
    {
        using var app = NewApp();
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        var connection = app.Services.GetRequiredService<IConfiguration>().GetConnectionString("Xinfang")!;
        if (provider == Provider.Postgres)
        {
            // No new connection is allowed and those open are ended: the database is there but unreachable.
            var database = new NpgsqlConnectionStringBuilder(connection).Database;
            await using var admin = new NpgsqlConnection(TestServices.PostgresConnection);
            await admin.OpenAsync();
            await using var close = new NpgsqlCommand($"ALTER DATABASE {database} ALLOW_CONNECTIONS false; SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}' AND pid <> pg_backend_pid();", admin);
            await close.ExecuteNonQueryAsync();
            NpgsqlConnection.ClearAllPools();
        }
        else
        {
            // The file is no longer a database (a disk replaced under the app, a botched restore).
            SqliteConnection.ClearAllPools();
            var file = new SqliteConnectionStringBuilder(connection).DataSource;
            await File.WriteAllBytesAsync(file, Enumerable.Repeat((byte)0x5A, 8192).ToArray());
        }

        var ready = await client.GetAsync("/health/ready");
        var body = await ready.Content.ReadAsStringAsync();
        Assert.True(ready.StatusCode == HttpStatusCode.ServiceUnavailable, body);
        Assert.Contains("数据库无法连接", body, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", body, StringComparison.Ordinal); // the reason names the state, not the connection
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    [SkippableFact]
    public async Task The_app_refuses_to_start_on_a_database_migrated_by_a_newer_build()
    {
        using var app = NewApp();
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") VALUES ({FutureMigration}, '99.0.0')"));

        // The running app is no longer ready: its schema is older than the database's.
        var ready = await app.CreateClient().GetAsync("/health/ready");
        var body = await ready.Content.ReadAsStringAsync();
        Assert.True(ready.StatusCode == HttpStatusCode.ServiceUnavailable, body);
        Assert.Contains("数据库结构比本程序新", body, StringComparison.Ordinal);

        // A new start on the same database stops before serving anything, naming the migration.
        var connection = app.Services.GetRequiredService<IConfiguration>().GetConnectionString("Xinfang")!;
        using var again = new XinfangApp(provider, settings: new Dictionary<string, string> { ["ConnectionStrings:Xinfang"] = connection });
        var failure = Record.Exception(() => again.Server);
        Assert.NotNull(failure);
        var newer = Flatten(failure).OfType<NewerSchemaException>().FirstOrDefault();
        Assert.True(newer is not null, failure.ToString());
        Assert.Equal([FutureMigration], newer.Unknown);
        Assert.Contains(FutureMigration, newer.Message, StringComparison.Ordinal);
        Assert.Contains("不在较新的结构上启动", newer.Message, StringComparison.Ordinal);

        // Nothing was migrated or seeded by the refused start: the history still ends with the newer build's row.
        var last = await app.WithDbAsync(db => db.Database.GetAppliedMigrationsAsync());
        Assert.Equal(FutureMigration, last.Last());
    }

    private static IEnumerable<Exception> Flatten(Exception e)
    {
        yield return e;
        var inner = e is AggregateException a ? a.InnerExceptions : e.InnerException is { } i ? [i] : [];
        foreach (var x in inner.SelectMany(Flatten))
        {
            yield return x;
        }
    }
}

public sealed class SqliteProbeTests() : ProbeTests(Provider.Sqlite);

public sealed class PostgresProbeTests() : ProbeTests(Provider.Postgres);
