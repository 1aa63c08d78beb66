using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Xinfang.Web.Data;

/// <summary>
/// <c>backup &lt;file&gt;</c> and <c>restore &lt;file&gt; [--force]</c> (docs/operations.md): SQLite's online
/// backup (a consistent copy while the app runs) and PostgreSQL's <c>pg_dump</c>/<c>pg_restore</c> in
/// the custom format. The archive holds the database only: the key files of the data folder
/// (personal-data keys, the audit key, the data-protection ring) are never in it and are kept
/// elsewhere, so a stolen archive reveals no encrypted personal data. Restore refuses a target that
/// holds any row unless forced.
/// </summary>
internal static class DatabaseBackup
{
    public static bool IsPostgres(string provider) =>
        provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase) || provider.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase);

    public static async Task<string> BackupAsync(string provider, string connectionString, string file, CancellationToken ct)
    {
        var path = Path.GetFullPath(file);
        if (File.Exists(path))
        {
            throw new InvalidOperationException($"{path} already exists; choose a new file (a backup never overwrites one).");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (IsPostgres(provider))
        {
            var c = new NpgsqlConnectionStringBuilder(connectionString);
            await RunAsync("pg_dump", c, ["--format=custom", "--no-owner", "--no-privileges", "--file=" + path, "--dbname=" + c.Database], ct);
        }
        else
        {
            await using var source = new SqliteConnection(connectionString);
            await source.OpenAsync(ct);
            await using (var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
            {
                await target.OpenAsync(ct);
                source.BackupDatabase(target); // the online backup API: consistent while the app writes
                await using var check = target.CreateCommand();
                check.CommandText = "PRAGMA integrity_check";
                var result = (string?)await check.ExecuteScalarAsync(ct);
                if (result != "ok")
                {
                    throw new InvalidOperationException($"the copy failed its integrity check: {result}");
                }
            }
        }

        return $"Backed up {provider} database to {path} ({new FileInfo(path).Length:N0} bytes). Keys are not in the archive: keep the key folder's backup elsewhere.";
    }

    public static async Task<string> RestoreAsync(string provider, string connectionString, string file, bool force, CancellationToken ct)
    {
        var path = Path.GetFullPath(file);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{path} does not exist.");
        }

        var (tables, rows) = await CountAsync(provider, connectionString, ct);
        if (rows > 0 && !force)
        {
            throw new InvalidOperationException($"the target database is not empty ({rows:N0} rows in {tables} tables); restore only into an empty database, or add --force to replace it.");
        }

        if (IsPostgres(provider))
        {
            var c = new NpgsqlConnectionStringBuilder(connectionString);
            List<string> args = ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", "--dbname=" + c.Database];
            if (tables > 0)
            {
                args.Insert(0, "--if-exists");
                args.Insert(0, "--clean");
            }

            NpgsqlConnection.ClearAllPools();
            await RunAsync("pg_restore", c, [.. args, path], ct);
        }
        else
        {
            await using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            await source.OpenAsync(ct);
            await using (var probe = source.CreateCommand())
            {
                probe.CommandText = "PRAGMA integrity_check";
                if ((string?)await probe.ExecuteScalarAsync(ct) != "ok")
                {
                    throw new InvalidOperationException($"{path} is not an intact SQLite backup.");
                }
            }

            SqliteConnection.ClearAllPools();
            await using var target = new SqliteConnection(connectionString);
            await target.OpenAsync(ct);
            source.BackupDatabase(target);
            SqliteConnection.ClearAllPools();
        }

        var (_, restored) = await CountAsync(provider, connectionString, ct);
        return $"Restored {restored:N0} rows from {path}. Run `audit verify` next; the keys of the data folder must be the ones the backup was written with.";
    }

    /// <summary>The app's tables and the rows in them (any table of the database's main schema).</summary>
    public static async Task<(int Tables, long Rows)> CountAsync(string provider, string connectionString, CancellationToken ct)
    {
        await using var connection = Open(provider, connectionString);
        await connection.OpenAsync(ct);
        var names = await TablesAsync(connection, provider, ct);
        long rows = 0;
        foreach (var name in names)
        {
            await using var count = connection.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM {Quote(name)}";
            rows += Convert.ToInt64(await count.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        }

        return (names.Count, rows);
    }

    /// <summary>The names of the tables (not SQLite's own, not the FTS shadow tables' internals).</summary>
    public static async Task<List<string>> TablesAsync(DbConnection connection, string provider, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var list = connection.CreateCommand();
        list.CommandText = IsPostgres(provider)
            ? "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1"
            : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY 1";
        var names = new List<string>();
        await using var reader = await list.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    public static DbConnection Open(string provider, string connectionString) =>
        IsPostgres(provider) ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);

    /// <summary>A quoted identifier (both providers quote with double quotes).</summary>
    public static string Quote(string name) => $"\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    /// <summary>The provider and connection string the app is configured with.</summary>
    public static (string Provider, string ConnectionString) Of(AppDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return (db.Database.IsNpgsql() ? "Postgres" : "Sqlite", db.Database.GetConnectionString()!);
    }

    private static async Task RunAsync(string tool, NpgsqlConnectionStringBuilder c, IEnumerable<string> arguments, CancellationToken ct)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in (string[])[$"--host={c.Host}", $"--port={c.Port}", $"--username={c.Username}", "--no-password", .. arguments])
        {
            start.ArgumentList.Add(a);
        }

        // The password goes in the environment of the child only, never on its command line.
        if (!string.IsNullOrEmpty(c.Password))
        {
            start.Environment["PGPASSWORD"] = c.Password;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} could not be started (is the PostgreSQL client installed?)");
        var stderr = process.StandardError.ReadToEndAsync(ct);
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed (exit {process.ExitCode}): {(await stderr).Trim()}");
        }

        await stdout;
    }
}
