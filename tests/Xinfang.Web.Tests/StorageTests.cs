using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xinfang.Domain.Organizations;
using Xinfang.Domain.Petitions;
using Xinfang.Web.Casework;
using Xinfang.Web.Data;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests;

/// <summary>
/// The schema is meant for ten million petitions: the work list and the lookups must be index
/// seeks. This reads PostgreSQL's plans for the exact queries the endpoints run (with sequential
/// scans priced out, so a missing index shows as a Seq Scan) and fails on a scan of petitions.
/// </summary>
public sealed class QueryPlanTests(PostgresFixture fixture) : IClassFixture<PostgresFixture>
{
    [SkippableFact]
    public async Task Work_list_and_lookups_never_scan_the_petitions_table()
    {
        var app = fixture.App;
        var registrar = await app.StaffAsync("demo.xihu.registrar");
        for (var i = 0; i < 5; i++)
        {
            await registrar.RegisterAsync(AppExtensions.Letter());
        }

        var org = registrar.Org("330106XFJ");
        var capture = new CapturingInterceptor();
        await using var scope = app.Services.CreateAsyncScope();
        var options = new DbContextOptionsBuilder<PostgresAppDbContext>()
            .UseNpgsql(scope.ServiceProvider.GetRequiredService<PostgresAppDbContext>().Database.GetConnectionString())
            .AddInterceptors(capture).Options;
        await using var db = new PostgresAppDbContext(options);

        var queries = new (string Name, Func<Task> Run)[]
        {
            ("work list", () => WorkList.Project(WorkList.Query(db, org, null, null).Take(50)).ToListAsync()),
            ("work list by state", () => WorkList.Project(WorkList.Query(db, org, PetitionState.Registered, null).Take(50)).ToListAsync()),
            ("work list by due date", () => WorkList.Project(WorkList.Query(db, org, null, new DateOnly(2026, 4, 1)).Take(50)).ToListAsync()),
            ("work list count", () => WorkList.Query(db, org, PetitionState.Forwarded, null).CountAsync()),
            ("by number", () => SearchPetitions.Query(db, "330106XFJ-2026-000001", null, null).Select(p => p.Id).ToListAsync()),
            ("by name", () => WorkList.Project(SearchPetitions.Query(db, null, "王建国", null).Take(100)).ToListAsync()),
            ("by phone", () => WorkList.Project(SearchPetitions.Query(db, null, null, "13912345678").Take(100)).ToListAsync()),
            ("by id", () => db.Petitions.AsSplitQuery().Where(p => p.Id == Guid.NewGuid()).ToListAsync()),
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
            foreach (var command in capture.Commands)
            {
                var plan = await ExplainAsync(conn, command);
                Assert.False(plan.Contains("Seq Scan on petitions", StringComparison.Ordinal), $"{name} scans petitions:\n{command.Text}\n{plan}");
                Assert.False(plan.Contains("Seq Scan on petitioners", StringComparison.Ordinal), $"{name} scans petitioners:\n{plan}");
            }
        }
    }

    private static async Task<string> ExplainAsync(NpgsqlConnection conn, CapturedCommand command)
    {
        await using var explain = new NpgsqlCommand("EXPLAIN " + command.Text, conn);
        foreach (var (parameterName, value) in command.Parameters)
        {
            explain.Parameters.Add(new NpgsqlParameter(parameterName, value ?? DBNull.Value));
        }

        var lines = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join('\n', lines);
    }

    private sealed record CapturedCommand(string Text, List<(string Name, object? Value)> Parameters);

    private sealed class CapturingInterceptor : DbCommandInterceptor
    {
        public List<CapturedCommand> Commands { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Capture(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Capture(command);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }

        private void Capture(DbCommand command) => Commands.Add(new CapturedCommand(
            command.CommandText,
            command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value)).ToList()));
    }
}

/// <summary>Two officers acting on one item at once: the second save loses with a concurrency error (a 409 in the API).</summary>
public abstract class ConcurrencyTests(AppFixture fixture)
{
    [SkippableFact]
    public async Task The_second_of_two_simultaneous_actions_on_one_item_is_refused()
    {
        var app = fixture.App;
        var registrar = await app.StaffAsync("demo.xihu.registrar");
        var (id, _, _, _) = await registrar.RegisterAsync(AppExtensions.Letter());
        await using var s1 = app.Services.CreateAsyncScope();
        await using var s2 = app.Services.CreateAsyncScope();
        var db1 = s1.ServiceProvider.GetRequiredService<AppDbContext>();
        var db2 = s2.ServiceProvider.GetRequiredService<AppDbContext>();
        var a = await db1.Petitions.SingleAsync(p => p.Id == id);
        var loaded = a.Version;
        var b = await db2.Petitions.SingleAsync(p => p.Id == id);
        var unit = await db1.Organizations.SingleAsync(o => o.Code == "330106ZJJ");
        var street = await db2.Organizations.SingleAsync(o => o.Code == "330106001JD");
        var actor = new Actor("t", "测试", a.CurrentOrganizationId);

        a.Forward(unit, null, actor, app.Clock.GetUtcNow());
        b.Forward(street, null, actor, app.Clock.GetUtcNow());
        await PetitionStore.SaveAsync(db1, a, loaded, default);
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => PetitionStore.SaveAsync(db2, b, loaded, default));

        var stored = await app.WithDbAsync(db => db.Petitions.AsNoTracking().SingleAsync(p => p.Id == id));
        Assert.Equal(unit.Id, stored.CurrentOrganizationId);
        Assert.Equal(2, stored.History.Count);
        _ = OrganizationKind.ResponsibleUnit;
    }
}

public sealed class ConcurrencyOnSqlite(SqliteFixture fixture) : ConcurrencyTests(fixture), IClassFixture<SqliteFixture>;

public sealed class ConcurrencyOnPostgres(PostgresFixture fixture) : ConcurrencyTests(fixture), IClassFixture<PostgresFixture>;
