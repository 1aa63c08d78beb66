namespace Xinfang.Text;

/// <summary>Precision, recall and F1 of one class.</summary>
public sealed record ClassScore(double Precision, double Recall, double F1, int Support);

/// <summary>Accuracy, macro-F1, per-class scores and the confusion matrix (rows: truth, columns: predicted).</summary>
public sealed record ClassificationMetrics(double Accuracy, double MacroF1, IReadOnlyList<ClassScore> PerClass, int[,] Confusion)
{
    /// <summary>Computes the metrics of predicted class indexes against true ones.</summary>
    public static ClassificationMetrics Compute(IReadOnlyList<int> truth, IReadOnlyList<int> predicted, int classes)
    {
        var confusion = new int[classes, classes];
        var correct = 0;
        for (var i = 0; i < truth.Count; i++)
        {
            confusion[truth[i], predicted[i]]++;
            if (truth[i] == predicted[i])
            {
                correct++;
            }
        }

        var perClass = new List<ClassScore>();
        for (var c = 0; c < classes; c++)
        {
            int tp = confusion[c, c], predictedC = 0, actualC = 0;
            for (var o = 0; o < classes; o++)
            {
                predictedC += confusion[o, c];
                actualC += confusion[c, o];
            }

            var p = predictedC == 0 ? 0 : (double)tp / predictedC;
            var r = actualC == 0 ? 0 : (double)tp / actualC;
            perClass.Add(new ClassScore(p, r, p + r == 0 ? 0 : 2 * p * r / (p + r), actualC));
        }

        // Macro-F1 over the classes present in the truth (a class only seen in training does not count).
        var present = perClass.Where(s => s.Support > 0).ToList();
        var macro = present.Count == 0 ? 0 : present.Average(s => s.F1);
        return new ClassificationMetrics(truth.Count == 0 ? 0 : (double)correct / truth.Count, macro, perClass, confusion);
    }
}
