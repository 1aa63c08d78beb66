using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Npgsql;
using Xinfang.Web.Security;
using Xinfang.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Xinfang.Web.Tests.Security;

/// <summary>
/// Issue 9, "how it is checked": the real app as a child process on 127.0.0.1, clients registering
/// with idempotency keys, <c>kill -9</c> in the middle, a restart, the clients retrying every
/// unacknowledged request with its key. Every acknowledged petition is found exactly once; no
/// request made two. Bounded: 200 registrations from 4 clients per provider.
/// </summary>
public abstract class CrashRetryTests(ITestOutputHelper output)
{
    private const int Clients = 4;
    private const int PerClient = 50;
    private const string Prefix = "崩溃重试";

    protected abstract Provider Provider { get; }

    [SkippableFact]
    public async Task After_kill_9_and_retries_every_acknowledged_petition_exists_once_and_none_twice()
    {
        if (Provider == Provider.Postgres)
        {
            TestServices.RequirePostgres();
        }

        var watch = Stopwatch.StartNew();
        TimeSpan crashedAt = default, restartedAt = default;
        var folder = Path.Combine(Path.GetTempPath(), "xinfang-tests", "crash-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var (connection, drop) = Database(folder);
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var app = Start(folder, connection, port);
        try
        {
            await WaitUntilUpAsync(baseAddress, app);
            output.WriteLine($"first start: up after {watch.Elapsed.TotalSeconds:F1} s");
            var acknowledged = new ConcurrentDictionary<string, string>(); // title → number
            var pending = new ConcurrentQueue<(HttpClient Client, string Key, string Title)>();
            var sent = 0;
            var killed = new TaskCompletionSource();
            var clients = await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => SignInAsync(baseAddress)));

            // Phase 1: every client registers; the app is killed (SIGKILL) once a third has been acknowledged.
            var work = clients.Select((client, c) => Task.Run(async () =>
            {
                for (var i = 0; i < PerClient; i++)
                {
                    var title = $"{Prefix}-{c}-{i}";
                    var key = Guid.NewGuid().ToString();
                    Interlocked.Increment(ref sent);
                    if (killed.Task.IsCompleted)
                    {
                        pending.Enqueue((client, key, title)); // not sent before the crash: sent after the restart
                        continue;
                    }

                    try
                    {
                        var (status, body) = await RegisterAsync(client, key, title);
                        if (status == HttpStatusCode.Created)
                        {
                            acknowledged[title] = body!["number"]!.GetValue<string>();
                            continue;
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                    {
                        // the crash: no answer, so not acknowledged
                    }

                    pending.Enqueue((client, key, title));
                }
            })).ToList();

            while (acknowledged.Count < Clients * PerClient / 3 && !work.All(t => t.IsCompleted))
            {
                await Task.Delay(5);
            }

            app.Kill(entireProcessTree: true); // SIGKILL: no shutdown, no flush
            await app.WaitForExitAsync();
            killed.SetResult();
            await Task.WhenAll(work);
            var atCrash = acknowledged.Count;
            crashedAt = watch.Elapsed;

            // Phase 2: restart on the same database and keys; retry every unacknowledged request with its key.
            app = Start(folder, connection, port);
            await WaitUntilUpAsync(baseAddress, app);
            output.WriteLine($"restart: up after {watch.Elapsed.TotalSeconds:F1} s");
            var again = new Dictionary<HttpClient, HttpClient>();
            foreach (var c in clients)
            {
                again[c] = await SignInAsync(baseAddress); // same staff member: the keys are theirs
            }

            var replayed = 0;
            restartedAt = watch.Elapsed;
            await Task.WhenAll(pending.GroupBy(p => p.Client).Select(mine => Task.Run(async () =>
            {
                foreach (var (client, key, title) in mine)
                {
                    for (var attempt = 0; ; attempt++)
                    {
                        var (status, body) = await RegisterAsync(again[client], key, title);
                        if (status == HttpStatusCode.Created)
                        {
                            acknowledged[title] = body!["number"]!.GetValue<string>();
                            if (body["replayed"] is not null)
                            {
                                Interlocked.Increment(ref replayed);
                            }

                            break;
                        }

                        // 409 while the crashed request's lock runs out (2 s here); nothing else is acceptable.
                        Assert.True(status == HttpStatusCode.Conflict && attempt < 50, $"retry of {title}: {(int)status} {body?.ToJsonString()}");
                        await Task.Delay(200);
                    }
                }
            })));

            Assert.Equal(Clients * PerClient, acknowledged.Count);
            var stored = await TitlesAsync(connection);
            var twice = stored.Where(s => s.Value > 1).Select(s => s.Key).ToList();
            Assert.True(twice.Count == 0, "registered twice: " + string.Join(", ", twice));
            foreach (var (title, number) in acknowledged)
            {
                Assert.True(stored.TryGetValue(title, out var n) && n == 1, $"{title} ({number}) acknowledged but stored {n} times");
            }

            Assert.Equal(Clients * PerClient, stored.Count);
            output.WriteLine($"{Provider}: {sent} requests, {atCrash} acknowledged before kill -9, {pending.Count} retried after restart ({replayed} answered from a stored answer), {stored.Count} stored, none twice; first start and phase 1 {crashedAt.TotalSeconds:F1} s, restart {(restartedAt - crashedAt).TotalSeconds:F1} s, retries {(watch.Elapsed - restartedAt).TotalSeconds:F1} s");
            Assert.True(atCrash < Clients * PerClient, "the app was killed after every request was done: the crash tested nothing");
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(240), $"took {watch.Elapsed}"); // ~25 s idle; two app starts dominate on a loaded machine
        }
        finally
        {
            if (!app.HasExited)
            {
                app.Kill(entireProcessTree: true);
                await app.WaitForExitAsync();
            }

            app.Dispose();
            drop();
        }
    }

    private static async Task<(HttpStatusCode Status, JsonNode? Body)> RegisterAsync(HttpClient client, string key, string title)
    {
        var letter = AppExtensions.Letter(title);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/petitions") { Content = JsonContent.Create(letter, options: XinfangApp.Json) };
        request.Headers.Add(Idempotency.Header, key);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text);
        if (body is JsonObject o && response.Headers.Contains(Idempotency.ReplayedHeader))
        {
            o["replayed"] = true;
        }

        return (response.StatusCode, body);
    }

    private static async Task<HttpClient> SignInAsync(Uri baseAddress)
    {
        var client = new HttpClient(new HttpClientHandler { UseCookies = true, CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        var response = await client.PostAsJsonAsync("/api/auth/login", new { userName = "demo.xihu.registrar", password = Administration.DemoData.DemoPassword });
        Assert.True(response.IsSuccessStatusCode, $"sign-in: {(int)response.StatusCode}");
        return client;
    }

    private Process Start(string folder, string connection, int port)
    {
        var dll = AppDll();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in (string[])
                 [
                     dll, "--urls", $"http://127.0.0.1:{port}", "--contentRoot", Path.GetDirectoryName(dll)!,
                     "--Database:Provider", Provider.ToString(), "--ConnectionStrings:Xinfang", connection, "--Xinfang:DataFolder", folder,
                     "--Xinfang:Demo:Enabled", "true", "--Xinfang:Demo:Petitions", "0",
                     "--Xinfang:Idempotency:Lock", "00:00:02",
                     "--Xinfang:RateLimits:RegistrationsPerMinute", "100000", "--Xinfang:RateLimits:SignInsPerMinute", "100000",
                     "--Logging:LogLevel:Default", "Warning",
                 ])
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                try
                {
                    output.WriteLine("app: " + line);
                }
                catch (InvalidOperationException)
                {
                    // the test has ended
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilUpAsync(Uri baseAddress, Process app)
    {
        using var probe = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(90))
        {
            Assert.False(app.HasExited, $"the app exited with {(app.HasExited ? app.ExitCode : 0)}");
            try
            {
                if ((await probe.GetAsync("/health")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }

            await Task.Delay(200);
        }

        Assert.Fail("the app did not answer /health within 90 s");
    }

    /// <summary>The built app: src/Xinfang.Web's own output of this configuration, else the copy beside the tests.</summary>
    private static string AppDll()
    {
        var here = AppContext.BaseDirectory;
        var configuration = new DirectoryInfo(here).Parent!.Parent!.Name; // …/bin/<Configuration>/net10.0/
        for (var dir = new DirectoryInfo(here); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "Xinfang.Web", "bin", configuration, "net10.0", "Xinfang.Web.dll");
            if (File.Exists(Path.Combine(dir.FullName, "Xinfang.slnx")) && File.Exists(candidate))
            {
                return candidate;
            }
        }

        return Path.Combine(here, "Xinfang.Web.dll");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private (string Connection, Action Drop) Database(string folder)
    {
        if (Provider == Provider.Sqlite)
        {
            return ($"Data Source={Path.Combine(folder, "crash.db")}", () => SqliteConnection.ClearAllPools());
        }

        var admin = TestServices.PostgresConnection!;
        var name = "xinfang_c_" + Guid.NewGuid().ToString("N")[..12];
        using (var c = new NpgsqlConnection(admin))
        {
            c.Open();
            using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", c);
            cmd.ExecuteNonQuery();
        }

        return (new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString, () =>
            TestServices.DropDatabase(name, admin));
    }

    private async Task<Dictionary<string, int>> TitlesAsync(string connection)
    {
        await using var c = Data.DatabaseBackup.Open(Provider.ToString(), connection);
        await c.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT \"Title\", COUNT(*) FROM petitions WHERE \"Title\" LIKE '{Prefix}%' GROUP BY \"Title\"";
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result[reader.GetString(0)] = Convert.ToInt32(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);
        }

        return result;
    }
}

public sealed class CrashRetryOnSqlite(ITestOutputHelper output) : CrashRetryTests(output)
{
    protected override Provider Provider => Provider.Sqlite;
}

public sealed class CrashRetryOnPostgres(ITestOutputHelper output) : CrashRetryTests(output)
{
    protected override Provider Provider => Provider.Postgres;
}
