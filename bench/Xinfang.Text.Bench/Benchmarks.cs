using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using Xinfang.Text.Testing;

namespace Xinfang.Text.Bench;

/// <summary>Writes the generated TSVs.</summary>
public static class DataFiles
{
    public static void Write(string dir, bool small)
    {
        Directory.CreateDirectory(dir);
        var corpus = new PetitionCorpus(2026);
        WriteLabelled(Path.Combine(dir, "classify-train.tsv"), corpus.Labelled(small ? 600 : 2500));
        WriteLabelled(Path.Combine(dir, "classify-test.tsv"), corpus.Labelled(small ? 400 : 2500));
        var (items, pairs) = new PetitionCorpus(7).RepeatSet(small ? 300 : 3000, new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        WriteItems(Path.Combine(dir, "dup-items.tsv"), items);
        File.WriteAllLines(Path.Combine(dir, "dup-pairs.tsv"), ["id1\tid2", .. pairs.Select(p => $"{p.Item1}\t{p.Item2}")]);
        var hot = new PetitionCorpus(11).HotspotSet(small ? 120 : 300, new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero), out _);
        WriteItems(Path.Combine(dir, "hotspot-items.tsv"), hot);
    }

    public static void WriteLabelled(string path, IEnumerable<LabelledText> rows)
        => File.WriteAllLines(path, ["title\tcontent\tlabel", .. rows.Select(r => $"{Clean(r.Title)}\t{Clean(r.Content)}\t{r.Label}")]);

    public static void WriteItems(string path, IEnumerable<PetitionCorpus.Item> rows)
        => File.WriteAllLines(path, ["id\ttitle\tcontent\tuser\ttime\trecipient",
            .. rows.Select(r => $"{r.Id}\t{Clean(r.Title)}\t{Clean(r.Content)}\t{r.User}\t{r.Time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}\t{r.Recipient}")]);

    private static string Clean(string s) => s.Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' ');
}

/// <summary>Stopwatch measurements for sizes where BenchmarkDotNet's repetitions take too long.</summary>
public static class Quick
{
    public static void Run(int stored)
    {
        var hasher = new MinHasher();
        var index = new NearDuplicateIndex();
        var sw = Stopwatch.StartNew();
        // Deterministic filler: generated petitions with varied fills; signatures computed in parallel.
        const int chunk = 20_000;
        for (var start = 0; start < stored; start += chunk)
        {
            var size = Math.Min(chunk, stored - start);
            var sigs = new (RepeatMeta, TextSignature)[size];
            Parallel.For(0, size, k =>
            {
                var i = start + k;
                var p = new PetitionCorpus(i).Next(PetitionCorpus.Classes[i % 7], 0);
                sigs[k] = (new RepeatMeta(i.ToString(CultureInfo.InvariantCulture), $"U{i % 400_000}", new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i / 3)), hasher.Compute(p.Title, p.Content));
            });
            foreach (var (m, s) in sigs)
            {
                index.Add(m, s);
            }
        }

        Console.WriteLine($"stored {index.Count:N0} items in {sw.Elapsed.TotalSeconds:0.0} s; managed memory {GC.GetTotalMemory(true) / 1e6:0} MB");

        var probes = new PetitionCorpus(424242);
        var lookups = new List<double>();
        var candidates = 0L;
        for (var i = 0; i < 2000; i++)
        {
            var p = probes.Next(PetitionCorpus.Classes[i % 7], 0);
            var (title, content) = i % 2 == 0 ? probes.Edit(p.Title, p.Content) : (p.Title, p.Content);
            var t0 = Stopwatch.GetTimestamp();
            candidates += index.FindCandidates(new RepeatMeta("probe" + i, $"U{i}", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)), title, content).Count;
            lookups.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        }

        lookups.Sort();
        Console.WriteLine($"duplicate lookup with {index.Count:N0} stored: mean {lookups.Average():0.000} ms, p50 {lookups[lookups.Count / 2]:0.000} ms, p99 {lookups[(int)(lookups.Count * 0.99)]:0.000} ms, max {lookups[^1]:0.000} ms; candidates returned per lookup {candidates / 2000.0:0.0}");

        var train = new PetitionCorpus(1).Labelled(5000);
        _ = ChineseSegmenter.Shared.Segment("预热");
        sw.Restart();
        var model = new ContentClassifier().Train(train);
        Console.WriteLine($"training on {train.Count} items: {sw.Elapsed.TotalSeconds:0.00} s ({model.FeatureCount:N0} features) on {Environment.ProcessorCount} cores");
        var test = new PetitionCorpus(2).Labelled(2000);
        sw.Restart();
        foreach (var t in test)
        {
            _ = model.Predict(t.Title, t.Content);
        }

        Console.WriteLine($"prediction: {sw.Elapsed.TotalMilliseconds / test.Count:0.000} ms/item over {test.Count} items");
    }
}

/// <summary>BenchmarkDotNet: prediction per item and duplicate lookup with 100,000 stored (1,000,000 via quick mode).</summary>
[MemoryDiagnoser]
public class TextBenchmarks
{
    private ClassifierModel model = null!;
    private NearDuplicateIndex index = null!;
    private LabelledText probe = null!;
    private List<LabelledText> train = null!;

    [Params(100_000)]
    public int Stored { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        train = new PetitionCorpus(1).Labelled(5000);
        model = new ContentClassifier().Train(train);
        probe = new PetitionCorpus(3).Next("环境保护");
        index = new NearDuplicateIndex();
        var hasher = index.Hasher;
        for (var i = 0; i < Stored; i++)
        {
            var p = new PetitionCorpus(i).Next(PetitionCorpus.Classes[i % 7], 0);
            index.Add(new RepeatMeta(i.ToString(CultureInfo.InvariantCulture), $"U{i % 40_000}"), hasher.Compute(p.Title, p.Content));
        }
    }

    [Benchmark]
    public ClassSuggestion Predict() => model.Predict(probe.Title, probe.Content);

    [Benchmark]
    public int DuplicateLookup() => index.FindCandidates(new RepeatMeta("probe", "U-probe"), probe.Title, probe.Content).Count;
}

/// <summary>BenchmarkDotNet: training on 5,000 items (one run per iteration; slow by nature).</summary>
public class TrainingBenchmark
{
    private List<LabelledText> train = null!;

    [GlobalSetup]
    public void Setup() => train = new PetitionCorpus(1).Labelled(5000);

    [Benchmark]
    public ClassifierModel Train5000() => new ContentClassifier().Train(train);
}
