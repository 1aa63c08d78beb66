using Microsoft.Extensions.DependencyInjection;
using Xinfang.Web.Identity;
using Microsoft.EntityFrameworkCore;
using Xinfang.Web.Data;
using Xinfang.Web.Tests.Infrastructure;
using Xinfang.Web.TextAnalysis;

namespace Xinfang.Web.Tests.TextAnalysis;

/// <summary>
/// The text lookups must not scan: PostgreSQL's plans (sequential scans priced out, so a missing
/// index shows as a Seq Scan) for the full-text match, the band-key and blind-key lookups and the
/// indexer's watermark reads, run as the endpoints and the worker run them.
/// </summary>
public sealed class TextQueryPlanTests(PostgresFixture fixture) : IClassFixture<PostgresFixture>
{
    [SkippableFact]
    public async Task Text_lookups_never_scan()
    {
        var app = fixture.App;
        var registrar = await app.StaffAsync("demo.xihu.registrar");
        for (var i = 0; i < 5; i++)
        {
            await registrar.RegisterAsync(AppExtensions.Letter());
        }

        await using var plans = await QueryPlans.OpenAsync(app);
        var staff = new StaffFacts("plan-test", registrar.Org("330106XFJ"), StaffRole.Registrar);
        var directory = app.Services.GetRequiredService<OrganizationDirectory>();
        var keys = TextIndexRows.Hasher.BandKeys(TextIndexRows.Hasher.Compute("小区物业乱收停车费", "物业公司今年起每月加收停车管理费")).Select(k => unchecked((long)k)).ToList();
        var watermark = Guid.CreateVersion7();
        var matching = FullTextSearch.Matching(plans.Db, ["停车费", "物业"]);

        var queries = new (string Name, Func<PostgresAppDbContext, Task> Run)[]
        {
            ("full text", db => db.Petitions.Where(p => matching.Contains(p.Id)).VisibleTo(staff, directory).OrderByDescending(p => p.RegisteredAt).Take(20).Select(p => p.Id).ToListAsync()),
            ("band keys", db => AnalyzePetition.BySimilarText(db, keys).Take(5000).ToListAsync()),
            ("blind keys", db => AnalyzePetition.BySamePerson(db, ["AB", "CD"]).Take(5000).ToListAsync()),
            ("indexer batch", db => TextIndexWorker.After(db, watermark).ToListAsync()),
            ("indexer overlap", db => TextIndexWorker.Unindexed(db, TextIndexWorker.Uuid7Floor(TextIndexWorker.Uuid7Time(watermark).AddMinutes(-10)), watermark).ToListAsync()),
        };

        foreach (var (name, run) in queries)
        {
            foreach (var (sql, plan) in await plans.ExplainAsync(run))
            {
                Assert.False(plan.Contains("Seq Scan", StringComparison.Ordinal), $"{name} scans:\n{sql}\n{plan}");
                if (name == "full text")
                {
                    // On the test's few rows the planner may start from the scope (the petitions' own index, estimated at one
                    // row) and probe petition_text by id instead of the GIN index; either way no table is read whole (above).
                    Assert.True(
                        plan.Contains("ix_petition_text_search_vector", StringComparison.Ordinal) || plan.Contains("IX_petition_text_petition_id", StringComparison.Ordinal),
                        $"{name} reads petition_text without an index:\n{sql}\n{plan}");
                }
            }
        }
    }
}
