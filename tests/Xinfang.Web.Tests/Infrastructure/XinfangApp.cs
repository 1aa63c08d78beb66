using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Xinfang.Web.Data;

namespace Xinfang.Web.Tests.Infrastructure;

public enum Provider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// The real app over a fresh database: a temporary SQLite file, or a new PostgreSQL database made
/// from XINFANG_TEST_POSTGRES. The demo jurisdiction and accounts are seeded (no demo petitions),
/// and time is a <see cref="TestClock"/> the tests move.
/// </summary>
public sealed class XinfangApp : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset Start = new(2026, 3, 10, 9, 0, 0, TimeSpan.FromHours(8));

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "xinfang-tests", Guid.NewGuid().ToString("N"));
    private readonly string _connection;
    private readonly string? _postgresDatabase;

    private readonly int _demoPetitions;

    private readonly IReadOnlyDictionary<string, string> _settings;

    /// <param name="provider">The database.</param>
    /// <param name="demoPetitions">How many demo petitions to seed (none by default; the demo test seeds the README's 300).</param>
    /// <param name="start">The fake clock's first instant (<see cref="Start"/> by default).</param>
    /// <param name="settings">Configuration of the test's choosing (a larger rate budget, say), applied last.</param>
    public XinfangApp(Provider provider, int demoPetitions = 0, DateTimeOffset? start = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        _settings = settings ?? new Dictionary<string, string>();
        Provider = provider;
        _demoPetitions = demoPetitions;
        Clock = new TestClock(start ?? Start);
        Directory.CreateDirectory(_folder);
        if (provider == Provider.Postgres)
        {
            var admin = TestServices.PostgresConnection ?? throw new InvalidOperationException("PostgreSQL not configured");
            _postgresDatabase = "xinfang_t_" + Guid.NewGuid().ToString("N")[..12];
            using (var c = new NpgsqlConnection(admin))
            {
                c.Open();
                using var cmd = new NpgsqlCommand($"CREATE DATABASE {_postgresDatabase}", c);
                cmd.ExecuteNonQuery();
            }

            _connection = new NpgsqlConnectionStringBuilder(admin) { Database = _postgresDatabase }.ConnectionString;
        }
        else
        {
            _connection = $"Data Source={Path.Combine(_folder, "test.db")}";
        }
    }

    public Provider Provider { get; }

    /// <summary>The PostgreSQL database made for this app (null on SQLite): the read-replica tests reach it on the standby too.</summary>
    public string? PostgresDatabase => _postgresDatabase;

    public TestClock Clock { get; }

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("ConnectionStrings:Xinfang", _connection);
        builder.UseSetting("Xinfang:DataFolder", _folder);
        builder.UseSetting("Xinfang:Demo:Enabled", "true"); // demo data is opt-in outside Development (issue 9)
        builder.UseSetting("Xinfang:Demo:Petitions", _demoPetitions.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // The tests move the fake clock by hours and use the demo administrator without an authenticator app:
        // the 30-minute idle timeout and the administrators' two-factor rule have their own tests (SessionTests).
        builder.UseSetting("Xinfang:Accounts:IdleTimeout", "08:00:00");
        builder.UseSetting("Xinfang:Accounts:TwoFactorRequiredFor", "None");
        // Every move of the fake clock past a day would retrain the classifier on the test's items (minutes of CPU
        // on two cores for the generated data sets, half of the slowest tests' time); the schedule has its own test
        // (ClassifierScheduleTests), which turns it back on.
        builder.UseSetting("Xinfang:Text:RetrainHours", "0");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(s =>
        {
            s.RemoveAll<TimeProvider>();
            s.AddSingleton<TimeProvider>(Clock);
        });
    }

    /// <summary>A client signed in as one of the demo accounts (cookies kept).</summary>
    public async Task<HttpClient> SignInAsync(string userName)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        var response = await client.PostAsJsonAsync("/api/auth/login", new { userName, password = Administration.DemoData.DemoPassword });
        response.EnsureSuccessStatusCode();
        return client;
    }

    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public void Advance(TimeSpan by) => Clock.Advance(by);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _postgresDatabase is not null)
        {
            TestServices.DropDatabase(_postgresDatabase);
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file on some systems; the temp folder is cleaned by the OS.
        }
    }
}

/// <summary>Which outside services this run has. CI sets XINFANG_REQUIRE_SERVICES=1: then missing means fail, not skip.</summary>
public static class TestServices
{
    /// <summary>
    /// Drops a test's own database. <c>WITH (FORCE)</c> ends the connections still open to it, and fails when one of them
    /// belongs to a role this one may not signal (a CI run failed so in a test's Dispose, session 12): it is tried again
    /// for a few seconds, and a database that cannot be dropped is left for the cluster's next reset rather than failing
    /// the test whose work is already judged.
    /// </summary>
    public static void DropDatabase(string name, string? admin = null)
    {
        NpgsqlConnection.ClearAllPools();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var c = new NpgsqlConnection(admin ?? PostgresConnection);
                c.Open();
                using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", c);
                cmd.ExecuteNonQuery();
                return;
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse)
            {
                if (attempt == 20)
                {
                    Console.Error.WriteLine($"test database {name} left in place: {e.MessageText}");
                    return;
                }

                Thread.Sleep(250);
            }
        }
    }

    public static string? PostgresConnection => Environment.GetEnvironmentVariable("XINFANG_TEST_POSTGRES") is { Length: > 0 } c ? c : null;

    public static bool Required => Environment.GetEnvironmentVariable("XINFANG_REQUIRE_SERVICES") == "1";

    /// <summary>A streaming standby of XINFANG_TEST_POSTGRES's cluster (.ci/start-replica), its xinfang_test database.</summary>
    public static string? ReplicaConnection => Environment.GetEnvironmentVariable("XINFANG_TEST_POSTGRES_REPLICA") is { Length: > 0 } c ? c : null;

    public static void RequireReplica()
    {
        RequirePostgres();
        if (ReplicaConnection is null)
        {
            if (Required)
            {
                throw new InvalidOperationException("XINFANG_REQUIRE_SERVICES=1 but XINFANG_TEST_POSTGRES_REPLICA is not set: the read-replica tests must run (.ci/start-replica).");
            }

            Skip.If(true, "Read replica not configured (run .ci/start-replica and set XINFANG_TEST_POSTGRES_REPLICA to run these tests)");
        }
    }

    public static void RequirePostgres()
    {
        if (PostgresConnection is null)
        {
            if (Required)
            {
                throw new InvalidOperationException("XINFANG_REQUIRE_SERVICES=1 but XINFANG_TEST_POSTGRES is not set: PostgreSQL tests must run.");
            }

            Skip.If(true, "PostgreSQL not configured (set XINFANG_TEST_POSTGRES to run these tests)");
        }
    }
}
