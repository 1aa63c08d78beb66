using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xinfang.Domain.Petitions;
using Xinfang.Web.Data;
using Xinfang.Web.Deadlines;
using Xinfang.Web.Supervision;

namespace Xinfang.Generate;

/// <summary>
/// The scale benchmark (issue 16, bench/scale/run): the app in process over a database of 100 k, 1 M or 10 M items
/// (bench/generate, grown by bench/scale/multiply), through its HTTP pipeline. It measures, each with the 1-minute load
/// average beside it: lookups of randomly sampled items by id, by number (staff) and by number + query code (public),
/// one client after another (p50/p99); the work list of the county bureau holding the most open items (its registrar's
/// list and its leader's jurisdiction list; first page, a deep page, overdue, sorted by received date); the deadline
/// sweep as the hosted loop runs it (<see cref="DeadlineSweeper.SweepOnceAsync"/>, twice: the first records every
/// warning not yet recorded, the second is the steady state of every interval); the recompute of every open clock
/// that a calendar or policy change runs (<see cref="RecomputeOpenDeadlines"/>); and the process's memory after them.
/// Rows go to <c>--out</c>/last-run-&lt;items&gt;.tsv.
/// </summary>
internal static class ScaleMeasure
{
    private static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    public static async Task<int> RunAsync(BenchHost host, Options options, TextWriter output)
    {
        var outFolder = options.Get("out", "bench/scale");
        var samples = (int)options.Long("samples", 300);
        var runs = (int)options.Long("runs", 5);
        var only = options.Get("only", "lookups,worklist,sweep,recompute").Split(',');
        var starting = Stopwatch.StartNew();
        _ = host.Services;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"app started in {starting.ElapsedMilliseconds:N0} ms; load {Load()}"));

        var connection = options.Require("connection");
        var (items, open, dated) = await CountsAsync(connection);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"items {items:N0}; open (not finished) {open:N0}; with a running clock {dated:N0}"));
        var rows = new List<string> { "what\trun_or_stat\tms\tdetail\tload" };
        void Row(string what, string run, double ms, string detail)
        {
            var line = string.Create(CultureInfo.InvariantCulture, $"{what}\t{run}\t{ms:F1}\t{detail}\t{Load()}");
            rows.Add(line);
            output.WriteLine(line);
        }

        Row("sizes", "items", items, string.Create(CultureInfo.InvariantCulture, $"open {open}; running clock {dated}"));

        if (only.Contains("lookups"))
        {
            var sample = await SampleAsync(connection, items, samples);
            using var staff = await SignInAsync(host, "demo.zj.registrar");
            using var anonymous = host.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
            await TimeEachAsync("GET /api/petitions/{id}", sample, s => staff.GetAsync($"/api/petitions/{s.Id}"));
            await TimeEachAsync("GET /api/petitions/by-number/{n}", sample, s => staff.GetAsync($"/api/petitions/by-number/{s.Number}"));
            await TimeEachAsync("POST /api/public/progress", sample, s => anonymous.PostAsJsonAsync("/api/public/progress", new { number = s.Number, queryCode = "BENCH00000" }));
        }

        if (only.Contains("worklist"))
        {
            var (bureau, code, own, subtree) = await BusiestCountyAsync(host);
            Row("worklist bureau", code, own, string.Create(CultureInfo.InvariantCulture, $"open items held by the bureau itself {own}; in its subtree {subtree}"));
            await PageMeasure.EnsureAccountsAsync(host, bureau, bureau);
            foreach (var (user, role) in new[] { ("bench.county.registrar", "registrar (bureau's own list)"), ("bench.county.leader", "leader (jurisdiction)") })
            {
                using var client = await SignInAsync(host, user);
                foreach (var (name, url) in new[]
                {
                    ("first page", "/api/workbench/items"),
                    ("page 20", "/api/workbench/items?page=20"),
                    ("overdue", "/api/workbench/items?level=Overdue"),
                    ("received desc", "/api/workbench/items?sort=Received&dir=desc"),
                    ("home counts", "/api/workbench/home"),
                })
                {
                    var times = new List<double>();
                    for (var run = 1; run <= runs; run++)
                    {
                        var watch = Stopwatch.StartNew();
                        using var response = await client.GetAsync(url);
                        var body = await response.Content.ReadAsStringAsync();
                        watch.Stop();
                        if (!response.IsSuccessStatusCode)
                        {
                            throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}: {body}");
                        }

                        if (run > 1)
                        {
                            times.Add(watch.Elapsed.TotalMilliseconds);
                        }

                        Row($"worklist {role} {name}", run.ToString(CultureInfo.InvariantCulture), watch.Elapsed.TotalMilliseconds, $"{body.Length} chars");
                    }

                    Row($"worklist {role} {name}", "p50 warm", Percentile(times, 50), $"n={times.Count}");
                }
            }
        }

        if (only.Contains("sweep"))
        {
            var sweeper = host.Services.GetRequiredService<DeadlineSweeper>();
            foreach (var label in new[] { "sweep 1 (records every warning not yet recorded)", "sweep 2 (steady state)" })
            {
                // The lease is this holder's from the first sweep on; a second sweep renews it. The app's CPU time beside
                // the wall time: on a shared machine the wall time includes the wait for a core.
                using var process = Process.GetCurrentProcess();
                var cpu = process.TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                var result = await sweeper.SweepOnceAsync(TimeProvider.System.GetUtcNow(), CancellationToken.None);
                watch.Stop();
                process.Refresh();
                Row(label, "1", watch.Elapsed.TotalMilliseconds, string.Create(CultureInfo.InvariantCulture,
                    $"swept {result.Swept}; items checked {result.ItemsChecked}; warnings added {result.WarningsAdded}; reminders {result.RemindersSent}; closed {result.ItemsClosed}; app CPU {(process.TotalProcessorTime - cpu).TotalMilliseconds:F0} ms"));
            }
        }

        if (only.Contains("recompute"))
        {
            await using var scope = host.Services.CreateAsyncScope();
            var recompute = scope.ServiceProvider.GetRequiredService<RecomputeOpenDeadlines>();
            scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.SetCommandTimeout(TimeSpan.FromHours(1));
            var watch = Stopwatch.StartNew();
            var result = await recompute.RunAsync("基准测试：重算全部未到期时限（设置未变）", new Actor("bench", "基准测试", Guid.Empty), null, CancellationToken.None);
            Row("recompute every open clock (settings unchanged)", "1", watch.Elapsed.TotalMilliseconds, $"examined {result.Examined}; changed {result.Changed}");
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        using (var process = Process.GetCurrentProcess())
        {
            var info = GC.GetGCMemoryInfo();
            Row("memory", "after", process.WorkingSet64 / 1048576.0, string.Create(CultureInfo.InvariantCulture,
                $"working set MiB (ms column); peak working set {process.PeakWorkingSet64 / 1048576.0:F0} MiB; GC heap {info.HeapSizeBytes / 1048576.0:F0} MiB; managed after full GC {GC.GetTotalMemory(false) / 1048576.0:F0} MiB"));
        }

        Directory.CreateDirectory(outFolder);
        var file = Path.Combine(outFolder, string.Create(CultureInfo.InvariantCulture, $"last-run-{items}.tsv"));
        await File.WriteAllLinesAsync(file, rows);
        await output.WriteLineAsync($"written {file}");
        return 0;

        async Task TimeEachAsync(string name, List<(Guid Id, string Number)> sample, Func<(Guid Id, string Number), Task<HttpResponseMessage>> send)
        {
            // One untimed call first: JIT and the endpoint's first use are not what grows with the data.
            using (var first = await send(sample[0]))
            {
                if (!first.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"{name} answered {(int)first.StatusCode}: {await first.Content.ReadAsStringAsync()}");
                }
            }

            var times = new List<double>();
            var errors = 0;
            var loadBefore = Load();
            foreach (var s in sample.Skip(1))
            {
                var watch = Stopwatch.StartNew();
                using var response = await send(s);
                await response.Content.ReadAsByteArrayAsync();
                times.Add(watch.Elapsed.TotalMilliseconds);
                errors += response.IsSuccessStatusCode ? 0 : 1;
            }

            Row(name, "p50", Percentile(times, 50), string.Create(CultureInfo.InvariantCulture, $"n={times.Count}; errors {errors}; load before {loadBefore}"));
            Row(name, "p99", Percentile(times, 99), string.Create(CultureInfo.InvariantCulture, $"n={times.Count}; max {times.Max():F1}"));
        }
    }

    private static double Percentile(List<double> values, int p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p / 100.0 * sorted.Count) - 1)];
    }

    private static async Task<HttpClient> SignInAsync(BenchHost host, string user)
    {
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        client.Timeout = TimeSpan.FromMinutes(10);
        (await client.PostAsJsonAsync("/api/auth/login", new { userName = user, password = Xinfang.Web.Administration.DemoData.DemoPassword })).EnsureSuccessStatusCode();
        return client;
    }

    private static async Task<(long Items, long Open, long Dated)> CountsAsync(string connection)
    {
        await using var c = new NpgsqlConnection(connection);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            """SELECT count(*), count(*) FILTER (WHERE "State" NOT IN ('Declined', 'RefusedAgain', 'GuidedToPoliticalLegal', 'Closed')), count("CurrentDueAtUtc") FROM petitions""", c)
        { CommandTimeout = 3600 };
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    /// <summary>
    /// Random generated items with all their rows (a sample of pages, then a random choice): ids and numbers to look up.
    /// Past 1 M the copies carry no history or documents (ADR 0171), so only items that have history are drawn.
    /// </summary>
    private static async Task<List<(Guid Id, string Number)>> SampleAsync(string connection, long items, int count)
    {
        await using var c = new NpgsqlConnection(connection);
        await c.OpenAsync();
        var percent = Math.Min(100.0, 100.0 * count * 200 / Math.Max(items, 1));
        await using var cmd = new NpgsqlCommand(string.Create(CultureInfo.InvariantCulture,
            $"""SELECT "Id", "Number" FROM petitions TABLESAMPLE SYSTEM ({percent}) REPEATABLE (16) WHERE "Number" LIKE 'G%' AND EXISTS (SELECT 1 FROM petition_history h WHERE h."PetitionId" = petitions."Id") ORDER BY md5("Id"::text) LIMIT {count}"""), c)
        { CommandTimeout = 3600 };
        var list = new List<(Guid, string)>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            list.Add((reader.GetGuid(0), reader.GetString(1)));
        }

        return list;
    }

    /// <summary>The county bureau whose subtree holds the most open items, with its own and its subtree's counts.</summary>
    private static async Task<(Guid Bureau, string Code, long Own, long Subtree)> BusiestCountyAsync(BenchHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
        var orgs = await db.Organizations.AsNoTracking().Select(o => new { o.Id, o.Code, o.ParentId, o.Kind, o.Level }).ToListAsync();
        var finished = Xinfang.Web.Workbench.WorkItems.Finished;
        // Whole deployment: the benchmark chooses where to measure; nothing is shown to anyone.
        var held = (await db.PetitionsAcrossDeployment.AsNoTracking().Where(p => !finished.Contains(p.State)).GroupBy(p => p.CurrentOrganizationId)
            .Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync()).ToDictionary(x => x.Key, x => x.Count);
        var best = orgs.Where(o => o.Kind == Xinfang.Domain.Organizations.OrganizationKind.PetitionBureau && o.Level == Xinfang.Domain.Organizations.OrganizationLevel.County)
            .Select(b => (b.Id, b.Code, Own: held.GetValueOrDefault(b.Id), Subtree: held.GetValueOrDefault(b.Id) + orgs.Where(o => o.ParentId == b.Id).Sum(o => held.GetValueOrDefault(o.Id))))
            .OrderByDescending(b => b.Subtree).First();
        return best;
    }
}
