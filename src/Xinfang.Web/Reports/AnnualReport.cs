using System.Globalization;
using System.Text;
using Xinfang.Web.Statistics;

namespace Xinfang.Web.Reports;

/// <summary>A piece of the report: a heading, a paragraph (placeholders marked 【请填写：…】) or a table.</summary>
public abstract record ReportBlock;

public sealed record ReportHeading(int Level, string Text) : ReportBlock;

public sealed record ReportParagraph(string Text) : ReportBlock;

public sealed record ReportTableBlock(ReportTable Table) : ReportBlock;

/// <summary>
/// The annual report on petition work (信访工作年度报告, 条例 Art. 41) as a draft: every figure filled in from the
/// data with last year's beside it where last year had items, and what Art. 41 asks for — the volumes, the
/// domains and units most complained about, the counts of 转送/交办/督办, the recommendations made and taken up.
/// The figures are facts; the political wording is the bureau's, left as visible placeholders.
/// </summary>
public sealed record AnnualReport(string Title, string Caption, IReadOnlyList<ReportBlock> Blocks)
{
    public const string PlaceholderStart = "【请填写：";

    public static string Placeholder(string what) => $"{PlaceholderStart}{what}】";

    public static AnnualReport Draft(ReportFigures f)
    {
        var c = f.Current;
        var org = f.Filter.OrganizationName;
        var period = f.Filter.PeriodLabel;
        var blocks = new List<ReportBlock>
        {
            new ReportParagraph($"（本稿由信访工作平台根据{c.ComputedAt.ToOffset(TimeSpan.FromHours(8)):yyyy年M月d日 HH:mm}的办理记录生成，统计期间{c.Scope.From:yyyy年M月d日}至{c.Scope.To:yyyy年M月d日}，" +
                $"范围为{org}及其下级机构；数字为统计事实，文字部分请按本地要求填写。）"),
            new ReportParagraph(Placeholder("开篇概述：本年度信访工作的总体思路和主要成效")),
            new ReportHeading(2, "一、信访总体情况"),
            new ReportParagraph(Volumes(f)),
            new ReportParagraph(Quality(f)),
            new ReportParagraph(Satisfaction(f)),
            new ReportHeading(2, "二、信访事项办理情况"),
            new ReportParagraph(Handling(f)),
            new ReportParagraph(Reviews(f)),
            new ReportHeading(2, "三、群众反映集中的问题和被反映较多的单位"),
            new ReportParagraph(Complained(f)),
            new ReportTableBlock(ReportTables.All(f).Single(t => t.Key == ReportTables.ComplainedDomains)),
            new ReportTableBlock(ReportTables.All(f).Single(t => t.Key == ReportTables.ComplainedUnits)),
            new ReportParagraph(Placeholder("对上述集中问题的分析和原因")),
            new ReportHeading(2, "四、提出改进工作、完善政策建议及采纳情况"),
            new ReportParagraph(Recommendations(f)),
            new ReportParagraph(Placeholder("建议的主要内容及被采纳、落实的情况")),
            new ReportHeading(2, "五、主要工作措施"),
            new ReportParagraph(Placeholder("源头预防、矛盾化解、领导接访包案、督查督办等主要做法")),
            new ReportHeading(2, "六、存在的问题和下一步工作打算"),
            new ReportParagraph(Placeholder("存在的问题")),
            new ReportParagraph(Placeholder("下一步工作打算")),
            new ReportHeading(2, "附表"),
        };
        // reception (issue 14): 领导接访 — its own paragraph and table under 五、主要工作措施, before the appendix.
        if (f.Reception is { } reception)
        {
            blocks.InsertRange(blocks.FindIndex(b => b is ReportHeading { Text: "六、存在的问题和下一步工作打算" }), Reception.ReceptionReport.Blocks(reception));
        }

        // campaigns (issue 14): 治重化积 — its own paragraph and table under 五、主要工作措施.
        if (f.Campaigns is { } campaigns)
        {
            blocks.InsertRange(blocks.FindIndex(b => b is ReportHeading { Text: "六、存在的问题和下一步工作打算" }), Campaigns.CampaignFigures.Blocks(campaigns));
        }

        // ── legal (issue 14): 律师意见、转介、案审、典型案例 — its own paragraph and tables under 五、主要工作措施 ──
        if (f.Legal is { } legal)
        {
            blocks.InsertRange(blocks.FindIndex(b => b is ReportHeading { Text: "六、存在的问题和下一步工作打算" }), Legal.LegalReport.Blocks(legal));
        }

        // ── end legal ──
        // ── screening (issue 14): 矛盾纠纷排查和预警 — a paragraph and two tables under 五、主要工作措施 ──
        if (f.Screening is { } screening)
        {
            blocks.InsertRange(blocks.FindIndex(b => b is ReportHeading { Text: "六、存在的问题和下一步工作打算" }), Screening.ScreeningReport.Blocks(screening));
        }

        // ── end screening ──
        // ── mediation (issue 14): 调解评理 — its own paragraph and tables under 五、主要工作措施 ──
        if (f.Mediation is { } mediation)
        {
            blocks.InsertRange(blocks.FindIndex(b => b is ReportHeading { Text: "六、存在的问题和下一步工作打算" }), Mediation.MediationReport.Blocks(mediation));
        }

        // ── end mediation ──
        blocks.AddRange(ReportTables.All(f).Where(t => t.Key is not (ReportTables.ComplainedDomains or ReportTables.ComplainedUnits or ReportTables.Overdue))
            .Select(t => new ReportTableBlock(t)));
        // ── ownership (issue 14): 领导包案 (and 治重化积) as their own tables ──
        blocks.AddRange(f.OwnershipTables.Select(t => new ReportTableBlock(t)));
        // ── end ownership ──
        // ── cohandling (issue 14): 主办/协办 as its own table ──
        blocks.AddRange(f.CoHandlingTables.Select(t => new ReportTableBlock(t)));
        // ── end cohandling ──
        // ── duty (issue 14): 联席会议议定事项, 值班和零报告, 紧急信访信息报告 as their own tables ──
        blocks.AddRange(f.DutyTables.Select(t => new ReportTableBlock(t)));
        // ── end duty ──
        return new AnnualReport($"{org}{period}信访工作情况报告", f.Filter.Caption, blocks);
    }

    private static string Volumes(ReportFigures f)
    {
        var c = f.Current;
        var text = new StringBuilder($"{f.Filter.PeriodLabel}，{f.Filter.OrganizationName}共受理信访{c.Total.Batches}批{c.Total.Items}件、{c.Total.Persons}人次");
        if (f.HasLastYear)
        {
            text.Append(CultureInfo.InvariantCulture, $"（去年同期{f.LastYear.Total.Batches}批{f.LastYear.Total.Items}件，件数{Trend(c.Total.Items, f.LastYear.Total.Items)}）");
        }

        text.Append('。');
        foreach (var b in c.Breakdowns)
        {
            if (b.Rows.Count > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"按{b.Name}分：{string.Join("，", b.Rows.Select(r => $"{r.Label}{r.Items}件（{r.Batches}批{r.Persons}人次）"))}。");
            }
        }

        if (f.Indicator(IndicatorCodes.OnlineShare) is { } online)
        {
            text.Append(CultureInfo.InvariantCulture, $"网上信访{online.Value.Numerator}件，占比{FigureText.Value(online)}{LastYear(f, online)}。");
        }

        var visits = new[] { CountCodes.Collective, CountCodes.SkipLevel }
            .Select(code => f.Current.Counts.FirstOrDefault(x => x.Code == code))
            .Where(x => x is not null)
            .Select(x => $"{x!.Name}{x.Value}批{LastYearCount(f, x.Code)}")
            .ToList();
        // ── stats-reviews: 进京访 / 赴省访 in 件, with their 批 and 人次 (ADR 0085) ──
        var destinations = c.Breakdowns.FirstOrDefault(b => b.Code == BreakdownCodes.SkipLevelVisits)?.Rows ?? [];
        foreach (var (code, key) in new[] { (CountCodes.SkipLevelToCapital, "capital"), (CountCodes.SkipLevelToProvince, "province") })
        {
            if (c.Counts.FirstOrDefault(x => x.Code == code) is { } count)
            {
                var row = destinations.FirstOrDefault(r => r.Key == key);
                visits.Add($"{count.Name}{count.Value}件（{row?.Batches ?? 0}批{row?.Persons ?? 0}人次）{LastYearCount(f, code)}");
            }
        }

        // ── end stats-reviews ──
        if (visits.Count > 0)
        {
            text.Append(string.Join("，", visits)).Append('。');
        }

        return text.ToString();
    }

    private static string Quality(ReportFigures f)
    {
        var parts = new List<string>();
        foreach (var (code, lead) in new[]
        {
            (IndicatorCodes.AverageDays, "信访件平均办理天数"),
            (IndicatorCodes.FirstTimeClosure, "一次性办结率"),
            (IndicatorCodes.Repeat, "重复信访率"),
            (IndicatorCodes.TimelyAcceptance, "及时受理率"),
            (IndicatorCodes.OnTimeClosure, "按期办结率"),
            (IndicatorCodes.Resolution, "化解率"),
        })
        {
            parts.AddRange(f.Current.Indicators.Where(i => i.Code == code).Select(i =>
                $"{SidePrefix(f, i)}{lead}{FigureText.Value(i)}{Workings(i)}{LastYear(f, i)}"));
        }

        return parts.Count == 0 ? "办理质量指标：—。" : string.Join("，", parts) + "。";
    }

    private static string Satisfaction(ReportFigures f)
    {
        var parts = new List<string>();
        foreach (var code in new[] { IndicatorCodes.Satisfaction, IndicatorCodes.Participation })
        {
            parts.AddRange(f.Current.Indicators.Where(i => i.Code == code).Select(i =>
                $"{SidePrefix(f, i)}{(code == IndicatorCodes.Satisfaction ? "群众满意率" : "参评率")}{FigureText.Value(i)}{Workings(i)}{LastYear(f, i)}"));
        }

        return parts.Count == 0 ? "群众满意率：—。" : string.Join("，", parts) + "。";
    }

    private static string Handling(ReportFigures f) => CountSentence(f,
        [CountCodes.Forwarded, CountCodes.Assigned, CountCodes.Supervised, CountCodes.NotTakenUp, CountCodes.NotTakenUpAgain], "办理情况");

    private static string Reviews(ReportFigures f) => CountSentence(f,
    [
        CountCodes.Reviews, CountCodes.ReviewsUpheld, CountCodes.ReviewsRevoked, CountCodes.ReviewsChanged,
        CountCodes.ReReviews, CountCodes.ReReviewsUpheld, CountCodes.ReReviewsRevoked, CountCodes.ReReviewsChanged,
    ], "复查复核");

    private static string Recommendations(ReportFigures f) => CountSentence(f, [CountCodes.Recommendations, CountCodes.RecommendationsAdopted], "建议");

    private static string CountSentence(ReportFigures f, string[] codes, string what)
    {
        var parts = codes.Select(code => f.Current.Counts.FirstOrDefault(x => x.Code == code))
            .Where(x => x is not null)
            .Select(x => $"{x!.Name}{x.Value}件{LastYearCount(f, x.Code)}")
            .ToList();
        return parts.Count == 0 ? $"{what}：—。" : string.Join("，", parts) + "。";
    }

    private static string Complained(ReportFigures f)
    {
        var c = f.Current;
        var domains = c.MostComplainedDomains.Take(5).Select(r => $"{r.Label}（{r.Items}件）").ToList();
        var units = c.MostComplainedUnits.Take(5).Select(r => $"{r.Label}（{r.Items}件）").ToList();
        return $"群众反映问题较集中的领域依次为：{(domains.Count == 0 ? "—" : string.Join("、", domains))}。" +
               $"被反映问题较多的单位依次为：{(units.Count == 0 ? "—" : string.Join("、", units))}。";
    }

    /// <summary>"信访部门" / "责任单位" before a figure that is split between them (the seeds' "信访部门群众满意率97.3%、责任单位满意率99.2%").</summary>
    private static string SidePrefix(ReportFigures f, Indicator i) =>
        i.Side == Side.All || f.Current.Indicators.Count(x => x.Code == i.Code) == 1 ? string.Empty : FigureText.SideName(i.Side);

    private static string Workings(Indicator i) => i.Value.Denominator == 0 ? string.Empty
        : i.IsAverage ? $"（{i.Value.Numerator}天/{i.Value.Denominator}件）" : $"（{i.Value.Numerator}/{i.Value.Denominator}）";

    private static string LastYear(ReportFigures f, Indicator i) =>
        f.LastYearIndicator(i) is { } before && FigureText.Number(before) is not null ? $"，去年同期{FigureText.Value(before)}" : string.Empty;

    private static string LastYearCount(ReportFigures f, string code) =>
        f.LastYearCountOf(code) is { } before ? $"（去年同期{before}）" : string.Empty;

    private static string Trend(long now, long before) =>
        before == 0 ? "—" : now >= before
            ? $"同比增长{Math.Round(100m * (now - before) / before, 1, MidpointRounding.AwayFromZero).ToString("0.0", CultureInfo.InvariantCulture)}%"
            : $"同比下降{Math.Round(100m * (before - now) / before, 1, MidpointRounding.AwayFromZero).ToString("0.0", CultureInfo.InvariantCulture)}%";

    /// <summary>The draft as Markdown: headings, paragraphs, pipe tables (the API's and the command's md format).</summary>
    public string ToMarkdown()
    {
        var md = new StringBuilder();
        md.Append("# ").Append(Title).Append("\n\n");
        foreach (var block in Blocks)
        {
            switch (block)
            {
                case ReportHeading h:
                    md.Append(new string('#', h.Level)).Append(' ').Append(h.Text).Append("\n\n");
                    break;
                case ReportParagraph p:
                    md.Append(Escape(p.Text)).Append("\n\n");
                    break;
                case ReportTableBlock { Table: var t }:
                    md.Append("**").Append(Escape(t.Title)).Append("**\n\n");
                    md.Append("| ").AppendJoin(" | ", t.Headers.Select(Cell)).Append(" |\n");
                    md.Append('|').AppendJoin('|', t.Headers.Select(_ => " --- ")).Append("|\n");
                    foreach (var row in t.Rows)
                    {
                        md.Append("| ").AppendJoin(" | ", row.Select(Cell)).Append(" |\n");
                    }

                    if (t.Rows.Count == 0)
                    {
                        md.Append("| ").AppendJoin(" | ", t.Headers.Select((_, n) => n == 0 ? "（无）" : string.Empty)).Append(" |\n");
                    }

                    md.Append('\n');
                    break;
            }
        }

        return md.ToString();
    }

    /// <summary>Text of a cell as the page and the Markdown show it.</summary>
    public static string Text(object? value) => value switch
    {
        null => "—",
        decimal d => d.ToString("0.0", CultureInfo.InvariantCulture),
        IFormattable x => x.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static string Cell(object? value) => Escape(Text(value)).Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    /// <summary>Names typed by users (units, titles) must not become Markdown: the few characters that would are escaped.</summary>
    private static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            if (ch is '\\' or '`' or '*' or '_' or '<' or '>' or '[' or ']' or '#')
            {
                sb.Append('\\');
            }

            sb.Append(ch);
        }

        return sb.ToString();
    }
}
