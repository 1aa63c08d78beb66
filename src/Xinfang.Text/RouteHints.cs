namespace Xinfang.Text;

/// <summary>A route flag the registrar should consider (domain.md §3 flags).</summary>
public enum RouteFlag
{
    /// <summary>涉法涉诉: the matter is in, or belongs to, court, procuratorate, police or arbitration procedure.</summary>
    LitigationRelated,

    /// <summary>检举控告: accuses an official or body of wrongdoing; handled confidentially.</summary>
    Accusation,

    /// <summary>重大紧急: risk to life, mass incident, extreme act or disaster; act at once.</summary>
    Urgent,
}

/// <summary>One raised flag and the words in the text that raised it.</summary>
/// <param name="Flag">The flag.</param>
/// <param name="Triggers">The trigger words found, in order of first appearance, without repeats.</param>
public sealed record RouteHint(RouteFlag Flag, IReadOnlyList<string> Triggers);

/// <summary>The flags raised for one item; empty when none applies. Hints only: the registrar decides.</summary>
/// <param name="Hints">Raised flags, at most one per <see cref="RouteFlag"/>.</param>
public sealed record RouteHintResult(IReadOnlyList<RouteHint> Hints)
{
    /// <summary>True when the flag was raised.</summary>
    public bool Has(RouteFlag flag) => Hints.Any(h => h.Flag == flag);

    /// <summary>The trigger words of a flag, or an empty list.</summary>
    public IReadOnlyList<string> TriggersOf(RouteFlag flag) => Hints.FirstOrDefault(h => h.Flag == flag)?.Triggers ?? [];

    /// <summary>True for 涉法涉诉 hints.</summary>
    public bool LitigationRelated => Has(RouteFlag.LitigationRelated);

    /// <summary>True for 检举控告 hints.</summary>
    public bool Accusation => Has(RouteFlag.Accusation);

    /// <summary>True for 重大紧急 hints.</summary>
    public bool Urgent => Has(RouteFlag.Urgent);
}

/// <summary>
/// Keyword route hints: flags items that look litigation-related, accusations or urgent, naming the
/// words that triggered each flag so the registrar can judge. Stateless and thread-safe.
/// </summary>
/// <remarks>
/// Negation is handled only where it is cheap and safe: a trigger directly preceded by 未/没有/没/
/// 尚未/从未/并未/无 (e.g. 尚未起诉, 没有人员伤亡) does not count. "不" is deliberately not a negator:
/// 不服判决 and 不起诉决定 are litigation matters.
/// </remarks>
public static class RouteHints
{
    // 涉法涉诉 (Art. 31 ¶2 / 2014 涉法涉诉信访改革): matters of courts, procuratorates, public security and arbitration.
    private static readonly string[] Litigation =
    [
        "判决书", "判决", "裁定书", "裁定", "起诉", "诉讼", "仲裁", "法院", "检察院", "上诉", "再审", "申请再审",
        "强制执行", "执行款", "执行难", "立案", "不予立案", "开庭", "庭审", "法官", "调解书", "律师", "公安局", "派出所",
        "刑事", "民事案件", "行政复议", "行政诉讼", "错案", "冤案", "抗诉", "胜诉", "败诉", "被告", "原告", "司法",
    ];

    // 检举控告: accusations against officials or bodies (confidential handling, Art. 31 ¶3).
    // Misconduct words flag on their own.
    private static readonly string[] Accusations =
    [
        "贪污", "受贿", "索贿", "行贿", "挪用", "侵吞", "贪腐", "腐败",
        "以权谋私", "吃拿卡要", "违纪", "滥用职权", "玩忽职守", "公款吃喝", "私分", "虚报冒领", "套取", "优亲厚友",
        "充当保护伞", "保护伞", "徇私舞弊", "权钱交易", "违规提拔", "吃空饷",
    ];

    // "举报" alone is everyday speech (举报违建, 举报噪音): it flags only with a public-office target.
    private static readonly string[] AccusationVerbs = ["实名举报", "举报", "检举", "控告", "揭发"];

    private static readonly string[] OfficialTargets =
    [
        "干部", "书记", "村支书", "支书", "村长", "村主任", "主任", "镇长", "乡长", "县长", "局长", "科长", "所长", "站长", "校长", "院长",
        "领导", "官员", "公职人员", "工作人员", "民警", "警察", "执法人员", "城管队员", "村委", "村委会", "政府", "街道办", "公务员",
    ];

    // 重大紧急: life at risk, mass gathering, extreme act, disaster.
    private static readonly string[] UrgentWords =
    [
        "自杀", "跳楼", "轻生", "不想活", "喝农药", "服毒", "自焚", "同归于尽", "报复社会", "爆炸", "坍塌", "倒塌", "人员伤亡",
        "死亡", "身亡", "中毒", "火灾", "起火", "危及生命", "生命危险", "有生命危险", "群体性", "聚集", "堵路", "堵门",
        "集体上访", "围堵", "极端", "紧急", "十万火急", "病危", "危房", "随时倒塌", "无家可归", "走投无路", "被打伤",
    ];

    private static readonly string[] Negators = ["尚未", "从未", "并未", "没有", "未", "没", "无"];

    private static readonly (RouteFlag Flag, string[] Words)[] Lists =
    [
        (RouteFlag.LitigationRelated, Litigation),
        (RouteFlag.Accusation, Accusations),
        (RouteFlag.Urgent, UrgentWords),
    ];

    /// <summary>The trigger words of each flag, for display in the workbench's help text (accusation verbs need an official named too).</summary>
    public static IReadOnlyList<string> TriggerWords(RouteFlag flag)
        => flag == RouteFlag.Accusation ? [.. Accusations, .. AccusationVerbs] : Lists.First(l => l.Flag == flag).Words;

    /// <summary>Finds the route flags raised by an item's title and content.</summary>
    public static RouteHintResult Analyze(string? title, string? content)
    {
        var text = string.Concat(title ?? string.Empty, "\n", content ?? string.Empty);
        var hints = new List<RouteHint>();
        foreach (var (flag, words) in Lists)
        {
            var found = Find(text, words);
            if (flag == RouteFlag.Accusation)
            {
                var verbs = Find(text, AccusationVerbs);
                var targets = verbs.Count > 0 ? Find(text, OfficialTargets) : [];
                if (targets.Count > 0)
                {
                    found.AddRange(verbs);
                    found.AddRange(targets.Where(t => !found.Any(f => f.Word.Contains(t.Word, StringComparison.Ordinal))).Take(2));
                }
            }

            if (found.Count > 0)
            {
                hints.Add(new RouteHint(flag, found.OrderBy(f => f.At).Select(f => f.Word).ToList()));
            }
        }

        return new RouteHintResult(hints);
    }

    private static List<(int At, string Word)> Find(string text, IEnumerable<string> words)
    {
        var found = new List<(int At, string Word)>();
        // Longest first, so 随时倒塌 is named rather than its part 倒塌.
        foreach (var word in words.OrderByDescending(w => w.Length))
        {
            var at = FirstUnnegated(text, word);
            // A longer trigger (判决书) covers its shorter one (判决): name only the longer.
            if (at >= 0 && !found.Any(f => f.Word.Contains(word, StringComparison.Ordinal) || word.Contains(f.Word, StringComparison.Ordinal)))
            {
                found.Add((at, word));
            }
        }

        return found;
    }

    private static int FirstUnnegated(string text, string word)
    {
        var at = 0;
        while ((at = text.IndexOf(word, at, StringComparison.Ordinal)) >= 0)
        {
            if (!IsNegated(text, at))
            {
                return at;
            }

            at += word.Length;
        }

        return -1;
    }

    private static bool IsNegated(string text, int at)
    {
        var before = text.AsSpan(0, at);
        foreach (var negator in Negators)
        {
            if (before.EndsWith(negator, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
