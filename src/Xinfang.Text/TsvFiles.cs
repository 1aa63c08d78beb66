using System.Globalization;

namespace Xinfang.Text;

/// <summary>A row of an ITEMS.tsv file (shared/design/text-eval-format.md).</summary>
internal sealed record TsvItem(string Id, string Title, string Content, string? User, DateTimeOffset? Time, string? Recipient);

/// <summary>Reads the evaluation TSV files: a header row names the columns; extra columns are ignored.</summary>
internal static class TsvFiles
{
    public static List<LabelledText> ReadLabelled(string path)
    {
        var (header, rows) = Read(path);
        var title = Column(header, "title", 0);
        var content = Column(header, "content", 1);
        var label = Column(header, "label", 2);
        return rows.Select(r => new LabelledText(Cell(r, title), Cell(r, content), Cell(r, label))).ToList();
    }

    public static List<TsvItem> ReadItems(string path)
    {
        var (header, rows) = Read(path);
        int id = Column(header, "id", 0), title = Column(header, "title", 1), content = Column(header, "content", 2);
        int user = Column(header, "user", 3), time = Column(header, "time", 4), recipient = Column(header, "recipient", 5);
        var items = new List<TsvItem>();
        foreach (var r in rows)
        {
            var t = Cell(r, time);
            DateTimeOffset? at = null;
            if (t.Length > 0)
            {
                // Times carry no zone in the files; only differences matter, so read them as UTC.
                at = DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                    ? parsed
                    : throw new FormatException($"{path}: item {Cell(r, id)} has an unreadable time '{t}'.");
            }

            items.Add(new TsvItem(Cell(r, id), Cell(r, title), Cell(r, content), NullIfEmpty(Cell(r, user)), at, NullIfEmpty(Cell(r, recipient))));
        }

        return items;
    }

    public static List<(string A, string B)> ReadPairs(string path)
    {
        var (header, rows) = Read(path);
        int a = Column(header, "id1", 0), b = Column(header, "id2", 1);
        return rows.Select(r => (Cell(r, a), Cell(r, b))).Where(p => p.Item1.Length > 0 && p.Item2.Length > 0).ToList();
    }

    private static (string[] Header, List<string[]> Rows) Read(string path)
    {
        using var reader = new StreamReader(path, System.Text.Encoding.UTF8);
        var header = (reader.ReadLine() ?? throw new FormatException($"{path} is empty: a header row is required."))
            .TrimStart('\uFEFF').Split('\t').Select(h => h.Trim().ToLowerInvariant()).ToArray();
        var rows = new List<string[]>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Trim().Length > 0)
            {
                rows.Add(line.Split('\t'));
            }
        }

        return (header, rows);
    }

    private static int Column(string[] header, string name, int position)
    {
        var at = Array.IndexOf(header, name);
        return at >= 0 ? at : position;
    }

    private static string Cell(string[] row, int at) => at < row.Length ? row[at].Trim() : string.Empty;

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;
}
