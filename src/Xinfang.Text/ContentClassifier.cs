using System.Buffers;
using System.Globalization;

namespace Xinfang.Text;

/// <summary>Settings of classifier training; the defaults are the evaluated ones.</summary>
public sealed record ClassifierTrainingOptions
{
    /// <summary>SVM regularisation values tried; the best in cross-validation on the training data wins.</summary>
    public IReadOnlyList<double> CandidateC { get; init; } = [0.25, 0.5, 1.0, 2.0];

    /// <summary>Features seen in fewer training items than this are dropped (noise, typos, names).</summary>
    public int MinDocumentFrequency { get; init; } = 2;

    /// <summary>
    /// Folds of the cross-validation that picks each member's C, class weighting and confidence
    /// scale. One held-out fifth proved too noisy to choose between settings a point apart.
    /// </summary>
    public int Folds { get; init; } = 3;

    /// <summary>Upper bound on passes of the SVM solver.</summary>
    public int MaxEpochs { get; init; } = 60;

    /// <summary>
    /// Cross-validation runs on at most this many items (a random sample); the final fit uses all.
    /// Settings a point apart are told apart on a few thousand items as well as on a hundred thousand,
    /// and the folds would otherwise cost 24 fits on the full data.
    /// </summary>
    public int TuningSample { get; init; } = 6000;

    /// <summary>Also try class-balanced weighting in cross-validation (doubles the settings tried).</summary>
    public bool TryBalanced { get; init; } = true;

    /// <summary>Seed of the shuffles: the same data gives the same model.</summary>
    public int Seed { get; init; } = 17;

    /// <summary>Version name to record; null derives one from the training time and size.</summary>
    public string? ModelVersion { get; init; }

    /// <summary>Pick C and class weighting by cross-validation; false trains once with C = 1, unweighted.</summary>
    internal bool Tune { get; init; } = true;

    /// <summary>The linear members to train; their calibrated probabilities are averaged.</summary>
    internal IReadOnlyList<MemberRecipe> Members { get; init; } = ProductionMembers;

    /// <summary>
    /// Four views of the text. Averaging them beat every single one on all three data sets we
    /// measured (hand-written, the same with 7 % of labels flipped, real news titles): views differ
    /// in which mistakes they make, and noisy labels hurt an average less than any one member.
    /// </summary>
    internal static readonly MemberRecipe[] LegacyMembers =
    [
        new(FeatureRecipe.CharsOnly with { MaxCharN = 3 }, Nb: 0),
        new(FeatureRecipe.CharsOnly, Nb: 1),
        new(FeatureRecipe.Production, Nb: 0),
        new(FeatureRecipe.Production, Nb: 1),
    ];

    /// <summary>
    /// The production recipe since issue 15: char 1–3-grams, and char 1–4-grams with NB scaling,
    /// both hashed into 2^20 buckets (title n-grams apart, digits folded). Chosen by 3-fold
    /// cross-validation inside the hand-written corpus's tuning half (docs/text.md "Measured"):
    /// it scales to 100,000 items where the exact four-member recipe with jieba words did not.
    /// </summary>
    internal static readonly MemberRecipe[] ProductionMembers =
    [
        new(FeatureRecipe.CharsOnly with { MaxCharN = 3 }, Nb: 0, HashBits: 20),
        new(FeatureRecipe.CharsOnly, Nb: 1, HashBits: 20),
    ];

    /// <summary>The plain char n-gram TF-IDF + linear SVM (C = 1) the issue names as the bar to beat.</summary>
    internal static ClassifierTrainingOptions Baseline { get; } = new()
    {
        Members = [new(FeatureRecipe.Baseline, Nb: 0, SublinearTf: false)], Tune = false, ModelVersion = "baseline",
    };
}

/// <summary>One linear member to train.</summary>
/// <param name="Features">The view of the text it reads.</param>
/// <param name="Nb">NB scaling strength (0 = none): each feature scaled by its naive-Bayes log-count ratio for the class.</param>
/// <param name="SublinearTf">Term frequency as 1 + log(count) rather than the count.</param>
/// <param name="HashBits">Features hashed into 2^HashBits buckets (0: an exact vocabulary, which grows with the data).</param>
internal sealed record MemberRecipe(FeatureRecipe Features, double Nb, bool SublinearTf = true, int HashBits = 0);

/// <summary>
/// Trains the content classifier from a deployment's own labelled history (the registrars' final
/// 内容分类, corrections included) and suggests classes, with a keyword fallback before any history.
/// </summary>
/// <remarks>
/// Method (ADR 0011, docs/text.md): four linear members over sublinear TF-IDF views of the text —
/// char 1–3-grams; char 1–4-grams with NB scaling; char 1–4-grams + jieba words and bigrams; the
/// same with NB scaling (title features apart, L2-normalised). Each is one L2-loss linear SVM per
/// class by dual coordinate descent (the liblinear method), with C and class weighting picked by
/// 3-fold cross-validation and a softmax temperature fitted on the out-of-fold scores; the
/// members' probabilities are averaged. Word features add what char n-grams alone (the usual
/// baseline) miss: the domain dictionary keeps 拖欠工资 or 征地拆迁 whole.
/// </remarks>
public sealed class ContentClassifier
{
    /// <summary>Below this many labelled items (or two classes) use <see cref="KeywordFallbackClassifier"/>.</summary>
    public const int MinimumTrainingItems = 50;

    private readonly TimeProvider time;
    private readonly ChineseSegmenter segmenter;

    /// <summary>Creates a trainer.</summary>
    /// <param name="time">Clock for the training date recorded in models.</param>
    /// <param name="segmenter">Segmenter; the shared one when null.</param>
    /// <param name="options">Training settings.</param>
    public ContentClassifier(TimeProvider? time = null, ChineseSegmenter? segmenter = null, ClassifierTrainingOptions? options = null)
    {
        this.time = time ?? TimeProvider.System;
        this.segmenter = segmenter ?? ChineseSegmenter.Shared;
        Options = options ?? new ClassifierTrainingOptions();
    }

    /// <summary>Training settings.</summary>
    public ClassifierTrainingOptions Options { get; }

    /// <summary>
    /// The suggestion for a new petition: the model's when there is one, else the keyword fallback.
    /// </summary>
    public static ClassSuggestion Suggest(ClassifierModel? model, string? title, string? content)
        => model?.Predict(title, content) ?? KeywordFallbackClassifier.Predict(title, content);

    /// <summary>Trains a model. Throws <see cref="ArgumentException"/> with fewer than two items or two classes.</summary>
    public ClassifierModel Train(IEnumerable<LabelledText> items)
    {
        var data = items.Where(i => !string.IsNullOrWhiteSpace(i.Label)).ToList();
        var labels = data.Select(d => d.Label.Trim()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (data.Count < 2 || labels.Length < 2)
        {
            throw new ArgumentException("Training needs at least two labelled items in at least two classes.", nameof(items));
        }

        var trainedAt = time.GetUtcNow();
        var labelIndex = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        var y = data.Select(d => labelIndex[d.Label.Trim()]).ToArray();
        var rng = new Random(Options.Seed);
        var order = Enumerable.Range(0, data.Count).OrderBy(_ => rng.Next()).ToArray();
        var members = new List<LinearMember>();
        // One view in memory at a time: members sharing a view reuse it; the next view replaces it.
        foreach (var group in Options.Members.GroupBy(m => (m.Features, m.HashBits)))
        {
            var matrix = Matrix.Build(segmenter, data, group.Key.Features, group.Key.HashBits);
            members.AddRange(group.Select(m => TrainMember(matrix, y, order, labels.Length, m)));
            matrix = null;
            // The view just used is garbage now, but its rows (about half a gigabyte at 100,000 items) sit in the
            // oldest generation and would wait for a full collection the next view's build need not trigger: both
            // views would then be in memory at once. Collected here, the peak is one view (ADR 0110, issue 15's 2 GB).
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        }

        var version = Options.ModelVersion ?? string.Create(CultureInfo.InvariantCulture, $"{trainedAt:yyyyMMddHHmmss}-n{data.Count}");
        return new ClassifierModel(version, trainedAt, data.Count, labels, [.. members]) { Segmenter = segmenter };
    }

    /// <summary>
    /// The training items of one view as compact rows: sorted column ids and clamped counts. Columns
    /// are hash buckets (2^bits of them) or, without hashing, ids of an exact vocabulary built here.
    /// Items are extracted in parallel chunks so only one chunk's dictionaries live at a time.
    /// </summary>
    internal sealed class Matrix
    {
        private Matrix(int[][] cols, byte[][] counts, int columns, Dictionary<ulong, int>? vocabulary)
        {
            Cols = cols;
            Counts = counts;
            Columns = columns;
            Vocabulary = vocabulary;
        }

        public int[][] Cols { get; }

        public byte[][] Counts { get; }

        public int Columns { get; }

        public Dictionary<ulong, int>? Vocabulary { get; }

        public static Matrix Build(ChineseSegmenter segmenter, List<LabelledText> data, FeatureRecipe recipe, int hashBits)
        {
            var cols = new int[data.Count][];
            var counts = new byte[data.Count][];
            var vocabulary = hashBits > 0 ? null : new Dictionary<ulong, int>();
            const int chunk = 4096;
            var extracted = new Dictionary<ulong, float>[chunk];
            for (var at = 0; at < data.Count; at += chunk)
            {
                var size = Math.Min(chunk, data.Count - at);
                var first = at;
                Parallel.For(0, size, k =>
                {
                    var d = data[first + k];
                    var features = ClassifierFeatures.Extract(segmenter, d.Title, d.Content, recipe);
                    if (vocabulary is null)
                    {
                        (cols[first + k], counts[first + k]) = ClassifierFeatures.Compact(features, key => ClassifierFeatures.Bucket(key, hashBits));
                    }
                    else
                    {
                        extracted[k] = features;
                    }
                });

                if (vocabulary is not null)
                {
                    // Exact ids are assigned in item order, so the same data gives the same columns.
                    for (var k = 0; k < size; k++)
                    {
                        foreach (var key in extracted[k].Keys)
                        {
                            vocabulary.TryAdd(key, vocabulary.Count);
                        }

                        (cols[at + k], counts[at + k]) = ClassifierFeatures.Compact(extracted[k], key => vocabulary[key]);
                        extracted[k] = null!;
                    }
                }
            }

            return new Matrix(cols, counts, hashBits > 0 ? 1 << hashBits : vocabulary!.Count, vocabulary);
        }
    }

    /// <summary>
    /// One member: C and class weighting picked by cross-validation (macro-F1) on at most
    /// <see cref="ClassifierTrainingOptions.TuningSample"/> rows, the softmax temperature fitted on the
    /// out-of-fold scores of the chosen setting, then a fit on all rows.
    /// </summary>
    private LinearMember TrainMember(Matrix matrix, int[] y, int[] order, int classes, MemberRecipe recipe)
    {
        var sample = order.Length > Options.TuningSample ? order[..Options.TuningSample] : order;
        var folds = Options.Tune && sample.Length >= 40 ? Math.Max(2, Options.Folds) : 0;
        var best = new Setting(Options.Tune ? Options.CandidateC[0] : 1.0, Balanced: false);
        var temperature = 3f;
        if (folds > 0)
        {
            var settings = (from balanced in Options.TryBalanced ? new[] { false, true } : [false] from c in Options.CandidateC select new Setting(c, balanced)).ToArray();
            var outOfFold = settings.Select(_ => new double[sample.Length][]).ToArray();
            var sampleY = sample.Select(i => y[i]).ToArray();
            for (var fold = 0; fold < folds; fold++)
            {
                var hold = Enumerable.Range(0, sample.Length).Where(i => i % folds == fold).ToArray();
                var prepared = Prepare(matrix, y, sample.Where((_, i) => i % folds != fold).ToArray(), classes, recipe);
                for (var s = 0; s < settings.Length; s++)
                {
                    var m = Solve(prepared, settings[s].C, settings[s].Balanced, pooled: true);
                    foreach (var i in hold)
                    {
                        outOfFold[s][i] = m.Score(matrix, sample[i]);
                    }

                    ArrayPool<float>.Shared.Return(m.Weights);
                }
            }

            var bestF1 = double.NegativeInfinity;
            for (var s = 0; s < settings.Length; s++)
            {
                var f1 = ClassificationMetrics.Compute(sampleY, outOfFold[s].Select(ArgMax).ToArray(), classes).MacroF1;
                if (f1 > bestF1 + 1e-9)
                {
                    (bestF1, best) = (f1, settings[s]);
                    temperature = FitTemperature(outOfFold[s], sampleY);
                }
            }
        }

        var final = Solve(Prepare(matrix, y, order, classes, recipe), best.C, best.Balanced);
        Dictionary<ulong, int>? index = null;
        if (matrix.Vocabulary is { } vocabulary)
        {
            // Exact features: keep only the columns the final fit reads.
            index = vocabulary.Where(p => final.Idf[p.Value] != 0).ToDictionary(p => p.Key, p => p.Value);
        }

        return new LinearMember(recipe.Features, recipe.SublinearTf, temperature, index, final.Idf, final.Weights, final.Bias, recipe.HashBits);
    }

    private sealed record Setting(double C, bool Balanced);

    private static int ArgMax(double[] s)
    {
        var best = 0;
        for (var i = 1; i < s.Length; i++)
        {
            if (s[i] > s[best])
            {
                best = i;
            }
        }

        return best;
    }

    /// <summary>Grid search of the softmax scale minimising held-out log loss.</summary>
    private static float FitTemperature(double[][] scores, int[] truth)
    {
        float[] grid = [0.5f, 1, 1.5f, 2, 3, 4, 5, 6, 8, 10, 12, 16];
        var best = 3f;
        var bestLoss = double.PositiveInfinity;
        foreach (var t in grid)
        {
            var loss = 0.0;
            for (var i = 0; i < scores.Length; i++)
            {
                loss -= Math.Log(Math.Max(ClassifierModel.Softmax(scores[i], t)[truth[i]], 1e-12));
            }

            if (loss < bestLoss)
            {
                (bestLoss, best) = (loss, t);
            }
        }

        return best;
    }

    private sealed record Fitted(float[] Idf, float[] Weights, float[] Bias, int Classes, float[] TfTable)
    {
        /// <summary>Scores of one training row with this fit's IDF (held-out rows in cross-validation).</summary>
        public double[] Score(Matrix m, int row)
        {
            var cols = m.Cols[row];
            var counts = m.Counts[row];
            var norm = 0.0;
            for (var j = 0; j < cols.Length; j++)
            {
                var v = TfTable[counts[j]] * Idf[cols[j]];
                norm += v * v;
            }

            norm = norm > 0 ? 1 / Math.Sqrt(norm) : 0;
            var scores = new double[Classes];
            for (var j = 0; j < cols.Length; j++)
            {
                var x = TfTable[counts[j]] * Idf[cols[j]] * norm;
                if (x == 0)
                {
                    continue;
                }

                var at = cols[j] * Classes;
                for (var c = 0; c < Classes; c++)
                {
                    scores[c] += x * Weights[at + c];
                }
            }

            for (var c = 0; c < Classes; c++)
            {
                scores[c] += Bias[c];
            }

            return scores;
        }
    }

    /// <summary>
    /// What the solver needs for some rows: IDF from these rows only (so held-out scores are honest;
    /// features below the minimum document frequency get IDF 0 and are not read), each row's L2 norm,
    /// and per-class NB scales. Values are computed on the fly from counts, never copied per row.
    /// </summary>
    private sealed record Prepared(Matrix Matrix, int[] Rows, int[] Labels, int[] PerClass, int Classes, float[] Idf, float[] RowScale, float[] TfTable, float[][]? Scales);

    private Prepared Prepare(Matrix matrix, int[] y, int[] rows, int classes, MemberRecipe recipe)
    {
        var df = new int[matrix.Columns];
        foreach (var r in rows)
        {
            foreach (var c in matrix.Cols[r])
            {
                df[c]++;
            }
        }

        var minDf = Options.Tune && rows.Length >= 200 ? Options.MinDocumentFrequency : 1;
        var idf = new float[matrix.Columns];
        for (var f = 0; f < idf.Length; f++)
        {
            idf[f] = df[f] >= minDf && df[f] > 0 ? (float)(Math.Log((1.0 + rows.Length) / (1.0 + df[f])) + 1) : 0;
        }

        var tf = new float[256];
        for (var n = 1; n < tf.Length; n++)
        {
            tf[n] = (float)ClassifierModel.Tf(n, recipe.SublinearTf);
        }

        var rowScale = new float[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            var cols = matrix.Cols[rows[i]];
            var counts = matrix.Counts[rows[i]];
            var norm = 0.0;
            for (var j = 0; j < cols.Length; j++)
            {
                var v = tf[counts[j]] * idf[cols[j]];
                norm += v * v;
            }

            rowScale[i] = norm > 0 ? (float)(1 / Math.Sqrt(norm)) : 0;
        }

        var labelsOfRows = rows.Select(r => y[r]).ToArray();
        var perClass = new int[classes];
        foreach (var l in labelsOfRows)
        {
            perClass[l]++;
        }

        float[][]? scales = null;
        if (recipe.Nb > 0)
        {
            // Pooled like the solver's arrays (Solve): 8 MB per class at 2^20 features, once per fold and fit.
            var sums = new double[classes][];
            for (var c = 0; c < classes; c++)
            {
                sums[c] = ArrayPool<double>.Shared.Rent(matrix.Columns);
                Array.Clear(sums[c], 0, matrix.Columns);
            }

            var total = ArrayPool<double>.Shared.Rent(matrix.Columns);
            Array.Clear(total, 0, matrix.Columns);
            double valueSum = 0;
            long values = 0;
            for (var i = 0; i < rows.Length; i++)
            {
                var cols = matrix.Cols[rows[i]];
                var counts = matrix.Counts[rows[i]];
                for (var j = 0; j < cols.Length; j++)
                {
                    var v = tf[counts[j]] * idf[cols[j]] * rowScale[i];
                    if (v != 0)
                    {
                        sums[labelsOfRows[i]][cols[j]] += v;
                        total[cols[j]] += v;
                        valueSum += v;
                        values++;
                    }
                }
            }

            scales = NbScales(sums, total, matrix.Columns, recipe.Nb * (values == 0 ? 1 : valueSum / values));
            foreach (var array in sums.Append(total))
            {
                ArrayPool<double>.Shared.Return(array);
            }
        }

        return new Prepared(matrix, rows, labelsOfRows, perClass, classes, idf, rowScale, tf, scales);
    }

    /// <summary>
    /// Naive-Bayes log-count ratios, one vector per class against the rest (Wang &amp; Manning 2012,
    /// "NBSVM"): a feature frequent in the class and rare elsewhere is scaled up before the SVM sees
    /// it, which helps where a few telling words decide the class among long shared boilerplate.
    /// Smoothing is one typical feature value times <paramref name="strength"/>.
    /// </summary>
    internal static float[][] NbScales(int[] start, int[] cols, float[] vals, int[] labels, int classes, int features, double strength)
    {
        var sums = new double[classes][];
        for (var c = 0; c < classes; c++)
        {
            sums[c] = new double[features];
        }

        var total = new double[features];
        for (var i = 0; i < labels.Length; i++)
        {
            for (var j = start[i]; j < start[i + 1]; j++)
            {
                sums[labels[i]][cols[j]] += vals[j];
                total[cols[j]] += vals[j];
            }
        }

        return NbScales(sums, total, features, strength * (vals.Length == 0 ? 1 : vals.Average(v => (double)v)));
    }

    /// <summary>The scales from per-class and total sums over the first <paramref name="features"/> columns (pooled arrays may be longer).</summary>
    private static float[][] NbScales(double[][] sums, double[] total, int features, double alpha)
    {
        var classes = sums.Length;
        var scales = new float[classes][];
        for (var c = 0; c < classes; c++)
        {
            // Sums over the columns the rows use (as over a vocabulary): empty hash buckets and pruned
            // features must not dilute the class-size term log(pSum / qSum) of the ratio.
            double pSum = 0, qSum = 0;
            for (var f = 0; f < features; f++)
            {
                if (total[f] != 0)
                {
                    pSum += alpha + sums[c][f];
                    qSum += alpha + (total[f] - sums[c][f]);
                }
            }

            var r = new float[features];
            for (var f = 0; f < features; f++)
            {
                // |r|: with the weight free in sign only the size of the scale matters (it sets how cheap the feature is).
                // A column no row uses reads no value; its scale is left 0.
                r[f] = total[f] == 0 ? 0 : (float)Math.Abs(Math.Log((alpha + sums[c][f]) / pSum) - Math.Log((alpha + total[f] - sums[c][f]) / qSum));
            }

            scales[c] = r;
        }

        return scales;
    }

    /// <summary>
    /// One fit of every class. The solver's per-class arrays (2^20 features: 8 MB of weights and 4 MB of column factors
    /// each) come from the shared pool: the cross-validation fits 3 folds × 8 settings × 7 classes per member, and
    /// freshly allocated they were gigabytes of large-object garbage that only a full collection frees — the peak
    /// working set at 100,000 items was 2.4 GB before (bench/RESULTS.md). <paramref name="pooled"/>: the weights too
    /// (a cross-validation fit, whose caller returns them after scoring; the final fit's weights are the model's).
    /// </summary>
    private Fitted Solve(Prepared p, double c, bool balanced, bool pooled = false)
    {
        var features = p.Idf.Length;
        var size = features * p.Classes;
        var weights = pooled ? ArrayPool<float>.Shared.Rent(size) : new float[size];
        var bias = new float[p.Classes];
        Parallel.For(0, p.Classes, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, k =>
        {
            var scale = p.Scales?[k];
            // Per-column factor of the value (IDF, times the class's NB scale): one lookup per non-zero in the solver.
            var column = scale is null ? p.Idf : ArrayPool<float>.Shared.Rent(features);
            if (scale is not null)
            {
                for (var f = 0; f < features; f++)
                {
                    column[f] = p.Idf[f] * scale[f];
                }
            }

            var w = ArrayPool<double>.Shared.Rent(features);
            Array.Clear(w, 0, features);
            var b = SolveBinary(p, column, w, k, c, balanced, Options.MaxEpochs, Options.Seed + k);
            for (var f = 0; f < features; f++)
            {
                // The NB scale folds into the weight: the saved model stays one weight per feature and class.
                weights[(f * p.Classes) + k] = (float)(w[f] * (scale?[f] ?? 1f));
            }

            ArrayPool<double>.Shared.Return(w);
            if (scale is not null)
            {
                ArrayPool<float>.Shared.Return(column);
            }

            bias[k] = (float)b;
        });

        return new Fitted(p.Idf, weights, bias, p.Classes, p.TfTable);
    }

    /// <summary>
    /// L2-regularised L2-loss SVM, one class against the rest, by dual coordinate descent
    /// (Hsieh et al. 2008, liblinear's default solver). The bias is a constant feature of value 1.
    /// A row's value of column f is tf(count) × <paramref name="column"/>[f] × the row's L2 scale.
    /// <paramref name="w"/> comes zeroed (at least one entry per feature) and holds the weights after; the bias is returned.
    /// </summary>
    private static double SolveBinary(Prepared p, float[] column, double[] w, int positive, double c, bool balanced, int maxEpochs, int seed)
    {
        var n = p.Rows.Length;
        var b = 0.0;
        var alpha = new double[n];
        var diag = new double[n];
        var qii = new double[n];
        var k = p.PerClass.Count(x => x > 0);
        var tf = p.TfTable;
        for (var i = 0; i < n; i++)
        {
            // Balanced: each class weighs as much in total, so small classes are not drowned (macro-F1).
            var ci = balanced ? c * n / (k * (double)p.PerClass[p.Labels[i]]) : c;
            diag[i] = 0.5 / ci;
            var cols = p.Matrix.Cols[p.Rows[i]];
            var counts = p.Matrix.Counts[p.Rows[i]];
            var sq = 1.0;
            for (var j = 0; j < cols.Length; j++)
            {
                var x = tf[counts[j]] * column[cols[j]] * p.RowScale[i];
                sq += x * x;
            }

            qii[i] = sq + diag[i];
        }

        var rng = new Random(seed);
        var order = Enumerable.Range(0, n).ToArray();
        for (var epoch = 0; epoch < maxEpochs; epoch++)
        {
            rng.Shuffle(order);
            var maxPg = double.NegativeInfinity;
            var minPg = double.PositiveInfinity;
            foreach (var i in order)
            {
                var cols = p.Matrix.Cols[p.Rows[i]];
                var counts = p.Matrix.Counts[p.Rows[i]];
                var rowScale = p.RowScale[i];
                var dot = 0.0;
                for (var j = 0; j < cols.Length; j++)
                {
                    dot += w[cols[j]] * (tf[counts[j]] * column[cols[j]]);
                }

                dot = (dot * rowScale) + b;
                var sign = p.Labels[i] == positive ? 1.0 : -1.0;
                var g = (sign * dot) - 1 + (diag[i] * alpha[i]);
                var pg = alpha[i] == 0 ? Math.Min(g, 0) : g;
                maxPg = Math.Max(maxPg, pg);
                minPg = Math.Min(minPg, pg);
                if (Math.Abs(pg) < 1e-12)
                {
                    continue;
                }

                var old = alpha[i];
                alpha[i] = Math.Max(old - (g / qii[i]), 0);
                var d = (alpha[i] - old) * sign;
                var dr = d * rowScale;
                for (var j = 0; j < cols.Length; j++)
                {
                    w[cols[j]] += dr * (tf[counts[j]] * column[cols[j]]);
                }

                b += d;
            }

            if (maxPg - minPg < 0.1)
            {
                break;
            }
        }

        return b;
    }
}
