using System.Diagnostics;
using System.Globalization;

namespace Xinfang.Text.Bench;

/// <summary>
/// Trains the classifier's recipe variants on one split and prints macro-F1 for each, so a change
/// of recipe is chosen by measurement on several data sets, not by taste.
/// </summary>
public static class Experiments
{
    public static void Run(string trainPath, string testPath)
    {
        var train = TsvFiles.ReadLabelled(trainPath);
        var test = TsvFiles.ReadLabelled(testPath).Where(t => t.Label.Length > 0).ToList();
        _ = ChineseSegmenter.Shared.Segment("预热");
        var variants = new (string Name, ClassifierTrainingOptions Options)[]
        {
            ("baseline char1-3 C=1", ClassifierTrainingOptions.Baseline),
            ("chars1-3 tuned, no NB", new() { Features = FeatureRecipe.CharsOnly with { MaxCharN = 3 }, CandidateNb = [0] }),
            ("chars1-4 tuned, no NB", new() { Features = FeatureRecipe.CharsOnly, CandidateNb = [0] }),
            ("words+chars1-3, no NB", new() { Features = FeatureRecipe.Production with { MaxCharN = 3 }, CandidateNb = [0] }),
            ("words+chars1-4, no NB", new() { CandidateNb = [0] }),
            ("words+chars1-4, NB 1", new() { CandidateNb = [1] }),
            ("words+chars1-4, NB 0.3", new() { CandidateNb = [0.3] }),
            ("words+chars1-4, NB 3", new() { CandidateNb = [3] }),
            ("words+chars1-4, tuned NB {0,1}", new()),
        };
        foreach (var (name, options) in variants)
        {
            var sw = Stopwatch.StartNew();
            var model = new ContentClassifier(options: options).Train(train);
            var seconds = sw.Elapsed.TotalSeconds;
            var labels = model.Labels.Concat(test.Select(t => t.Label)).Distinct(StringComparer.Ordinal).ToList();
            var index = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
            var truth = test.Select(t => index[t.Label]).ToArray();
            var predicted = test.AsParallel().AsOrdered().Select(t => index[model.Predict(t.Title, t.Content).Label]).ToArray();
            var m = ClassificationMetrics.Compute(truth, predicted, labels.Count);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-34} macro-F1 {m.MacroF1:0.0000}  accuracy {m.Accuracy:0.0000}  features {model.FeatureCount,8}  train {seconds:0.0} s"));
        }
    }
}
