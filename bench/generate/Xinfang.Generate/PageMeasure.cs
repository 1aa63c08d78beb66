using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;

namespace Xinfang.Generate;

/// <summary>
/// The workbench pages' benchmark (issue 13, bench/pages/run): the app in process over a generated database,
/// each role of one county signed in, and the server time of the pages of a clerk's day — the home and work
/// list (default order, a deep page, the overdue filter, sorted by received date), the find box by number and
/// by words, the export, a generated item's page on each tab, supervision and the county dashboard — each
/// requested <c>--runs</c> times (the first one cold). The county is the one holding the most open items.
/// Accounts for the bench (<c>bench.*</c>) are created once in the bench database, never in a real one.
/// </summary>
internal static class PageMeasure
{
    private static readonly (string User, string Name, StaffRole Role, bool AtUnit)[] Roles =
    [
        ("bench.county.registrar", "县登记员", StaffRole.Registrar, false),
        ("bench.county.leader", "县领导", StaffRole.Leader, false),
        ("bench.county.supervisor", "县督办员", StaffRole.Supervisor, false),
        ("bench.unit.handler", "单位承办人", StaffRole.Handler, true),
    ];

    public static async Task<int> RunAsync(BenchHost host, Options options, TextWriter output)
    {
        var outFolder = options.Get("out", "bench/pages");
        var runs = (int)options.Long("runs", 5);
        var (items, bureau, bureauCode, bureauOpen, unit, unitOpen, sample, sampleNumber) = await ChooseAsync(host);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"items in the database: {items:N0}; county bureau {bureauCode} holds {bureauOpen:N0} open items, its busiest unit {unitOpen:N0}"));
        await EnsureAccountsAsync(host, bureau, unit);

        var rows = new List<string> { "role\trequest\trun\tms\tstatus\tbytes" };
        async Task Time(string role, HttpClient client, string name, Func<Task<HttpResponseMessage>> send)
        {
            for (var run = 1; run <= runs; run++)
            {
                var watch = Stopwatch.StartNew();
                using var response = await send();
                var bytes = (await response.Content.ReadAsByteArrayAsync()).Length;
                watch.Stop();
                var line = string.Create(CultureInfo.InvariantCulture, $"{role}\t{name}\t{run}\t{watch.Elapsed.TotalMilliseconds:F0}\t{(int)response.StatusCode}\t{bytes}");
                rows.Add(line);
                await output.WriteLineAsync(line);
            }
        }

        foreach (var (user, _, role, _) in Roles)
        {
            using var client = host.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
            client.Timeout = TimeSpan.FromMinutes(10);
            (await client.PostAsJsonAsync("/api/auth/login", new { userName = user, password = Xinfang.Web.Administration.DemoData.DemoPassword })).EnsureSuccessStatusCode();
            var name = role.ToString();
            await Time(name, client, "GET /workbench (home + list)", () => client.GetAsync("/workbench"));
            await Time(name, client, "GET /workbench?page=20", () => client.GetAsync("/workbench?page=20"));
            await Time(name, client, "GET /workbench?level=Overdue", () => client.GetAsync("/workbench?level=Overdue"));
            await Time(name, client, "GET /workbench?sort=Received&dir=desc", () => client.GetAsync("/workbench?sort=Received&dir=desc"));
            await Time(name, client, "POST /api/workbench/find (number)", () => client.PostAsJsonAsync("/api/workbench/find", new { q = sampleNumber }));
            await Time(name, client, "POST /api/workbench/find (words)", () => client.PostAsJsonAsync("/api/workbench/find", new { q = "物业 收费" }));
            await Time(name, client, "GET /api/workbench/items/export", () => client.GetAsync("/api/workbench/items/export"));
            await Time(name, client, "GET /supervision", () => client.GetAsync("/supervision"));
            if (role is StaffRole.Registrar or StaffRole.Leader)
            {
                await Time(name, client, "GET /statistics (county, this year)", () => client.GetAsync($"/statistics?org={bureau}"));
            }

            foreach (var tab in new[] { "basic", "petitioners", "process", "documents", "supervision" })
            {
                await Time(name, client, $"GET /petitions/{{id}}?tab={tab}", () => client.GetAsync($"/petitions/{sample}?tab={tab}"));
            }
        }

        Directory.CreateDirectory(outFolder);
        await File.WriteAllLinesAsync(Path.Combine(outFolder, "last-run.tsv"), rows);
        await output.WriteLineAsync($"written {Path.Combine(outFolder, "last-run.tsv")}");
        return 0;
    }

    /// <summary>The county bureau holding the most open items in its subtree, its busiest unit, and one item that unit holds.</summary>
    private static async Task<(long Items, Guid Bureau, string BureauCode, long BureauOpen, Guid Unit, long UnitOpen, Guid Sample, string SampleNumber)> ChooseAsync(BenchHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var orgs = await db.Organizations.AsNoTracking().Select(o => new { o.Id, o.Code, o.ParentId, o.Kind, o.Level }).ToListAsync();
        // Whole deployment: the benchmark chooses where to measure; nothing is shown to anyone.
        var petitions = db.PetitionsAcrossDeployment.AsNoTracking();
        var items = await petitions.LongCountAsync();
        var finished = Xinfang.Web.Workbench.WorkItems.Finished;
        var held = (await petitions.Where(p => !finished.Contains(p.State)).GroupBy(p => p.CurrentOrganizationId)
            .Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync()).ToDictionary(x => x.Key, x => x.Count);
        var bureaus = orgs.Where(o => o.Kind == Xinfang.Domain.Organizations.OrganizationKind.PetitionBureau && o.Level == Xinfang.Domain.Organizations.OrganizationLevel.County).ToList();
        var best = bureaus.Select(b => new
        {
            b.Id,
            b.Code,
            Units = orgs.Where(o => o.ParentId == b.Id).Select(o => (o.Id, Open: held.GetValueOrDefault(o.Id))).OrderByDescending(u => u.Open).ToList(),
            Own = held.GetValueOrDefault(b.Id),
        }).OrderByDescending(b => b.Own + b.Units.Sum(u => u.Open)).First();
        var unit = best.Units[0];
        var sample = await petitions.Where(p => p.CurrentOrganizationId == unit.Id && !finished.Contains(p.State)).OrderBy(p => p.Id).Select(p => new { p.Id, p.Number }).FirstAsync();
        return (items, best.Id, best.Code, best.Own + best.Units.Sum(u => u.Open), unit.Id, unit.Open, sample.Id, sample.Number);
    }

    internal static async Task EnsureAccountsAsync(BenchHost host, Guid bureau, Guid unit)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        foreach (var (user, name, role, atUnit) in Roles)
        {
            var existing = await users.FindByNameAsync(user);
            if (existing is not null)
            {
                // The county chosen may differ from the last run's (the database grew): move the account.
                existing.OrganizationId = atUnit ? unit : bureau;
                (await users.UpdateAsync(existing)).Check();
                continue;
            }

            (await users.CreateAsync(new StaffUser { UserName = user, DisplayName = name, OrganizationId = atUnit ? unit : bureau, Role = role, LockoutEnabled = true },
                Xinfang.Web.Administration.DemoData.DemoPassword)).Check();
        }
    }

    private static void Check(this IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
