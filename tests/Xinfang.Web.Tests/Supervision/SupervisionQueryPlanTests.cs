using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Supervision;
using Xinfang.Web.Data;
using Xinfang.Web.Supervision;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests.Supervision;

/// <summary>
/// The sweeper and the supervisors' list read petitions by their current due instant, never all of
/// them: PostgreSQL's plans for the exact queries they run, with sequential scans priced out, show no
/// Seq Scan on petitions (or their clocks, or the warnings and notices).
/// </summary>
public sealed class SupervisionQueryPlanTests(PostgresFixture fixture) : IClassFixture<PostgresFixture>
{
    [SkippableFact]
    public async Task The_sweep_and_the_supervisors_list_never_scan_petitions()
    {
        var app = fixture.App;
        var registrar = await app.StaffAsync("demo.xihu.registrar");
        for (var i = 0; i < 3; i++)
        {
            await registrar.RegisterAsync(AppExtensions.Letter());
        }

        var capture = new Capture();
        await using var scope = app.Services.CreateAsyncScope();
        var options = new DbContextOptionsBuilder<PostgresAppDbContext>()
            .UseNpgsql(scope.ServiceProvider.GetRequiredService<PostgresAppDbContext>().Database.GetConnectionString())
            .AddInterceptors(capture).Options;
        await using var db = new PostgresAppDbContext(options);
        var today = DeadlineTime.LocalDate(app.Clock.GetUtcNow());
        var policy = DeadlineWarningPolicy.Default;
        var xihu = registrar.Org("330106XFJ");
        var orgs = new[] { xihu, registrar.Org("330106ZJJ"), registrar.Org("330106001JD") };
        var ids = new List<Guid> { Guid.NewGuid() };
        var nowUtc = app.Clock.GetUtcNow().UtcDateTime;
        var queries = new (string Name, Func<Task> Run)[]
        {
            ("sweep candidates", () => DeadlineSweeper.Candidates(db, today, policy, 30).Take(500).ToListAsync()),
            ("supervisors' list", () => SupervisorList.Items(db, orgs, DeadlineTime.EndOfDay(today.AddDays(policy.HorizonDays)).UtcDateTime).ToListAsync()),
            ("known warnings", () => db.Set<DeadlineWarningRecord>().Where(w => ids.Contains(w.PetitionId)).ToListAsync()),
            ("overdue notices", () => db.Set<SupervisionNotice>().Where(n => n.Status == SupervisionStatus.Open && n.FeedbackDueAtUtc < nowUtc).ToListAsync()),
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
                foreach (var (parameter, value) in parameters)
                {
                    explain.Parameters.Add(new NpgsqlParameter(parameter, value ?? DBNull.Value));
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
                Assert.DoesNotContain("Seq Scan", plan, StringComparison.Ordinal);
            }
        }
    }

    private sealed class Capture : DbCommandInterceptor
    {
        public List<(string Text, List<(string Name, object? Value)> Parameters)> Commands { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Commands.Add((command.CommandText, command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value)).ToList()));
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
