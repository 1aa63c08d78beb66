using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Campaigns;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;
using Xinfang.Web.Reports;
using Xinfang.Web.Statistics;

namespace Xinfang.Web.Campaigns;

/// <summary>
/// 治重化积 figures of a jurisdiction and period: campaigns, entries (total, by source, by campaign and by responsible unit —
/// issue 14's "progress per campaign and unit"), 已化解, 化解率, 逾期.
/// </summary>
public sealed record CampaignFiguresResult(Guid OrganizationId, DateOnly From, DateOnly To, DateOnly AsOf, int Campaigns, CampaignProgress Total, IReadOnlyList<CampaignProgress> BySource)
{
    /// <summary>Each counted campaign's progress, by name.</summary>
    public IReadOnlyList<CampaignProgress> ByCampaign { get; init; } = [];

    /// <summary>Progress by responsible unit (the unit chosen for an entry, else the owner as typed), as the campaign page groups it.</summary>
    public IReadOnlyList<CampaignProgress> ByUnit { get; init; } = [];
}

/// <summary>
/// What the campaigns count (ADR 0132), scoped as the statistics are (<see cref="StatisticsEndpoints.ScopeOf"/>, the
/// reader's own subtree). A campaign counts when its organising bureau lies in the chosen body's subtree and its period
/// meets the statistics period; its entries count whole. As of the period's end (or today, if earlier): 已化解 = entries
/// resolved on or before that day, 未化解 likewise, 逾期 = entries without an outcome by then whose deadline has passed;
/// 化解率 = 已化解 ÷ entries (the whole list, as 治重化积 reports count it). Its own query: the statistics fact table knows
/// nothing of campaigns. Only matters are counted, never persons (domain.md §12).
/// </summary>
public static class CampaignFigures
{
    public static async Task<CampaignFiguresResult> CountAsync(AppDbContext db, OrganizationDirectory directory, StatisticsScope scope, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(scope);
        var bodies = directory.Subtree(scope.OrganizationId).ToList();
        var (from, to) = (scope.From, scope.To);
        var campaigns = await db.Set<Campaign>().AsNoTracking()
            .Where(c => bodies.Contains(c.OrganizationId) && c.StartsOn <= to && c.EndsOn >= from)
            .ToListAsync(ct);
        var asOf = today < to ? today : to;
        // The entries as they stood on asOf: an outcome dated later is not yet an outcome.
        var entries = campaigns.SelectMany(c => c.Entries.Select(e => (Campaign: c, Entry: e))).ToList();
        var rows = entries.Select(x => (x.Entry.Source, x.Entry.DueOn, Outcome: x.Entry.OutcomeOn <= asOf ? x.Entry.Outcome : null)).ToList();
        var units = entries.Where(x => x.Entry.OwnerOrganizationId is not null).Select(x => x.Entry.OwnerOrganizationId!.Value).Distinct().ToList();
        var unitNames = await db.Organizations.AsNoTracking().Where(o => units.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        CampaignProgress Row(string key, string name, IEnumerable<(CampaignSource Source, DateOnly DueOn, CampaignOutcome? Outcome)> of)
        {
            var list = of.ToList();
            return new CampaignProgress(key, name, list.Count, list.Count(e => e.Outcome == CampaignOutcome.Resolved), list.Count(e => e.Outcome == CampaignOutcome.Unresolved),
                list.Count(e => e.Outcome is null), list.Count(e => e.Outcome is null && asOf > e.DueOn));
        }

        (CampaignSource, DateOnly, CampaignOutcome?) AsOf(CampaignEntry e) => (e.Source, e.DueOn, e.OutcomeOn <= asOf ? e.Outcome : null);
        return new CampaignFiguresResult(scope.OrganizationId, from, to, asOf, campaigns.Count, Row("total", "合计", rows),
            Enum.GetValues<CampaignSource>().Select(s => Row(s.ToString(), Campaign.NameOf(s), rows.Where(r => r.Source == s))).ToList())
        {
            ByCampaign = campaigns.OrderBy(c => c.StartsOn).ThenBy(c => c.Name, StringComparer.Ordinal)
                .Select(c => Row(c.Id.ToString(), c.Name, c.Entries.Select(AsOf))).ToList(),
            ByUnit = entries.GroupBy(x => x.Entry.OwnerOrganizationId?.ToString() ?? x.Entry.Owner)
                .Select(g => Row(g.Key, g.First().Entry.OwnerOrganizationId is { } u ? unitNames.GetValueOrDefault(u, g.First().Entry.Owner) : g.First().Entry.Owner, g.Select(x => AsOf(x.Entry))))
                .OrderByDescending(r => r.Entries).ThenBy(r => r.Name, StringComparer.Ordinal).ToList(),
        };
    }

    /// <summary>The annual report's 治重化积 table (a separate table of the report).</summary>
    public static ReportTable Table(CampaignFiguresResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var rows = r.BySource.Append(r.Total).Select(p => (IReadOnlyList<object?>)[p.Name, p.Entries, p.Resolved, p.Unresolved, p.Overdue, p.RateText]).ToList();
        return new ReportTable(TableKey, "治理重复信访、化解信访积案专项工作情况（按来源）", ["来源", "清单条数", "已化解", "未化解", "逾期未化解", "化解率"], rows);
    }

    public const string TableKey = "campaigns";

    /// <summary>The progress of each campaign and of each responsible unit (issue 14), tables of the report and the dashboard.</summary>
    public static IReadOnlyList<ReportTable> ProgressTables(CampaignFiguresResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        string[] headers = ["清单条数", "已化解", "未化解", "逾期未化解", "化解率"];
        static IReadOnlyList<object?> Cells(CampaignProgress p) => [p.Name, p.Entries, p.Resolved, p.Unresolved, p.Overdue, p.RateText];
        return
        [
            new ReportTable(TableKey + "-by-campaign", "治理重复信访、化解信访积案专项工作进展（按专项工作）", ["专项工作", .. headers], r.ByCampaign.Select(Cells).ToList()),
            new ReportTable(TableKey + "-by-unit", "治理重复信访、化解信访积案专项工作进展（按责任单位）", ["责任单位", .. headers], r.ByUnit.Select(Cells).ToList()),
        ];
    }

    /// <summary>As a report writes it: 开展专项工作N项，列入清单N件（中央交办…），已化解N件，化解率…，逾期未化解N件.</summary>
    public static string Sentence(CampaignFiguresResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        if (r.Campaigns == 0)
        {
            return "治重化积：统计期间没有开展治理重复信访、化解信访积案专项工作。";
        }

        var sources = string.Join("，", r.BySource.Where(s => s.Entries > 0).Select(s => $"{s.Name}{s.Entries}件"));
        var t = r.Total;
        return $"治重化积：开展治理重复信访、化解信访积案专项工作{r.Campaigns}项，列入清单{t.Entries}件" + (sources.Length > 0 ? $"（{sources}）" : string.Empty)
            + $"，截至{r.AsOf:yyyy年M月d日}已化解{t.Resolved}件，化解率{t.RateText}，逾期未化解{t.Overdue}件。";
    }

    /// <summary>The annual report's blocks: the sentence and the table.</summary>
    public static IReadOnlyList<ReportBlock> Blocks(CampaignFiguresResult r) =>
        [new ReportParagraph(Sentence(r)), new ReportTableBlock(Table(r)), .. ProgressTables(r).Select(t => new ReportTableBlock(t))];
}
