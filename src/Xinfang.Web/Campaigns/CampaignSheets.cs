using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Xinfang.Domain.Campaigns;
using Xinfang.Web.Reports;

namespace Xinfang.Web.Campaigns;

/// <summary>
/// The campaign list as a spreadsheet (ADR 0131): reading an uploaded .xlsx into <see cref="CampaignRow"/>s with
/// DocumentFormat.OpenXml (no further library), and the export table written by <see cref="XlsxWriter"/> and
/// <see cref="CsvWriter"/>. Columns are found by their Chinese header, wherever the header row is among the first
/// rows (an exported list, whose first row is its title, imports again).
/// </summary>
public static class CampaignSheets
{
    public const long MaxBytes = 5 * 1024 * 1024;

    /// <summary>How many rows from the top may hold the header.</summary>
    private const int HeaderSearchRows = 10;

    private static readonly Dictionary<string, string> HeaderAliases = new(StringComparer.Ordinal)
    {
        ["来源"] = "source",
        ["信访件编号"] = "number",
        ["编号"] = "number",
        ["事项摘要"] = "matter",
        ["事项"] = "matter",
        ["责任单位"] = "owner",
        ["包案领导"] = "leader",
        ["化解方案"] = "plan",
        ["方案"] = "plan",
        ["化解期限"] = "due",
    };

    /// <summary>The rows below the header, or a Chinese reason why the file is not such a list.</summary>
    public static (IReadOnlyList<CampaignRow> Rows, string? Fault) Read(Stream xlsx)
    {
        ArgumentNullException.ThrowIfNull(xlsx);
        try
        {
            using var document = SpreadsheetDocument.Open(xlsx, false);
            var workbook = document.WorkbookPart;
            var sheet = workbook?.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault();
            if (workbook is null || sheet?.Id?.Value is not { } relation || workbook.GetPartById(relation) is not WorksheetPart part)
            {
                return ([], "工作簿中没有工作表");
            }

            var strings = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
            var sheetRows = part.Worksheet.Descendants<Row>().ToList();
            Dictionary<string, int>? columns = null;
            var rows = new List<CampaignRow>();
            foreach (var row in sheetRows)
            {
                var number = (int)(row.RowIndex?.Value ?? (uint)(sheetRows.IndexOf(row) + 1));
                var cells = row.Elements<Cell>().Select((c, i) => (Index: c.CellReference?.Value is { } r ? ColumnIndex(r) : i, Text: Text(c, strings)))
                    .GroupBy(c => c.Index).ToDictionary(g => g.Key, g => g.First().Text);
                if (columns is null)
                {
                    if (number > HeaderSearchRows)
                    {
                        break;
                    }

                    var found = cells.Where(c => c.Value is { } t && HeaderAliases.ContainsKey(t.Trim()))
                        .GroupBy(c => HeaderAliases[c.Value!.Trim()]).ToDictionary(g => g.Key, g => g.First().Key);
                    if (found.ContainsKey("source") && found.ContainsKey("due"))
                    {
                        columns = found;
                    }

                    continue;
                }

                string? Cell(string key) => columns.TryGetValue(key, out var i) && cells.TryGetValue(i, out var v) ? v : null;
                var values = new[] { Cell("source"), Cell("number"), Cell("matter"), Cell("owner"), Cell("plan"), Cell("due"), Cell("leader") };
                if (values.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }

                if (rows.Count > CampaignImport.MaxRows)
                {
                    break;
                }

                rows.Add(new CampaignRow(number, values[0], values[1], values[2], values[3], values[4], values[5], values[6]));
            }

            return columns is null ? ([], $"前{HeaderSearchRows}行中没有找到表头（至少需要“来源”和“化解期限”两列）") : (rows, null);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or IOException or InvalidOperationException or System.Xml.XmlException or ArgumentException or NotSupportedException or FormatException or OverflowException or IndexOutOfRangeException)
        {
            return ([], "文件不是有效的 .xlsx 工作簿");
        }
    }

    /// <summary>The export: the import's columns first (so the file imports again), then progress and outcome.</summary>
    public static ReportTable Table(CampaignView c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var headers = CampaignImport.Headers.Concat(["最新进展", "进展日期", "化解结果", "结果日期", "原因说明", "是否逾期"]).ToList();
        var rows = c.Entries.Select(e => (IReadOnlyList<object?>)
        [
            e.SourceName, e.PetitionNumber, e.Matter, e.Owner, e.Leader, e.Plan, Day(e.DueOn),
            e.Notes.Count > 0 ? e.Notes[^1].Text : null, e.Notes.Count > 0 ? Day(e.Notes[^1].On) : null,
            e.OutcomeName, e.OutcomeOn is { } on ? Day(on) : null, e.OutcomeReason, e.Overdue ? "逾期" : null,
        ]).ToList();
        return new ReportTable("campaign-entries", "专项工作清单", headers, rows);
    }

    /// <summary>The title row: the campaign and its period.</summary>
    public static string Caption(CampaignView c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return $"{c.Name}（{c.KindName}，{c.StartsOn:yyyy-MM-dd}至{c.EndsOn:yyyy-MM-dd}）";
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Text(Cell cell, List<string> strings)
    {
        var raw = cell.CellValue?.Text;
        if (cell.DataType?.Value == CellValues.SharedString)
        {
            return int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < strings.Count ? strings[i] : null;
        }

        if (cell.DataType?.Value == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText;
        }

        // A date typed in a spreadsheet is stored as a serial number (days since 1899-12-30): read back as yyyy-MM-dd.
        if (cell.DataType is null && double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && cell.StyleIndex is not null
            && serial is > 36526 and < 73051 && Math.Abs(serial - Math.Round(serial)) < 1e-9)
        {
            return DateOnly.FromDateTime(DateTime.FromOADate(serial)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        return raw;
    }

    /// <summary>"C12" → 2 (A = 0).</summary>
    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var ch in reference)
        {
            if (ch is < 'A' or > 'Z')
            {
                break;
            }

            index = (index * 26) + (ch - 'A' + 1);
        }

        return Math.Max(index - 1, 0);
    }
}
