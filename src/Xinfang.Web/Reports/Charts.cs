using System.Text.Json;
using Xinfang.Web.Statistics;

namespace Xinfang.Web.Reports;

/// <summary>
/// What each chart draws, as JSON for a <c>data-chart</c> attribute (the page encodes it; wwwroot/js/statistics.js
/// reads it and builds the ECharts option). Only figures — the same ones the table under each chart shows.
/// </summary>
public static class Charts
{
    private sealed record Series(string Name, string Kind, int Axis, IReadOnlyList<decimal?> Data);

    private sealed record Chart(string Type, string Title, IReadOnlyList<string> Categories, IReadOnlyList<Series> Series, IReadOnlyList<string> Axes, bool Horizontal = false);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static string Write(Chart chart) => JsonSerializer.Serialize(chart, Json);

    public static string Months(ReportFigures f) => Write(new Chart("axis", "逐月趋势",
        f.Current.Months.Select(m => $"{m.Year}-{m.Month:00}").ToList(),
        [
            new("件数", "bar", 0, f.Current.Months.Select(m => (decimal?)m.Items).ToList()),
            new("按期办结率", "line", 1, f.Current.Months.Select(m => m.OnTimeClosure.Percent).ToList()),
            new("满意率", "line", 1, f.Current.Months.Select(m => m.Satisfaction.Percent).ToList()),
        ],
        ["件", "%"]));

    public static string Breakdown(Breakdown b) => Write(new Chart("pie", $"按{b.Name}",
        b.Rows.Select(r => r.Label).ToList(),
        [new("件数", "pie", 0, b.Rows.Select(r => (decimal?)r.Items).ToList())],
        ["件"]));

    /// <summary>The first 15 units of the ranking (the table lists them all).</summary>
    public static string Units(ReportFigures f)
    {
        var units = ReportTables.Ranked(f.Current.Units).Take(15).ToList();
        return Write(new Chart("axis", "责任单位按期办结率和满意率", units.Select(u => u.Name).ToList(),
        [
            new("按期办结率", "bar", 0, units.Select(u => u.OnTimeClosure.Percent).ToList()),
            new("满意率", "bar", 0, units.Select(u => u.Satisfaction.Percent).ToList()),
        ],
        ["%"]));
    }

    public static string Overdue(ReportFigures f)
    {
        var units = f.Current.Units.Where(u => u.OverdueOpen > 0).OrderByDescending(u => u.OverdueOpen).Take(15).ToList();
        return Write(new Chart("axis", "逾期未办结", units.Select(u => u.Name).ToList(),
            [new("逾期未办结", "bar", 0, units.Select(u => (decimal?)u.OverdueOpen).ToList())], ["件"], Horizontal: true));
    }

    public static string Volumes(string title, IReadOnlyList<VolumeRow> rows)
    {
        var top = rows.Take(10).ToList();
        return Write(new Chart("axis", title, top.Select(r => r.Label).ToList(),
            [new("件数", "bar", 0, top.Select(r => (decimal?)r.Items).ToList())], ["件"], Horizontal: true));
    }
}
