using Xinfang.Web.Reports;

namespace Xinfang.Web.Reception;

/// <summary>The annual report's 领导接访 section (issue 14): one sentence with the totals and a table by kind, from <see cref="ReceptionFigures"/>.</summary>
public static class ReceptionReport
{
    public const string TableKey = "reception";

    public static IReadOnlyList<ReportBlock> Blocks(ReceptionFiguresResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return [new ReportParagraph(Sentence(r)), new ReportTableBlock(Table(r))];
    }

    /// <summary>As the seeds write it (临汾: 领导接访2079场次，接待群众1173批2394人次).</summary>
    public static string Sentence(ReceptionFiguresResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var t = r.Total;
        if (t.Sessions == 0)
        {
            return "领导接访：统计期间没有记录已接访的领导接访。";
        }

        var kinds = string.Join("，", r.ByKind.Where(k => k.Sessions > 0).Select(k => $"{k.Name}{k.Sessions}场次"));
        return $"领导接访：各级领导干部接访{t.Sessions}场次（{kinds}），接待群众{t.Batches}批{t.Persons}人次。";
    }

    public static ReportTable Table(ReceptionFiguresResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var rows = r.ByKind.Append(r.Total).Select(k => (IReadOnlyList<object?>)[k.Name, k.Sessions, k.Batches, k.Persons]).ToList();
        return new ReportTable(TableKey, "领导接访情况（按接访方式）", ["接访方式", "接访场次", "接待批次", "接待人次"], rows);
    }
}
