using Xinfang.Web.Identity;
using Xinfang.Web.Reports;
using Xinfang.Web.Statistics;

namespace Xinfang.Web.Tests.Reports;

/// <summary>The pieces of the reports without a host: periods, ranking, spreadsheet columns, figure text.</summary>
public sealed class ReportPiecesTests
{
    private static readonly DateOnly Today = new(2026, 3, 10);

    private static (ParsedFilter? Parsed, string Errors) Parse(StatisticsFilter f, bool defaultToThisYear = true)
    {
        var directory = new OrganizationDirectory();
        var (parsed, errors, _) = StatisticsAccess.Parse(f, Guid.Empty, directory, _ => "西湖区信访局", Today, defaultToThisYear);
        return (parsed, string.Join("；", errors.Messages));
    }

    [Theory]
    [InlineData("year", "2026", null, null, "2026-01-01", "2026-12-31", "2026年")]
    [InlineData("quarter", "2026", "1", null, "2026-01-01", "2026-03-31", "2026年第一季度")]
    [InlineData("quarter", "2024", "4", null, "2024-10-01", "2024-12-31", "2024年第四季度")]
    [InlineData("month", "2024", null, "2", "2024-02-01", "2024-02-29", "2024年2月")]
    [InlineData(null, null, null, null, "2026-01-01", "2026-12-31", "2026年")]
    public void Periods_become_scopes_with_their_chinese_names(string? period, string? year, string? quarter, string? month, string from, string to, string label)
    {
        var (parsed, errors) = Parse(new StatisticsFilter { Period = period, Year = year, Quarter = quarter, Month = month });
        Assert.True(parsed is not null, errors);
        Assert.Equal((DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture), label), (parsed.Scope.From, parsed.Scope.To, parsed.PeriodLabel));
        Assert.Equal($"西湖区信访局 {label}", parsed.Caption);
    }

    [Fact]
    public void A_custom_period_is_bounded_and_named_by_its_dates()
    {
        var (parsed, _) = Parse(new StatisticsFilter { From = "2026-01-15", To = "2026-02-14" });
        Assert.Equal((PeriodKind.Custom, "2026年1月15日至2026年2月14日"), (parsed!.Kind, parsed.PeriodLabel));
        Assert.Contains("统计期间不能超过5年", Parse(new StatisticsFilter { From = "2000-01-01", To = "2026-01-01" }).Errors, StringComparison.Ordinal);
        Assert.Contains("开始日期应在2000-01-01至2099-12-31之间", Parse(new StatisticsFilter { From = "1999-12-31", To = "2026-01-01" }).Errors, StringComparison.Ordinal);
        Assert.Contains("请填写结束日期", Parse(new StatisticsFilter { From = "2026-01-01" }).Errors, StringComparison.Ordinal);
        Assert.Contains("请指定统计年度", Parse(new StatisticsFilter(), defaultToThisYear: false).Errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(StaffRole.Leader, true)]
    [InlineData(StaffRole.Supervisor, true)]
    [InlineData(StaffRole.Registrar, true)]
    [InlineData(StaffRole.UnitHead, true)]
    [InlineData(StaffRole.Handler, false)]
    [InlineData(StaffRole.Reviewer, false)]
    [InlineData(StaffRole.Administrator, false)]
    public void Who_reads_the_numbers(StaffRole role, bool may) => Assert.Equal(may, StatisticsAccess.MayRead(role));

    [Fact]
    public void Units_rank_by_on_time_closure_then_satisfaction_and_nothing_due_ranks_last()
    {
        UnitRow U(string name, long onTime, long due, long satisfied, long rated) => new(Guid.NewGuid(), name, new Ratio(onTime, due), new Ratio(satisfied, rated), 0, due);
        var ranked = ReportTables.Ranked([U("丙", 0, 0, 5, 5), U("乙", 9, 10, 8, 10), U("甲", 9, 10, 9, 10), U("丁", 10, 10, 0, 0)]);
        Assert.Equal(["丁", "甲", "乙", "丙"], ranked.Select(u => u.Name));
    }

    [Theory]
    [InlineData(0, "A")]
    [InlineData(25, "Z")]
    [InlineData(26, "AA")]
    [InlineData(27, "AB")]
    [InlineData(701, "ZZ")]
    [InlineData(702, "AAA")]
    public void Spreadsheet_columns_are_lettered_as_excel_does(int index, string name) => Assert.Equal(name, XlsxWriter.Column(index));

    [Fact]
    public void Figures_read_as_the_seeds_write_them()
    {
        Indicator I(long n, long d, bool average = false) => new("x", "x", Side.All, new Ratio(n, d), average, "", "", "");
        Assert.Equal("79.3%", FigureText.Value(I(218, 275)));
        Assert.Equal("11.4天", FigureText.Value(I(4418, 387, average: true)));
        Assert.Equal("—", FigureText.Value(I(0, 0)));
        Assert.Equal("100.0%", FigureText.Value(I(3, 3)));
        Assert.Equal(-2.4m, FigureText.Change(I(200, 260), I(218, 275)));
        Assert.Null(FigureText.Change(I(1, 2), I(0, 0)));
        Assert.Equal("ab", XlsxWriter.XmlSafe("a\u0001b"));
    }
}
