namespace Xinfang.Text;

/// <summary>
/// Maps class names of outside corpora to the national first-level 内容分类 (domain.md §11, the 17
/// classes of 2014–2018 that <see cref="KeywordFallbackClassifier.Labels"/> and the registration
/// form use), so a model trained on such a corpus suggests classes the app stores. The one place
/// this mapping is kept; <c>text train-classifier</c> and <c>evaluate-classifier</c> apply it to labels.
/// </summary>
/// <remarks>
/// The public leaders'-mailbox corpus (and our hand-written one in its image) uses seven classes
/// that carry the national first-level names already; post-2018 relabels of the same matters
/// (生态环境, 卫生健康, 自然资源, 市场监管) map back to the names the code table uses. The app stores
/// the first-level name as the content class; the 6-digit codes of the full three-level table are
/// not in the app's data and are not invented here.
/// </remarks>
public static class ContentClassMapping
{
    /// <summary>The seven classes of the public corpus and of the hand-written corpus.</summary>
    public static IReadOnlyList<string> CorpusClasses { get; } = ["城乡建设", "劳动和社会保障", "教育文体", "商贸旅游", "环境保护", "卫生计生", "交通运输"];

    private static readonly Dictionary<string, string> ToNationalClass = new(StringComparer.Ordinal)
    {
        // The corpus's seven: same names as the national first level.
        ["城乡建设"] = "城乡建设",
        ["劳动和社会保障"] = "劳动和社会保障",
        ["教育文体"] = "教育文体",
        ["商贸旅游"] = "商贸旅游",
        ["环境保护"] = "环境保护",
        ["卫生计生"] = "卫生计生",
        ["交通运输"] = "交通运输",
        // Post-2018 relabels (domain.md §11) back to the table's first-level names.
        ["生态环境"] = "环境保护",
        ["卫生健康"] = "卫生计生",
        ["自然资源"] = "国土资源",
        ["市场监管"] = "商贸旅游",
        // Short forms seen in exports.
        ["劳动社保"] = "劳动和社会保障",
        ["教育"] = "教育文体",
        ["交通"] = "交通运输",
        ["环保"] = "环境保护",
    };

    /// <summary>The national first-level class of <paramref name="label"/>; a label already national, or unknown, is returned trimmed and unchanged.</summary>
    public static string ToNational(string label)
    {
        var trimmed = label.Trim();
        return ToNationalClass.TryGetValue(trimmed, out var national) ? national : trimmed;
    }

    /// <summary>True when <paramref name="label"/> is one of the 17 national first-level classes.</summary>
    public static bool IsNational(string label) => KeywordFallbackClassifier.Labels.Contains(label.Trim());

    /// <summary>The labelled items with their labels mapped to national classes.</summary>
    public static List<LabelledText> Map(IEnumerable<LabelledText> items) => [.. items.Select(i => i with { Label = ToNational(i.Label) })];
}
