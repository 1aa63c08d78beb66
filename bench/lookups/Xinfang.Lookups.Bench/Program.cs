using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Npgsql;

// Usage: Xinfang.Lookups.Bench lookups|intake --url http://127.0.0.1:5189 (--sqlite FILE | --postgres CONNECTION)
//          [--pid APP_PID] [--clients 1,4,16] [--seconds 10] [--warmup 3] [--items 200] [--prewarm 120]
// lookups: registers --items letters, then at each client count: GET /api/petitions/{id}, GET /api/petitions/by-number/{n},
//          POST /api/public/progress (number + query code), and the item's row with its history count read directly
//          from the database (one prepared statement per client connection).
// intake:  at each client count: POST /api/petitions; the raw reference: the rows one registration writes, captured from
//          a registration made through the app and replayed with fresh keys (RegistrationReplay); and the minimal rows: the
//          counter UPDATE … RETURNING and a petition-sized row + one history row in one transaction, into scratch tables.
// Prints requests/s, p50/p99 latency, errors, and — with --pid — the app's CPU milliseconds per request (from /proc),
// which is what the request costs whatever the load on the machine. 127.0.0.1 only.
var o = Options.Parse(args);
if (!o.Url.IsLoopback)
{
    Console.Error.WriteLine("refusing a non-loopback address: the benchmark writes petitions");
    return 2;
}

using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 64, UseCookies = false };
using var http = new HttpClient(handler) { BaseAddress = o.Url, Timeout = TimeSpan.FromSeconds(60) };
var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
Console.WriteLine($"Xinfang {o.Mode} benchmark: {o.Url} · {(o.Postgres is null ? "SQLite" : "PostgreSQL")} · clients {string.Join(",", o.Clients)} · {o.Seconds} s per phase · {TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm} UTC");
Console.WriteLine($"machine: {Environment.ProcessorCount} logical CPUs, load average {LoadAverage()}");
var cookie = await SignInAsync("demo.xihu.registrar");
var rows = new List<string>();
string? firstError = null;

if (o.Mode == "lookups")
{
    var items = new List<(Guid Id, string Number, string Code)>();
    for (var i = 0; i < o.Items; i++)
    {
        var (status, body) = await RegisterAsync(i);
        if (status != HttpStatusCode.Created)
        {
            Console.Error.WriteLine($"registration answered {(int)status}");
            return 1;
        }

        items.Add((body!["id"]!.GetValue<Guid>(), body["number"]!.GetValue<string>(), body["queryCode"]!.GetValue<string>()));
    }

    (string Name, Func<int, Task<HttpStatusCode>> One)[] endpoints =
    [
        ("GET /api/petitions/{id}", n => GetAsync($"/api/petitions/{items[n % items.Count].Id}")),
        ("GET /api/petitions/by-number/{n}", n => GetAsync($"/api/petitions/by-number/{items[n % items.Count].Number}")),
        ("POST /api/public/progress", n => PostAsync("/api/public/progress", new { number = items[n % items.Count].Number, queryCode = items[n % items.Count].Code }, null)),
    ];

    // The three endpoints in turn, 16 requests each, so the request path they share is warm before the first timed phase.
    await PrewarmAsync(n => endpoints[n / 16 % endpoints.Length].One(n));

    foreach (var clients in o.Clients)
    {
        foreach (var (name, one) in endpoints)
        {
            rows.Add(await RunAsync(name, clients, one));
        }

        rows.Add(await RunRawAsync("raw: row + history count", clients, RawLookupSql(), (cmd, n) => ReadAsync(cmd, items[n % items.Count].Id)));
    }
}
else
{
    // The raw reference replays the rows one registration writes (RegistrationReplay): captured once, here, from a
    // registration made through the app; the minimal rows (number, item, history row) stay beside it. One registration
    // first, so the year's number counter exists (as in a running bureau) and the captured one updates it.
    await RegisterAsync(-2);
    var replay = await RegistrationReplay.CaptureAsync(Open, o.Postgres is not null, async () =>
    {
        var (status, body) = await RegisterAsync(-1);
        if (status != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"registration answered {(int)status}");
        }

        return (body!["id"]!.GetValue<Guid>(), body["number"]!.GetValue<string>());
    });
    Console.WriteLine($"one registration writes: {replay.Summary}");
    await PrewarmAsync(n => PostAsync("/api/petitions", Letter(n), cookie));
    await RawIntakeSetupAsync();
    try
    {
        foreach (var clients in o.Clients)
        {
            rows.Add(await RunAsync("POST /api/petitions", clients, n => PostAsync("/api/petitions", Letter(n), cookie)));
            rows.Add(await RunRawAsync($"raw: the same {replay.Rows} rows + counter + chain head", clients, null, (cmd, _) => replay.RunAsync(cmd.Connection!)));
            rows.Add(await RunRawAsync("raw: number + item row + history row", clients, null, RawInsertAsync));
        }
    }
    finally
    {
        await RawExecuteAsync("DROP TABLE IF EXISTS bench_items; DROP TABLE IF EXISTS bench_history; DROP TABLE IF EXISTS bench_counters;");
    }
}

Console.WriteLine();
Console.WriteLine($"| what | clients | requests/s | p50 ms | p99 ms | app CPU ms/request | errors | load |");
Console.WriteLine("|---|---|---|---|---|---|---|---|");
rows.ForEach(Console.WriteLine);
return 0;

async Task<string> RunAsync(string name, int clients, Func<int, Task<HttpStatusCode>> one)
{
    await one(0); // the first call of an endpoint (JIT, caches) is not a timed warm-up's to absorb
    await PhaseAsync(o.Warmup, clients, async n => ((int)await one(n) is >= 200 and < 300, 0.0), null);
    var samples = new List<(bool Ok, double Ms)>[clients];
    var cpu = AppCpuMs();
    var sw = Stopwatch.StartNew();
    await PhaseAsync(o.Seconds, clients, async n =>
    {
        var t = Stopwatch.GetTimestamp();
        var ok = (int)await one(n) is >= 200 and < 300;
        return (ok, Stopwatch.GetElapsedTime(t).TotalMilliseconds);
    }, samples);
    return Row(name, clients, samples, sw.Elapsed.TotalSeconds, cpu is null ? null : AppCpuMs() - cpu);
}

async Task<string> RunRawAsync(string name, int clients, string? sql, Func<DbCommand, int, Task> one)
{
    var connections = new DbConnection[clients];
    var commands = new DbCommand[clients];
    for (var c = 0; c < clients; c++)
    {
        connections[c] = Open();
        if (sql is not null)
        {
            commands[c] = connections[c].CreateCommand();
            commands[c].CommandText = sql;
            Bind(commands[c], "id", Key(Guid.Empty));
            commands[c].Prepare();
        }
        else
        {
            commands[c] = connections[c].CreateCommand();
        }
    }

    try
    {
        var samples = new List<(bool Ok, double Ms)>[clients];
        await PhaseOnAsync(o.Warmup, clients, async (n, c) => { await one(commands[c], n); return (true, 0.0); }, null);
        var sw = Stopwatch.StartNew();
        await PhaseOnAsync(o.Seconds, clients, async (n, c) =>
        {
            var t = Stopwatch.GetTimestamp();
            await one(commands[c], n);
            return (true, Stopwatch.GetElapsedTime(t).TotalMilliseconds);
        }, samples);
        return Row(name, clients, samples, sw.Elapsed.TotalSeconds, null);
    }
    finally
    {
        foreach (var c in connections)
        {
            await c.DisposeAsync();
        }
    }
}

Task PhaseAsync(int seconds, int clients, Func<int, Task<(bool, double)>> one, List<(bool, double)>[]? samples) =>
    PhaseOnAsync(seconds, clients, (n, _) => one(n), samples);

async Task PhaseOnAsync(int seconds, int clients, Func<int, int, Task<(bool, double)>> one, List<(bool, double)>[]? samples)
{
    var until = Stopwatch.GetTimestamp() + (seconds * Stopwatch.Frequency);
    var counter = 0;
    await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
    {
        var mine = samples is null ? null : samples[c] = [];
        while (Stopwatch.GetTimestamp() < until)
        {
            try
            {
                // Not `mine?.Add(await one(…))`: with no samples (a warm-up) the null-conditional skips the whole call,
                // and until session 15 every warm-up phase spun here without sending a request.
                var sample = await one(Interlocked.Increment(ref counter), c);
                mine?.Add(sample);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or DbException or InvalidOperationException)
            {
                if (Interlocked.Exchange(ref firstError, e.Message) is null)
                {
                    Console.Error.WriteLine($"first error: {e.GetType().Name}: {e.Message}");
                }

                mine?.Add((false, 0));
            }
        }
    })));
}

string Row(string name, int clients, List<(bool Ok, double Ms)>[] samples, double seconds, double? cpuMs)
{
    var all = samples.SelectMany(s => s).ToList();
    var ok = all.Where(s => s.Ok).Select(s => s.Ms).Order().ToArray();
    string P(double q) => ok.Length == 0 ? "—" : ok[Math.Min(ok.Length - 1, (int)Math.Ceiling(q * ok.Length) - 1)].ToString("0.0", CultureInfo.InvariantCulture);
    var cpu = cpuMs is { } ms && ok.Length > 0 ? (ms / ok.Length).ToString("0.00", CultureInfo.InvariantCulture) : "—";
    var row = $"| {name} | {clients} | {(ok.Length / seconds).ToString("0", CultureInfo.InvariantCulture)} | {P(.50)} | {P(.99)} | {cpu} | {all.Count - ok.Length} | {LoadAverage()} |";
    Console.WriteLine(row);
    return row;
}

double? AppCpuMs()
{
    if (o.Pid is not { } pid || !File.Exists($"/proc/{pid}/stat"))
    {
        return null;
    }

    // Fields 14 and 15 (utime, stime) in clock ticks, after the command name in parentheses.
    var stat = File.ReadAllText($"/proc/{pid}/stat");
    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    return ticks * 10.0; // USER_HZ is 100 on Linux
}

// The app's code is not at its steady speed after a few seconds: tiered compilation (tier 0, instrumented, tier 1) goes
// on under load for a minute or more on the 2-core VM (session 15: a lone client's registrations cost 25.6 ms of app CPU
// in the first 20 s, 10.5 and 9.1 in the next two 20 s phases; perf put the tiered-compilation thread at 52 % of the
// app's CPU half a minute in, 1.8 % after three minutes). Until session 15 the per-phase warm-ups sent nothing (see
// PhaseOnAsync), so every run's first phase (intake at one client, lookups by id) was measured inside that warm-up.
// --prewarm SECONDS (default 120) sends requests at the first client count before any timed phase and prints the app's
// CPU per request in 20 s steps, so a reader sees where it flattened.
async Task PrewarmAsync(Func<int, Task<HttpStatusCode>> one)
{
    for (var left = o.Prewarm; left > 0; left -= 20)
    {
        var seconds = Math.Min(20, left);
        var samples = new List<(bool Ok, double Ms)>[o.Clients[0]];
        var cpu = AppCpuMs();
        await PhaseAsync(seconds, o.Clients[0], async n => ((int)await one(n) is >= 200 and < 300, 0.0), samples);
        var ok = samples.Sum(s => s.Count(x => x.Ok));
        var perRequest = cpu is null || ok == 0 ? "—" : ((AppCpuMs()!.Value - cpu.Value) / ok).ToString("0.00", CultureInfo.InvariantCulture);
        Console.WriteLine($"pre-warm at {o.Clients[0]} clients: {ok / (double)seconds:0}/s, app CPU {perRequest} ms/request, errors {samples.Sum(s => s.Count) - ok}");
    }
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

async Task<string> SignInAsync(string userName)
{
    var response = await http.PostAsJsonAsync("/api/auth/login", new { userName, password = "Xinfang-demo-2026" }, json);
    response.EnsureSuccessStatusCode();
    return string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
}

async Task<(HttpStatusCode, JsonNode?)> RegisterAsync(int n)
{
    using var request = new HttpRequestMessage(HttpMethod.Post, "/api/petitions") { Content = JsonContent.Create(Letter(n), options: json) };
    request.Headers.Add("Cookie", cookie);
    using var response = await http.SendAsync(request);
    var text = await response.Content.ReadAsStringAsync();
    return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
}

async Task<HttpStatusCode> GetAsync(string path)
{
    using var request = new HttpRequestMessage(HttpMethod.Get, path);
    request.Headers.Add("Cookie", cookie);
    using var response = await http.SendAsync(request);
    await response.Content.LoadIntoBufferAsync();
    return response.StatusCode;
}

async Task<HttpStatusCode> PostAsync(string path, object body, string? withCookie)
{
    using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: json) };
    if (withCookie is not null)
    {
        request.Headers.Add("Cookie", withCookie);
    }

    using var response = await http.SendAsync(request);
    await response.Content.LoadIntoBufferAsync();
    return response.StatusCode;
}

DbConnection Open()
{
    DbConnection c = o.Postgres is { } pg ? new NpgsqlConnection(pg) : new SqliteConnection($"Data Source={o.Sqlite};Pooling=true");
    c.Open();
    if (c is SqliteConnection)
    {
        using var wal = c.CreateCommand();
        wal.CommandText = "PRAGMA busy_timeout = 30000;";
        wal.ExecuteNonQuery();
    }

    return c;
}

// EF keeps a Guid as upper-case text on SQLite, as uuid on PostgreSQL.
object Key(Guid id) => o.Postgres is null ? id.ToString().ToUpperInvariant() : id;

async Task ReadAsync(DbCommand cmd, Guid id)
{
    Bind(cmd, "id", Key(id));
    await using var reader = await cmd.ExecuteReaderAsync();
    if (!await reader.ReadAsync())
    {
        throw new InvalidOperationException("the item was not found: the raw query does not match the app's keys");
    }
}

static void Bind(DbCommand cmd, string name, object value)
{
    if (cmd.Parameters.Contains(name))
    {
        cmd.Parameters[name].Value = value;
        return;
    }

    var p = cmd.CreateParameter();
    p.ParameterName = name;
    p.Value = value;
    cmd.Parameters.Add(p);
}

// The item's row with its history count, as the issue's reference: what the database does for one lookup at the least.
string RawLookupSql() => o.Postgres is null
    ? """SELECT p.*, (SELECT count(*) FROM petition_history h WHERE h."PetitionId" = p."Id") FROM petitions p WHERE p."Id" = @id"""
    : """SELECT p.*, (SELECT count(*) FROM petition_history h WHERE h."PetitionId" = p."Id") FROM petitions p WHERE p."Id" = @id""";

async Task RawIntakeSetupAsync() => await RawExecuteAsync(o.Postgres is null
    ? """
      CREATE TABLE IF NOT EXISTS bench_counters (org TEXT, year INTEGER, next INTEGER, PRIMARY KEY (org, year));
      CREATE TABLE IF NOT EXISTS bench_items (id TEXT PRIMARY KEY, number TEXT, title TEXT, content TEXT, state TEXT, registered_at TEXT, petitioner TEXT);
      CREATE TABLE IF NOT EXISTS bench_history (item TEXT, seq INTEGER, action TEXT, at TEXT, summary TEXT, PRIMARY KEY (item, seq));
      INSERT OR IGNORE INTO bench_counters VALUES ('330106XFJ', 2026, 0);
      """
    : """
      CREATE TABLE IF NOT EXISTS bench_counters (org text, year int, next int, PRIMARY KEY (org, year));
      CREATE TABLE IF NOT EXISTS bench_items (id uuid PRIMARY KEY, number text, title text, content text, state text, registered_at timestamptz, petitioner text);
      CREATE TABLE IF NOT EXISTS bench_history (item uuid, seq int, action text, at timestamptz, summary text, PRIMARY KEY (item, seq));
      INSERT INTO bench_counters VALUES ('330106XFJ', 2026, 0) ON CONFLICT DO NOTHING;
      """);

async Task RawExecuteAsync(string sql)
{
    await using var c = Open();
    await using var cmd = c.CreateCommand();
    cmd.CommandText = sql;
    await cmd.ExecuteNonQueryAsync();
}

// The minimal rows of one registration: the number (UPDATE … RETURNING), the item and its first history row, one commit.
async Task RawInsertAsync(DbCommand cmd, int n)
{
    var c = cmd.Connection!;
    var counter = c.CreateCommand();
    counter.CommandText = "UPDATE bench_counters SET next = next + 1 WHERE org = '330106XFJ' AND year = 2026 RETURNING next";
    var next = Convert.ToInt32(await counter.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    await using var tx = await c.BeginTransactionAsync();
    await using var insert = c.CreateCommand();
    insert.Transaction = tx;
    var id = Guid.CreateVersion7();
    insert.CommandText = "INSERT INTO bench_items VALUES (@id, @number, @title, @content, 'Registered', @at, @petitioner); INSERT INTO bench_history VALUES (@id, 1, 'Register', @at, '登记');";
    Bind(insert, "id", o.Postgres is null ? id.ToString() : id);
    Bind(insert, "number", $"330106XFJ-2026-{next:D6}");
    Bind(insert, "title", $"小区物业乱收停车费（压测{n}）");
    Bind(insert, "content", "物业公司今年起每月加收停车管理费两百元，没有任何公示，请有关部门查处。");
    Bind(insert, "at", o.Postgres is null ? TimeProvider.System.GetUtcNow().UtcDateTime.ToString("O") : TimeProvider.System.GetUtcNow().UtcDateTime);
    Bind(insert, "petitioner", "王建国 11010519491231002X 13912345678 杭州市西湖区北山街道1幢101室");
    await insert.ExecuteNonQueryAsync();
    await tx.CommitAsync();
}

static object Letter(int n) => new
{
    form = "Letter",
    title = $"小区物业乱收停车费（压测{n}）",
    content = "物业公司今年起每月加收停车管理费两百元，没有任何公示，请有关部门查处。",
    petitioners = new[] { new { name = "王建国", idNumber = "11010519491231002X", phone = "13912345678", address = "杭州市西湖区北山街道1幢101室" } },
};

internal sealed record Options(string Mode, Uri Url, string? Sqlite, string? Postgres, int? Pid, int[] Clients, int Seconds, int Warmup, int Items, int Prewarm)
{
    public static Options Parse(string[] args)
    {
        string? Arg(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        return new Options(
            args.FirstOrDefault() is "intake" ? "intake" : "lookups",
            new Uri(Arg("--url") ?? "http://127.0.0.1:5189"),
            Arg("--sqlite"),
            Arg("--postgres"),
            Arg("--pid") is { } pid ? int.Parse(pid, CultureInfo.InvariantCulture) : null,
            (Arg("--clients") ?? "1,4,16").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray(),
            int.Parse(Arg("--seconds") ?? "10", CultureInfo.InvariantCulture),
            int.Parse(Arg("--warmup") ?? "3", CultureInfo.InvariantCulture),
            int.Parse(Arg("--items") ?? "200", CultureInfo.InvariantCulture),
            int.Parse(Arg("--prewarm") ?? "120", CultureInfo.InvariantCulture));
    }
}
