using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xinfang.Domain.Statistics;
using Xinfang.Web.Data;

namespace Xinfang.Generate;

/// <summary>
/// The statistics benchmark (bench/statistics/run): the app in process over the generated database, signed
/// in as the province's registrar; the server time of the dashboard's API call, the dashboard page and the
/// annual report (Markdown and Word) for the province root and for one county, each run <c>--runs</c> times
/// (the first one cold); then every SQL command of one dashboard computation run again under
/// <c>EXPLAIN (ANALYZE, BUFFERS)</c> with its own parameters, written to <c>--out</c>/plans.
/// </summary>
internal static class Measure
{
    public static async Task<int> RunAsync(BenchHost host, Options options, TextWriter output)
    {
        var outFolder = options.Get("out", "bench/statistics");
        var runs = (int)options.Long("runs", 3);
        var year = (int)options.Long("year", 2025);
        var county = options.Get("county", "330106XFJ");
        var from = $"{year}-01-01";
        var to = $"{year}-12-31";
        // The first use of the services starts the app: its hosted services run first (StatisticsWarmUp parses the kept months, ADR 0162).
        var starting = Stopwatch.StartNew();
        _ = host.Services;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"app started in {starting.ElapsedMilliseconds:N0} ms (migration check, demo accounts, warm-up of the statistics months)"));
        var (root, countyId, items, inYear, countyInYear, sample) = await Sizes(host, county, year);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"items in the database: {items:N0}; received in {year} in the province: {inYear:N0}; in {county}: {countyInYear:N0}"));

        using var client = host.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        client.Timeout = TimeSpan.FromMinutes(20);
        var login = await client.PostAsJsonAsync("/api/auth/login", new { userName = "demo.zj.registrar", password = Xinfang.Web.Administration.DemoData.DemoPassword });
        login.EnsureSuccessStatusCode();

        // The app reads the generated rows: one generated item opens through the API (its personal data decrypted by the app's keys).
        using (var item = await client.GetAsync($"/api/petitions/{sample}"))
        {
            await output.WriteLineAsync($"GET /api/petitions/{sample} (a generated item): {(int)item.StatusCode}");
            item.EnsureSuccessStatusCode();
        }

        var rows = new List<string> { "scope\trequest\trun\tms\tcpu_ms\tstatus\tbytes\tload" };
        foreach (var (label, org) in new[] { ("province", root), ("county", countyId) })
        {
            var requests = new (string Name, string Url)[]
            {
                ("GET /api/statistics", $"/api/statistics?organization={org}&from={from}&to={to}"),
                ("GET /statistics (page)", $"/statistics?org={org}&period=year&year={year}"),
                ("GET /api/reports/annual/markdown", $"/api/reports/annual/markdown?org={org}&year={year}"),
                ("GET /api/reports/annual/docx", $"/api/reports/annual/docx?org={org}&year={year}"),
            };
            foreach (var (name, url) in requests)
            {
                for (var run = 1; run <= runs; run++)
                {
                    // The app's CPU time (this process: the app runs in it) beside the wall time: on a busy machine the
                    // wall time measures the queue for a core, the CPU time what the request itself cost.
                    using var process = Process.GetCurrentProcess();
                    var cpu = process.TotalProcessorTime;
                    var watch = Stopwatch.StartNew();
                    using var response = await client.GetAsync(url);
                    var bytes = (await response.Content.ReadAsByteArrayAsync()).Length;
                    watch.Stop();
                    process.Refresh();
                    var cpuMs = (process.TotalProcessorTime - cpu).TotalMilliseconds;
                    // The 1-minute load average beside each time: the machine is shared, a time means little without it.
                    var load = File.Exists("/proc/loadavg") ? (await File.ReadAllTextAsync("/proc/loadavg")).Split(' ')[0] : "?";
                    var line = string.Create(CultureInfo.InvariantCulture, $"{label}\t{name}\t{run}\t{watch.Elapsed.TotalMilliseconds:F0}\t{cpuMs:F0}\t{(int)response.StatusCode}\t{bytes}\t{load}");
                    rows.Add(line);
                    await output.WriteLineAsync(line);
                }
            }
        }

        Directory.CreateDirectory(outFolder);
        await File.WriteAllLinesAsync(Path.Combine(outFolder, "last-run.tsv"), rows);

        // One dashboard computation per scope, every command explained.
        var plans = Path.Combine(outFolder, "plans");
        Directory.CreateDirectory(plans);
        foreach (var (label, org) in new[] { ("province", root), ("county", countyId) })
        {
            Capture.Commands.Clear();
            Capture.On = true;
            using (var response = await client.GetAsync($"/api/statistics?organization={org}&from={from}&to={to}"))
            {
                response.EnsureSuccessStatusCode();
            }

            Capture.On = false;
            var commands = Capture.Commands.ToList();
            var summary = new StringBuilder();
            summary.AppendLine(CultureInfo.InvariantCulture, $"# {label}: {commands.Count} SQL commands for one GET /api/statistics ({from} – {to})");
            summary.AppendLine("# n\texecution ms\tfirst line of the plan");
            await using var connection = new NpgsqlConnection(options.Require("connection"));
            await connection.OpenAsync();
            var n = 0;
            var timed = new List<(int N, double Ms, string Top)>();
            foreach (var (sql, parameters) in commands)
            {
                n++;
                await using var explain = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + sql, connection) { CommandTimeout = 600 };
                foreach (var (name, value) in parameters)
                {
                    explain.Parameters.Add(new NpgsqlParameter(name, value ?? DBNull.Value));
                }

                var plan = new StringBuilder();
                await using (var reader = await explain.ExecuteReaderAsync())
                {
                    while (await reader.ReadAsync())
                    {
                        plan.AppendLine(reader.GetString(0));
                    }
                }

                var text = plan.ToString();
                var ms = text.Split('\n').Where(l => l.StartsWith("Execution Time:", StringComparison.Ordinal)).Select(l => double.Parse(l.Split(':')[1].Replace("ms", string.Empty, StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture)).FirstOrDefault();
                timed.Add((n, ms, text.Split('\n')[0].Trim()));
                var parameterText = string.Join("\n", parameters.Select(p => $"-- {p.Name} = {Show(p.Value)}"));
                await File.WriteAllTextAsync(Path.Combine(plans, string.Create(CultureInfo.InvariantCulture, $"{label}-{n:D3}.txt")), $"{parameterText}\n{sql}\n\n{text}");
            }

            foreach (var t in timed.OrderByDescending(t => t.Ms))
            {
                summary.AppendLine(CultureInfo.InvariantCulture, $"{t.N:D3}\t{t.Ms:F1}\t{t.Top}");
            }

            summary.AppendLine(CultureInfo.InvariantCulture, $"# total execution ms: {timed.Sum(t => t.Ms):F0}");
            await File.WriteAllTextAsync(Path.Combine(plans, $"{label}-summary.tsv"), summary.ToString());
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{label}: {commands.Count} commands, {timed.Sum(t => t.Ms):F0} ms of execution in EXPLAIN ANALYZE; plans in {plans}"));
        }

        return 0;
    }

    private static string Show(object? value) => value switch
    {
        null => "NULL",
        Array a => $"[{a.Length} values]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static async Task<(Guid Root, Guid County, long Items, long InYear, long CountyInYear, Guid Sample)> Sizes(BenchHost host, string county, int year)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var orgs = await db.Organizations.AsNoTracking().Select(o => new { o.Id, o.Code, o.ParentId }).ToListAsync();
        var root = orgs.Single(o => o.Code == Province.RootCode).Id;
        var countyId = orgs.Single(o => o.Code == county).Id;
        var countyOrgs = orgs.Where(o => o.Id == countyId || o.ParentId == countyId).Select(o => o.Id).ToList();
        var (first, last) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var facts = db.Set<ItemFacts>().AsNoTracking();
        var items = await facts.LongCountAsync();
        var inYear = await facts.LongCountAsync(f => f.ReceivedOn >= first && f.ReceivedOn <= last);
        var inCounty = await facts.LongCountAsync(f => f.ReceivedOn >= first && f.ReceivedOn <= last && (countyOrgs.Contains(f.RegisteringOrganizationId) || (f.UnitOrganizationId != null && countyOrgs.Contains(f.UnitOrganizationId.Value))));
        // Whole deployment: the benchmark picks one generated item to open; nothing is shown to anyone.
        var sample = await db.PetitionsAcrossDeployment.Where(p => p.Number.StartsWith(Generator.NumberPrefix)).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
        return (root, countyId, items, inYear, inCounty, sample);
    }

    /// <summary>The SQL the app sends while <see cref="On"/>, with its parameters (names and values).</summary>
    internal sealed class Capture : DbCommandInterceptor
    {
        public static volatile bool On;

        public static readonly List<(string Sql, List<(string Name, object? Value)> Parameters)> Commands = [];

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Record(command);
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return ValueTask.FromResult(result);
        }

        private static void Record(DbCommand command)
        {
            if (!On || !command.CommandText.Contains("statistics_facts", StringComparison.Ordinal) && !command.CommandText.Contains("statistics_daily", StringComparison.Ordinal))
            {
                return;
            }

            lock (Commands)
            {
                Commands.Add((command.CommandText, [.. command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value is DBNull ? null : p.Value))]));
            }
        }
    }
}
