using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

// Usage: Xinfang.Portal.Bench --url http://127.0.0.1:5188 [--clients 16] [--seconds 30] [--warmup 5] [--only public|staff]
// Runs two phases one after the other, each with N concurrent clients for a fixed time:
//   public: GET /api/public/challenge, answer it, POST /api/public/petitions (网上信访, as a petitioner's browser would);
//   staff:  POST /api/petitions as the signed-in demo registrar (a letter).
// Prints requests/s, p50/p95/p99/max latency of the POST, and errors by status. The app must allow the load
// (bench/portal/run raises the rate limits of the app it starts); 127.0.0.1 only.
var options = Options.Parse(args);
if (!options.Url.IsLoopback)
{
    Console.Error.WriteLine("refusing a non-loopback address: the benchmark writes petitions");
    return 2;
}

using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = options.Clients * 2, UseCookies = false };
using var http = new HttpClient(handler) { BaseAddress = options.Url, Timeout = TimeSpan.FromSeconds(60) };
var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);

Console.WriteLine($"Xinfang portal benchmark: {options.Url} · {options.Clients} clients · {options.Seconds} s per phase (after {options.Warmup} s warm-up) · {TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm} UTC");
Console.WriteLine($"machine: {Environment.ProcessorCount} logical CPUs, {Environment.OSVersion}, .NET {Environment.Version}");
var results = new List<Result>();

if (options.Only is null or "public")
{
    var probe = await http.GetAsync("/api/public/challenge");
    if (probe.StatusCode == HttpStatusCode.NotFound)
    {
        Console.WriteLine("public: GET /api/public/challenge answers 404 — the online-submission endpoint is not in this build (TODO: run again once portal-submit is merged)");
    }
    else
    {
        results.Add(await RunAsync("public  POST /api/public/petitions", c => SubmitOnlineAsync(c)));
    }
}

if (options.Only is null or "staff")
{
    var cookie = await SignInAsync("demo.xihu.registrar");
    results.Add(await RunAsync("staff   POST /api/petitions", c => RegisterAsync(cookie, c)));
}

Console.WriteLine();
Console.WriteLine("| phase | requests | requests/s | p50 ms | p95 ms | p99 ms | max ms | errors |");
Console.WriteLine("|---|---|---|---|---|---|---|---|");
foreach (var r in results)
{
    Console.WriteLine(r.Row());
}

return results.Any(r => r.Ok == 0) ? 1 : 0;

async Task<Result> RunAsync(string name, Func<int, Task<(HttpStatusCode Status, double Ms)>> one)
{
    Console.WriteLine($"{name}: warming up…");
    await Phase(TimeSpan.FromSeconds(options.Warmup), one, null);
    var samples = new List<(HttpStatusCode, double)>[options.Clients];
    var sw = Stopwatch.StartNew();
    await Phase(TimeSpan.FromSeconds(options.Seconds), one, samples);
    var elapsed = sw.Elapsed.TotalSeconds;
    var all = samples.SelectMany(s => s).ToList();
    var result = new Result(name, all, elapsed);
    Console.WriteLine(result.Row());
    return result;
}

async Task Phase(TimeSpan length, Func<int, Task<(HttpStatusCode, double)>> one, List<(HttpStatusCode, double)>[]? samples)
{
    var until = Stopwatch.GetTimestamp() + (long)(length.TotalSeconds * Stopwatch.Frequency);
    var counter = 0;
    await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(async c =>
    {
        var mine = samples is null ? null : samples[c] = [];
        while (Stopwatch.GetTimestamp() < until)
        {
            try
            {
                var sample = await one(Interlocked.Increment(ref counter));
                mine?.Add(sample);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                mine?.Add((0, 0));
            }
        }
    }));
}

async Task<string> SignInAsync(string userName)
{
    var response = await http.PostAsJsonAsync("/api/auth/login", new { userName, password = "Xinfang-demo-2026" }, json);
    response.EnsureSuccessStatusCode();
    return string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
}

async Task<(HttpStatusCode, double)> RegisterAsync(string cookie, int n)
{
    using var request = new HttpRequestMessage(HttpMethod.Post, "/api/petitions") { Content = JsonContent.Create(Letter(n), options: json) };
    request.Headers.Add("Cookie", cookie);
    var sw = Stopwatch.StartNew();
    using var response = await http.SendAsync(request);
    await response.Content.LoadIntoBufferAsync();
    return (response.StatusCode, sw.Elapsed.TotalMilliseconds);
}

async Task<(HttpStatusCode, double)> SubmitOnlineAsync(int n)
{
    // The challenge is part of a real submission but not what is measured: only the POST is timed.
    var challenge = await http.GetFromJsonAsync<JsonNode>("/api/public/challenge", json) ?? throw new HttpRequestException("no challenge");
    var answer = Challenge.Solve((string)challenge["question"]!);
    var body = new
    {
        name = "王建国",
        idNumber = "11010519491231002X",
        phone = "13912345678",
        address = "杭州市西湖区北山街道1幢101室",
        purpose = "Demand",
        demand = $"小区物业乱收停车费（压测{n}）",
        facts = "物业公司今年起每月加收停车管理费两百元，没有任何公示，请有关部门查处。",
        issueLocationCode = "330106",
        addressedTo = (Guid?)null,
        anonymous = false,
        consentToPublish = false,
        challengeToken = (string)challenge["token"]!,
        challengeAnswer = answer.ToString(CultureInfo.InvariantCulture),
    };
    var sw = Stopwatch.StartNew();
    using var response = await http.PostAsJsonAsync("/api/public/petitions", body, json);
    await response.Content.LoadIntoBufferAsync();
    return (response.StatusCode, sw.Elapsed.TotalMilliseconds);
}

static object Letter(int n) => new
{
    form = "Letter",
    title = $"小区物业乱收停车费（压测{n}）",
    content = "物业公司今年起每月加收停车管理费两百元，没有任何公示，请有关部门查处。",
    petitioners = new[] { new { name = "王建国", idNumber = "11010519491231002X", phone = "13912345678", address = "杭州市西湖区北山街道1幢101室" } },
};

internal sealed record Options(Uri Url, int Clients, int Seconds, int Warmup, string? Only)
{
    public static Options Parse(string[] args)
    {
        string? Arg(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        return new Options(
            new Uri(Arg("--url") ?? "http://127.0.0.1:5188"),
            int.Parse(Arg("--clients") ?? "16", CultureInfo.InvariantCulture),
            int.Parse(Arg("--seconds") ?? "30", CultureInfo.InvariantCulture),
            int.Parse(Arg("--warmup") ?? "5", CultureInfo.InvariantCulture),
            Arg("--only"));
    }
}

internal sealed record Result(string Name, List<(HttpStatusCode Status, double Ms)> Samples, double Seconds)
{
    public int Ok => Samples.Count(s => (int)s.Status is >= 200 and < 300);

    public string Row()
    {
        var ok = Samples.Where(s => (int)s.Status is >= 200 and < 300).Select(s => s.Ms).Order().ToArray();
        string P(double q) => ok.Length == 0 ? "—" : ok[Math.Min(ok.Length - 1, (int)Math.Ceiling(q * ok.Length) - 1)].ToString("0.0", CultureInfo.InvariantCulture);
        var errors = Samples.Where(s => (int)s.Status is < 200 or >= 300).GroupBy(s => s.Status == 0 ? "network" : ((int)s.Status).ToString(CultureInfo.InvariantCulture))
            .Select(g => $"{g.Key}×{g.Count()}");
        var rate = (ok.Length / Seconds).ToString("0.0", CultureInfo.InvariantCulture);
        return $"| {Name} | {ok.Length} | {rate} | {P(.50)} | {P(.95)} | {P(.99)} | {(ok.Length == 0 ? "—" : ok[^1].ToString("0.0", CultureInfo.InvariantCulture))} | {(errors.Any() ? string.Join(", ", errors) : "0")} |";
    }
}

/// <summary>The submission challenge as a person reads it: "二十三加七等于几？" → 30.</summary>
internal static class Challenge
{
    public static int Solve(string question)
    {
        var q = question.Replace("等于几？", string.Empty, StringComparison.Ordinal).Replace("等于几?", string.Empty, StringComparison.Ordinal);
        var plus = q.IndexOf('加', StringComparison.Ordinal);
        var minus = q.IndexOf('减', StringComparison.Ordinal);
        var at = plus >= 0 ? plus : minus;
        if (at < 0)
        {
            throw new FormatException($"cannot read the challenge '{question}'");
        }

        var a = Number(q[..at]);
        var b = Number(q[(at + 1)..]);
        return plus >= 0 ? a + b : a - b;
    }

    private static int Number(string words)
    {
        const string Digits = "零一二三四五六七八九";
        var ten = words.IndexOf('十', StringComparison.Ordinal);
        if (ten < 0)
        {
            return Digits.IndexOf(words[0], StringComparison.Ordinal);
        }

        var tens = ten == 0 ? 1 : Digits.IndexOf(words[0], StringComparison.Ordinal);
        var ones = ten == words.Length - 1 ? 0 : Digits.IndexOf(words[ten + 1], StringComparison.Ordinal);
        return (tens * 10) + ones;
    }
}
