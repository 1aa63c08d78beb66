using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

// dotnet bench/generate/Xinfang.Generate/bin/Release/net10.0/Xinfang.Generate.dll generate --provider Postgres --connection "…" --data DIR --keys DIR --items 1000000
// dotnet … measure --connection "…" --data DIR --keys DIR --out bench/statistics   (see bench/statistics/run)
// dotnet … pages --connection "…" --data DIR --keys DIR --out bench/pages            (see bench/pages/run)
// dotnet … scale --connection "…" --data DIR --keys DIR --out bench/scale            (see bench/scale/run)
namespace Xinfang.Generate;

/// <summary>The commands (not top-level statements: the app's own <c>Program</c> is referenced).</summary>
internal static class Cli
{
    public static async Task<int> Main(string[] args)
    {
        var options = Options.Parse(args.Skip(1));
        switch (args.FirstOrDefault())
        {
            case "generate":
            {
                using var host = new BenchHost(options.Get("provider", "Postgres"), options.Require("connection"), options.Require("data"), options.Require("keys"));
                var written = await Generator.RunAsync(host.Services, new GenerateOptions(
                    options.Long("items", 10_000),
                    (int)options.Long("seed", 20261206),
                    (int)options.Long("first-year", 2021),
                    (int)options.Long("focus-year", 2025),
                    double.Parse(options.Get("focus-share", "0.5"), CultureInfo.InvariantCulture),
                    (int)options.Long("batch", 2_000),
                    (int)options.Long("workers", Environment.ProcessorCount)), Console.Error, CancellationToken.None);
                Console.WriteLine($"{written} generated items in the database");
                return 0;
            }

            case "aggregates":
            {
                // The monthly aggregates (ADR 0122) written again from the fact rows, e.g. after generating with an older generator.
                using var host = new BenchHost("Postgres", options.Require("connection"), options.Require("data"), options.Require("keys"));
                await using var scope = host.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<Xinfang.Web.Data.AppDbContext>();
                db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
                var watch = System.Diagnostics.Stopwatch.StartNew();
                var rows = await Xinfang.Web.Statistics.MonthlyAggregates.RebuildAsync(db, host.Services.GetRequiredService<Xinfang.Domain.Statistics.StatisticsSettings>(), CancellationToken.None);
                await db.Database.ExecuteSqlRawAsync("VACUUM (ANALYZE) statistics_months");
                Console.WriteLine($"{rows} aggregate rows written in {watch.Elapsed.TotalSeconds:N0} s");
                return 0;
            }

            case "measure":
            {
                using var host = new BenchHost("Postgres", options.Require("connection"), options.Require("data"), options.Require("keys"));
                return await Measure.RunAsync(host, options, Console.Out);
            }

            case "pages":
            {
                using var host = new BenchHost("Postgres", options.Require("connection"), options.Require("data"), options.Require("keys"));
                return await PageMeasure.RunAsync(host, options, Console.Out);
            }

            case "scale":
            {
                // Rate limits raised for the run (the benchmark is one client asking as fast as it can).
                using var host = new BenchHost("Postgres", options.Require("connection"), options.Require("data"), options.Require("keys"), new Dictionary<string, string>
                {
                    ["Xinfang:RateLimits:PublicPerMinute"] = "1000000",
                    ["Xinfang:RateLimits:StaffWritesPerMinute"] = "1000000",
                    ["Xinfang:RateLimits:SignInsPerMinute"] = "1000000",
                    // One holder name for every run: the sweep's lease, taken by the last run, is this run's again.
                    ["Xinfang:Supervision:HolderId"] = "bench-scale",
                });
                return await ScaleMeasure.RunAsync(host, options, Console.Out);
            }

            default:
                Console.Error.WriteLine("usage: Xinfang.Generate generate|measure|pages --connection … --data DIR --keys DIR [--provider Postgres|Sqlite] [--items N] …");
                return 2;
        }
    }
}

/// <summary>--name value pairs.</summary>
internal sealed class Options(Dictionary<string, string> values)
{
    public static Options Parse(IEnumerable<string> args)
    {
        var list = args.ToList();
        var values = new Dictionary<string, string>();
        for (var i = 0; i + 1 < list.Count; i += 2)
        {
            values[list[i].TrimStart('-')] = list[i + 1];
        }

        return new Options(values);
    }

    public string Get(string name, string fallback) => values.GetValueOrDefault(name, fallback);

    public string Require(string name) => values.TryGetValue(name, out var v) ? v : throw new ArgumentException($"--{name} is required");

    public long Long(string name, long fallback) => values.TryGetValue(name, out var v) ? long.Parse(v, CultureInfo.InvariantCulture) : fallback;
}
