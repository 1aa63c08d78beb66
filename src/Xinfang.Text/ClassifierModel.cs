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
/// One linear member of a model: its feature recipe, IDF, one weight per feature and class (the NB
/// scale folded in), biases and the softmax temperature fitted on its out-of-fold scores.
/// </summary>
internal sealed record LinearMember(FeatureRecipe Features, bool SublinearTf, float Temperature,
    Dictionary<ulong, int> FeatureIndex, float[] Idf, float[] Weights, float[] Bias)
{
    public double[] Probabilities(Dictionary<ulong, float> counts)
        => ClassifierModel.Softmax(ClassifierModel.LinearScores(counts, FeatureIndex, Idf, Weights, Bias, SublinearTf), Temperature);
}

/// <summary>
/// A trained content classifier: a few linear members over different views of the text (see
/// <see cref="ContentClassifier"/>), whose calibrated probabilities are averaged. Immutable and
/// thread-safe; prediction takes about a millisecond, most of it jieba.
/// Saved as a versioned binary file (<see cref="Save"/>, <see cref="Load"/>).
/// </summary>
public sealed class ClassifierModel
{
    /// <summary>Version of the file layout written by <see cref="Save"/>.</summary>
    public const int FormatVersion = 3;

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

    /// <summary>Features kept, over all members.</summary>
    public int FeatureCount => members.Sum(m => m.Idf.Length);

    /// <summary>The segmenter used for word features; the shared one unless set.</summary>
    internal ChineseSegmenter Segmenter { get; set; } = ChineseSegmenter.Shared;

    /// <summary>Suggests the content class of a petition.</summary>
    public ClassSuggestion Predict(string? title, string? content)
    {
        var p = Probabilities(title, content);
        var best = 0;
        for (var c = 1; c < p.Length; c++)
        {
            if (p[c] > p[best])
            {
                best = c;
            }
        }

        return new ClassSuggestion(labels[best], p[best], IsFallback: false);
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

            w.Write(m.Idf.Length);
            foreach (var (key, f) in m.FeatureIndex.OrderBy(p => p.Value))
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
            if (format != FormatVersion || features != ClassifierFeatures.Version)
            {
                throw new InvalidDataException($"Model format {format}/features {features}; this build reads {FormatVersion}/{ClassifierFeatures.Version}. Retrain.");
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

                var count = Bounded(r.ReadInt32(), 50_000_000, "features");
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

                members[m] = new LinearMember(recipe, sublinear, temperature, index, idf, weights, bias);
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
