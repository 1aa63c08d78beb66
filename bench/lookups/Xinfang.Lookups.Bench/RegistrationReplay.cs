using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

/// <summary>
/// The raw reference for intake (issue 16): exactly the rows one registration writes, replayed with fresh keys.
/// <see cref="CaptureAsync"/> reads every table of the app's database before and after one registration made through
/// the app (nothing else writes in between: a fresh database with no petitions) and keeps the difference: the rows
/// inserted, and the rows updated (the number counter, the audit chain head). <see cref="RunAsync"/> then writes one
/// registration's worth per call, as the app does: the number by <c>UPDATE … RETURNING</c> in autocommit, then one
/// transaction with every inserted row (on PostgreSQL one batch, one round trip; on SQLite one prepared command per
/// row, in-process), the audit chain's head reserved by <c>UPDATE … RETURNING</c>, the entry and the head's new hash,
/// and the commit. Keys are fresh on every call (the item's id and every id-keyed row, the number, the chain
/// sequence); rows written by triggers (SQLite's FTS5 shadow tables) and generated columns (PostgreSQL's search
/// vector) are left to the database, which fills them again on replay.
/// </summary>
internal sealed class RegistrationReplay
{
    private const string CounterTable = "petition_number_counters";
    private const string AuditEntries = "audit_entries";
    private const string AuditHead = "audit_chain_head";
    private const string ItemTable = "petitions";

    private readonly bool _postgres;
    private readonly List<Insert> _inserts = [];
    private Insert? _audit;
    private string? _counterWhere;
    private object[] _counterKeys = [];
    private Guid _itemId;
    private string _number = "";

    private RegistrationReplay(bool postgres) => _postgres = postgres;

    /// <summary>What was captured, table by table, for the report.</summary>
    public string Summary { get; private set; } = "";

    public int Rows => _inserts.Count + (_audit is null ? 0 : 1);

    private sealed record Column(string Name, string Type, bool Generated, bool AutoKey, bool Key);

    private sealed record Table(string Name, List<Column> Columns);

    /// <summary>One captured row: its table, the columns written (generated and auto-increment keys left out) and values.</summary>
    private sealed record Insert(Table Table, List<Column> Columns, object?[] Values)
    {
        /// <summary>The row's own id is its only key column (a fresh one per replay); a column of a composite key is a reference.</summary>
        public bool SoleKey { get; } = Table.Columns.Count(c => c.Key) == 1;

        public string Sql(bool postgres, Func<int, string> parameter) =>
            $"INSERT INTO \"{Table.Name}\" ({string.Join(", ", Columns.Select(c => $"\"{c.Name}\""))}) VALUES ({string.Join(", ", Columns.Select((c, i) => postgres ? $"{parameter(i)}::{c.Type}" : parameter(i)))})";
    }

    /// <summary>Snapshots the database, runs <paramref name="register"/> (one registration through the app), and keeps what it wrote.</summary>
    public static async Task<RegistrationReplay> CaptureAsync(Func<DbConnection> open, bool postgres, Func<Task<(Guid Id, string Number)>> register)
    {
        var replay = new RegistrationReplay(postgres);
        await using var c = open();
        var tables = postgres ? await PostgresTablesAsync(c) : await SqliteTablesAsync(c);
        var before = new Dictionary<string, HashSet<string>>();
        var beforeKeys = new Dictionary<string, HashSet<string>>();
        foreach (var t in tables)
        {
            var rows = await ReadAsync(c, t);
            before[t.Name] = rows.Select(r => RowKey(r)).ToHashSet();
            beforeKeys[t.Name] = rows.Select(r => KeyOf(t, r)).ToHashSet();
        }

        (replay._itemId, replay._number) = await register();
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var updated = new List<string>();
        foreach (var t in tables)
        {
            foreach (var row in await ReadAsync(c, t))
            {
                if (before[t.Name].Contains(RowKey(row)))
                {
                    continue;
                }

                if (beforeKeys[t.Name].Contains(KeyOf(t, row)))
                {
                    // An updated row: the two the app updates are replayed as the app updates them; any other is reported.
                    if (t.Name == CounterTable)
                    {
                        var keys = t.Columns.Select((col, i) => (col, i)).Where(x => x.col.Key).ToList();
                        replay._counterWhere = string.Join(" AND ", keys.Select((k, j) => $"\"{k.col.Name}\" = @k{j}"));
                        replay._counterKeys = keys.Select(k => row[k.i]!).ToArray();
                    }
                    else if (t.Name != AuditHead)
                    {
                        updated.Add(t.Name);
                    }

                    continue;
                }

                // The chain's sequence is its key, taken from the head as the app takes it, not numbered by the database.
                var columns = t.Columns.Where(col => !col.Generated && (!col.AutoKey || t.Name == AuditEntries)).ToList();
                var values = columns.Select(col => row[t.Columns.IndexOf(col)]).ToArray();
                var insert = new Insert(t, columns, values);
                if (t.Name == AuditEntries)
                {
                    replay._audit = insert;
                }
                else
                {
                    replay._inserts.Add(insert);
                }

                counts[t.Name] = counts.GetValueOrDefault(t.Name) + 1;
            }
        }

        // The item's own row first: every other row refers to it.
        var item = replay._inserts.FindIndex(r => r.Table.Name == ItemTable);
        if (item > 0)
        {
            var first = replay._inserts[item];
            replay._inserts.RemoveAt(item);
            replay._inserts.Insert(0, first);
        }

        if (replay._counterWhere is null || replay._audit is null)
        {
            throw new InvalidOperationException($"the registration's number counter or audit entry was not found in the database: inserted {string.Join(", ", counts)}; updated {string.Join(", ", updated)}; {tables.Count} tables");
        }

        if (Environment.GetEnvironmentVariable("XINFANG_BENCH_VERBOSE") is "1")
        {
            foreach (var r in replay._inserts.Append(replay._audit))
            {
                Console.WriteLine($"  {r.Sql(postgres, i => $"@p{i}")} -- {string.Join(" | ", r.Values.Select(Text))}");
            }
        }

        replay.Summary = $"{replay.Rows} rows inserted ({string.Join(", ", counts.Select(p => $"{p.Key} {p.Value}"))}), "
            + $"{CounterTable} and {AuditHead} updated" + (updated.Count == 0 ? "" : $"; also updated, not replayed: {string.Join(", ", updated.Distinct())}");
        return replay;
    }

    /// <summary>One registration's rows with fresh keys, as described on the class.</summary>
    public async Task RunAsync(DbConnection c)
    {
        await using (var counter = c.CreateCommand())
        {
            counter.CommandText = $"UPDATE \"{CounterTable}\" SET \"Next\" = \"Next\" + 1 WHERE {_counterWhere} RETURNING \"Next\"";
            for (var i = 0; i < _counterKeys.Length; i++)
            {
                Add(counter, $"@k{i}", _counterKeys[i]);
            }

            var next = Convert.ToInt64(await counter.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
            var id = Guid.CreateVersion7();
            var map = new Dictionary<Guid, Guid> { [_itemId] = id };
            var digits = _number.Reverse().TakeWhile(char.IsAsciiDigit).Count();
            var number = _number[..^digits] + next.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0');
            await using var tx = await c.BeginTransactionAsync();
            if (_postgres)
            {
                await using var batch = ((NpgsqlConnection)c).CreateBatch();
                batch.Transaction = (NpgsqlTransaction)tx;
                foreach (var insert in _inserts)
                {
                    var command = batch.CreateBatchCommand();
                    command.CommandText = insert.Sql(true, i => $"${i + 1}");
                    foreach (var v in Fresh(insert, map, number))
                    {
                        command.Parameters.Add(new NpgsqlParameter { Value = v ?? DBNull.Value });
                    }

                    batch.BatchCommands.Add(command);
                }

                await batch.ExecuteNonQueryAsync();
            }
            else
            {
                foreach (var insert in _inserts)
                {
                    await using var command = c.CreateCommand();
                    command.Transaction = tx;
                    command.CommandText = insert.Sql(false, i => $"@p{i}");
                    var values = Fresh(insert, map, number);
                    for (var i = 0; i < values.Length; i++)
                    {
                        Add(command, $"@p{i}", values[i]);
                    }

                    try
                    {
                        await command.ExecuteNonQueryAsync();
                    }
                    catch (DbException e)
                    {
                        throw new InvalidOperationException($"{insert.Table.Name}: {e.Message}", e);
                    }
                }
            }

            // The audit chain: reserve the head (the lock every registration queues on), the entry, the head's new hash.
            long sequence;
            string previous;
            await using (var reserve = c.CreateCommand())
            {
                reserve.Transaction = tx;
                reserve.CommandText = $"UPDATE \"{AuditHead}\" SET \"LastSequence\" = \"LastSequence\" + 1 WHERE \"Id\" = 1 RETURNING \"LastSequence\", \"LastHash\"";
                await using var reader = await reserve.ExecuteReaderAsync();
                await reader.ReadAsync();
                sequence = reader.GetInt64(0);
                previous = reader.GetString(1);
            }

            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{sequence}|{previous}|{id}")));
            var audit = Fresh(_audit!, map, number);
            for (var i = 0; i < _audit!.Columns.Count; i++)
            {
                audit[i] = _audit.Columns[i].Name switch { "Sequence" => sequence, "PreviousHash" => previous, "Hash" => hash, _ => audit[i] };
            }

            await using (var entry = c.CreateCommand())
            {
                entry.Transaction = tx;
                entry.CommandText = _audit.Sql(_postgres, i => $"@p{i}") + $"; UPDATE \"{AuditHead}\" SET \"LastHash\" = @hash WHERE \"Id\" = 1";
                for (var i = 0; i < audit.Length; i++)
                {
                    Add(entry, $"@p{i}", audit[i]);
                }

                Add(entry, "@hash", hash);
                await entry.ExecuteNonQueryAsync();
            }

            await tx.CommitAsync();
        }
    }

    /// <summary>The row's values with fresh keys: the item's id, every other id-valued key column, the number.</summary>
    private object?[] Fresh(Insert insert, Dictionary<Guid, Guid> map, string number)
    {
        var values = (object?[])insert.Values.Clone();
        for (var i = 0; i < values.Length; i++)
        {
            var column = insert.Columns[i];
            switch (values[i])
            {
                case Guid g:
                    values[i] = map.TryGetValue(g, out var n) ? n : column.Key && insert.SoleKey ? map[g] = Guid.CreateVersion7() : g;
                    break;
                case string s when s.Length == 36 && Guid.TryParse(s, out var g):
                    var fresh = map.TryGetValue(g, out var m) ? m : column.Key && insert.SoleKey ? map[g] = Guid.CreateVersion7() : (Guid?)null;
                    if (fresh is { } f)
                    {
                        values[i] = s.Any(char.IsAsciiLetterUpper) ? f.ToString().ToUpperInvariant() : f.ToString();
                    }

                    break;
                case string s when s == _number:
                    values[i] = number;
                    break;
            }
        }

        return values;
    }

    private static void Add(DbCommand command, string name, object? value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        command.Parameters.Add(p);
    }

    private static string RowKey(object?[] row) => string.Join("\u001f", row.Select(Text));

    private static string KeyOf(Table t, object?[] row) =>
        t.Columns.Any(c => c.Key) ? string.Join("\u001f", t.Columns.Select((c, i) => c.Key ? Text(row[i]) : null).Where(x => x is not null)) : RowKey(row);

    private static string Text(object? v) => v switch
    {
        null => "∅",
        byte[] b => Convert.ToBase64String(b),
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };

    private static async Task<List<object?[]>> ReadAsync(DbConnection c, Table t)
    {
        await using var command = c.CreateCommand();
        command.CommandText = $"SELECT {string.Join(", ", t.Columns.Select(col => $"\"{col.Name}\""))} FROM \"{t.Name}\"";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[t.Columns.Count];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = await reader.IsDBNullAsync(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    private static async Task<List<Table>> SqliteTablesAsync(DbConnection c)
    {
        var names = new List<(string Name, string Sql)>();
        await using (var command = c.CreateCommand())
        {
            command.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__EFMigrationsHistory' ORDER BY name";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                names.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        // FTS5 tables and their shadow tables are written by triggers on the base table: the replay leaves them to the database.
        var virtuals = names.Where(n => n.Sql.StartsWith("CREATE VIRTUAL", StringComparison.OrdinalIgnoreCase)).Select(n => n.Name).ToList();
        var tables = new List<Table>();
        foreach (var (name, _) in names.Where(n => !virtuals.Any(v => n.Name == v || n.Name.StartsWith(v + "_", StringComparison.Ordinal))))
        {
            var columns = new List<Column>();
            await using var command = c.CreateCommand();
            command.CommandText = $"PRAGMA table_xinfo(\"{name}\")";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                // cid, name, type, notnull, dflt_value, pk, hidden (2, 3: generated)
                columns.Add(new Column(reader.GetString(1), reader.GetString(2), reader.GetInt32(6) is 2 or 3, false, reader.GetInt32(5) > 0));
            }

            // A single INTEGER primary key is the rowid: the database numbers it.
            if (columns.Count(x => x.Key) == 1 && columns.Single(x => x.Key) is { Type: var type } key && type.Equals("INTEGER", StringComparison.OrdinalIgnoreCase))
            {
                columns[columns.IndexOf(key)] = key with { AutoKey = true };
            }

            tables.Add(new Table(name, columns));
        }

        return tables;
    }

    private static async Task<List<Table>> PostgresTablesAsync(DbConnection c)
    {
        var tables = new Dictionary<string, Table>();
        await using var command = c.CreateCommand();
        command.CommandText = """
            SELECT cl.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attgenerated <> '',
                   a.attidentity <> '' OR coalesce(pg_get_expr(d.adbin, d.adrelid), '') LIKE 'nextval%',
                   EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = cl.oid AND i.indisprimary AND a.attnum = ANY (i.indkey))
            FROM pg_attribute a
            JOIN pg_class cl ON cl.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = cl.relnamespace
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE n.nspname = 'public' AND cl.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped AND cl.relname <> '__EFMigrationsHistory'
            ORDER BY cl.relname, a.attnum
            """;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var name = reader.GetString(0);
            if (!tables.TryGetValue(name, out var t))
            {
                tables[name] = t = new Table(name, []);
            }

            t.Columns.Add(new Column(reader.GetString(1), reader.GetString(2), reader.GetBoolean(3), reader.GetBoolean(4), reader.GetBoolean(5)));
        }

        return [.. tables.Values];
    }
}
