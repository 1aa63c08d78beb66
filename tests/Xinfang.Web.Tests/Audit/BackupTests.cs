using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;
using Xinfang.Web.Audit;
using Xinfang.Web.Data;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests.Audit;

/// <summary>
/// Finding 9 of issue 9: <c>backup</c> and <c>restore</c>. Petitions registered and acted on, the
/// command backs up, the archive is restored into an empty database, every row of every table is
/// found there, and <c>audit verify</c> passes on the restored copy; a non-empty target is refused.
/// </summary>
public abstract class BackupTests(AppFixture fixture)
{
    private XinfangApp App => fixture.App;

    [SkippableFact]
    public async Task A_backup_restored_into_an_empty_database_has_every_row_and_its_audit_chain_verifies()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        for (var i = 0; i < 3; i++)
        {
            var (id, _, _, _) = await registrar.RegisterAsync(AppExtensions.Letter($"备份测试{i}"));
            await registrar.ActAsync(id, "notify-receipt", new { routeAndProcedure = "书面告知" });
        }

        var folder = Path.Combine(Path.GetTempPath(), "xinfang-tests", "backup-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, App.Provider == Provider.Postgres ? "xinfang.dump" : "xinfang.db.bak");
        var (code, output) = await RunAsync(App.Services, "backup", file);
        Assert.True(code == 0, output);
        Assert.True(File.Exists(file));
        Assert.DoesNotContain(Directory.GetFiles(folder), f => f.EndsWith(".key", StringComparison.Ordinal));

        var (provider, source) = await App.WithDbAsync(db => Task.FromResult(DatabaseBackup.Of(db)));
        var (target, drop) = EmptyDatabase(folder);
        try
        {
            // A non-empty target is refused (here: the app's own database), and left as it was.
            var rowsBefore = await DatabaseBackup.CountAsync(provider, source, default);
            var (refused, refusal) = await RunAsync(App.Services, "restore", file);
            Assert.Equal(2, refused);
            Assert.Contains("not empty", refusal, StringComparison.Ordinal);
            Assert.Equal(rowsBefore, await DatabaseBackup.CountAsync(provider, source, default));

            await DatabaseBackup.RestoreAsync(provider, target, file, force: false, default);

            var expected = await RowsAsync(provider, source);
            var restored = await RowsAsync(provider, target);
            Assert.True(expected.Count > 15, $"only {expected.Count} tables");
            Assert.True(expected["petitions"].Count == 3, "the petitions are not in the source");
            foreach (var (table, rows) in expected)
            {
                Assert.True(restored.TryGetValue(table, out var copy), $"table {table} missing from the restored database");
                Assert.True(rows.SequenceEqual(copy), $"table {table}: {rows.Count} rows backed up, {copy.Count} restored, or they differ");
            }

            // The restored copy, opened by the app with the same keys: the audit chain verifies, the items are there.
            await using var restoredApp = App.WithWebHostBuilder(b => b.UseSetting("ConnectionStrings:Xinfang", target));
            var (verified, report) = await RunAsync(restoredApp.Services, "audit", "verify");
            Assert.True(verified == 0, report);
            var client = restoredApp.CreateClient();
            var login = await client.PostAsync("/api/auth/login", new StringContent($"{{\"userName\":\"demo.xihu.registrar\",\"password\":\"{Administration.DemoData.DemoPassword}\"}}", Encoding.UTF8, "application/json"));
            Assert.True(login.IsSuccessStatusCode, $"sign-in on the restored copy: {(int)login.StatusCode}");
        }
        finally
        {
            drop();
        }
    }

    private (string Connection, Action Drop) EmptyDatabase(string folder)
    {
        if (App.Provider == Provider.Sqlite)
        {
            return ($"Data Source={Path.Combine(folder, "restored.db")}", () => SqliteConnection.ClearAllPools());
        }

        var admin = TestServices.PostgresConnection!;
        var name = "xinfang_r_" + Guid.NewGuid().ToString("N")[..12];
        using (var c = new NpgsqlConnection(admin))
        {
            c.Open();
            using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", c);
            cmd.ExecuteNonQuery();
        }

        return (new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString, () =>
            TestServices.DropDatabase(name, admin));
    }

    /// <summary>Every row of every table, each as the text of its values, sorted (order of storage is not compared).</summary>
    private static async Task<Dictionary<string, List<string>>> RowsAsync(string provider, string connection)
    {
        await using var c = DatabaseBackup.Open(provider, connection);
        await c.OpenAsync();
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var table in await DatabaseBackup.TablesAsync(c, provider, default))
        {
            await using var select = c.CreateCommand();
            select.CommandText = $"SELECT * FROM {DatabaseBackup.Quote(table)}";
            var rows = new List<string>();
            await using (var reader = await select.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    var values = new string[reader.FieldCount];
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        values[i] = reader.IsDBNull(i) ? "∅" : reader.GetValue(i) switch
                        {
                            byte[] b => Convert.ToBase64String(b),
                            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                            var v => v.ToString() ?? string.Empty,
                        };
                    }

                    rows.Add(string.Join('\u001f', values));
                }
            }

            rows.Sort(StringComparer.Ordinal);
            result[table] = rows;
        }

        return result;
    }

    private static async Task<(int Code, string Output)> RunAsync(IServiceProvider services, params string[] command)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await TrustCommands.RunAsync(services, command, output, error);
        return (code, output + error.ToString());
    }
}

public sealed class BackupOnSqlite(SqliteFixture fixture) : BackupTests(fixture), IClassFixture<SqliteFixture>;

public sealed class BackupOnPostgres(PostgresFixture fixture) : BackupTests(fixture), IClassFixture<PostgresFixture>;
