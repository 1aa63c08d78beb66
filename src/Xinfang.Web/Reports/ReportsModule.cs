using System.Globalization;
using Xinfang.Web.Audit;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;
using Xinfang.Web.Statistics;

namespace Xinfang.Web.Reports;

/// <summary>
/// What is made from the numbers (issue 12): the dashboard (/statistics), the .xlsx/.csv exports and the
/// annual report (条例 Art. 41) as a page, by API, as .docx and .md, and as a command. Everything reads the
/// figures through <see cref="IIndicatorSource"/> (module Statistics) via <see cref="ReportData"/>.
/// </summary>
public static class ReportsModule
{
    public static WebApplicationBuilder AddReports(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ReportData>();
        return builder;
    }

    public static void MapReports(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/reports").RequireAuthorization().WithTags("统计报表");

        group.MapGet("/annual", async ([AsParameters] StatisticsFilter filter, ReportData data, CancellationToken ct) =>
            {
                var (figures, refused) = await FiguresAsync(filter, data, ct);
                if (refused is not null)
                {
                    return refused;
                }

                return TypedResults.Ok(AnnualReportView.Of(AnnualReport.Draft(figures!), figures!));
            })
            .WithSummary("信访工作年度报告草稿（条例第四十一条）：各项数字及去年同期，Markdown 正文（year 或 from/to 必填）")
            .Produces<AnnualReportView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("/annual/markdown", async ([AsParameters] StatisticsFilter filter, ReportData data, CancellationToken ct) =>
            {
                var (figures, refused) = await FiguresAsync(filter, data, ct);
                return refused ?? TypedResults.Text(AnnualReport.Draft(figures!).ToMarkdown(), "text/markdown; charset=utf-8");
            })
            .WithSummary("年度报告草稿（Markdown）")
            .Produces<string>(StatusCodes.Status200OK, "text/markdown").ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("/annual/docx", async ([AsParameters] StatisticsFilter filter, ReportData data, AppDbContext db, CurrentStaff staff, AuditLog audit, HttpContext http, CancellationToken ct) =>
            {
                var (figures, refused) = await FiguresAsync(filter, data, ct);
                if (refused is not null)
                {
                    return refused;
                }

                var report = AnnualReport.Draft(figures!);
                await audit.RecordAsync(db, AuditActors.Draft(staff, AuditKinds.Export, null, "统计报表", $"导出年度报告草稿（Word）：{figures!.Filter.Caption}"), ct);
                http.Response.Headers.CacheControl = "no-store";
                return TypedResults.File(DocxWriter.Write(report), DocxWriter.ContentType, $"{FileStem("annual-report", figures.Filter)}.docx");
            })
            .WithSummary("年度报告草稿（Word .docx，供信访部门编辑；记入审计）")
            .Produces<Stream>(StatusCodes.Status200OK, DocxWriter.ContentType).ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("/tables/{table}", async (string table, string? format, [AsParameters] StatisticsFilter filter, ReportData data, AppDbContext db, CurrentStaff staff, AuditLog audit, HttpContext http, CancellationToken ct) =>
            {
                if (!ReportTables.IsKnownKey(table))
                {
                    return Answers.NotFound("统计表");
                }

                if (Format(format) is not { } kind)
                {
                    return new RequestErrors().Add("format", "导出格式应为 xlsx 或 csv").Problem();
                }

                var (figures, refused) = await FiguresAsync(filter, data, ct);
                if (refused is not null)
                {
                    return refused;
                }

                if (ReportTables.Find(figures!, table) is not { } found)
                {
                    return Answers.NotFound("统计表");
                }

                await audit.RecordAsync(db, AuditActors.Draft(staff, AuditKinds.Export, null, "统计报表", $"导出统计表（{kind}）：{figures!.Filter.Caption} {found.Title}"), ct);
                http.Response.Headers.CacheControl = "no-store";
                var stem = FileStem(table, figures.Filter);
                return kind == "csv"
                    ? TypedResults.File(CsvWriter.Write(found, figures.Filter.Caption), CsvWriter.ContentType, stem + ".csv")
                    : TypedResults.File(XlsxWriter.Write(found, figures.Filter.Caption), XlsxWriter.ContentType, stem + ".xlsx");
            })
            .WithSummary("导出统计表（xlsx 或 csv，中文表头，首行为机构和统计期间；记入审计）")
            .Produces<Stream>(StatusCodes.Status200OK, XlsxWriter.ContentType, "text/csv").ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/items", async (string? code, string? part, [AsParameters] StatisticsFilter filter, ReportData data, AppDbContext db, CurrentStaff staff, AuditLog audit, HttpContext http, CancellationToken ct) =>
            {
                var errors = new RequestErrors();
                var name = FigureNames.Of(code);
                var which = FigureNames.Part(part);
                if (name is null)
                {
                    errors.Add("code", "指标代码无效");
                }

                if (which is null)
                {
                    errors.Add("part", "part 应为 numerator（分子）或 denominator（分母）");
                }

                var outcome = await data.ParseAsync(filter, defaultToThisYear: false, ct);
                if (outcome.Forbidden)
                {
                    return Answers.Forbidden(outcome.ForbiddenReason!);
                }

                foreach (var (field, messages) in outcome.Errors.ByField)
                {
                    messages.ForEach(m => errors.Add(field, m));
                }

                if (errors.Any)
                {
                    return errors.Problem();
                }

                var items = await data.ItemsAsync(outcome.Filter!, code!, which!.Value, ct);
                var title = $"{name}（{FigureNames.PartName(which.Value)}）明细";
                await audit.RecordAsync(db, AuditActors.Draft(staff, AuditKinds.Export, null, "统计报表", $"导出指标明细：{outcome.Filter!.Caption} {title}，{items.Count}件"), ct);
                http.Response.Headers.CacheControl = "no-store";
                return TypedResults.File(XlsxWriter.Write(ReportTables.ItemsTable(title, items), outcome.Filter.Caption), XlsxWriter.ContentType,
                    $"{FileStem(code! + "-" + which.Value.ToString().ToLowerInvariant(), outcome.Filter)}.xlsx");
            })
            .WithSummary("导出某项指标分子或分母所含的信访件（xlsx，仅本人可见范围；记入审计）")
            .Produces<Stream>(StatusCodes.Status200OK, XlsxWriter.ContentType).ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
    }

    /// <summary>The figures for a filter given in full (no default period: a file says what it is of), or the refusal.</summary>
    private static async Task<(ReportFigures? Figures, IResult? Refused)> FiguresAsync(StatisticsFilter filter, ReportData data, CancellationToken ct)
    {
        var outcome = await data.ParseAsync(filter, defaultToThisYear: false, ct);
        if (outcome.Forbidden)
        {
            return (null, Answers.Forbidden(outcome.ForbiddenReason!));
        }

        if (outcome.Errors.Any)
        {
            return (null, outcome.Errors.Problem());
        }

        return (await data.FiguresAsync(outcome.Filter!, ct), null);
    }

    private static string? Format(string? format) => (format ?? "xlsx").Trim().ToLowerInvariant() switch
    {
        "xlsx" => "xlsx",
        "csv" => "csv",
        _ => null,
    };

    internal static string FileStem(string what, ParsedFilter filter) =>
        $"xinfang-{what}-{filter.Scope.From.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}-{filter.Scope.To.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}";
}

/// <summary>The annual report by API: its title, scope, the Markdown text, and every figure with its workings and last year's value.</summary>
public sealed record AnnualReportView(string Title, string OrganizationName, DateOnly From, DateOnly To, string Markdown, IReadOnlyList<AnnualReportView.Figure> Figures)
{
    public sealed record Figure(string Code, string Name, string Side, decimal? Value, long Numerator, long Denominator, bool IsAverage, decimal? LastYear);

    public static AnnualReportView Of(AnnualReport report, ReportFigures f) => new(
        report.Title, f.Filter.OrganizationName, f.Filter.Scope.From, f.Filter.Scope.To, report.ToMarkdown(),
        f.Current.Indicators.Select(i => new Figure(i.Code, i.Name, FigureText.SideName(i.Side), FigureText.Number(i), i.Value.Numerator, i.Value.Denominator, i.IsAverage,
            f.LastYearIndicator(i) is { } before ? FigureText.Number(before) : null)).ToList());
}
