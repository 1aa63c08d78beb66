using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;
using Xinfang.Web.Data;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests.Replica;

/// <summary>
/// The tests that read from the one standby (.ci/start-replica) share this collection, so they run one at a time: a
/// test that pauses replay pauses it for every app reading there, and one that waits for the standby to catch up must
/// not find it paused by another.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ReplicaCollection
{
    public const string Name = "Read replica (one standby, replay paused by some tests)";
}

/// <summary>The standby the replica tests read from, and the app set up to read from it.</summary>
internal static class Standby
{
    /// <summary>An app on a new database of the primary, reading from the same database on the standby (or on <paramref name="port"/> of this machine).</summary>
    public static XinfangApp NewApp(out string replica, int? port = null, int? timeoutSeconds = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var all = new Dictionary<string, string>(settings ?? new Dictionary<string, string>());
        var app = new XinfangApp(Provider.Postgres, settings: all);
        var builder = new NpgsqlConnectionStringBuilder(TestServices.ReplicaConnection) { Database = app.PostgresDatabase };
        if (port is { } p)
        {
            builder.Host = "127.0.0.1";
            builder.Port = p;
            builder.Timeout = 3;
        }

        if (timeoutSeconds is { } t)
        {
            builder.Timeout = t;
        }

        replica = builder.ConnectionString;
        // Read when the host is built (the first use of app.Server), so it may be set after the database is made.
        all["ConnectionStrings:" + DataSetup.ReplicaConnectionName] = replica;
        return app;
    }

    /// <summary>A client of <paramref name="app"/> signed in as a demo account (for a factory derived with WithWebHostBuilder).</summary>
    public static async Task<HttpClient> SignInAsync(WebApplicationFactory<Program> app, string userName)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        var response = await client.PostAsJsonAsync("/api/auth/login", new { userName, password = Administration.DemoData.DemoPassword });
        response.EnsureSuccessStatusCode();
        return client;
    }

    /// <summary>/health/ready's replica part once its state is <paramref name="state"/> (the lag is checked once a second), with the whole answer.</summary>
    public static async Task<(JsonElement Replica, JsonElement Body)> ReadyWhenAsync(HttpClient client, string state, TimeSpan? within = null)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var last = "";
        while (true)
        {
            var ready = await client.GetAsync("/health/ready");
            last = await ready.Content.ReadAsStringAsync();
            Assert.True(ready.IsSuccessStatusCode, $"{(int)ready.StatusCode} {last}");
            var body = JsonDocument.Parse(last).RootElement;
            var replica = body.GetProperty("replica");
            if (replica.GetProperty("state").GetString() == state)
            {
                return (replica, body);
            }

            if (watch.Elapsed > (within ?? TimeSpan.FromSeconds(60)))
            {
                Assert.Fail($"/health/ready did not report the replica {state} within {within ?? TimeSpan.FromSeconds(60)}: {last}");
            }

            await Task.Delay(200);
        }
    }

    public static async Task<long> CountOnStandbyAsync(string replica, string number)
    {
        await using var c = new NpgsqlConnection(replica);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM petitions WHERE \"Number\" = @n", c);
        cmd.Parameters.AddWithValue("n", number);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>Waits until the standby has replayed everything the primary has written so far (the app's database included).</summary>
    public static async Task CatchUpAsync()
    {
        string lsn;
        await using (var primary = new NpgsqlConnection(TestServices.PostgresConnection))
        {
            await primary.OpenAsync();
            await using var cmd = new NpgsqlCommand("SELECT pg_current_wal_lsn()::text", primary);
            lsn = (string)(await cmd.ExecuteScalarAsync())!;
        }

        await using var standby = new NpgsqlConnection(TestServices.ReplicaConnection);
        await standby.OpenAsync();
        for (var i = 0; i < 600; i++)
        {
            await using var cmd = new NpgsqlCommand("SELECT pg_last_wal_replay_lsn() >= @lsn::pg_lsn", standby);
            cmd.Parameters.AddWithValue("lsn", lsn);
            if ((bool)(await cmd.ExecuteScalarAsync())!)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The standby did not replay up to {lsn} within a minute.");
    }

    /// <summary>Pauses replay on the standby (the test role may: .ci/start-replica grants it). Resume in a finally.</summary>
    public static async Task PauseReplayAsync()
    {
        await using var standby = new NpgsqlConnection(TestServices.ReplicaConnection);
        await standby.OpenAsync();
        await using (var pause = new NpgsqlCommand("SELECT pg_wal_replay_pause()", standby))
        {
            await pause.ExecuteNonQueryAsync();
        }

        // A pause is requested, then takes effect between two records.
        for (var i = 0; i < 100; i++)
        {
            await using var state = new NpgsqlCommand("SELECT pg_get_wal_replay_pause_state()", standby);
            if ((string)(await state.ExecuteScalarAsync())! == "paused")
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The standby did not pause its replay.");
    }

    public static async Task ResumeReplayAsync()
    {
        await using var standby = new NpgsqlConnection(TestServices.ReplicaConnection);
        await standby.OpenAsync();
        await using var resume = new NpgsqlCommand("SELECT pg_wal_replay_resume()", standby);
        await resume.ExecuteNonQueryAsync();
    }
}
