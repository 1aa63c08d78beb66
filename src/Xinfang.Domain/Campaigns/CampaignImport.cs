using System.Globalization;
using Xinfang.Domain.Petitions;

namespace Xinfang.Domain.Campaigns;

/// <summary>One row of an entry list as typed in a spreadsheet (every cell as text; <see cref="RowNumber"/> is the sheet's).</summary>
public sealed record CampaignRow(int RowNumber, string? Source, string? PetitionNumber, string? Matter, string? Owner, string? Plan, string? DueOn, string? Leader = null);

/// <summary>A row that cannot be taken, in Chinese, naming the sheet's row.</summary>
public sealed record CampaignRowError(int RowNumber, string Message)
{
    public override string ToString() => $"第{RowNumber}行：{Message}";
}

/// <summary>
/// The check of an imported entry list: every row is checked and every fault reported with its row number; if any row
/// fails, no entry is taken (all or nothing). A row names an item by number (which must be one the importer may see)
/// or describes the matter; the deadline lies in the campaign's period.
/// </summary>
public static class CampaignImport
{
    /// <summary>The columns of the list, in order (the export writes the same, so an exported list imports again).</summary>
    public static IReadOnlyList<string> Headers { get; } = ["来源", "信访件编号", "事项摘要", "责任单位", "包案领导", "化解方案", "化解期限"];

    public const int MaxRows = 2000;

    /// <param name="campaign">The campaign the rows go to (its period bounds the deadlines).</param>
    /// <param name="rows">The rows below the header.</param>
    /// <param name="findItem">An item the importer may see, by number: its id and title; null when unknown to them.</param>
    /// <param name="findUnit">A body of the tree by exact name, for progress per unit; null when the owner is a person.</param>
    public static (IReadOnlyList<CampaignEntry> Entries, IReadOnlyList<CampaignRowError> Errors) Check(
        Campaign campaign, IReadOnlyList<CampaignRow> rows, Func<string, (Guid Id, string Title)?> findItem, Func<string, Guid?> findUnit)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(findItem);
        ArgumentNullException.ThrowIfNull(findUnit);
        var errors = new List<CampaignRowError>();
        var entries = new List<CampaignEntry>();
        if (rows.Count == 0)
        {
            errors.Add(new CampaignRowError(2, "清单中没有数据行"));
        }
        else if (rows.Count > MaxRows)
        {
            errors.Add(new CampaignRowError(rows[MaxRows].RowNumber, $"一次最多导入{MaxRows}行"));
            return ([], errors);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var faults = new List<string>();
            var source = Campaign.SourceFrom(row.Source);
            if (source is null)
            {
                faults.Add("来源应为中央交办、省交办或市县自查");
            }

            Guid? petitionId = null;
            var number = Clean(row.PetitionNumber);
            var matter = Clean(row.Matter);
            if (number is not null)
            {
                if (findItem(number) is { } item)
                {
                    petitionId = item.Id;
                    matter ??= item.Title;
                    if (!seen.Add(number))
                    {
                        faults.Add($"信访件编号{number}在清单中重复");
                    }
                }
                else
                {
                    faults.Add($"信访件编号{number}不存在或无权查看");
                }
            }
            else if (matter is null)
            {
                faults.Add("请填写信访件编号或事项描述");
            }

            var leader = Clean(row.Leader);
            // The unit owns the entry; where only a 包案 leader is named, the leader does.
            var owner = Clean(row.Owner) ?? leader;
            if (owner is null)
            {
                faults.Add("请填写责任人（包案领导或责任单位）");
            }

            var plan = Clean(row.Plan);
            if (plan is null)
            {
                faults.Add("请填写化解方案");
            }

            foreach (var (text, label, max) in new[] { (matter, "事项", CampaignEntry.MaxTextLength), (owner, "责任人", CampaignEntry.MaxOwnerLength), (leader, "包案领导", CampaignEntry.MaxOwnerLength), (plan, "化解方案", CampaignEntry.MaxTextLength) })
            {
                if (text is not null && (text.Length > max || text.Any(char.IsControl)))
                {
                    faults.Add(text.Length > max ? $"{label}不能超过{max}字" : $"{label}含有控制字符");
                }
            }

            DateOnly due = default;
            var dueText = Clean(row.DueOn);
            if (dueText is null)
            {
                faults.Add("请填写化解期限");
            }
            else if (!DateOnly.TryParseExact(dueText, ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out due))
            {
                faults.Add("化解期限应为 年-月-日 格式的日期");
            }
            else if (due < campaign.StartsOn || due > campaign.EndsOn)
            {
                faults.Add($"化解期限应在专项工作期间（{campaign.StartsOn:yyyy-MM-dd}至{campaign.EndsOn:yyyy-MM-dd}）内");
            }

            if (faults.Count > 0)
            {
                errors.AddRange(faults.Select(f => new CampaignRowError(row.RowNumber, f)));
                continue;
            }

            try
            {
                entries.Add(CampaignEntry.New(Guid.CreateVersion7(), source!.Value, petitionId, petitionId is null ? null : number, matter!, owner!, findUnit(owner!), plan!, due, leader));
            }
            catch (DomainRuleViolation e)
            {
                errors.Add(new CampaignRowError(row.RowNumber, e.Message));
            }
        }

        return errors.Count > 0 ? ([], errors) : (entries, errors);
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
