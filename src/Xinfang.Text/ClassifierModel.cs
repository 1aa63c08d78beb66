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
public sealed record ClassSuggestion(string Label, double Confidence, bool IsFallback);

/// <summary>
/// A trained content classifier: TF-IDF features (see <see cref="ContentClassifier"/>) and one linear
/// SVM per class. Immutable and thread-safe; prediction takes well under a millisecond after jieba.
/// Saved as a versioned binary file (<see cref="Save"/>, <see cref="Load"/>).
/// </summary>
public sealed class ClassifierModel
{
    /// <summary>Version of the file layout written by <see cref="Save"/>.</summary>
    public const int FormatVersion = 2;

    private static readonly byte[] Magic = "XFTC"u8.ToArray();

    private readonly Dictionary<ulong, int> featureIndex;
    private readonly float[] idf;
    private readonly float[] weights; // feature-major: weights[f * classes + c]
    private readonly float[] bias;
    private readonly string[] labels;

    internal ClassifierModel(string modelVersion, DateTimeOffset trainedAt, int trainingItems, string[] labels,
        Dictionary<ulong, int> featureIndex, float[] idf, float[] weights, float[] bias, float temperature, FeatureRecipe features, bool sublinearTf)
    {
        Features = features;
        SublinearTf = sublinearTf;
        ModelVersion = modelVersion;
        TrainedAt = trainedAt;
        TrainingItems = trainingItems;
        this.labels = labels;
        this.featureIndex = featureIndex;
        this.idf = idf;
        this.weights = weights;
        this.bias = bias;
        Temperature = temperature;
    }

    /// <summary>Version name of this model (training time and size unless given), shown beside suggestions.</summary>
    public string ModelVersion { get; }

    /// <summary>When the model was trained.</summary>
    public DateTimeOffset TrainedAt { get; }

    /// <summary>How many labelled items it was trained on.</summary>
    public int TrainingItems { get; }

    /// <summary>The classes it can suggest, learnt from the training labels.</summary>
    public IReadOnlyList<string> Labels => labels;

    /// <summary>Features kept.</summary>
    public int FeatureCount => idf.Length;

    /// <summary>Scale of SVM scores before the softmax that gives confidences (fitted on held-out data).</summary>
    public float Temperature { get; }

    /// <summary>Which features the model reads.</summary>
    internal FeatureRecipe Features { get; }

    /// <summary>Whether term frequencies are 1 + log(count).</summary>
    internal bool SublinearTf { get; }

    /// <summary>The segmenter used for word features; the shared one unless set.</summary>
    internal ChineseSegmenter Segmenter { get; set; } = ChineseSegmenter.Shared;

    /// <summary>Suggests the content class of a petition.</summary>
    public ClassSuggestion Predict(string? title, string? content)
    {
        var scores = Scores(title, content);
        var best = 0;
        for (var c = 1; c < scores.Length; c++)
        {
            if (scores[c] > scores[best])
            {
                best = c;
            }
        }

        return new ClassSuggestion(labels[best], Softmax(scores, Temperature)[best], IsFallback: false);
    }

    /// <summary>Raw SVM decision values, one per label.</summary>
    internal double[] Scores(string? title, string? content)
        => LinearScores(ClassifierFeatures.Extract(Segmenter, title, content, Features), featureIndex, idf, weights, bias, SublinearTf);

    internal static double Tf(float count, bool sublinear) => sublinear ? 1 + Math.Log(count) : count;

    /// <summary>Scores of L2-normalised TF-IDF features against feature-major weights (training and prediction share it).</summary>
    internal static double[] LinearScores(Dictionary<ulong, float> counts, Dictionary<ulong, int> featureIndex, float[] idf, float[] weights, float[] bias, bool sublinear)
    {
        var k = bias.Length;
        var scores = new double[k];
        var present = new List<(int Feature, double Value)>(counts.Count);
        var norm = 0.0;
        foreach (var (key, count) in counts)
        {
            if (featureIndex.TryGetValue(key, out var f))
            {
                var v = Tf(count, sublinear) * idf[f];
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

    /// <summary>Writes the model: a header (format and feature versions, model version, training date) and the weights.</summary>
    public void Save(Stream stream)
    {
        using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        w.Write(Magic);
        w.Write(FormatVersion);
        w.Write(ClassifierFeatures.Version);
        w.Write(ModelVersion);
        w.Write(TrainedAt.UtcTicks);
        w.Write(TrainingItems);
        w.Write(Temperature);
        w.Write(Features.MaxCharN);
        w.Write(Features.TitleApart);
        w.Write(Features.Words);
        w.Write(Features.FoldDigits);
        w.Write(SublinearTf);
        w.Write(labels.Length);
        foreach (var label in labels)
        {
            w.Write(label);
        }

        foreach (var b in bias)
        {
            w.Write(b);
        }

        w.Write(idf.Length);
        foreach (var (key, f) in featureIndex.OrderBy(p => p.Value))
        {
            w.Write(key);
            w.Write(idf[f]);
            for (var c = 0; c < labels.Length; c++)
            {
                w.Write(weights[(f * labels.Length) + c]);
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
            if (format != FormatVersion || features != ClassifierFeatures.Version)
            {
                throw new InvalidDataException($"Model format {format}/features {features}; this build reads {FormatVersion}/{ClassifierFeatures.Version}. Retrain.");
            }

            var version = r.ReadString();
            var trainedAt = new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero);
            var items = r.ReadInt32();
            var temperature = r.ReadSingle();
            var featureSet = new FeatureRecipe(r.ReadInt32(), r.ReadBoolean(), r.ReadBoolean(), r.ReadBoolean());
            var sublinear = r.ReadBoolean();
            if (featureSet.MaxCharN is < 1 or > 8)
            {
                throw new InvalidDataException("The model file is damaged (char n-gram length).");
            }
            var labels = new string[r.ReadInt32()];
            for (var i = 0; i < labels.Length; i++)
            {
                labels[i] = r.ReadString();
            }

            var bias = new float[labels.Length];
            for (var c = 0; c < bias.Length; c++)
            {
                bias[c] = r.ReadSingle();
            }

            var count = r.ReadInt32();
            var index = new Dictionary<ulong, int>(count);
            var idf = new float[count];
            var weights = new float[count * labels.Length];
            for (var f = 0; f < count; f++)
            {
                index[r.ReadUInt64()] = f;
                idf[f] = r.ReadSingle();
                for (var c = 0; c < labels.Length; c++)
                {
                    weights[(f * labels.Length) + c] = r.ReadSingle();
                }
            }

            return new ClassifierModel(version, trainedAt, items, labels, index, idf, weights, bias, temperature, featureSet, sublinear);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("The model file is truncated.", e);
        }
    }
}
