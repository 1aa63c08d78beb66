using System.Diagnostics;
using System.Globalization;
using Xinfang.Text.Tests;

namespace Xinfang.Text.Bench;

/// <summary>
/// Realistic synthetic petitions for training at scale, made from the hand-written corpus's tuning
/// half only (the report half never feeds them): each item takes the sentences of two to four
/// hand-written letters of one class, shuffled and cut to a length drawn uniformly from 100–800
/// characters, with a title from one of them and every digit redrawn. So wording, length and class
/// vocabulary are those of letters people wrote; the mix is new, and rare n-grams repeat more than
/// in real letters (every sentence exists in the tuning half), which flatters pruning a little.
/// </summary>
public static class SyntheticPetitions
{
    private static readonly char[] SentenceEnds = ['。', '！', '？', '；'];

    public static List<LabelledText> Generate(IReadOnlyList<LabelledText> source, int count, int seed)
    {
        var rng = new Random(seed);
        var byClass = source.GroupBy(s => s.Label, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var items = new List<LabelledText>(count);
        for (var i = 0; i < count; i++)
        {
            // Classes in the source's proportions: draw a source item, take its class.
            var label = source[rng.Next(source.Count)].Label;
            var pool = byClass[label];
            var parts = rng.Next(2, 5);
            var sentences = new List<string>();
            string title = string.Empty;
            for (var p = 0; p < parts; p++)
            {
                var letter = pool[rng.Next(pool.Count)];
                if (p == 0)
                {
                    title = letter.Title;
                }

                sentences.AddRange(Sentences(letter.Content));
            }

            rng.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(sentences));
            var target = rng.Next(100, 801);
            var text = new System.Text.StringBuilder();
            foreach (var s in sentences)
            {
                if (text.Length >= target)
                {
                    break;
                }

                text.Append(s);
            }

            var content = text.Length > 800 ? text.ToString(0, 800) : text.ToString();
            items.Add(new LabelledText(Redraw(title, rng), Redraw(content, rng), label));
        }

        return items;
    }

    private static IEnumerable<string> Sentences(string content)
    {
        var start = 0;
        for (var i = 0; i < content.Length; i++)
        {
            if (Array.IndexOf(SentenceEnds, content[i]) >= 0)
            {
                yield return content[start..(i + 1)];
                start = i + 1;
            }
        }

        if (start < content.Length)
        {
            yield return content[start..] + "。";
        }
    }

    private static string Redraw(string s, Random rng)
        => string.Create(s.Length, (s, rng), (dst, st) =>
        {
            for (var i = 0; i < st.s.Length; i++)
            {
                dst[i] = char.IsAsciiDigit(st.s[i]) ? (char)('0' + st.rng.Next(10)) : st.s[i];
            }
        });
}

/// <summary>
/// The honest measurements of issue 15: recipe choice by cross-validation inside the tuning half,
/// the confidence threshold from the tuning half's out-of-fold probabilities, the report half scored
/// once, and training time and memory at scale on synthetic items built from the tuning half.
/// </summary>
public static class TrainingScale
{
    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string F(double x) => x.ToString("0.0000", CultureInfo.InvariantCulture);

    /// <summary>The recipes compared; the first is the one before issue 15 (exact features, four members).</summary>
    public static readonly (string Name, ClassifierTrainingOptions Options)[] Recipes =
    [
        ("legacy: 4 exact members (words)", new() { Members = ClassifierTrainingOptions.LegacyMembers }),
        ("legacy without words (2 exact)", new() { Members = [.. ClassifierTrainingOptions.LegacyMembers.Where(m => !m.Features.Words)] }),
        ("hashed 2^20: chars1-3 + chars1-4 NB", new() { Members = [M(FeatureRecipe.CharsOnly with { MaxCharN = 3 }, 0, 20), M(FeatureRecipe.CharsOnly, 1, 20)] }),
        ("hashed 2^18: chars1-3 + chars1-4 NB", new() { Members = [M(FeatureRecipe.CharsOnly with { MaxCharN = 3 }, 0, 18), M(FeatureRecipe.CharsOnly, 1, 18)] }),
        ("hashed 2^20: chars1-4 NB only", new() { Members = [M(FeatureRecipe.CharsOnly, 1, 20)] }),
        ("hashed 2^20: chars1-3 only", new() { Members = [M(FeatureRecipe.CharsOnly with { MaxCharN = 3 }, 0, 20)] }),
        ("hashed 2^20: 2 members, min-df 3", new() { MinDocumentFrequency = 3, Members = [M(FeatureRecipe.CharsOnly with { MaxCharN = 3 }, 0, 20), M(FeatureRecipe.CharsOnly, 1, 20)] }),
        ("hashed 2^20: 2 members, C 0.5/1 unbalanced", new() { CandidateC = [0.5, 1.0], TryBalanced = false, Members = [M(FeatureRecipe.CharsOnly with { MaxCharN = 3 }, 0, 20), M(FeatureRecipe.CharsOnly, 1, 20)] }),
    ];

    private static MemberRecipe M(FeatureRecipe f, double nb, int bits) => new(f, nb, HashBits: bits);

    /// <summary>3-fold cross-validation inside the tuning half only: mean macro-F1 and training time of each recipe.</summary>
    public static void ChooseRecipe(string? only)
    {
        var tune = WrittenCorpus.Train;
        _ = ChineseSegmenter.Shared.Segment("预热");
        Console.WriteLine($"tuning half: {tune.Count} items; 3-fold CV (folds by position after a seeded shuffle); load {Load()}");
        var rng = new Random(99);
        var shuffled = tune.OrderBy(_ => rng.Next()).ToList();
        foreach (var (name, options) in Recipes.Where(r => only is null || r.Name.Contains(only, StringComparison.Ordinal)))
        {
            var f1 = new List<double>();
            var seconds = 0.0;
            for (var fold = 0; fold < 3; fold++)
            {
                var train = shuffled.Where((_, i) => i % 3 != fold).ToList();
                var test = shuffled.Where((_, i) => i % 3 == fold).ToList();
                var sw = Stopwatch.StartNew();
                var model = new ContentClassifier(options: options).Train(train);
                seconds += sw.Elapsed.TotalSeconds;
                f1.Add(Score(model, test).MacroF1);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-44} CV macro-F1 {F(f1.Average())} (folds {string.Join(" ", f1.Select(F))})  train {seconds / 3:0.0} s/fold  load {Load()}"));
        }
    }

    /// <summary>Trains on the whole tuning half and scores the report half once, for the named recipes.</summary>
    public static void Report(string? only)
    {
        _ = ChineseSegmenter.Shared.Segment("预热");
        Console.WriteLine($"train: tuning half ({WrittenCorpus.Train.Count}); report half: {WrittenCorpus.Test.Count}");
        foreach (var (name, options) in Recipes.Where(r => only is null || r.Name.Contains(only, StringComparison.Ordinal))
            .Append(("baseline char1-3 C=1", ClassifierTrainingOptions.Baseline)).Append(("production (ContentClassifier default)", new ClassifierTrainingOptions())))
        {
            var sw = Stopwatch.StartNew();
            var model = new ContentClassifier(options: options).Train(WrittenCorpus.Train);
            var seconds = sw.Elapsed.TotalSeconds;
            var m = Score(model, WrittenCorpus.Test);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-44} report macro-F1 {F(m.MacroF1)} accuracy {F(m.Accuracy)}  features {model.FeatureCount,9:N0}  train {seconds:0.0} s  load {Load()}"));
        }
    }

    /// <summary>
    /// Out-of-fold probabilities of the production recipe on the tuning half (3 folds): for each
    /// threshold, how often suggestions at or above it were right and how many fall below. The
    /// chosen bar is the highest where the suggestions below it are right at most two times in three
    /// (one class alone would mislead the clerk at least once in three), so the top two are offered there.
    /// </summary>
    public static void ConfidenceThreshold()
    {
        var tune = WrittenCorpus.Train;
        var rng = new Random(99);
        var shuffled = tune.OrderBy(_ => rng.Next()).ToList();
        var rows = new List<(double Confidence, bool Right, bool TopTwo)>();
        for (var fold = 0; fold < 3; fold++)
        {
            var model = new ContentClassifier().Train(shuffled.Where((_, i) => i % 3 != fold));
            foreach (var t in shuffled.Where((_, i) => i % 3 == fold))
            {
                var s = model.Predict(t.Title, t.Content);
                rows.Add((s.Confidence, s.Label == t.Label, s.Label == t.Label || s.RunnerUp == t.Label));
            }
        }

        Console.WriteLine($"out-of-fold suggestions on the tuning half: {rows.Count}, right {F(rows.Count(r => r.Right) / (double)rows.Count)}; load {Load()}");
        Console.WriteLine("threshold\tshare below\tright above\tright below\ttop-two right below");
        double? chosen = null;
        for (var t = 0.30; t <= 0.951; t += 0.05)
        {
            var above = rows.Where(r => r.Confidence >= t).ToList();
            var below = rows.Where(r => r.Confidence < t).ToList();
            var rightAbove = above.Count == 0 ? 1 : above.Count(r => r.Right) / (double)above.Count;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{t:0.00}\t{below.Count / (double)rows.Count:0.000}\t{rightAbove:0.000}\t{(below.Count == 0 ? double.NaN : below.Count(r => r.Right) / (double)below.Count):0.000}\t{(below.Count == 0 ? double.NaN : below.Count(r => r.TopTwo) / (double)below.Count):0.000}"));
            if (below.Count > 0 && below.Count(r => r.Right) / (double)below.Count <= 2.0 / 3)
            {
                chosen = t;
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"chosen: unsure below {chosen:0.00} (highest bar with at most 2/3 right below it); in code: ClassifierModel.UnsureBelow = {ClassifierModel.UnsureBelow:0.00}"));
    }

    /// <summary>Trains the production recipe on <paramref name="items"/> synthetic items; prints time, memory, report-half macro-F1 and prediction time.</summary>
    public static void Run(int items)
    {
        var source = WrittenCorpus.Train;
        var data = SyntheticPetitions.Generate(source, items, seed: items);
        _ = ChineseSegmenter.Shared.Segment("预热");
        GC.Collect();
        var before = GC.GetTotalMemory(true);
        var loadBefore = Load();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        var model = new ContentClassifier().Train(data);
        var seconds = sw.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        var gc = GC.GetGCMemoryInfo();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var m = Score(model, WrittenCorpus.Test);
        var probe = WrittenCorpus.Test;
        var t0 = Stopwatch.GetTimestamp();
        foreach (var t in probe)
        {
            _ = model.Predict(t.Title, t.Content);
        }

        var ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds / probe.Count;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"items {items:N0} (mean {data.Average(d => d.Content.Length):0} chars): train {seconds:0.0} s wall, {cpuSeconds:0.0} s CPU on {Environment.ProcessorCount} cores; "
            + $"peak working set {process.PeakWorkingSet64 / 1e6:0} MB, GC heap after training {gc.HeapSizeBytes / 1e6:0} MB (committed {gc.TotalCommittedBytes / 1e6:0} MB, data before {before / 1e6:0} MB); "
            + $"features in use {model.FeatureCount:N0}; report-half macro-F1 {F(m.MacroF1)}; prediction {ms:0.000} ms/item; load before {loadBefore}, after {Load()}"));
    }

    internal static ClassificationMetrics Score(ClassifierModel model, List<LabelledText> test)
    {
        var labels = model.Labels.Concat(test.Select(t => t.Label)).Distinct(StringComparer.Ordinal).ToList();
        var index = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        var truth = test.Select(t => index[t.Label]).ToArray();
        var predicted = test.Select(t => index[model.Predict(t.Title, t.Content).Label]).ToArray();
        return ClassificationMetrics.Compute(truth, predicted, labels.Count);
    }
}
