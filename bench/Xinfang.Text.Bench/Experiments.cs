using System.Diagnostics;
using System.Globalization;

namespace Xinfang.Text.Bench;

/// <summary>
/// Trains the classifier's recipe variants on one split and prints macro-F1 for each, so a change
/// of recipe is chosen by measurement on several data sets, not by taste.
/// </summary>
public static class Experiments
{
    /// <summary>
    /// With <paramref name="repeats"/> &gt; 1 the two files are pooled and split in half at random
    /// (stratified) that many times; each variant's mean macro-F1 and its mean difference from the
    /// baseline are printed, since one split of a few hundred items moves macro-F1 by a point.
    /// </summary>
    public static void Run(string trainPath, string testPath, int repeats = 1)
    {
        var train = TsvFiles.ReadLabelled(trainPath);
        var test = TsvFiles.ReadLabelled(testPath).Where(t => t.Label.Length > 0).ToList();
        _ = ChineseSegmenter.Shared.Segment("预热");
        if (repeats > 1)
        {
            RunRepeated([.. train.Where(t => t.Label.Length > 0), .. test], repeats);
            return;
        }

        foreach (var (name, options) in Variants)
        {
            var sw = Stopwatch.StartNew();
            var model = new ContentClassifier(options: options).Train(train);
            var seconds = sw.Elapsed.TotalSeconds;
            var m = Score(model, test);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-34} macro-F1 {m.MacroF1:0.0000}  accuracy {m.Accuracy:0.0000}  features {model.FeatureCount,8}  train {seconds:0.0} s"));
        }
    }

    private static void RunRepeated(List<LabelledText> all, int repeats)
    {
        var f1 = new double[Variants.Length, repeats];
        for (var r = 0; r < repeats; r++)
        {
            var rng = new Random(1000 + r);
            var train = new List<LabelledText>();
            var test = new List<LabelledText>();
            foreach (var g in all.GroupBy(t => t.Label, StringComparer.Ordinal))
            {
                var items = g.OrderBy(_ => rng.Next()).ToList();
                train.AddRange(items.Take(items.Count / 2));
                test.AddRange(items.Skip(items.Count / 2));
            }

            for (var v = 0; v < Variants.Length; v++)
            {
                f1[v, r] = Score(new ContentClassifier(options: Variants[v].Options).Train(train), test).MacroF1;
            }


            Console.Error.Write('.');
        }

        Console.Error.WriteLine();
        for (var v = 0; v < Variants.Length; v++)
        {
            var name = Variants[v].Name;
            var scores = Enumerable.Range(0, repeats).Select(r => f1[v, r]).ToArray();
            var diffs = Enumerable.Range(0, repeats).Select(r => f1[v, r] - f1[0, r]).ToArray();
            var sd = Math.Sqrt(diffs.Select(d => Math.Pow(d - diffs.Average(), 2)).Sum() / Math.Max(1, repeats - 1));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-40} mean macro-F1 {scores.Average():0.0000}  minus baseline {diffs.Average():+0.0000;-0.0000}  (sd {sd:0.0000}, better in {diffs.Count(d => d > 0)}/{repeats})"));
        }
    }

    private static ClassificationMetrics Score(ClassifierModel model, List<LabelledText> test)
    {
        var labels = model.Labels.Concat(test.Select(t => t.Label)).Distinct(StringComparer.Ordinal).ToList();
        var index = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        var truth = test.Select(t => index[t.Label]).ToArray();
        var predicted = test.AsParallel().AsOrdered().Select(t => index[model.Predict(t.Title, t.Content).Label]).ToArray();
        return ClassificationMetrics.Compute(truth, predicted, labels.Count);
    }

    private static MemberRecipe M(FeatureRecipe f, double nb) => new(f, nb);

    private static readonly FeatureRecipe Chars3 = FeatureRecipe.CharsOnly with { MaxCharN = 3 };

    private static readonly (string Name, ClassifierTrainingOptions Options)[] Variants =
    [
        ("baseline char1-3 C=1", ClassifierTrainingOptions.Baseline),
        ("chars1-3 tuned", new() { Members = [M(Chars3, 0)] }),
        ("chars1-4 NB 1", new() { Members = [M(FeatureRecipe.CharsOnly, 1)] }),
        ("words+chars1-4 no NB", new() { Members = [M(FeatureRecipe.Production, 0)] }),
        ("words+chars1-4 NB 1", new() { Members = [M(FeatureRecipe.Production, 1)] }),
        ("production: average of the four above", new()),
        ("average of the two NB members", new() { Members = [M(FeatureRecipe.CharsOnly, 1), M(FeatureRecipe.Production, 1)] }),
        ("average of the two word members", new() { Members = [M(FeatureRecipe.Production, 0), M(FeatureRecipe.Production, 1)] }),
    ];
}
