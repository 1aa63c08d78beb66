using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xinfang.Domain.Petitions;
using Xinfang.Domain.Statistics;
using Xinfang.Generate;
using Xinfang.Web.Statistics;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests.Statistics;

/// <summary>
/// The benchmark's data generator (bench/generate, ADR 0086) at small N: what it writes — on PostgreSQL by
/// binary COPY beside the app, on SQLite through the app's SaveChanges — is what the app reads: the fact
/// table passes the app's own check (<see cref="StatisticsFactsMaintenance.CheckAsync"/>), a generated item
/// opens through the API with its personal data decrypted by the app's keys, and the dashboard's API counts
/// the generated items of the year.
/// </summary>
public sealed class GeneratedDataTests
{
    private const int Items = 2_000;

    [SkippableFact]
    public Task PostgresCopyIsReadByTheApp() => RunAsync(Provider.Postgres);

    [SkippableFact]
    public Task SqliteIsReadByTheApp() => RunAsync(Provider.Sqlite);

    private static async Task RunAsync(Provider provider)
    {
        if (provider == Provider.Postgres)
        {
            TestServices.RequirePostgres();
        }

        // The clock late in 2026, so most of 2025's items have run their course.
        using var app = new XinfangApp(provider, start: new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(8)));
        var written = await Generator.RunAsync(app.Services, new GenerateOptions(Items, Seed: 7, FirstYear: 2024, FocusYear: 2025, FocusShare: 0.5, Batch: 500), TextWriter.Null, default);
        Assert.Equal(Items, written);

        var check = await app.Services.GetRequiredService<StatisticsFactsMaintenance>().CheckAsync(default);
        Assert.Equal(Items, check.Items);
        Assert.True(check.InStep, $"missing {check.Missing}, different {check.Different}, orphans {check.Orphans}: {string.Join(", ", check.Examples)}");

        var (states, repeats, online, year2025, sample, root) = await app.WithDbAsync(async db =>
        {
            var facts = db.Set<ItemFacts>().AsNoTracking();
            var states = await db.Petitions.Select(p => p.State).Distinct().CountAsync();
            var repeats = await facts.CountAsync(f => f.FirstItemId != null);
            var online = await facts.CountAsync(f => f.Form == PetitionForm.Online);
            var year = await facts.CountAsync(f => f.ReceivedOn >= new DateOnly(2025, 1, 1) && f.ReceivedOn <= new DateOnly(2025, 12, 31));
            var sample = await db.Petitions.Where(p => p.Petitioners.Any()).OrderBy(p => p.Number).Select(p => p.Id).FirstAsync();
            var root = await db.Organizations.Where(o => o.Code == Province.RootCode).Select(o => o.Id).SingleAsync();
            return (states, repeats, online, year, sample, root);
        });

        // The distributions the brief asks for, loosely: most states reached, ≈13 % repeats, ≈60 % online, half in the focus year.
        Assert.True(states >= 10, $"{states} states");
        Assert.InRange(repeats, Items * 8 / 100, Items * 15 / 100);
        Assert.InRange(online, Items * 55 / 100, Items * 65 / 100);
        Assert.InRange(year2025, Items * 45 / 100, Items * 55 / 100);

        using var registrar = await app.SignInAsync("demo.zj.registrar");
        var item = await registrar.GetAsync($"/api/petitions/{sample}");
        Assert.Equal(HttpStatusCode.OK, item.StatusCode);
        var body = await item.Content.ReadAsStringAsync();
        Assert.Contains(sample.ToString(), body, StringComparison.OrdinalIgnoreCase);

        // The item's personal data opens with the app's keys (the generator encrypted it with them).
        var idNumber = await app.WithDbAsync(db => db.Petitions.Where(p => p.Id == sample).SelectMany(p => p.Petitioners).Select(x => x.IdNumber).FirstAsync());
        Assert.Matches("^[0-9]{17}[0-9X]$", idNumber!);

        var stats = await registrar.GetFromJsonAsync<JsonElement>($"/api/statistics?organization={root}&from=2025-01-01&to=2025-12-31", XinfangApp.Json);
        Assert.Equal(year2025, stats.GetProperty("total").GetProperty("items").GetInt64());
    }
}
