using System.Security.Cryptography;
using System.Text;

namespace Xinfang.Text.Tests;

/// <summary>
/// The hand-written corpus (Data/written/part-*.tsv): about 2,300 petitions in the seven classes of
/// the public leaders'-mailbox corpus, each written as its own situation by six writers with
/// different emphases (city, county and village, policy questions, short phone messages, long
/// letters, hard borderline cases). Not generated from templates, so it tests the classifier on
/// free wording. Split in half per class by the SHA-256 of title + content: a fixed, documented split
/// (docs/text.md reports numbers on it).
/// </summary>
public static class WrittenCorpus
{
    private static readonly Lazy<(List<LabelledText> Train, List<LabelledText> Test)> Split = new(Load);

    public static List<LabelledText> Train => Split.Value.Train;

    public static List<LabelledText> Test => Split.Value.Test;

    /// <summary>Writes the split as TSV files in the format of the evaluation commands.</summary>
    public static (string Train, string Test) WriteFiles(string directory)
    {
        Directory.CreateDirectory(directory);
        var train = Path.Combine(directory, "written-train.tsv");
        var test = Path.Combine(directory, "written-test.tsv");
        File.WriteAllLines(train, ["title\tcontent\tlabel", .. Train.Select(t => $"{t.Title}\t{t.Content}\t{t.Label}")]);
        File.WriteAllLines(test, ["title\tcontent\tlabel", .. Test.Select(t => $"{t.Title}\t{t.Content}\t{t.Label}")]);
        return (train, test);
    }

    private static (List<LabelledText>, List<LabelledText>) Load()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var all = new List<LabelledText>();
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Data", "written"), "part-*.tsv").Order(StringComparer.Ordinal))
        {
            foreach (var row in TsvFiles.ReadLabelled(file))
            {
                if (row.Label.Length > 0 && seen.Add(row.Content))
                {
                    all.Add(row);
                }
            }
        }

        var train = new List<LabelledText>();
        var test = new List<LabelledText>();
        foreach (var group in all.GroupBy(r => r.Label, StringComparer.Ordinal))
        {
            var ordered = group.OrderBy(r => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(r.Title + r.Content))), StringComparer.Ordinal).ToList();
            train.AddRange(ordered.Take(ordered.Count / 2));
            test.AddRange(ordered.Skip(ordered.Count / 2));
        }

        return (train, test);
    }
}
