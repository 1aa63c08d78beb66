using System.Globalization;
using System.Text.RegularExpressions;

namespace Xinfang.Text;

/// <summary>
/// The distinctive terms of an item's text: jieba words of two or more characters that are not the
/// vocabulary every complaint uses (反映, 领导, 解决, 问题 …) and carry no digits (so no phone or ID
/// number, amount or date can become "evidence" or appear in an explanation), each weighted by its
/// inverse document frequency (jieba's idf.txt: 工资 weighs little, 福寿康 or 星河湾 much). The
/// petitioner's self-introduction and signature ("本人某某，家住…幢，退休工人。", "联系电话：…") are
/// left out: one person opens every letter the same way, whatever the matter, and that is exactly
/// what made two matters of one petitioner look alike. Computed once per item.
/// </summary>
public sealed partial class RepeatTerms
{
    // Words found in nearly every letter, whatever the matter; sharing them says nothing.
    private static readonly HashSet<string> Generic = new(StringComparer.Ordinal)
    {
        "反映", "问题", "领导", "您好", "你好", "希望", "相关", "部门", "相关部门", "有关部门", "有关", "解决", "我们", "现在", "没有", "已经",
        "一直", "情况", "请求", "要求", "处理", "政府", "谢谢", "市民", "居民", "严重", "影响", "进行", "目前", "多次", "至今",
        "这个", "那个", "因为", "但是", "可以", "是否", "什么", "怎么", "为什么", "如何", "能否", "尊敬", "恳请", "关注", "本人",
        "时间", "今年", "去年", "每天", "能够", "还是", "这样", "那么", "他们", "自己", "一个", "这些", "非常", "真的",
        "知道", "出来", "不是", "就是", "还有", "以及", "然后", "所以", "而且", "如果", "或者", "一下", "一些", "这种", "为了",
        "尽快", "及时", "答复", "回复", "投诉", "举报", "咨询", "请问", "领导们", "百姓", "老百姓", "群众", "生活", "再次",
        "之前", "上次", "一次", "第二次", "第三次", "两次", "几次", "这次", "这里", "那里", "时候", "所有", "只能", "不能", "不会",
        "说法", "帮助", "帮忙", "重视", "支持", "感谢", "麻烦", "一定", "应该", "必须", "需要", "已经", "还要", "到底", "为何",
        "个月", "几个", "多月", "半年", "一年", "两年", "几年", "月份", "上个月", "下个月", "以来", "之后", "以后", "以前",
        "依然", "仍然", "仍未", "还是", "始终", "迟迟", "没人", "没人管", "不管", "至今仍", "一点", "很多", "不少", "很大",
        "盼复", "急盼", "留言", "来信", "信访", "电话", "打电话", "热线", "市长", "书记", "书记信箱", "市长信箱",
        "网友", "诉求", "合理", "合法", "权益", "维护", "落实", "核实", "调查", "查处", "依法", "给予", "有个", "给个",
    };

    private static readonly Lazy<(Dictionary<string, double> Idf, double Median)> IdfTable = new(LoadIdf);

    private RepeatTerms(HashSet<string> words)
    {
        Words = words;
        var idf = IdfTable.Value;
        Weight = words.Sum(w => WeightOf(w, idf));
    }

    /// <summary>The distinctive words.</summary>
    public IReadOnlySet<string> Words { get; }

    /// <summary>Sum of the words' weights.</summary>
    public double Weight { get; }

    /// <summary>Extracts the distinctive terms of a title and content.</summary>
    public static RepeatTerms Of(string? title, string? content, ChineseSegmenter? segmenter = null)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var w in (segmenter ?? ChineseSegmenter.Shared).Segment(string.Concat(title, "。", WithoutSelfDescription(content))))
        {
            if (IsDistinctive(w))
            {
                words.Add(w);
            }
        }

        return new RepeatTerms(words);
    }

    /// <summary>
    /// The text without the petitioner's self-introduction (the leading clauses that say who they are:
    /// 本人某某 / 我是…的业主 / 家住… / 今年六十八岁 / 退休工人) and signature (联系人：…, 反映人：…).
    /// </summary>
    internal static string WithoutSelfDescription(string? content)
    {
        if (string.IsNullOrEmpty(content))
        {
            return string.Empty;
        }

        var text = Signature().Replace(content, " ");
        var intro = Introduction().Match(text);
        return intro.Success ? text[intro.Length..] : text;
    }

    // Leading clauses about the person, each ended by a comma, stop, semicolon or space (phone messages).
    [GeneratedRegex(@"^\s*(?:尊敬的[^：:，。！\s]{0,10}[：:，！]\s*)?(?:(?:(?:本人|我叫|我是|我们是)[^，。！？；\s]{0,40}|家住[^，。！？；\s]{0,40}|今年[0-9一二三四五六七八九十]{1,3}岁|[^，。！？；\s]{0,8}(?:工人|职工|教师|农民|个体户|快递员|残疾人|人员|居民|村民|业主|司机)|是[^，。！？；\s]{0,30}(?:居民|村民|业主|职工))(?:[，。；！\s]+|$))+")]
    private static partial Regex Introduction();

    // "联系人：某某，联系电话：…", "反映人：某某，…": from the marker to the end of the sentence.
    [GeneratedRegex(@"(?:联系人|联系电话|联系方式|反映人|来信人)[：:][^。！？]*")]
    private static partial Regex Signature();

    private static double WeightOf(string word, (Dictionary<string, double> Idf, double Median) idf)
        => idf.Idf.TryGetValue(word, out var v) ? v : idf.Median;

    private static (Dictionary<string, double>, double) LoadIdf()
    {
        // jieba.NET ships idf.txt beside its dictionary (Resources, see Xinfang.Text.csproj). Words it
        // does not list (names of estates, firms, villages) get the median, as jieba's own extractor does.
        var idf = new Dictionary<string, double>(StringComparer.Ordinal);
        var file = Path.Combine(AppContext.BaseDirectory, "Resources", "idf.txt");
        if (File.Exists(file))
        {
            foreach (var line in File.ReadLines(file))
            {
                var space = line.LastIndexOf(' ');
                if (space > 0 && double.TryParse(line.AsSpan(space + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                {
                    idf[line[..space]] = v;
                }
            }
        }

        if (idf.Count == 0)
        {
            return (idf, 1);
        }

        var values = idf.Values.Order().ToArray();
        return (idf, values[values.Length / 2]);
    }

    private static bool IsDistinctive(string w)
    {
        if (w.Length < 2 || Generic.Contains(w))
        {
            return false;
        }

        var letters = false;
        foreach (var c in w)
        {
            if (char.IsDigit(c))
            {
                return false;
            }

            letters |= TextChars.IsHan(c) || char.IsAsciiLetter(c);
        }

        return letters;
    }

    /// <summary>
    /// How much of the smaller text's distinctive vocabulary (by weight) the other text also uses
    /// (0..1): a shortened phone-message version of a letter keeps most of its terms, a re-worded
    /// re-send keeps the places, parties and the matter's own words; another matter of the same
    /// petitioner shares little beyond their village or employer.
    /// </summary>
    public double Overlap(RepeatTerms other, out List<string> shared)
    {
        shared = Words.Where(other.Words.Contains).ToList();
        var smaller = Math.Min(Weight, other.Weight);
        var idf = IdfTable.Value;
        return smaller <= 0 ? 0 : Math.Min(1, shared.Sum(w => WeightOf(w, idf)) / smaller);
    }
}

/// <summary>
/// Why two items were linked (or not), for the officer: the distinctive words both texts use, the
/// estimated similarity, and whether the petitioner, the 问题属地 and the body addressed are the
/// same (null when either side does not say). Never contains personal data: terms carry no digits,
/// and a host masks the terms again before showing them.
/// </summary>
/// <param name="SharedTerms">Distinctive terms both texts use, longest first (at most <see cref="MaxTerms"/>).</param>
/// <param name="SharedTermCount">How many distinctive terms both texts use.</param>
/// <param name="TermOverlap">Share of the smaller text's distinctive terms the other also uses (0..1).</param>
/// <param name="Similarity">Estimated character-shingle similarity (0..1).</param>
/// <param name="SamePetitioner">Same petitioner key; null when either is unknown.</param>
/// <param name="SamePlace">Same 问题属地 (one code within the other); null when either is unknown.</param>
/// <param name="SameRecipient">Sent to the same body; null when either is unknown.</param>
public sealed record RepeatExplanation(IReadOnlyList<string> SharedTerms, int SharedTermCount, double TermOverlap, double Similarity, bool? SamePetitioner, bool? SamePlace, bool? SameRecipient)
{
    /// <summary>Most terms listed.</summary>
    public const int MaxTerms = 8;

    /// <summary>
    /// The reasons in Chinese for the registrar, e.g. "相同用词：欠薪、工地；相似度 0.62；同一信访人；同一问题属地".
    /// </summary>
    public string ToChinese() => ToChinese(SharedTerms);

    /// <summary>As <see cref="ToChinese()"/>, with the terms given (e.g. masked by the host).</summary>
    public string ToChinese(IEnumerable<string> terms)
    {
        var parts = new List<string>();
        var list = terms.Where(t => !string.IsNullOrWhiteSpace(t)).ToList();
        parts.Add(list.Count > 0 ? "相同用词：" + string.Join("、", list) : "无相同的特征用词");
        parts.Add("相似度 " + Similarity.ToString("0.00", CultureInfo.InvariantCulture));
        if (SamePetitioner is { } p)
        {
            parts.Add(p ? "同一信访人" : "不同信访人");
        }

        if (SamePlace is { } place)
        {
            parts.Add(place ? "同一问题属地" : "问题属地不同");
        }

        if (SameRecipient is { } body)
        {
            parts.Add(body ? "同一受理机关" : "受理机关不同");
        }

        return string.Join("；", parts);
    }

    /// <summary>Builds the explanation of a pair.</summary>
    public static RepeatExplanation Of(RepeatMeta earlier, RepeatMeta later, double similarity, RepeatTerms? earlierTerms, RepeatTerms? laterTerms)
    {
        List<string> shared = [];
        var overlap = earlierTerms is not null && laterTerms is not null ? laterTerms.Overlap(earlierTerms, out shared) : 0;
        var terms = shared.OrderByDescending(t => t.Length).ThenBy(t => t, StringComparer.Ordinal).Take(MaxTerms).ToList();
        return new RepeatExplanation(terms, shared.Count, Math.Round(overlap, 3), Math.Round(similarity, 3),
            Same(earlier.PetitionerKey, later.PetitionerKey),
            earlier.Place is { Length: > 0 } a && later.Place is { Length: > 0 } b ? a.StartsWith(b, StringComparison.Ordinal) || b.StartsWith(a, StringComparison.Ordinal) : null,
            Same(earlier.Recipient, later.Recipient));
    }

    private static bool? Same(string? a, string? b) => a is null || b is null ? null : string.Equals(a, b, StringComparison.Ordinal);
}
