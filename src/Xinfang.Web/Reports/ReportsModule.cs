namespace Xinfang.Web.Reports;

/// <summary>
/// What is made from the numbers (issue 12): the dashboard (/statistics), the .xlsx/.csv exports and the
/// annual report (条例 Art. 41) as a page, by API, as .docx and .md, and as a command.
/// </summary>
public static class ReportsModule
{
    public static WebApplicationBuilder AddReports(this WebApplicationBuilder builder) => builder;

    public static void MapReports(this IEndpointRouteBuilder app)
    {
    }
}
