using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xinfang.Web.Data;

namespace Xinfang.Web.Tests.Infrastructure;

/// <summary>
/// Reads PostgreSQL's plans of the very queries the app runs: a context with a capturing interceptor
/// runs each query, then every captured command is EXPLAINed with its parameters, with sequential
/// scans priced out so that a missing index shows up as a Seq Scan.
/// </summary>
public sealed class QueryPlans : IAsyncDisposable
{
    private readonly Capture _capture;
    private NpgsqlConnection? _connection;

    private QueryPlans(PostgresAppDbContext db, Capture capture)
    {
        Db = db;
        _capture = capture;
    }

    public PostgresAppDbContext Db { get; }

    public static async Task<QueryPlans> OpenAsync(XinfangApp app)
    {
        string connection;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            connection = scope.ServiceProvider.GetRequiredService<PostgresAppDbContext>().Database.GetConnectionString()!;
        }

        var capture = new Capture();
        var db = new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(connection).AddInterceptors(capture)
            // trust-surface: more test apps per run push EF past 20 internal providers; as in DataSetup, that is expected in tests.
            .ConfigureWarnings(w => w.Ignore(CoreEventId.ManyServiceProvidersCreatedWarning)).Options);
        var plans = new QueryPlans(db, capture);
        plans._connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await plans._connection.OpenAsync();
        await using var off = new NpgsqlCommand("SET enable_seqscan = off", plans._connection);
        await off.ExecuteNonQueryAsync();
        return plans;
    }

    /// <summary>Runs the query and returns the plan of each SQL command it sent.</summary>
    public async Task<IReadOnlyList<(string Sql, string Plan)>> ExplainAsync(Func<PostgresAppDbContext, Task> run)
    {
        _capture.Commands.Clear();
        await run(Db);
        Assert.NotEmpty(_capture.Commands);
        var result = new List<(string, string)>();
        foreach (var (text, parameters) in _capture.Commands.ToList())
        {
            await using var explain = new NpgsqlCommand("EXPLAIN " + text, _connection);
            foreach (var (name, value) in parameters)
            {
                explain.Parameters.Add(new NpgsqlParameter(name, value ?? DBNull.Value));
            }

            var lines = new List<string>();
            await using (var reader = await explain.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    lines.Add(reader.GetString(0));
                }
            }

            result.Add((text, string.Join('\n', lines)));
        }

        return result;
    }

    /// <summary>Fails when any command of the query scans a table sequentially.</summary>
    public async Task AssertNoSequentialScanAsync(string name, Func<PostgresAppDbContext, Task> run)
    {
        foreach (var (sql, plan) in await ExplainAsync(run))
        {
            Assert.False(plan.Contains("Seq Scan", StringComparison.Ordinal), $"{name} scans a table:\n{sql}\n{plan}");
        }
    }

    public async ValueTask DisposeAsync() => await Db.DisposeAsync();

    private sealed class Capture : DbCommandInterceptor
    {
        public List<(string Text, List<(string Name, object? Value)> Parameters)> Commands { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Add(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Add(command);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }

        private void Add(DbCommand command) =>
            Commands.Add((command.CommandText, command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value)).ToList()));
    }
}
