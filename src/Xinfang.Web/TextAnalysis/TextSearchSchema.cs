using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Xinfang.Web.TextAnalysis;

/// <summary>
/// The full-text parts EF cannot model, per provider (ADR 0015). SQLite: an FTS5 table with
/// <c>petition_text</c> as external content (rowid = <c>petition_text.id</c>, an INTEGER PRIMARY KEY,
/// stable across VACUUM), kept in step by triggers. PostgreSQL: a stored generated
/// <c>tsvector('simple', tokens)</c> column with a GIN index. Called from the <c>Initial</c>
/// migration of each provider (<see cref="Apply"/>); every statement is idempotent, so start-up can
/// re-apply it when a regenerated migration lost the call (<see cref="EnsureAsync"/>).
/// </summary>
public static class TextSearchSchema
{
    public const string SqliteProvider = "Microsoft.EntityFrameworkCore.Sqlite";
    public const string PostgresProvider = "Npgsql.EntityFrameworkCore.PostgreSQL";

    public static readonly string[] Sqlite =
    [
        "CREATE VIRTUAL TABLE IF NOT EXISTS petition_text_fts USING fts5(tokens, content='petition_text', content_rowid='id', tokenize='unicode61')",
        "CREATE TRIGGER IF NOT EXISTS petition_text_fts_ai AFTER INSERT ON petition_text BEGIN INSERT INTO petition_text_fts(rowid, tokens) VALUES (new.id, new.tokens); END",
        "CREATE TRIGGER IF NOT EXISTS petition_text_fts_ad AFTER DELETE ON petition_text BEGIN INSERT INTO petition_text_fts(petition_text_fts, rowid, tokens) VALUES ('delete', old.id, old.tokens); END",
        "CREATE TRIGGER IF NOT EXISTS petition_text_fts_au AFTER UPDATE OF tokens ON petition_text BEGIN INSERT INTO petition_text_fts(petition_text_fts, rowid, tokens) VALUES ('delete', old.id, old.tokens); INSERT INTO petition_text_fts(rowid, tokens) VALUES (new.id, new.tokens); END",
        "INSERT INTO petition_text_fts(petition_text_fts) VALUES ('rebuild')",
    ];

    public static readonly string[] Postgres =
    [
        "ALTER TABLE petition_text ADD COLUMN IF NOT EXISTS search_vector tsvector GENERATED ALWAYS AS (to_tsvector('simple', tokens)) STORED",
        "CREATE INDEX IF NOT EXISTS ix_petition_text_search_vector ON petition_text USING GIN (search_vector)",
    ];

    /// <summary>One line at the end of each provider's <c>Initial.Up</c>: <c>TextSearchSchema.Apply(migrationBuilder);</c></summary>
    public static void Apply(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        var statements = migrationBuilder.ActiveProvider switch
        {
            SqliteProvider => Sqlite,
            PostgresProvider => Postgres,
            _ => [],
        };
        foreach (var sql in statements)
        {
            migrationBuilder.Sql(sql);
        }
    }

    /// <summary>Creates the search structures when missing (returns true when it had to).</summary>
    public static async Task<bool> EnsureAsync(DatabaseFacade database, CancellationToken ct)
    {
        string check;
        string[] statements;
        if (database.IsSqlite())
        {
            check = "SELECT count(*) AS \"Value\" FROM sqlite_master WHERE name = 'petition_text_fts'";
            statements = Sqlite;
        }
        else if (database.IsNpgsql())
        {
            check = "SELECT count(*)::int AS \"Value\" FROM information_schema.columns WHERE table_name = 'petition_text' AND column_name = 'search_vector'";
            statements = Postgres;
        }
        else
        {
            return false;
        }

        var present = await database.SqlQueryRaw<int>(check).SingleAsync(ct);
        if (present > 0)
        {
            return false;
        }

        foreach (var sql in statements)
        {
            await database.ExecuteSqlRawAsync(sql, ct);
        }

        return true;
    }
}
