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
using Xinfang.Web.TextAnalysis;

namespace Xinfang.Generate;

/// <summary>
/// The scale benchmark (issue 16, bench/scale/run): the app in process over a database of 100 k, 1 M or 10 M items
/// (bench/generate, grown by bench/scale/multiply), through its HTTP pipeline. It measures, each with the 1-minute load
/// average beside it (<c>--only</c> picks steps): <c>text</c>, the text index's own pass over items without a text row
/// (once, at 100 k: copies carry their rows); <c>lookups</c>, randomly sampled items by id, by number (staff) and by
/// number + query code (public), one client after another (p50/p99); <c>concurrent</c>, the staff lookups at 4 and 16
/// clients at once for <c>--concurrent-seconds</c> (throughput, p50/p99; in process, no sockets); <c>search</c>, 全文检索 as
/// the province bureau for words in 95 %, 13 % and 3.5 % of the items, two words, and a deep page; <c>repeat</c>, the
/// repeat check at registration for sampled items' own text and petitioner; <c>dashboard</c>, the monthly aggregates
/// rebuilt from every fact row, then the province's and the busiest county's dashboard for 2025 and this year;
/// <c>worklist</c>, the work list of the county bureau holding the most open items (its registrar's list and its
/// leader's jurisdiction list; first page, a deep page, overdue, sorted by received date, home counts); <c>sweep</c>, the
/// deadline sweep as the hosted loop runs it (<see cref="DeadlineSweeper.SweepOnceAsync"/>, twice: the first records
/// every warning not yet recorded, the second is the steady state of every interval); <c>recompute</c>, every open
/// clock through the domain as a calendar or policy change runs it (<see cref="RecomputeOpenDeadlines"/>); and the
/// process's memory after them. Rows go to <c>--out</c>/last-run-&lt;items&gt;.tsv.
/// </summary>
internal static class ScaleMeasure
{
    private static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    public static async Task<int> RunAsync(BenchHost host, Options options, TextWriter output)
    {
        var outFolder = options.Get("out", "bench/scale");
        var samples = (int)options.Long("samples", 300);
        var runs = (int)options.Long("runs", 5);
        var only = options.Get("only", "lookups,concurrent,search,repeat,dashboard,worklist,sweep,recompute").Split(',');
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

        if (only.Contains("text"))
        {
            // The index search and the repeat check read. The generator does not write it; at 100 k it is built here once
            // (the worker's own pass, as a first start or a new index version would run it); copies carry their base's rows.
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
            var watch = Stopwatch.StartNew();
            var indexed = await host.Services.GetRequiredService<TextIndexWorker>().RunOnceAsync(db, CancellationToken.None);
            Row("text index pass (items without a current text row)", "1", watch.Elapsed.TotalMilliseconds, string.Create(CultureInfo.InvariantCulture, $"indexed {indexed}"));
        }

        if (only.Contains("concurrent"))
        {
            // Throughput as well as latency: 4 and 16 clients at once, each asking for random sampled items one after another,
            // in process (no sockets; bench/lookups/run measures Kestrel and the raw database on a small database).
            var sample = await SampleAsync(connection, items, samples);
            foreach (var clients in new[] { 4, 16 })
            {
                var staff = new List<HttpClient>();
                for (var i = 0; i < clients; i++)
                {
                    staff.Add(await SignInAsync(host, "demo.zj.registrar"));
                }

                foreach (var (name, path) in new (string, Func<(Guid Id, string Number), string>)[]
                {
                    ("GET /api/petitions/{id}", s => $"/api/petitions/{s.Id}"),
                    ("GET /api/petitions/by-number/{n}", s => $"/api/petitions/by-number/{s.Number}"),
                })
                {
                    var seconds = options.Long("concurrent-seconds", 10);
                    var times = new System.Collections.Concurrent.ConcurrentBag<double>();
                    var errors = 0;
                    var until = Stopwatch.StartNew();
                    await Task.WhenAll(staff.Select(async (client, n) =>
                    {
                        var random = new Random(n);
                        while (until.Elapsed.TotalSeconds < seconds)
                        {
                            var watch = Stopwatch.StartNew();
                            using var response = await client.GetAsync(path(sample[random.Next(sample.Count)]));
                            await response.Content.ReadAsByteArrayAsync();
                            times.Add(watch.Elapsed.TotalMilliseconds);
                            if (!response.IsSuccessStatusCode)
                            {
                                Interlocked.Increment(ref errors);
                            }
                        }
                    }));
                    var all = times.ToList();
                    var label = string.Create(CultureInfo.InvariantCulture, $"{name} at {clients} clients");
                    Row(label, "req/s", all.Count / until.Elapsed.TotalSeconds, string.Create(CultureInfo.InvariantCulture, $"n={all.Count} in {until.Elapsed.TotalSeconds:F1} s; errors {errors}"));
                    Row(label, "p50", Percentile(all, 50), string.Create(CultureInfo.InvariantCulture, $"n={all.Count}"));
                    Row(label, "p99", Percentile(all, 99), string.Create(CultureInfo.InvariantCulture, $"n={all.Count}"));
                }

                staff.ForEach(c => c.Dispose());
            }
        }

        if (only.Contains("search"))
        {
            // 全文检索 as the province bureau (every item of the province is in its scope): a word in almost every item (处理,
            // 95 % of the generated items: the worst case), a word in 13 % (补偿), one in 3.5 % (医保), two words together
            // (拖欠 工资, 10 %), and a deep page; each run after a cold first one.
            using var staff = await SignInAsync(host, "demo.zj.registrar");
            static string Total(string body) => System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("total").GetInt32().ToString(CultureInfo.InvariantCulture);
            foreach (var (name, query) in new[]
            {
                ("word in 95 % of items", "q=" + Uri.EscapeDataString("处理")),
                ("word in 13 % of items", "q=" + Uri.EscapeDataString("补偿")),
                ("word in 3.5 % of items", "q=" + Uri.EscapeDataString("医保")),
                ("two words, 10 % of items", "q=" + Uri.EscapeDataString("拖欠 工资")),
                ("word in 13 %, page 50", "q=" + Uri.EscapeDataString("补偿") + "&page=50"),
            })
            {
                await TimeRunsAsync($"search {name}", staff, $"/api/petitions/fulltext?{query}", body => $"{query}; total {Total(body)}", body => $"; total {Total(body)}");
            }
        }

        if (only.Contains("repeat"))
        {
            // The repeat check a registrar runs before registering (POST /api/petitions/analyze): sampled items' own title,
            // content and first petitioner's ID number, as if the same person wrote again — every probe meets its own earlier
            // item (and, past 100 k, that item's copies: the worst case, bench/scale/multiply.sql).
            var sample = await SampleAsync(connection, items, Math.Min(samples, 100));
            var letters = new List<object>();
            await using (var scope = host.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                foreach (var (id, _) in sample)
                {
                    var p = await db.PetitionsAcrossDeployment.AsNoTracking().Include(x => x.Petitioners).SingleAsync(x => x.Id == id);
                    var person = p.Petitioners.FirstOrDefault(x => x.IdNumber is not null);
                    letters.Add(new { title = p.Title, content = p.Content, idType = person?.IdType.ToString(), idNumber = person?.IdNumber });
                }
            }

            using var staff = await SignInAsync(host, "demo.zj.registrar");
            var times = new List<double>();
            var candidates = new List<int>();
            foreach (var letter in letters)
            {
                var watch = Stopwatch.StartNew();
                using var response = await staff.PostAsJsonAsync("/api/petitions/analyze", letter);
                var body = await response.Content.ReadAsStringAsync();
                watch.Stop();
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"analyze answered {(int)response.StatusCode}: {body}");
                }

                times.Add(watch.Elapsed.TotalMilliseconds);
                candidates.Add(System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("repeats").GetArrayLength());
            }

            // The first probe pays JIT and the classifier's first use; it stays out of the percentiles.
            times.RemoveAt(0);
            Row("repeat check POST /api/petitions/analyze", "p50", Percentile(times, 50), string.Create(CultureInfo.InvariantCulture, $"n={times.Count}; candidates shown p50 {Percentile(candidates.Select(c => (double)c).ToList(), 50)}, max {candidates.Max()}"));
            Row("repeat check POST /api/petitions/analyze", "p99", Percentile(times, 99), string.Create(CultureInfo.InvariantCulture, $"n={times.Count}; max {times.Max():F1}"));
        }

        if (only.Contains("dashboard"))
        {
            // The monthly aggregates built again from every fact row (what a start does after a rules change; multiply empties
            // them), then the province's and the busiest county's dashboard for the generator's busy year and for this year.
            var maintenance = host.Services.GetRequiredService<Xinfang.Web.Statistics.StatisticsFactsMaintenance>();
            var watch = Stopwatch.StartNew();
            var written = await maintenance.RebuildAggregatesAsync(CancellationToken.None);
            Row("monthly aggregates rebuilt from every fact row", "1", watch.Elapsed.TotalMilliseconds, string.Create(CultureInfo.InvariantCulture, $"rows {written}"));
            Guid root;
            await using (var scope = host.Services.CreateAsyncScope())
            {
                root = (await scope.ServiceProvider.GetRequiredService<AppDbContext>().Organizations.AsNoTracking().SingleAsync(o => o.Code == Province.RootCode)).Id;
            }

            var (county, code, _, _) = await BusiestCountyAsync(host);
            using var staff = await SignInAsync(host, "demo.zj.registrar");
            var thisYear = TimeProvider.System.GetUtcNow().Year;
            foreach (var (scopeName, org) in new[] { ("province", root), ($"county {code}", county) })
            {
                foreach (var year in new[] { 2025, thisYear })
                {
                    var url = string.Create(CultureInfo.InvariantCulture, $"/api/statistics?organization={org}&from={year}-01-01&to={year}-12-31");
                    await TimeRunsAsync($"dashboard {scopeName} {year}", staff, url, body => $"{body.Length} chars");
                }
            }
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
                    await TimeRunsAsync($"worklist {role} {name}", client, url, body => $"{body.Length} chars");
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

        // One request `runs` times, a row for each, then the p50 of the runs after the cold first.
        async Task TimeRunsAsync(string label, HttpClient client, string url, Func<string, string> detail, Func<string, string>? summary = null)
        {
            var times = new List<double>();
            var body = string.Empty;
            for (var run = 1; run <= runs; run++)
            {
                var watch = Stopwatch.StartNew();
                using var response = await client.GetAsync(url);
                body = await response.Content.ReadAsStringAsync();
                watch.Stop();
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}: {body}");
                }

                if (run > 1)
                {
                    times.Add(watch.Elapsed.TotalMilliseconds);
                }

                Row(label, run.ToString(CultureInfo.InvariantCulture), watch.Elapsed.TotalMilliseconds, detail(body));
            }

            Row(label, "p50 warm", Percentile(times, 50), $"n={times.Count}" + (summary?.Invoke(body) ?? string.Empty));
        }

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
