using System.Text.RegularExpressions;

namespace Xinfang.Web.PublicInformation;

/// <summary>
/// The 2022 信访工作条例 as published (中共中央、国务院, 2022-02-25), shipped with the app as an embedded copy of
/// the reference text, so the portal quotes it word for word and never paraphrases the law (条例 Art. 18:
/// 公布与信访工作有关的……法律、法规、规章，信访事项的处理程序).
/// </summary>
public sealed partial class Regulation
{
    public sealed record Article(int Number, string Label, IReadOnlyList<string> Paragraphs)
    {
        public string Anchor => $"art-{Number}";
    }

    public sealed record Chapter(string Title, IReadOnlyList<Article> Articles);

    private Regulation(string title, IReadOnlyList<string> preface, IReadOnlyList<Chapter> chapters)
    {
        Title = title;
        Preface = preface;
        Chapters = chapters;
    }

    public string Title { get; }

    /// <summary>The lines under the title (who approved and published it, when).</summary>
    public IReadOnlyList<string> Preface { get; }

    public IReadOnlyList<Chapter> Chapters { get; }

    public Article? this[int number] => Chapters.SelectMany(c => c.Articles).FirstOrDefault(a => a.Number == number);

    /// <summary>The articles a petitioner needs first, as the guide pages link them (labels are ours, the text is the 条例's).</summary>
    public static IReadOnlyList<(int Number, string Topic)> ForPetitioners { get; } =
    [
        (17, "信访的形式"),
        (18, "信访公开"),
        (19, "书面提出信访事项应载明的内容"),
        (20, "走访的接待场所"),
        (22, "信访部门登记、转送、交办（15日内）"),
        (23, "其他机关收到信访事项的登记和告知"),
        (26, "信访人应当遵守的秩序"),
        (31, "申诉求决类事项的办理方式"),
        (34, "办理期限（60日，延长不超过30日）"),
        (35, "请求复查（30日内）"),
        (36, "请求复核（30日内）"),
    ];

    private static readonly Lazy<Regulation> Shipped = new(() =>
    {
        using var stream = typeof(Regulation).Assembly.GetManifestResourceStream("Xinfang.Web.PublicInformation.xinfang-regulation-2022.md")
            ?? throw new InvalidOperationException("the embedded 条例 text is missing");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    });

    public static Regulation Current => Shipped.Value;

    public static Regulation Parse(string markdown)
    {
        var title = string.Empty;
        var preface = new List<string>();
        var chapters = new List<(string Title, List<(int Number, string Label, List<string> Paragraphs)> Articles)>();
        foreach (var raw in markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith("<!--", StringComparison.Ordinal))
            {
                continue;
            }

            if (line.StartsWith("# ", StringComparison.Ordinal))
            {
                title = line[2..].Trim();
            }
            else if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                chapters.Add((line[3..].Trim(), []));
            }
            else if (chapters.Count == 0)
            {
                preface.Add(line);
            }
            else if (ArticleStart().Match(line) is { Success: true } m)
            {
                chapters[^1].Articles.Add((NumberOf(m.Groups[1].Value), $"第{m.Groups[1].Value}条", [line[m.Length..].Trim()]));
            }
            else if (chapters[^1].Articles.Count > 0)
            {
                chapters[^1].Articles[^1].Paragraphs.Add(line);
            }
        }

        return new Regulation(title, preface, chapters.Select(c => new Chapter(c.Title, c.Articles.Select(a => new Article(a.Number, a.Label, a.Paragraphs)).ToList())).ToList());
    }

    /// <summary>一 … 九十九 (the 条例 has fifty articles).</summary>
    public static int NumberOf(string chinese)
    {
        const string Digits = "零一二三四五六七八九";
        var ten = chinese.IndexOf('十', StringComparison.Ordinal);
        if (ten < 0)
        {
            return Digits.IndexOf(chinese[0], StringComparison.Ordinal);
        }

        var tens = ten == 0 ? 1 : Digits.IndexOf(chinese[0], StringComparison.Ordinal);
        var ones = ten == chinese.Length - 1 ? 0 : Digits.IndexOf(chinese[ten + 1], StringComparison.Ordinal);
        return (tens * 10) + ones;
    }

    [GeneratedRegex(@"^第([一二三四五六七八九十]{1,3})条[\s　]+")]
    private static partial Regex ArticleStart();
}
