namespace Xinfang.Text;

/// <summary>
/// Turns a petition into hashed sparse counts: char 1–3-grams of title and of the whole text, and
/// jieba word unigrams and bigrams of title and whole text. Feature ids are 64-bit hashes, so no
/// string per n-gram is built and the model stores only ids. Title features are kept apart because
/// a petition's title usually names its matter in a few words.
/// </summary>
internal enum FeatureSet
{
    /// <summary>Char n-grams and jieba words: the production recipe.</summary>
    CharsAndWords = 0,

    /// <summary>Char 1–3-grams only: the usual baseline, kept to measure what words add.</summary>
    CharsOnly = 1,
}

internal static class ClassifierFeatures
{
    /// <summary>Version of the feature recipe; a saved model records it and refuses a different one.</summary>
    public const int Version = 1;

    private const ulong TitleChars = 1, BodyChars = 2, TitleWords = 3, BodyWords = 4, BodyBigrams = 5;

    public static Dictionary<ulong, float> Extract(ChineseSegmenter segmenter, string? title, string? content, FeatureSet set = FeatureSet.CharsAndWords)
    {
        var counts = new Dictionary<ulong, float>(512);
        var titleText = FoldDigits(TextChars.Compact(title));
        var all = FoldDigits(TextChars.Compact(string.Concat(title, "\n", content)));
        CharGrams(titleText, TitleChars, counts);
        CharGrams(all, BodyChars, counts);
        if (set == FeatureSet.CharsOnly)
        {
            return counts;
        }

        foreach (var w in segmenter.Segment(title))
        {
            Add(counts, TextChars.Hash(FoldDigits(w), TitleWords));
        }

        string? previous = null;
        foreach (var raw in segmenter.Segment(string.Concat(title, "。", content)))
        {
            var w = FoldDigits(raw);
            Add(counts, TextChars.Hash(w, BodyWords));
            if (previous is not null)
            {
                Add(counts, TextChars.Hash(string.Concat(previous, "\u0001", w), BodyBigrams));
            }

            previous = w;
        }

        return counts;
    }

    private static void CharGrams(string text, ulong seed, Dictionary<ulong, float> counts)
    {
        var span = text.AsSpan();
        for (var n = 1; n <= 3; n++)
        {
            for (var i = 0; i + n <= span.Length; i++)
            {
                var gram = span.Slice(i, n);
                // Single Latin letters and digits carry nothing; single Han characters do (诉, 医, 学 …).
                if (n == 1 && !TextChars.IsHan(gram[0]))
                {
                    continue;
                }

                Add(counts, TextChars.Hash(gram, seed));
            }
        }
    }

    private static void Add(Dictionary<ulong, float> counts, ulong key)
    {
        counts[key] = counts.TryGetValue(key, out var c) ? c + 1 : 1;
    }

    /// <summary>Every digit becomes 0: amounts, dates and house numbers differ between letters, their presence does not.</summary>
    private static string FoldDigits(string text)
    {
        if (!text.Any(char.IsAsciiDigit))
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
