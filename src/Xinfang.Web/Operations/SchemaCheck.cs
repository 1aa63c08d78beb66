using Microsoft.EntityFrameworkCore;
using Xinfang.Web.Data;

namespace Xinfang.Web.Operations;

/// <summary>
/// The database's migrations against this build's: pending (this build is newer — apply them) or unknown
/// (the database was migrated by a newer build — refuse to start, ADR 0159).
/// </summary>
public sealed record SchemaState(IReadOnlyList<string> Pending, IReadOnlyList<string> Unknown)
{
    public bool Current => Pending.Count == 0 && Unknown.Count == 0;
}

public static class SchemaCheck
{
    public static async Task<SchemaState> CompareAsync(AppDbContext db, CancellationToken ct)
    {
        // Both lists are in the history table's order (the migration id starts with its timestamp).
        var applied = (await db.Database.GetAppliedMigrationsAsync(ct)).ToList();
        var known = db.Database.GetMigrations().ToList();
        return new SchemaState(known.Except(applied, StringComparer.Ordinal).ToList(), applied.Except(known, StringComparer.Ordinal).ToList());
    }

    /// <summary>
    /// The start's migration: refuses a database migrated by a newer build — running older code on a newer schema
    /// would write rows the newer code does not expect (a dropped column filled again, a new NOT NULL left
    /// empty) and EF would not notice — then applies what this build adds.
    /// </summary>
    public static async Task MigrateAsync(AppDbContext db, CancellationToken ct = default)
    {
        var state = await CompareAsync(db, ct);
        if (state.Unknown.Count > 0)
        {
            throw new NewerSchemaException(state.Unknown);
        }

        await db.Database.MigrateAsync(ct);
    }
}

/// <summary>The database holds migrations this build does not know: the app does not start (docs/operations.md).</summary>
public sealed class NewerSchemaException(IReadOnlyList<string> unknown) : InvalidOperationException(
    $"数据库结构比本程序新：已执行本版本不认识的迁移 {string.Join("、", unknown)}。"
    + "本程序不在较新的结构上启动：请部署与数据库相同或更新的版本，或从迁移前的备份恢复（docs/operations.md）。"
    + $" The database schema is newer than this build (unknown migrations: {string.Join(", ", unknown)}); refusing to start.")
{
    public IReadOnlyList<string> Unknown { get; } = unknown;
}
