using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
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

        var capture = new CapturingInterceptor();
        var options = new DbContextOptionsBuilder<PostgresAppDbContext>()
            .UseNpgsql(app.Services.GetRequiredService<PostgresAppDbContext>().Database.GetConnectionString())
            .AddInterceptors(capture).Options;
        await using var db = new PostgresAppDbContext(options);
        var org = registrar.Org("330106XFJ");
        var keys = TextIndexRows.Hasher.BandKeys(TextIndexRows.Hasher.Compute("小区物业乱收停车费", "物业公司今年起每月加收停车管理费")).Select(k => unchecked((long)k)).ToList();
        var watermark = Guid.CreateVersion7();
        var matching = FullTextSearch.Matching(db, ["停车费", "物业"]);

        var queries = new (string Name, Func<Task> Run)[]
        {
            ("full text", () => db.Petitions.Where(p => matching.Contains(p.Id)).RelatedTo(org).OrderByDescending(p => p.RegisteredAt).Take(20).Select(p => p.Id).ToListAsync()),
            ("band keys", () => AnalyzePetition.BySimilarText(db, keys).Take(5000).ToListAsync()),
            ("blind keys", () => AnalyzePetition.BySamePerson(db, ["AB", "CD"]).Take(5000).ToListAsync()),
            ("indexer batch", () => TextIndexWorker.After(db, watermark).ToListAsync()),
            ("indexer overlap", () => TextIndexWorker.Unindexed(db, TextIndexWorker.Uuid7Floor(TextIndexWorker.Uuid7Time(watermark).AddMinutes(-10)), watermark).ToListAsync()),
        };

        var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        await conn.OpenAsync();
        await using (var off = new NpgsqlCommand("SET enable_seqscan = off", conn))
        {
            await off.ExecuteNonQueryAsync();
        }

        foreach (var (name, run) in queries)
        {
            capture.Commands.Clear();
            await run();
            Assert.NotEmpty(capture.Commands);
            foreach (var (text, parameters) in capture.Commands)
            {
                await using var explain = new NpgsqlCommand("EXPLAIN " + text, conn);
                foreach (var (parameterName, value) in parameters)
                {
                    explain.Parameters.Add(new NpgsqlParameter(parameterName, value ?? DBNull.Value));
                }

                var lines = new List<string>();
                await using (var reader = await explain.ExecuteReaderAsync())
                {
                    while (await reader.ReadAsync())
                    {
                        lines.Add(reader.GetString(0));
                    }
                }

                var plan = string.Join('\n', lines);
                Assert.False(plan.Contains("Seq Scan", StringComparison.Ordinal), $"{name} scans:\n{text}\n{plan}");
                if (name == "full text")
                {
                    Assert.Contains("ix_petition_text_search_vector", plan, StringComparison.Ordinal);
                }
            }
        }
    }

    private sealed class CapturingInterceptor : DbCommandInterceptor
    {
        public List<(string Text, List<(string Name, object? Value)> Parameters)> Commands { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Commands.Add((command.CommandText, command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value)).ToList()));
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
