using System.Globalization;
using System.Text;
using Xinfang.Web.Audit;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;

namespace Xinfang.Web.TextAnalysis;

/// <summary>
/// The /hotspots page's topics as a CSV file (热点, 件数, 趋势, 地点, 关键词, 信访件编号), for a bureau's
/// report. Built from <see cref="FindHotspots"/>, so it holds exactly what the page shows: matters and
/// item numbers, no petitioner fields (names, ID numbers and phones are scrubbed from the text before
/// analysis). Data leaving as a file is an export: recorded in the audit trail before the file leaves
/// (docs/security.md, ADR 0042).
/// </summary>
public sealed class ExportHotspots(FindHotspots find, AppDbContext db, CurrentStaff staff, AuditLog audit)
{
    public async Task<IResult> HandleAsync(string? from, string? to, string? top, HttpContext http, CancellationToken ct)
    {
        // The page's default period, so its 导出 link without dates exports what it shows.
        var (errors, result) = await find.FindAsync(from, to, top, HotspotsPage.DefaultDays, ct);
        if (errors is not null)
        {
            return errors.Problem();
        }

        var csv = Csv(result!);
        var members = result!.Topics.Sum(t => t.Members.Count);
        await audit.RecordAsync(db, AuditActors.Draft(staff, AuditKinds.Export, null, "热点问题",
            $"导出热点问题 {Day(result.From)}至{Day(result.To)}：{result.Topics.Count}个热点，{members}件信访件编号"), ct);
        http.Response.Headers.CacheControl = "no-store";
        // A UTF-8 byte order mark, so Excel (the usual reader) opens the Chinese text correctly.
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray();
        return TypedResults.File(bytes, "text/csv; charset=utf-8", $"hotspots-{Day(result.From)}-{Day(result.To)}.csv");
    }

    public static string Csv(FindHotspots.Response result)
    {
        var sb = new StringBuilder();
        sb.Append("热点,件数,趋势,前半期件数,后半期件数,地点,关键词,信访件编号\r\n");
        foreach (var t in result.Topics)
        {
            string[] cells =
            [
                t.Label, t.Count.ToString(CultureInfo.InvariantCulture), t.Trend, t.FirstHalf.ToString(CultureInfo.InvariantCulture),
                t.SecondHalf.ToString(CultureInfo.InvariantCulture), string.Join("、", t.Places), string.Join("、", t.Keywords),
                string.Join(" ", t.Members.Select(m => m.Number)),
            ];
            sb.AppendJoin(',', cells.Select(Cell)).Append("\r\n");
        }

        return sb.ToString();
    }

    // Quoted always; a cell that a spreadsheet would run as a formula (=, +, -, @) is prefixed with '.
    private static string Cell(string value)
    {
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0], StringComparison.Ordinal))
        {
            value = "'" + value;
        }

        return "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("/hotspots/export", (string? from, string? to, string? top, HttpContext http, ExportHotspots uc, CancellationToken ct) => uc.HandleAsync(from, to, top, http, ct))
            .WithSummary("导出热点问题（CSV，记入审计）").Produces<Stream>(StatusCodes.Status200OK, "text/csv");
}
