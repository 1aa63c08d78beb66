using System.Collections;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using NpgsqlTypes;

namespace Xinfang.Generate;

/// <summary>
/// Writes what a context would insert, with PostgreSQL's binary COPY instead of INSERTs: the rows are the
/// context's own Added entries (so keys, owned rows' foreign keys and the model's value converters —
/// the personal-data encryption among them — are exactly the app's), the columns the model's mapping.
/// Store-generated keys (the owned rows' identity ids) are left to the database.
/// Two halves (ADR 0122): <see cref="Take"/> turns a context's Added entries into provider values (CPU only, any
/// thread: the generator prepares several batches at once), <see cref="WriteAsync(NpgsqlConnection, Prepared, CancellationToken)"/>
/// copies them (one writer, batches in order, so a resumed run still finds whole batches).
/// </summary>
internal static class CopyWriter
{
    /// <summary>One table's rows of a batch: the COPY command, each column's provider type, the rows' provider values.</summary>
    internal sealed record Table(string Copy, NpgsqlDbType[] Types, List<object?[]> Rows);

    /// <summary>A batch ready to write: its tables, parents before owned rows.</summary>
    internal sealed record Prepared(long Batch, int Items, List<Table> Tables, TimeSpan Building);

    /// <summary>
    /// The rows the context would insert for <paramref name="roots"/> (entities of one type) and their owned
    /// collections, read straight from the objects through the model's property getters and value converters —
    /// without attaching them to a change tracker (ADR 0122: attach and change detection were most of the
    /// generator's time). Shadow properties: an owned row's key to its owner is the owner's key; any other
    /// shadow property is asked of <paramref name="shadow"/> (the blind-index columns), and one it does not know fails loudly.
    /// </summary>
    public static List<Table> Take<T>(IModel model, IReadOnlyList<T> roots, Func<IProperty, object, object?> shadow)
        where T : class
    {
        var tables = new List<Table>();
        var type = model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model");
        Collect(type, [.. roots.Select(r => ((object)r, (object?)null))], shadow, tables);
        return tables;
    }

    private static void Collect(IEntityType type, List<(object Entity, object? OwnerKey)> entities, Func<IProperty, object, object?> shadow, List<Table> tables)
    {
        var table = type.GetTableName() ?? throw new InvalidOperationException($"{type.Name} has no table");
        var store = StoreObjectIdentifier.Table(table, type.GetSchema());
        var columns = type.GetProperties()
            .Where(p => p.GetColumnName(store) is not null)
            .Where(p => !(p.ValueGenerated == ValueGenerated.OnAdd && p.IsPrimaryKey() && p.ClrType == typeof(int)))
            .Select(p => (Property: p, Column: p.GetColumnName(store)!, StoreType: p.GetColumnType(store), Converter: p.GetTypeMapping().Converter,
                Getter: p.IsShadowProperty() ? null : p.GetGetter(),
                IsOwnerKey: p.IsShadowProperty() && p.IsForeignKey() && p.GetContainingForeignKeys().Any(k => k.IsOwnership)))
            .ToList();
        var copy = $"COPY \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.Column}\""))}) FROM STDIN (FORMAT BINARY)";
        var rows = new List<object?[]>(entities.Count);
        foreach (var (entity, ownerKey) in entities)
        {
            var row = new object?[columns.Count];
            for (var i = 0; i < columns.Count; i++)
            {
                var c = columns[i];
                var value = c.Getter is { } getter ? getter.GetClrValue(entity) : c.IsOwnerKey ? ownerKey : shadow(c.Property, entity);
                row[i] = value is null ? null : c.Converter is { } converter ? converter.ConvertToProvider(value) : value;
            }

            rows.Add(row);
        }

        // A column's provider type from the first row that has a value in it (all rows of a column share their CLR type).
        tables.Add(new Table(copy, [.. columns.Select((c, i) => TypeOf(rows.Select(r => r[i]).FirstOrDefault(v => v is not null), c.StoreType))], rows));

        // Owned collections: their own tables, after the owner's (parents before children).
        foreach (var navigation in type.GetNavigations().Where(n => n.ForeignKey.IsOwnership && n.IsOnDependent == false))
        {
            var key = type.FindPrimaryKey()!.Properties.Single().GetGetter();
            var owned = new List<(object, object?)>();
            var getter = navigation.GetGetter();
            foreach (var (entity, _) in entities)
            {
                var ownerKey = key.GetClrValue(entity);
                switch (getter.GetClrValue(entity))
                {
                    case null:
                        break;
                    case IEnumerable many when navigation.IsCollection:
                        owned.AddRange(many.Cast<object>().Select(o => (o, (object?)ownerKey)));
                        break;
                    case var one:
                        owned.Add((one, ownerKey));
                        break;
                }
            }

            Collect(navigation.TargetEntityType, owned, shadow, tables);
        }
    }

    /// <summary>Copies a prepared batch's tables on <paramref name="connection"/> (the caller holds the transaction).</summary>
    public static async Task<long> WriteAsync(NpgsqlConnection connection, Prepared batch, CancellationToken ct)
    {
        long rows = 0;
        foreach (var table in batch.Tables)
        {
            await using var importer = await connection.BeginBinaryImportAsync(table.Copy, ct);
            // Synchronous writes into the importer's buffer (an await per value cost more than the value).
            foreach (var row in table.Rows)
            {
                importer.StartRow();
                for (var i = 0; i < row.Length; i++)
                {
                    if (row[i] is null)
                    {
                        importer.WriteNull();
                    }
                    else
                    {
                        importer.Write(row[i], table.Types[i]);
                    }
                }

                rows++;
            }

            await importer.CompleteAsync(ct);
        }

        return rows;
    }

    private static NpgsqlDbType TypeOf(object? value, string storeType)
    {
        var type = storeType.Split('(')[0].Trim().ToLowerInvariant();
        return value switch
        {
            null => NpgsqlDbType.Unknown, // only nulls in this batch: never written as a value
            string => type is "text" ? NpgsqlDbType.Text : NpgsqlDbType.Varchar,
            Guid => NpgsqlDbType.Uuid,
            int => NpgsqlDbType.Integer,
            long => NpgsqlDbType.Bigint,
            short => NpgsqlDbType.Smallint,
            bool => NpgsqlDbType.Boolean,
            DateOnly => NpgsqlDbType.Date,
            DateTime => type.Contains("without", StringComparison.Ordinal) ? NpgsqlDbType.Timestamp : NpgsqlDbType.TimestampTz,
            decimal => NpgsqlDbType.Numeric,
            double => NpgsqlDbType.Double,
            byte[] => NpgsqlDbType.Bytea,
            IEnumerable => throw new NotSupportedException($"column of type {storeType}: not written by the generator"),
            _ => throw new NotSupportedException($"{value.GetType().Name} for {storeType}: not written by the generator"),
        };
    }
}
