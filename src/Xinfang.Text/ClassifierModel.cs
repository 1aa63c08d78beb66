using System.Text;

namespace Xinfang.Text;

/// <summary>A labelled petition for training: the registrar's final 内容分类 (a correction counts as the label).</summary>
/// <param name="Title">标题/概况.</param>
/// <param name="Content">诉求内容.</param>
/// <param name="Label">First-level content class, as the deployment names it.</param>
public sealed record LabelledText(string Title, string Content, string Label);

/// <summary>A suggested content class.</summary>
/// <param name="Label">The class.</param>
/// <param name="Confidence">Estimated probability that it is right (0..1); calibrated on held-out training data.</param>
/// <param name="IsFallback">True when it came from keywords, not from a trained model.</param>
/// <param name="RunnerUp">The second most likely class of a model (null for the keyword fallback).</param>
/// <param name="RunnerUpConfidence">Its probability.</param>
/// <param name="IsUnsure">
/// The model's confidence is below <see cref="ClassifierModel.UnsureBelow"/>: the clerk is told
/// it is unsure and offered <see cref="Label"/> or <see cref="RunnerUp"/>.
/// </param>
public sealed record ClassSuggestion(string Label, double Confidence, bool IsFallback, string? RunnerUp = null, double RunnerUpConfidence = 0, bool IsUnsure = false);

/// <summary>
/// One linear member of a model: its feature recipe, IDF, one weight per feature and class (the NB
/// scale folded in), biases and the softmax temperature fitted on its out-of-fold scores.
/// </summary>
/// <remarks>
/// With <paramref name="HashBits"/> &gt; 0 the features are hashed into 2^HashBits buckets
/// (<paramref name="FeatureIndex"/> is null and the arrays are dense over the buckets); with 0 every
/// kept feature id has its own column through <paramref name="FeatureIndex"/> (models of format 3).
/// </remarks>
internal sealed record LinearMember(FeatureRecipe Features, bool SublinearTf, float Temperature,
    Dictionary<ulong, int>? FeatureIndex, float[] Idf, float[] Weights, float[] Bias, int HashBits = 0)
{
    public double[] Probabilities(Dictionary<ulong, float> counts)
        => ClassifierModel.Softmax(ClassifierModel.LinearScores(counts, Column, Idf, Weights, Bias, SublinearTf), Temperature);

    /// <summary>The column of a feature id, or -1 when the model does not know it.</summary>
    public int Column(ulong key)
        => HashBits > 0 ? ClassifierFeatures.Bucket(key, HashBits) : FeatureIndex!.TryGetValue(key, out var f) ? f : -1;

    /// <summary>Columns with a non-zero IDF: the features the member actually reads.</summary>
    public int KeptFeatures => Idf.Count(v => v != 0);
}

/// <summary>
/// A trained content classifier: a few linear members over different views of the text (see
/// <see cref="ContentClassifier"/>), whose calibrated probabilities are averaged. Immutable and
/// thread-safe; prediction takes about a millisecond, most of it jieba.
/// Saved as a versioned binary file (<see cref="Save"/>, <see cref="Load"/>).
/// </summary>
public sealed class ClassifierModel
{
    /// <summary>Version of the file layout written by <see cref="Save"/>: 4 adds hashed members; 3 still loads.</summary>
    public const int FormatVersion = 4;

    /// <summary>The oldest file layout <see cref="Load"/> still reads (3: exact feature ids only).</summary>
    public const int OldestReadableFormat = 3;

    /// <summary>
    /// Below this confidence a suggestion says it is unsure and offers the top two classes. Chosen by
    /// the bench (<c>confidence-threshold</c>) on the out-of-fold predictions of the hand-written
    /// corpus's tuning half only: the highest bar below which the single suggestion was right at most
    /// two times in three (there 9 % of items, right 66 % alone, 92 % with the runner-up; docs/text.md "Measured").
    /// </summary>
    public const double UnsureBelow = 0.75;

    private static readonly byte[] Magic = "XFTC"u8.ToArray();

    private readonly string[] labels;
    private readonly LinearMember[] members;

    internal ClassifierModel(string modelVersion, DateTimeOffset trainedAt, int trainingItems, string[] labels, LinearMember[] members)
    {
        ModelVersion = modelVersion;
        TrainedAt = trainedAt;
        TrainingItems = trainingItems;
        this.labels = labels;
        this.members = members;
    }

    /// <summary>Version name of this model (training time and size unless given), shown beside suggestions.</summary>
    public string ModelVersion { get; }

    /// <summary>When the model was trained.</summary>
    public DateTimeOffset TrainedAt { get; }

    /// <summary>How many labelled items it was trained on.</summary>
    public int TrainingItems { get; }

    /// <summary>The classes it can suggest, learnt from the training labels.</summary>
    public IReadOnlyList<string> Labels => labels;

    /// <summary>Features kept (hashed buckets in use, or exact features), over all members.</summary>
    public int FeatureCount => members.Sum(m => m.KeptFeatures);

    /// <summary>The segmenter used for word features; the shared one unless set.</summary>
    internal ChineseSegmenter Segmenter { get; set; } = ChineseSegmenter.Shared;

    /// <summary>Suggests the content class of a petition.</summary>
    public ClassSuggestion Predict(string? title, string? content)
    {
        var p = Probabilities(title, content);
        int best = 0, second = -1;
        for (var c = 1; c < p.Length; c++)
        {
            if (p[c] > p[best])
            {
                (second, best) = (best, c);
            }
            else if (second < 0 || p[c] > p[second])
            {
                second = c;
            }
        }

        return new ClassSuggestion(labels[best], p[best], IsFallback: false, labels[second], p[second], IsUnsure: p[best] < UnsureBelow);
    }

    /// <summary>The members' averaged probabilities, one per label; each distinct recipe is extracted once.</summary>
    internal double[] Probabilities(string? title, string? content)
    {
        var extracted = new Dictionary<FeatureRecipe, Dictionary<ulong, float>>();
        var sum = new double[labels.Length];
        foreach (var m in members)
        {
            if (!extracted.TryGetValue(m.Features, out var counts))
            {
                extracted[m.Features] = counts = ClassifierFeatures.Extract(Segmenter, title, content, m.Features);
            }

            var p = m.Probabilities(counts);
            for (var c = 0; c < sum.Length; c++)
            {
                sum[c] += p[c] / members.Length;
            }
        }

        return sum;
    }

    internal static double Tf(float count, bool sublinear) => sublinear ? 1 + Math.Log(count) : count;

    /// <summary>Scores of L2-normalised TF-IDF features against feature-major weights (training and prediction share it).</summary>
    internal static double[] LinearScores(Dictionary<ulong, float> counts, Func<ulong, int> column, float[] idf, float[] weights, float[] bias, bool sublinear)
    {
        var k = bias.Length;
        var scores = new double[k];
        var present = new List<(int Feature, double Value)>(counts.Count);
        var norm = 0.0;
        var merged = new Dictionary<int, float>(counts.Count);
        foreach (var (key, count) in counts)
        {
            // Hashed features sharing a bucket add up, as they did in training.
            var f = column(key);
            if (f >= 0)
            {
                merged[f] = merged.TryGetValue(f, out var c) ? c + count : count;
            }
        }

        foreach (var (f, count) in merged)
        {
            if (idf[f] != 0)
            {
                var v = Tf(Math.Min(count, 255), sublinear) * idf[f];
                present.Add((f, v));
                norm += v * v;
            }
        }

        norm = norm > 0 ? 1 / Math.Sqrt(norm) : 0;
        foreach (var (f, v) in present)
        {
            var x = v * norm;
            var row = f * k;
            for (var c = 0; c < k; c++)
            {
                scores[c] += x * weights[row + c];
            }
        }

        for (var c = 0; c < k; c++)
        {
            scores[c] += bias[c];
        }

        return scores;
    }

    internal static double[] Softmax(double[] scores, double temperature)
    {
        var max = scores.Max();
        var p = scores.Select(s => Math.Exp((s - max) * temperature)).ToArray();
        var sum = p.Sum();
        for (var i = 0; i < p.Length; i++)
        {
            p[i] /= sum;
        }

        return p;
    }

    /// <summary>Writes the model: a header (format and feature versions, model version, training date), the labels and each member.</summary>
    public void Save(Stream stream)
    {
        using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        w.Write(Magic);
        w.Write(FormatVersion);
        w.Write(ClassifierFeatures.Version);
        w.Write(ModelVersion);
        w.Write(TrainedAt.UtcTicks);
        w.Write(TrainingItems);
        w.Write(labels.Length);
        foreach (var label in labels)
        {
            w.Write(label);
        }

        w.Write(members.Length);
        foreach (var m in members)
        {
            w.Write(m.Features.MaxCharN);
            w.Write(m.Features.TitleApart);
            w.Write(m.Features.Words);
            w.Write(m.Features.FoldDigits);
            w.Write(m.SublinearTf);
            w.Write(m.Temperature);
            foreach (var b in m.Bias)
            {
                w.Write(b);
            }

            // Format 4: hashed members write their bucket count and only the buckets in use (IDF ≠ 0).
            w.Write(m.HashBits);
            var columns = m.HashBits > 0
                ? Enumerable.Range(0, m.Idf.Length).Where(f => m.Idf[f] != 0).Select(f => ((ulong)f, f)).ToList()
                : m.FeatureIndex!.OrderBy(p => p.Value).Select(p => (p.Key, p.Value)).ToList();
            w.Write(columns.Count);
            foreach (var (key, f) in columns)
            {
                w.Write(key);
                w.Write(m.Idf[f]);
                for (var c = 0; c < labels.Length; c++)
                {
                    w.Write(m.Weights[(f * labels.Length) + c]);
                }
            }
        }
    }

    /// <summary>Reads a model written by <see cref="Save"/>; throws <see cref="InvalidDataException"/> for another format or version.</summary>
    public static ClassifierModel Load(Stream stream)
    {
        using var r = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        try
        {
            if (!r.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
            {
                throw new InvalidDataException("Not a Xinfang text classifier model.");
            }

            var format = r.ReadInt32();
            var features = r.ReadInt32();
            if (format < OldestReadableFormat || format > FormatVersion || features != ClassifierFeatures.Version)
            {
                throw new InvalidDataException(
                    $"Model format {format}/features {features}; this build reads formats {OldestReadableFormat}–{FormatVersion} with features {ClassifierFeatures.Version}. Retrain the classifier (text train-classifier, or 重新训练 on the classifier page).");
            }

            var version = r.ReadString();
            var trainedAt = new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero);
            var items = r.ReadInt32();
            var labels = new string[Bounded(r.ReadInt32(), 10_000, "labels")];
            for (var i = 0; i < labels.Length; i++)
            {
                labels[i] = r.ReadString();
            }

            var members = new LinearMember[Bounded(r.ReadInt32(), 16, "members")];
            for (var m = 0; m < members.Length; m++)
            {
                var recipe = new FeatureRecipe(Bounded(r.ReadInt32(), 8, "char n-gram length"), r.ReadBoolean(), r.ReadBoolean(), r.ReadBoolean());
                var sublinear = r.ReadBoolean();
                var temperature = r.ReadSingle();
                var bias = new float[labels.Length];
                for (var c = 0; c < bias.Length; c++)
                {
                    bias[c] = r.ReadSingle();
                }

                var hashBits = format >= 4 ? r.ReadInt32() : 0;
                if (hashBits is < 0 or > 24)
                {
                    throw new InvalidDataException($"The model file is damaged (hash bits: {hashBits}).");
                }

                var count = Bounded(r.ReadInt32(), 50_000_000, "features");
                var columns = hashBits > 0 ? 1 << hashBits : count;
                var index = hashBits > 0 ? null : new Dictionary<ulong, int>(count);
                var idf = new float[columns];
                var weights = new float[(long)columns * labels.Length];
                for (var i = 0; i < count; i++)
                {
                    var key = r.ReadUInt64();
                    var f = i;
                    if (index is not null)
                    {
                        index[key] = f;
                    }
                    else
                    {
                        f = key < (ulong)columns ? (int)key : throw new InvalidDataException($"The model file is damaged (bucket {key}).");
                    }

                    idf[f] = r.ReadSingle();
                    for (var c = 0; c < labels.Length; c++)
                    {
                        weights[(f * labels.Length) + c] = r.ReadSingle();
                    }
                }

                members[m] = new LinearMember(recipe, sublinear, temperature, index, idf, weights, bias, hashBits);
            }

            return new ClassifierModel(version, trainedAt, items, labels, members);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("The model file is truncated.", e);
        }
    }

    private static int Bounded(int value, int max, string what)
        => value is >= 1 && value <= max ? value : throw new InvalidDataException($"The model file is damaged ({what}: {value}).");
}
