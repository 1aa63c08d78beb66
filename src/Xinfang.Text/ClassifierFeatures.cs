namespace Xinfang.Text;

/// <summary>
/// Which features a classifier reads. A saved model records its recipe, so a model always reads
/// petitions the way it was trained.
/// </summary>
/// <param name="MaxCharN">Longest char n-gram (n-grams 1..MaxCharN).</param>
/// <param name="TitleApart">Title char n-grams and title words as features of their own (a title names the matter in a few words).</param>
/// <param name="Words">jieba word unigrams and bigrams besides the char n-grams.</param>
/// <param name="FoldDigits">Every digit becomes 0 (amounts, dates and house numbers differ between letters, their presence does not).</param>
internal sealed record FeatureRecipe(int MaxCharN, bool TitleApart, bool Words, bool FoldDigits)
{
    /// <summary>The production recipe.</summary>
    public static readonly FeatureRecipe Production = new(4, TitleApart: true, Words: true, FoldDigits: true);

    /// <summary>The production recipe without words: measures what jieba adds.</summary>
    public static readonly FeatureRecipe CharsOnly = new(4, TitleApart: true, Words: false, FoldDigits: true);

    /// <summary>The plain baseline of the issue: char 1–3-grams of title + content as one text.</summary>
    public static readonly FeatureRecipe Baseline = new(3, TitleApart: false, Words: false, FoldDigits: false);
}

/// <summary>
/// Turns a petition into hashed sparse counts: char n-grams of title and of the whole text, and
/// jieba word unigrams and bigrams of title and whole text. Feature ids are 64-bit hashes, so no
/// string per n-gram is built and the model stores only ids.
/// </summary>
internal static class ClassifierFeatures
{
    /// <summary>Version of the feature code; a saved model records it and refuses a different one.</summary>
    public const int Version = 2;

    private const ulong TitleChars = 1, BodyChars = 2, TitleWords = 3, BodyWords = 4, BodyBigrams = 5;

    public static Dictionary<ulong, float> Extract(ChineseSegmenter segmenter, string? title, string? content, FeatureRecipe recipe)
    {
        var counts = new Dictionary<ulong, float>(1024);
        var all = Fold(TextChars.Compact(string.Concat(title, "\n", content)), recipe);
        CharGrams(all, BodyChars, recipe.MaxCharN, counts);
        if (recipe.TitleApart)
        {
            CharGrams(Fold(TextChars.Compact(title), recipe), TitleChars, recipe.MaxCharN, counts);
        }

        if (!recipe.Words)
        {
            return counts;
        }

        if (recipe.TitleApart)
        {
            foreach (var w in segmenter.Segment(title))
            {
                Add(counts, TextChars.Hash(Fold(w, recipe), TitleWords));
            }
        }

        string? previous = null;
        foreach (var raw in segmenter.Segment(string.Concat(title, "。", content)))
        {
            var w = Fold(raw, recipe);
            Add(counts, TextChars.Hash(w, BodyWords));
            if (previous is not null)
            {
                Add(counts, TextChars.Hash(string.Concat(previous, "\u0001", w), BodyBigrams));
            }

            previous = w;
        }

        return counts;
    }

    /// <summary>
    /// One document as sorted column ids and clamped counts, the compact form training keeps for
    /// every item (5 bytes per distinct feature instead of a dictionary entry of about 40).
    /// </summary>
    /// <param name="counts">The extracted counts.</param>
    /// <param name="column">Maps a feature id to its column; -1 drops it.</param>
    internal static (int[] Cols, byte[] Counts) Compact(Dictionary<ulong, float> counts, Func<ulong, int> column)
    {
        var cols = new int[counts.Count];
        var values = new int[counts.Count];
        var n = 0;
        foreach (var (key, count) in counts)
        {
            var c = column(key);
            if (c >= 0)
            {
                cols[n] = c;
                values[n++] = (int)count;
            }
        }

        Array.Sort(cols, values, 0, n);
        // Hashing can put two features in one bucket: their counts add up.
        var m = 0;
        for (var i = 0; i < n; i++)
        {
            if (m > 0 && cols[m - 1] == cols[i])
            {
                values[m - 1] += values[i];
            }
            else
            {
                cols[m] = cols[i];
                values[m++] = values[i];
            }
        }

        var outCols = cols.AsSpan(0, m).ToArray();
        var outCounts = new byte[m];
        for (var i = 0; i < m; i++)
        {
            // A letter repeats one n-gram more than 255 times only in noise; sublinear TF barely moves there.
            outCounts[i] = (byte)Math.Min(values[i], 255);
        }

        return (outCols, outCounts);
    }

    /// <summary>The bucket of a feature id among 2^<paramref name="bits"/> (the top bits of the mixed hash).</summary>
    internal static int Bucket(ulong key, int bits) => (int)(key >> (64 - bits));

    private static void CharGrams(string text, ulong seed, int maxN, Dictionary<ulong, float> counts)
    {
        var span = text.AsSpan();
        for (var n = 1; n <= maxN; n++)
        {
            for (var i = 0; i + n <= span.Length; i++)
            {
                var gram = span.Slice(i, n);
                // Single Latin letters and digits carry nothing; single Han characters do (诉, 医, 学 …).
                if (n == 1 && !TextChars.IsHan(gram[0]))
                {
                    continue;
                }

                // The n-gram length goes into the seed: 1–4-grams never share an id by construction.
                Add(counts, TextChars.Hash(gram, seed + (ulong)(n << 8)));
            }
        }
    }

    private static void Add(Dictionary<ulong, float> counts, ulong key)
    {
        counts[key] = counts.TryGetValue(key, out var c) ? c + 1 : 1;
    }

    private static string Fold(string text, FeatureRecipe recipe)
    {
        if (!recipe.FoldDigits || !text.Any(char.IsAsciiDigit))
        {
            return text;
        }

        return string.Create(text.Length, text, (dst, src) =>
        {
            for (var i = 0; i < src.Length; i++)
            {
                dst[i] = char.IsAsciiDigit(src[i]) ? '0' : src[i];
            }
        });
    }
}
