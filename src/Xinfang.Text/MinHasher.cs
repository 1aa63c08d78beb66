namespace Xinfang.Text;

/// <summary>
/// A MinHash signature of an item's text: <see cref="MinHasher.HashCount"/> minimum hashes over its character
/// shingles. Two signatures agree in about the Jaccard similarity of the two shingle sets.
/// Plain data, so the host can store it (e.g. as a blob) next to the item.
/// </summary>
/// <param name="Values">The minimum hash per hash function.</param>
public sealed record TextSignature(uint[] Values)
{
    /// <summary>Estimated Jaccard similarity with another signature of the same shape (0..1).</summary>
    public double EstimateSimilarity(TextSignature other) => MinHasher.Similarity(Values, other.Values);

    /// <summary>True when the text had no word characters at all; such items are never matched.</summary>
    public bool IsEmpty => Values.Length == 0 || Values.All(v => v == uint.MaxValue);
}

/// <summary>
/// MinHash over character shingles with LSH banding. Char shingles need no segmentation (fast and
/// robust to jieba's choices) and survive light edits: a changed character disturbs only the k
/// shingles covering it. Deterministic: the same text gives the same signature in every process,
/// so signatures and band keys can be stored.
/// </summary>
public sealed class MinHasher
{
    /// <summary>Format of the signature and band keys; bump it when anything below changes (stored keys become stale).</summary>
    public const int SignatureVersion = 1;

    // Openings and closings that every letter carries; they would make unrelated short letters look alike.
    private static readonly string[] Boilerplate =
    [
        "尊敬的领导", "尊敬的市长", "尊敬的书记", "领导您好", "领导你好", "领导们好", "您好", "你好", "此致敬礼", "谢谢领导",
        "谢谢", "再次反映", "恳请领导", "望领导", "请领导", "盼复", "急盼回复", "望回复",
    ];

    private readonly ulong[] seeds;

    /// <summary>Creates a hasher.</summary>
    /// <param name="bands">LSH bands; an item is a candidate when all rows of any band agree.</param>
    /// <param name="rowsPerBand">Rows per band. 16 × 4 puts the 50 % candidate point near Jaccard 0.5.</param>
    /// <param name="shingleLength">Characters per shingle.</param>
    public MinHasher(int bands = 16, int rowsPerBand = 4, int shingleLength = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bands, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(rowsPerBand, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(shingleLength, 1);
        Bands = bands;
        RowsPerBand = rowsPerBand;
        ShingleLength = shingleLength;
        seeds = new ulong[bands * rowsPerBand];
        var s = 0x9E3779B97F4A7C15UL;
        for (var i = 0; i < seeds.Length; i++)
        {
            s += 0x9E3779B97F4A7C15UL;
            seeds[i] = TextChars.Mix(s);
        }
    }

    /// <summary>LSH bands.</summary>
    public int Bands { get; }

    /// <summary>Rows (hash values) per band.</summary>
    public int RowsPerBand { get; }

    /// <summary>Characters per shingle.</summary>
    public int ShingleLength { get; }

    /// <summary>Hash functions in a signature (bands × rows).</summary>
    public int HashCount => seeds.Length;

    /// <summary>The text MinHash sees: title and content, without punctuation, spacing or greetings.</summary>
    public static string Normalize(string? title, string? content)
    {
        var text = TextChars.Compact(string.Concat(title, "\n", content));
        foreach (var phrase in Boilerplate)
        {
            text = text.Replace(phrase, string.Empty, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>Computes the signature of an item's title and content.</summary>
    public TextSignature Compute(string? title, string? content)
    {
        var text = Normalize(title, content);
        var values = new uint[seeds.Length];
        Array.Fill(values, uint.MaxValue);
        if (text.Length == 0)
        {
            return new TextSignature(values);
        }

        var k = Math.Min(ShingleLength, text.Length);
        var span = text.AsSpan();
        var seen = new HashSet<ulong>();
        for (var i = 0; i + k <= span.Length; i++)
        {
            var h = TextChars.Hash(span.Slice(i, k), 0);
            if (!seen.Add(h))
            {
                continue;
            }

            for (var j = 0; j < seeds.Length; j++)
            {
                // One base hash per shingle, re-mixed per function: independent enough for MinHash, and cheap.
                var v = (uint)(TextChars.Mix(h ^ seeds[j]) >> 32);
                if (v < values[j])
                {
                    values[j] = v;
                }
            }
        }

        return new TextSignature(values);
    }

    /// <summary>
    /// The LSH band keys of a signature: one 64-bit key per band, the band number mixed in, so one
    /// indexed column (band_key) can hold all bands. Items sharing any key are candidates.
    /// Empty signatures have no keys.
    /// </summary>
    public ulong[] BandKeys(TextSignature signature)
    {
        if (signature.Values.Length != seeds.Length)
        {
            throw new ArgumentException($"Signature has {signature.Values.Length} values; this hasher makes {seeds.Length}.", nameof(signature));
        }

        if (signature.IsEmpty)
        {
            return [];
        }

        var keys = new ulong[Bands];
        for (var b = 0; b < Bands; b++)
        {
            var h = TextChars.Mix((ulong)(b + 1) * 0xD6E8FEB86659FD93UL);
            for (var r = 0; r < RowsPerBand; r++)
            {
                h = TextChars.Mix(h ^ signature.Values[(b * RowsPerBand) + r]);
            }

            keys[b] = h;
        }

        return keys;
    }

    /// <summary>Share of positions where two signatures agree: the MinHash Jaccard estimate.</summary>
    internal static double Similarity(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b)
    {
        if (a.Length != b.Length || a.Length == 0)
        {
            return 0;
        }

        var same = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] == b[i])
            {
                same++;
            }
        }

        return (double)same / a.Length;
    }
}
