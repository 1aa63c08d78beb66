using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using Xinfang.Web.Data;
using Xinfang.Web.Operations;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests.Operations;

/// <summary>
/// A migration applied to a populated database keeps every row (issue 16). The database is made at the schema
/// as shipped — this build's migrations up to and including the one a snapshot names — and filled with that
/// release's data (tests/Xinfang.Web.Tests/Operations/Shipped/&lt;Migration&gt;/{postgres,sqlite}.sql: the demo
/// jurisdiction with 40 demo items in every lifecycle state, every table the app fills in normal use, dumped as
/// column-named INSERTs by <c>tools/snapshot-shipped-data</c>). Then the start's own migration
/// (<see cref="SchemaCheck.MigrateAsync"/>) applies whatever came after, and every table still holds every row:
/// the same count, and every <c>Id</c> it had.
/// <para>
/// Today the only migration is Initial, so the migration step applies nothing and the test guards the fixture and
/// the check itself. It starts to mean more with the next migration: a release that adds one runs the tool to add
/// its snapshot (docs/operations.md, "A release's data snapshot"), so the next release's migrations are applied over
/// this release's data. A migration that drops or renames a table on purpose names it in <see cref="Moved"/> with
/// where its rows went. The refusal to start on a newer schema is tested in
/// <see cref="ProbeTests.The_app_refuses_to_start_on_a_database_migrated_by_a_newer_build"/>.
/// </para>
/// </summary>
public abstract class MigrationKeepsRowsTests(Provider provider)
{
    /// <summary>Tables a later migration drops or renames on purpose: old name → new name (none yet).</summary>
    private static readonly Dictionary<string, string> Moved = [];

    /// <summary>Tables every snapshot must fill: the data is "normal use", not an empty schema.</summary>
    private static readonly string[] MustHaveRows =
        ["petitions", "organizations", "AspNetUsers", "statistics_facts", "audit_entries", "petition_text"];

    public static string SnapshotFolder => Path.Combine(AppContext.BaseDirectory, "Operations", "Shipped");

    private string File => provider == Provider.Postgres ? "postgres.sql" : "sqlite.sql";

    [SkippableFact]
    public async Task Each_shipped_snapshot_migrated_to_this_build_keeps_every_row()
    {
        if (provider == Provider.Postgres)
        {
            TestServices.RequirePostgres();
        }

        var snapshots = Directory.GetDirectories(SnapshotFolder).Where(d => System.IO.File.Exists(Path.Combine(d, File))).Order().ToList();
        Assert.NotEmpty(snapshots);
        foreach (var folder in snapshots)
        {
            await using var database = await EmptyDatabase.CreateAsync(provider);
            await using var db = database.Context();
            // The schema as shipped: this build's migrations up to the snapshot's (named without the timestamp,
            // which tools/regenerate-migrations changes until the first release).
            var name = Path.GetFileName(folder);
            var shipped = db.Database.GetMigrations().SingleOrDefault(m => m.EndsWith("_" + name, StringComparison.Ordinal));
            Assert.True(shipped is not null, $"snapshot {name}: this build has no migration of that name");
            await db.GetService<IMigrator>().MigrateAsync(shipped);

            // The snapshot is the whole data of the shipped database: rows the migrations seed (the audit chain's
            // head, say) are in it as they were then, so the seeded copies go first.
            await database.EmptyTablesAsync();
            await database.RunScriptAsync(await System.IO.File.ReadAllTextAsync(Path.Combine(folder, File)));
            var before = await database.RowsAsync();
            foreach (var table in MustHaveRows)
            {
                Assert.True(before.TryGetValue(table, out var rows) && rows.Count > 0, $"snapshot {name}: {table} has no rows");
            }

            await SchemaCheck.MigrateAsync(db);
            Assert.Empty((await SchemaCheck.CompareAsync(db, CancellationToken.None)).Pending);

            var after = await database.RowsAsync();
            foreach (var (table, rows) in before)
            {
                var now = Moved.TryGetValue(table, out var renamed) ? renamed : table;
                Assert.True(after.TryGetValue(now, out var kept), $"snapshot {name}: table {table} is gone after the migrations");
                Assert.True(rows.Count == kept!.Count, $"snapshot {name}: {table} had {rows.Count} rows, has {kept.Count}");
                var lost = rows.Ids.Except(kept.Ids).Take(5).ToList();
                Assert.True(lost.Count == 0, $"snapshot {name}: {table} lost the rows {string.Join(", ", lost)}");
            }
        }
    }

    /// <summary>A table's row count and the text of its Id column's values (when it has one).</summary>
    internal sealed record Rows(long Count, IReadOnlySet<string> Ids);

    /// <summary>A new, empty database of the provider, dropped at the end.</summary>
    internal sealed class EmptyDatabase : IAsyncDisposable
    {
        private readonly Provider _provider;
        private readonly string? _postgresName;

        private EmptyDatabase(Provider provider, string connection, string? postgresName)
        {
            _provider = provider;
            Connection = connection;
            _postgresName = postgresName;
        }

        public string Connection { get; }

        public static async Task<EmptyDatabase> CreateAsync(Provider provider)
        {
            if (provider == Provider.Sqlite)
            {
                var file = Path.Combine(Path.GetTempPath(), "xinfang-tests", "migrate-" + Guid.NewGuid().ToString("N") + ".db");
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                return new EmptyDatabase(provider, $"Data Source={file};Pooling=False", null);
            }

            var name = "xinfang_m_" + Guid.NewGuid().ToString("N")[..12];
            await using var admin = new NpgsqlConnection(TestServices.PostgresConnection);
            await admin.OpenAsync();
            await using (var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin))
            {
                await create.ExecuteNonQueryAsync();
            }

            return new EmptyDatabase(provider, new NpgsqlConnectionStringBuilder(TestServices.PostgresConnection) { Database = name }.ConnectionString, name);
        }

        // Contexts made outside a host: in the whole suite EF has by then built its twenty internal service providers for
        // other tests' hosts, and the warning about more is an error by default (as in Infrastructure/QueryPlans).
        public AppDbContext Context() => _provider == Provider.Postgres
            ? new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(Connection)
                .ConfigureWarnings(w => w.Ignore(CoreEventId.ManyServiceProvidersCreatedWarning)).Options)
            : new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(Connection)
                .ConfigureWarnings(w => w.Ignore(CoreEventId.ManyServiceProvidersCreatedWarning)).Options);

        /// <summary>Deletes every row the migrations wrote (the history table aside).</summary>
        public async Task EmptyTablesAsync()
        {
            var tables = (await RowsAsync()).Where(t => t.Value.Count > 0).Select(t => t.Key).ToList();
            if (tables.Count == 0)
            {
                return;
            }

            var sql = _provider == Provider.Postgres
                ? $"TRUNCATE {string.Join(", ", tables.Select(t => $"\"{t}\""))} CASCADE"
                : string.Join(";", tables.Select(t => $"DELETE FROM \"{t}\""));
            await RunScriptAsync(sql);
        }

        /// <summary>The snapshot's INSERTs, in one transaction, foreign keys checked at the end (the dump's order is by table name on SQLite).</summary>
        public async Task RunScriptAsync(string sql)
        {
            if (_provider == Provider.Postgres)
            {
                await using var c = new NpgsqlConnection(Connection);
                await c.OpenAsync();
                await using var cmd = new NpgsqlCommand(sql, c) { CommandTimeout = 600 };
                await cmd.ExecuteNonQueryAsync();
                return;
            }

            await using var s = new SqliteConnection(Connection);
            await s.OpenAsync();
            await using (var off = new SqliteCommand("PRAGMA foreign_keys = OFF", s))
            {
                await off.ExecuteNonQueryAsync();
            }

            await using (var tx = await s.BeginTransactionAsync())
            {
                await using var cmd = new SqliteCommand(sql, s, (SqliteTransaction)tx);
                await cmd.ExecuteNonQueryAsync();
                await tx.CommitAsync();
            }

            // The rows as loaded break no foreign key.
            await using var check = new SqliteCommand("PRAGMA foreign_key_check", s);
            await using var broken = await check.ExecuteReaderAsync();
            Assert.False(await broken.ReadAsync(), "the SQLite snapshot breaks a foreign key");
        }

        /// <summary>Every table's rows (the migrations history and SQLite's full-text index tables aside: they are derived).</summary>
        public async Task<Dictionary<string, Rows>> RowsAsync()
        {
            var result = new Dictionary<string, Rows>(StringComparer.Ordinal);
            if (_provider == Provider.Postgres)
            {
                await using var c = new NpgsqlConnection(Connection);
                await c.OpenAsync();
                var tables = new List<(string Table, bool HasId)>();
                await using (var list = new NpgsqlCommand(
                    "SELECT t.table_name, EXISTS (SELECT 1 FROM information_schema.columns k WHERE k.table_schema = t.table_schema AND k.table_name = t.table_name AND k.column_name = 'Id') " +
                    "FROM information_schema.tables t WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND t.table_name <> '__EFMigrationsHistory'", c))
                await using (var r = await list.ExecuteReaderAsync())
                {
                    while (await r.ReadAsync())
                    {
                        tables.Add((r.GetString(0), r.GetBoolean(1)));
                    }
                }

                foreach (var (table, hasId) in tables)
                {
                    result[table] = await ReadAsync(c, table, hasId);
                }
            }
            else
            {
                await using var s = new SqliteConnection(Connection);
                await s.OpenAsync();
                var tables = new List<(string Table, bool HasId)>();
                await using (var list = new SqliteCommand(
                    "SELECT m.name, EXISTS (SELECT 1 FROM pragma_table_info(m.name) WHERE name = 'Id') FROM sqlite_master m " +
                    "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE 'petition_text_fts%' AND m.name <> '__EFMigrationsHistory'", s))
                await using (var r = await list.ExecuteReaderAsync())
                {
                    while (await r.ReadAsync())
                    {
                        tables.Add((r.GetString(0), r.GetInt64(1) == 1));
                    }
                }

                foreach (var (table, hasId) in tables)
                {
                    result[table] = await ReadAsync(s, table, hasId);
                }
            }

            return result;
        }

        private static async Task<Rows> ReadAsync(System.Data.Common.DbConnection c, string table, bool hasId)
        {
            await using var cmd = c.CreateCommand();
            cmd.CommandText = hasId ? $"SELECT \"Id\" FROM \"{table}\"" : $"SELECT count(*) FROM \"{table}\"";
            await using var r = await cmd.ExecuteReaderAsync();
            if (!hasId)
            {
                await r.ReadAsync();
                return new Rows(r.GetInt64(0), new HashSet<string>());
            }

            var ids = new HashSet<string>(StringComparer.Ordinal);
            long count = 0;
            while (await r.ReadAsync())
            {
                count++;
                ids.Add(Convert.ToString(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
            }

            return new Rows(count, ids);
        }

        public async ValueTask DisposeAsync()
        {
            if (_postgresName is null)
            {
                SqliteConnection.ClearAllPools();
                System.IO.File.Delete(new SqliteConnectionStringBuilder(Connection).DataSource);
                return;
            }

            TestServices.DropDatabase(_postgresName);
        }
    }
}

public sealed class SqliteMigrationKeepsRowsTests() : MigrationKeepsRowsTests(Provider.Sqlite);

public sealed class PostgresMigrationKeepsRowsTests() : MigrationKeepsRowsTests(Provider.Postgres);

/// <summary>
/// Not a test of the app: the tool that writes a release's data snapshot (tools/snapshot-shipped-data sets
/// XINFANG_SNAPSHOT_MIGRATION to the release's last migration name). Skipped in every ordinary run.
/// </summary>
public sealed class ShippedDataSnapshotWriter
{
    [SkippableFact]
    public async Task Write_the_shipped_data_snapshot()
    {
        var name = Environment.GetEnvironmentVariable("XINFANG_SNAPSHOT_MIGRATION");
        var into = Environment.GetEnvironmentVariable("XINFANG_SNAPSHOT_FOLDER");
        Skip.If(string.IsNullOrEmpty(name) || string.IsNullOrEmpty(into), "writes a snapshot only when tools/snapshot-shipped-data asks");
        TestServices.RequirePostgres();
        var folder = Path.Combine(into!, name!);
        Directory.CreateDirectory(folder);
        foreach (var provider in new[] { Provider.Postgres, Provider.Sqlite })
        {
            // The demo jurisdiction, its accounts and 40 items through every lifecycle state, as the app writes them.
            using var app = new XinfangApp(provider, demoPetitions: 40);
            _ = app.Server;
            var latest = await app.WithDbAsync(db => Task.FromResult(db.Database.GetMigrations().Last()));
            Assert.EndsWith("_" + name, latest, StringComparison.Ordinal);
            var connection = await app.WithDbAsync(db => Task.FromResult(db.Database.GetConnectionString()!));
            if (provider == Provider.Postgres)
            {
                var b = new NpgsqlConnectionStringBuilder(connection);
                await RunAsync("pg_dump", ["--data-only", "--column-inserts", "--no-owner", "--no-privileges", "--exclude-table=\"__EFMigrationsHistory\"",
                    "-h", b.Host!, "-p", b.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", b.Username!, "-d", b.Database!,
                    "-f", Path.Combine(folder, "postgres.sql")], b.Password);
                // pg_dump's psql meta-commands (\restrict since 15.14) are not SQL: the test runs the file through Npgsql.
                var lines = await System.IO.File.ReadAllLinesAsync(Path.Combine(folder, "postgres.sql"));
                await System.IO.File.WriteAllLinesAsync(Path.Combine(folder, "postgres.sql"), lines.Where(l => !l.StartsWith('\\')));
            }
            else
            {
                SqliteConnection.ClearAllPools();
                var file = new SqliteConnectionStringBuilder(connection).DataSource;
                var tables = new List<string>();
                await using (var s = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False"))
                {
                    await s.OpenAsync();
                    await using var list = new SqliteCommand("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'petition_text_fts%' AND name <> '__EFMigrationsHistory' ORDER BY name", s);
                    await using var r = await list.ExecuteReaderAsync();
                    while (await r.ReadAsync())
                    {
                        tables.Add(r.GetString(0));
                    }
                }

                // sqlite3's insert mode with headers writes column-named INSERTs, blobs as X'..'.
                var script = string.Join('\n', [".headers on", .. tables.Select(t => $".mode insert \"{t}\"\nSELECT * FROM \"{t}\";")]);
                var output = await RunAsync("sqlite3", [file], null, script);
                await System.IO.File.WriteAllTextAsync(Path.Combine(folder, "sqlite.sql"), output);
            }
        }
    }

    private static async Task<string> RunAsync(string tool, string[] args, string? password, string? input = null)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = input is not null };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        if (password is not null)
        {
            start.Environment["PGPASSWORD"] = password;
        }

        using var p = Process.Start(start)!;
        if (input is not null)
        {
            await p.StandardInput.WriteAsync(input);
            p.StandardInput.Close();
        }

        var output = p.StandardOutput.ReadToEndAsync();
        var error = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.True(p.ExitCode == 0, $"{tool}: {error}");
        return await output;
    }
}
