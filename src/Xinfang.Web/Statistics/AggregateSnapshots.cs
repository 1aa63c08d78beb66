using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Xinfang.Web.Data;

namespace Xinfang.Web.Statistics;

/// <summary>
/// The monthly aggregates' rows (ADR 0122) of the months a dashboard reads, parsed once per process and kept
/// (ADR 0162). Parsing a province-year's rows from JSON (about 10,700 rows, 18 MB at 872,000 items) and adding
/// them up by name took most of a province dashboard's second; the rows of a month that has ended change only
/// when a save appends a delta row, the compaction merges rows, or the rebuild writes the table again.
/// <para><b>Why the copy is never stale:</b> every read first asks the database for each month's fingerprint —
/// the number of the layout's rows and the sum of their ids, one small grouped statement — and reparses only
/// the months whose fingerprint differs from the copy's. A delta row adds an id; the compaction and the rebuild
/// delete rows and insert others with new ids; a row committed late (an id below ones already seen) adds to
/// both. The copy is the database's as of that statement, exactly as reading the rows themselves was, and every
/// app instance keeps its own.</para>
/// Part names are interned to small integers (<see cref="Names"/>) so adding a row up is adding arrays.
/// </summary>
internal sealed class AggregateSnapshots
{
    /// <summary>Months kept at most; the least recently read go first (a month of a province is a few hundred kilobytes).</summary>
    internal const int MaxMonths = 240;

    private readonly ConcurrentDictionary<(string Layout, DateOnly Month), MonthSnapshot> _months = new();

    /// <summary>The part names seen so far, by index (never shrinks: the names are a few thousand at most).</summary>
    public PartNames Names { get; } = new();

    /// <summary>How many months were parsed from the database (for tests and the bench: a repeated read parses none).</summary>
    public long MonthsParsed => Interlocked.Read(ref _monthsParsed);

    private long _monthsParsed;
    private long _clock;

    /// <summary>One row: its key and its non-zero parts as (name index, value) pairs.</summary>
    internal sealed record Row(Guid RegisteringOrganizationId, bool RegisteredByBureau, Guid? UnitOrganizationId, int[] Parts, long[] Values);

    /// <summary>One month's rows as read, with the fingerprint they were read at.</summary>
    internal sealed class MonthSnapshot(long count, long idSum, Row[] rows)
    {
        public long Count { get; } = count;

        public long IdSum { get; } = idSum;

        public Row[] Rows { get; } = rows;

        public long LastRead { get; set; }
    }

    /// <summary>
    /// The rows of every month from <paramref name="first"/> to <paramref name="last"/> (first days) of
    /// <paramref name="layout"/>, current as of this call: two statements at most (the fingerprints, then the
    /// rows of the months that changed).
    /// </summary>
    public async Task<IReadOnlyList<(DateOnly Month, MonthSnapshot Snapshot)>> ReadAsync(AppDbContext db, string layout, DateOnly first, DateOnly last, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = db.Set<StatisticsMonth>().AsNoTracking().Where(m => m.Layout == layout && m.Month >= first && m.Month <= last);
        var prints = await rows.GroupBy(m => m.Month).Select(g => new { Month = g.Key, Count = g.LongCount(), IdSum = g.Sum(m => m.Id) }).ToListAsync(ct);
        var stamp = Interlocked.Increment(ref _clock);
        var result = new List<(DateOnly, MonthSnapshot)>(prints.Count);
        var stale = new List<DateOnly>();
        foreach (var p in prints)
        {
            if (_months.TryGetValue((layout, p.Month), out var kept) && kept.Count == p.Count && kept.IdSum == p.IdSum)
            {
                kept.LastRead = stamp;
                result.Add((p.Month, kept));
            }
            else
            {
                stale.Add(p.Month);
            }
        }

        if (stale.Count > 0)
        {
            var read = await rows.Where(m => stale.Contains(m.Month))
                .Select(m => new { m.Id, m.Month, m.RegisteringOrganizationId, m.RegisteredByBureau, m.UnitOrganizationId, m.Values })
                .ToListAsync(ct);
            foreach (var month in read.GroupBy(r => r.Month))
            {
                // The fingerprint of the rows actually parsed: a row appended between the two statements is in
                // them or not, and the next read sees the difference either way.
                var snapshot = new MonthSnapshot(month.LongCount(), month.Sum(r => r.Id),
                    [.. month.Select(r => Parse(r.RegisteringOrganizationId, r.RegisteredByBureau, r.UnitOrganizationId, r.Values))]) { LastRead = stamp };
                _months[(layout, month.Key)] = snapshot;
                Interlocked.Increment(ref _monthsParsed);
                result.Add((month.Key, snapshot));
            }
        }

        Trim();
        return result;
    }

    /// <summary>Forgets every month (tests; a rebuild needs nothing of the kind: the fingerprints change).</summary>
    public void Clear() => _months.Clear();

    private void Trim()
    {
        if (_months.Count <= MaxMonths)
        {
            return;
        }

        foreach (var old in _months.OrderBy(m => m.Value.LastRead).Take(_months.Count - MaxMonths).Select(m => m.Key).ToList())
        {
            _months.TryRemove(old, out _);
        }
    }

    private Row Parse(Guid registering, bool byBureau, Guid? unit, string values)
    {
        var bytes = Encoding.UTF8.GetBytes(values);
        var reader = new Utf8JsonReader(bytes);
        var parts = new List<int>(128);
        var sums = new List<long>(128);
        reader.Read(); // {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            parts.Add(Names.IndexOf(name));
            sums.Add(reader.GetInt64());
        }

        return new Row(registering, byBureau, unit, [.. parts], [.. sums]);
    }

    /// <summary>Part names ↔ small integers, shared by every reader; indices never change once given.</summary>
    internal sealed class PartNames
    {
        private readonly ConcurrentDictionary<string, int> _index = new(StringComparer.Ordinal);
        private readonly Lock _gate = new();
        private string[] _names = new string[256];
        private int _count;

        /// <summary>How many names have an index; read it after the rows to add up were obtained, so all their indices are below it.</summary>
        public int Count => Volatile.Read(ref _count);

        public string this[int index] => Volatile.Read(ref _names)[index];

        public int IndexOf(string name)
        {
            if (_index.TryGetValue(name, out var index))
            {
                return index;
            }

            lock (_gate)
            {
                if (_index.TryGetValue(name, out index))
                {
                    return index;
                }

                if (_count == _names.Length)
                {
                    var grown = new string[_names.Length * 2];
                    Array.Copy(_names, grown, _count);
                    Volatile.Write(ref _names, grown);
                }

                _names[_count] = name;
                index = _count;
                _index[name] = index;
                Volatile.Write(ref _count, _count + 1);
                return index;
            }
        }
    }
}
