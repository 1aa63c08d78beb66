using System.Globalization;

namespace Xinfang.Text;

/// <summary>An item for hot-spot analysis.</summary>
/// <param name="Id">Item id.</param>
/// <param name="Title">标题.</param>
/// <param name="Content">诉求内容.</param>
/// <param name="ReceivedAt">When received, for the trend; null when unknown.</param>
/// <param name="Location">问题属地 or the recipient; listed after the places named in the text, and grouped on unless most items share it; may be null.</param>
public sealed record HotspotItem(string Id, string? Title, string? Content, DateTimeOffset? ReceivedAt = null, string? Location = null);

/// <summary>Items of one topic in one week (weeks start on Monday).</summary>
public sealed record HotspotWeek(DateOnly WeekStart, int Count);

/// <summary>A topic: one problem, usually at one place ("丽发新城 搅拌站 噪音").</summary>
/// <param name="Label">A short name: the main place and keywords.</param>
/// <param name="Count">Items in the topic.</param>
/// <param name="Keywords">Top keywords, most characteristic first.</param>
/// <param name="Places">Places named by its items, most frequent first.</param>
/// <param name="Weeks">Items per week, for a sparkline.</param>
/// <param name="FirstHalf">Items in the first half of the analysed period.</param>
/// <param name="SecondHalf">Items in the second half: more than <paramref name="FirstHalf"/> means rising.</param>
/// <param name="MemberIds">Ids of the items, in input order.</param>
public sealed record Hotspot(string Label, int Count, IReadOnlyList<string> Keywords, IReadOnlyList<string> Places,
    IReadOnlyList<HotspotWeek> Weeks, int FirstHalf, int SecondHalf, IReadOnlyList<string> MemberIds)
{
    /// <summary>Rising, falling or steady, from the two halves of the period.</summary>
    public string Trend => SecondHalf > FirstHalf ? "上升" : SecondHalf < FirstHalf ? "下降" : "持平";
}

/// <summary>Settings of the topic grouping.</summary>
public sealed record HotspotOptions
{
    /// <summary>Cosine similarity to a topic's centre from which an item joins it.</summary>
    public double JoinSimilarity { get; init; } = 0.3;

    /// <summary>Keywords kept per item (by TF-IDF within the period).</summary>
    public int KeywordsPerItem { get; init; } = 10;

    /// <summary>Weight of a place name against a keyword: "one place, one problem" groups by both.</summary>
    public double PlaceWeight { get; init; } = 1.5;

    /// <summary>Topics smaller than this are not reported.</summary>
    public int MinimumCount { get; init; } = 2;
}

/// <summary>
/// Groups a period's items into topics (热点难点问题, 类案) with counts, trend, places and keywords.
/// Method: each item becomes a short TF-IDF vector of its top keywords (jieba, stop words removed,
/// IDF from the period itself) and its place names; a single pass assigns items to the most similar
/// topic centre (found through an inverted index, so it does not compare with every topic) or opens
/// a new topic. Deterministic for a given input order.
/// </summary>
public sealed class HotspotFinder
{
    private static readonly HashSet<string> StopWords = LoadStopWords();

    private readonly ChineseSegmenter segmenter;

    /// <summary>Creates a finder.</summary>
    public HotspotFinder(ChineseSegmenter? segmenter = null, HotspotOptions? options = null)
    {
        this.segmenter = segmenter ?? ChineseSegmenter.Shared;
        Options = options ?? new HotspotOptions();
    }

    /// <summary>Settings.</summary>
    public HotspotOptions Options { get; }

    private static readonly string[] LongSuffixes =
    ["小区", "花园", "新城", "家园", "公寓", "广场", "大厦", "社区", "大道", "工业园", "园区", "中学", "小学", "幼儿园", "医院", "市场", "学校", "公园", "华府", "国际"];

    private static readonly char[] ShortSuffixes = ['村', '镇', '乡', '路', '街', '苑', '湾', '府', '城'];

    // Words that stand before 小区/路 … without naming a place ("我们小区", "附近小区", "整条路").
    private static readonly HashSet<string> NotNames = new(StringComparer.Ordinal)
    {
        "我们", "你们", "他们", "这个", "那个", "附近", "周边", "旁边", "对面", "整个", "整条", "一条", "一个", "城市", "农村", "市区",
        "所在", "居住", "住的", "我家", "本村", "该村", "全村", "这条", "那条", "道路", "马路", "公路", "老旧", "周围", "隔壁", "所有",
    };

    private static string? SuffixOf(string token)
    {
        foreach (var s in LongSuffixes)
        {
            if (token.EndsWith(s, StringComparison.Ordinal))
            {
                return s;
            }
        }

        return token.Length > 0 && Array.IndexOf(ShortSuffixes, token[^1]) >= 0 ? token[^1..] : null;
    }

    /// <summary>
    /// Place names in a text (丽发新城, 黄花村, 和平路 …): a jieba word ending in a place-kind suffix
    /// with a name before it, or a name word followed by a suffix word. Good for grouping, not a gazetteer.
    /// </summary>
    public static IReadOnlyList<string> ExtractPlaces(string? text, ChineseSegmenter? segmenter = null)
    {
        var places = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return places;
        }

        var tokens = (segmenter ?? ChineseSegmenter.Shared).SegmentKeepingPunctuation(text);
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (!token.All(TextChars.IsHan) || SuffixOf(token) is not { } suffix)
            {
                continue;
            }

            string? place = null;
            if (token.Length >= suffix.Length + 2)
            {
                place = token; // jieba kept the whole name (幸福家园)
            }
            else if (i > 0 && tokens[i - 1] is { Length: >= 1 } prev && prev.All(TextChars.IsHan) && !NotNames.Contains(prev)
                && SuffixOf(prev) is null && !StopWords.Contains(prev) && (prev.Length >= 2 || token.Length >= 2))
            {
                place = prev + token; // 丽发 + 新城, 黄花 + 村
                if (prev.Length == 1 && i > 1 && tokens[i - 2] is { Length: >= 2 } before && before.All(TextChars.IsHan)
                    && !NotNames.Contains(before) && !StopWords.Contains(before) && SuffixOf(before) is null)
                {
                    place = before + place; // 和平 + 里 + 小区: a one-character piece is rarely the whole name
                }
            }

            place = place is null ? null : CutGluedPrefix(place, suffix);

            if (place is not null && place.Length >= 3 && !places.Contains(place))
            {
                places.Add(place);
            }
        }

        return places;
    }

    /// <summary>
    /// jieba's HMM sometimes glues the words before an unknown name to it (是丽发新城, 人在丽发新城):
    /// cut after the last such verb or preposition that still leaves two characters before the
    /// place kind. 和, 与, 向, 于 are left alone: they begin real names (和平里, 向阳, 于家).
    /// </summary>
    private static string CutGluedPrefix(string place, string suffix)
    {
        var start = 0;
        for (var k = 0; k <= place.Length - suffix.Length - 3; k++)
        {
            if ("是让在把被给从到住的".Contains(place[k], StringComparison.Ordinal))
            {
                start = k + 1;
            }
        }

        return place[start..];
    }

    /// <summary>Finds the top topics of the items, largest first.</summary>
    /// <param name="items">The period's items.</param>
    /// <param name="top">How many topics to return.</param>
    /// <param name="periodStart">Start of the analysed period; with <paramref name="periodEnd"/> it sets the halves of the trend.</param>
    /// <param name="periodEnd">End of the period (exclusive). Without both, the halves split the items' own time span.</param>
    public IReadOnlyList<Hotspot> Find(IEnumerable<HotspotItem> items, int top = 10, DateTimeOffset? periodStart = null, DateTimeOffset? periodEnd = null)
    {
        var list = items.ToList();
        if (list.Count == 0)
        {
            return [];
        }

        // Terms per item: keywords (title counted twice) and places (prefixed, weighted).
        var terms = new Dictionary<string, double>[list.Count];
        var places = new List<string>[list.Count];
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        Parallel.For(0, list.Count, i =>
        {
            var item = list[i];
            var tf = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var (text, weight) in new[] { (item.Title, 2.0), (item.Content, 1.0) })
            {
                foreach (var w in segmenter.Segment(text))
                {
                    if (IsKeyword(w))
                    {
                        tf[w] = tf.GetValueOrDefault(w) + weight;
                    }
                }
            }

            var p = ExtractPlaces(string.Concat(item.Title, "。", item.Content), segmenter).ToList();
            places[i] = p;
            terms[i] = tf;
        });

        for (var i = 0; i < list.Count; i++)
        {
            foreach (var w in terms[i].Keys)
            {
                df[w] = df.GetValueOrDefault(w) + 1;
            }
        }

        var n = list.Count;
        var locationCounts = list.Select(Location).OfType<string>().GroupBy(l => l, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var vectors = new Dictionary<string, double>[n];
        for (var i = 0; i < n; i++)
        {
            var v = terms[i]
                .Select(t => (t.Key, Weight: (1 + Math.Log(t.Value)) * Math.Log((1.0 + n) / (1.0 + df[t.Key]))))
                .Where(t => t.Weight > 0)
                .OrderByDescending(t => t.Weight).ThenBy(t => t.Key, StringComparer.Ordinal)
                .Take(Options.KeywordsPerItem)
                .ToDictionary(t => t.Key, t => t.Weight, StringComparer.Ordinal);
            var maxWeight = v.Count > 0 ? v.Values.Max() : 1;
            foreach (var place in places[i].Take(3))
            {
                v["@" + place] = maxWeight * Options.PlaceWeight;
            }

            // The given location joins as a place unless most items share it (one recipient for all says nothing).
            if (Location(list[i]) is { } location && locationCounts[location] * 5 <= n)
            {
                v["@@" + location] = maxWeight * Options.PlaceWeight;
            }

            vectors[i] = Normalize(v);
        }

        var clusters = Cluster(vectors);

        // Period halves and weeks for the trend.
        var times = list.Where(x => x.ReceivedAt is not null).Select(x => x.ReceivedAt!.Value).ToList();
        // The requested period's middle when known; else the items' own span. Items all at one instant
        // have no trend (both halves 0, 持平) rather than a false 下降.
        var periodMid = periodStart is { } ps && periodEnd is { } pe && pe > ps ? ps + ((pe - ps) / 2)
            : times.Count > 0 && times.Max() > times.Min() ? times.Min() + ((times.Max() - times.Min()) / 2) : (DateTimeOffset?)null;

        var result = new List<Hotspot>();
        foreach (var members in clusters.Where(c => c.Count >= Options.MinimumCount))
        {
            var centre = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var i in members)
            {
                foreach (var (k, w) in vectors[i])
                {
                    centre[k] = centre.GetValueOrDefault(k) + w;
                }
            }

            var keywords = centre.Where(p => p.Key[0] != '@').OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
                .Take(5).Select(p => p.Key).ToList();
            var topPlaces = members.SelectMany(i => places[i]).GroupBy(p => p, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(3).Select(g => g.Key).ToList();
            var mainLocation = members.Select(i => Location(list[i])).OfType<string>().GroupBy(l => l, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).FirstOrDefault();
            var weeks = members.Where(i => list[i].ReceivedAt is not null)
                .GroupBy(i => WeekStart(list[i].ReceivedAt!.Value))
                .OrderBy(g => g.Key).Select(g => new HotspotWeek(g.Key, g.Count())).ToList();
            var first = periodMid is null ? 0 : members.Count(i => list[i].ReceivedAt is { } t && t <= periodMid);
            var second = periodMid is null ? 0 : members.Count(i => list[i].ReceivedAt is { } t && t > periodMid);
            // Name the topic by its place only when most members share it ("one place, one problem").
            var mainPlace = topPlaces.Count > 0 && members.Count(i => places[i].Contains(topPlaces[0])) * 2 >= members.Count ? topPlaces[0] : null;
            var label = string.Join(' ', (mainPlace is null ? [] : new[] { mainPlace })
                .Concat(keywords.Where(k => mainPlace is null || !mainPlace.Contains(k, StringComparison.Ordinal)).Take(mainPlace is null ? 3 : 2)));
            // Places named in the text first (they name the problem's place), then the given location.
            var shownPlaces = mainLocation is null || topPlaces.Contains(mainLocation) ? topPlaces : [.. topPlaces, mainLocation];
            result.Add(new Hotspot(label, members.Count, keywords, shownPlaces, weeks, first, second, members.Select(i => list[i].Id).ToList()));
        }

        return result.OrderByDescending(h => h.Count).ThenByDescending(h => h.SecondHalf).Take(top).ToList();
    }

    private static string? Location(HotspotItem item) => string.IsNullOrWhiteSpace(item.Location) ? null : item.Location.Trim();

    /// <summary>Single pass: join the nearest topic centre reachable through shared terms, else open a topic.</summary>
    private List<List<int>> Cluster(Dictionary<string, double>[] vectors)
    {
        var clusters = new List<List<int>>();
        var centres = new List<Dictionary<string, double>>();
        var byTerm = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        for (var i = 0; i < vectors.Length; i++)
        {
            var v = vectors[i];
            var bestCluster = -1;
            var bestSim = Options.JoinSimilarity;
            var candidates = new HashSet<int>();
            foreach (var term in v.Keys)
            {
                if (byTerm.TryGetValue(term, out var set))
                {
                    candidates.UnionWith(set);
                }
            }

            foreach (var c in candidates.Order())
            {
                var sim = Cosine(v, centres[c]);
                if (sim > bestSim)
                {
                    (bestSim, bestCluster) = (sim, c);
                }
            }

            if (bestCluster < 0)
            {
                bestCluster = clusters.Count;
                clusters.Add([]);
                centres.Add(new Dictionary<string, double>(StringComparer.Ordinal));
            }

            clusters[bestCluster].Add(i);
            var centre = centres[bestCluster];
            foreach (var (k, w) in v)
            {
                centre[k] = centre.GetValueOrDefault(k) + w;
                if (!byTerm.TryGetValue(k, out var set))
                {
                    byTerm[k] = set = [];
                }

                set.Add(bestCluster);
            }
        }

        return clusters;
    }

    private static DateOnly WeekStart(DateTimeOffset t)
    {
        var d = DateOnly.FromDateTime(t.DateTime);
        var offset = ((int)d.DayOfWeek + 6) % 7;
        return d.AddDays(-offset);
    }

    private static double Cosine(Dictionary<string, double> a, Dictionary<string, double> b)
    {
        double dot = 0, nb = 0;
        foreach (var (k, w) in a)
        {
            if (b.TryGetValue(k, out var x))
            {
                dot += w * x;
            }
        }

        foreach (var w in b.Values)
        {
            nb += w * w;
        }

        return nb == 0 ? 0 : dot / Math.Sqrt(nb); // a is unit length
    }

    private static Dictionary<string, double> Normalize(Dictionary<string, double> v)
    {
        var norm = Math.Sqrt(v.Values.Sum(x => x * x));
        if (norm == 0)
        {
            return v;
        }

        return v.ToDictionary(p => p.Key, p => p.Value / norm, StringComparer.Ordinal);
    }

    private static bool IsKeyword(string w)
    {
        if (w.Length < 2 || StopWords.Contains(w))
        {
            return false;
        }

        foreach (var c in w)
        {
            if (TextChars.IsHan(c) || char.IsAsciiLetter(c))
            {
                return true;
            }
        }

        return false;
    }

    private static HashSet<string> LoadStopWords()
    {
        // Words every complaint uses; they say nothing about the topic.
        var words = new HashSet<string>(StringComparer.Ordinal)
        {
            "反映", "问题", "领导", "您好", "你好", "希望", "相关", "部门", "相关部门", "有关部门", "解决", "我们", "现在", "没有", "已经",
            "一直", "情况", "请求", "要求", "处理", "政府", "谢谢", "市民", "居民", "严重", "影响", "进行", "目前", "多次", "至今",
            "这个", "那个", "因为", "但是", "可以", "是否", "什么", "怎么", "为什么", "如何", "能否", "尊敬", "恳请", "关注", "本人",
            "时间", "今年", "去年", "每天", "工作", "能够", "还是", "这样", "那么", "他们", "自己", "一个", "这些", "非常", "真的",
            "知道", "出来", "不是", "就是", "还有", "以及", "然后", "所以", "而且", "如果", "或者", "一下", "一些", "这种", "为了",
            "尽快", "及时", "答复", "回复", "投诉", "举报", "咨询", "请问", "领导们", "年月日", "百姓", "老百姓", "群众", "生活",
        };
        var file = Path.Combine(AppContext.BaseDirectory, "Resources", "stopwords.txt");
        if (File.Exists(file))
        {
            foreach (var line in File.ReadLines(file))
            {
                var w = line.Trim();
                if (w.Length > 0)
                {
                    words.Add(w);
                }
            }
        }

        return words;
    }

    /// <summary>Formats a week start as ISO-like text for output.</summary>
    internal static string FormatWeek(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
