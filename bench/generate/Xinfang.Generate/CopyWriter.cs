using System.Collections;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using NpgsqlTypes;

namespace Xinfang.Generate;

/// <summary>
/// Writes what a context would insert, with PostgreSQL's binary COPY instead of INSERTs: the rows are the
/// context's own Added entries (so keys, owned rows' foreign keys and the model's value converters —
/// the personal-data encryption among them — are exactly the app's), the columns the model's mapping.
/// Store-generated keys (the owned rows' identity ids) are left to the database.
/// </summary>
internal static class CopyWriter
{
    public static async Task<long> WriteAddedAsync(DbContext db, NpgsqlConnection connection, CancellationToken ct)
    {
        long rows = 0;
        db.ChangeTracker.DetectChanges();
        var byType = db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).GroupBy(e => e.Metadata).ToList();
        // Parents before children (petitions before their owned rows), though nothing here is checked before commit.
        foreach (var group in byType.OrderBy(g => g.Key.IsOwned() ? 1 : 0))
        {
            var type = group.Key;
            var table = type.GetTableName() ?? throw new InvalidOperationException($"{type.Name} has no table");
            var store = StoreObjectIdentifier.Table(table, type.GetSchema());
            var columns = type.GetProperties()
                .Where(p => p.GetColumnName(store) is not null)
                .Where(p => !(p.ValueGenerated == ValueGenerated.OnAdd && p.IsPrimaryKey() && p.ClrType == typeof(int)))
                .Select(p => (Property: p, Column: p.GetColumnName(store)!, StoreType: p.GetColumnType(store)))
                .ToList();
            var copy = $"COPY \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.Column}\""))}) FROM STDIN (FORMAT BINARY)";
            await using var importer = await connection.BeginBinaryImportAsync(copy, ct);
            foreach (var entry in group)
            {
                await importer.StartRowAsync(ct);
                foreach (var (property, _, storeType) in columns)
                {
                    await WriteAsync(importer, ProviderValue(entry, property), storeType, ct);
                }

                rows++;
            }

            await importer.CompleteAsync(ct);
        }

        return rows;
    }

    private static object? ProviderValue(EntityEntry entry, IProperty property)
    {
        var value = entry.Property(property.Name).CurrentValue;
        var converter = property.GetTypeMapping().Converter;
        return value is null ? null : converter is null ? value : converter.ConvertToProvider(value);
    }

    private static Task WriteAsync(NpgsqlBinaryImporter importer, object? value, string storeType, CancellationToken ct)
    {
        if (value is null)
        {
            return importer.WriteNullAsync(ct);
        }

        var type = storeType.Split('(')[0].Trim().ToLowerInvariant();
        return value switch
        {
            string s => importer.WriteAsync(s, type is "text" ? NpgsqlDbType.Text : NpgsqlDbType.Varchar, ct),
            Guid g => importer.WriteAsync(g, NpgsqlDbType.Uuid, ct),
            int i => importer.WriteAsync(i, NpgsqlDbType.Integer, ct),
            long l => importer.WriteAsync(l, NpgsqlDbType.Bigint, ct),
            short h => importer.WriteAsync(h, NpgsqlDbType.Smallint, ct),
            bool b => importer.WriteAsync(b, NpgsqlDbType.Boolean, ct),
            DateOnly d => importer.WriteAsync(d, NpgsqlDbType.Date, ct),
            DateTime t => importer.WriteAsync(t, type.Contains("without", StringComparison.Ordinal) ? NpgsqlDbType.Timestamp : NpgsqlDbType.TimestampTz, ct),
            decimal m => importer.WriteAsync(m, NpgsqlDbType.Numeric, ct),
            double x => importer.WriteAsync(x, NpgsqlDbType.Double, ct),
            byte[] bytes => importer.WriteAsync(bytes, NpgsqlDbType.Bytea, ct),
            IEnumerable => throw new NotSupportedException($"column of type {storeType}: not written by the generator"),
            _ => throw new NotSupportedException($"{value.GetType().Name} for {storeType}: not written by the generator"),
        };
    }
}
