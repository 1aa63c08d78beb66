namespace Xinfang.Web.Statistics;

/// <summary>
/// The numbers (issue 12, domain.md §9): indicators for an organisation subtree and a period, each with
/// its numerator, denominator and the items behind it. The dashboard, exports and the annual report
/// (module Reports) read them through <see cref="IIndicatorSource"/>.
/// </summary>
public static class StatisticsModule
{
    public static WebApplicationBuilder AddStatistics(this WebApplicationBuilder builder) => builder;

    public static void MapStatistics(this IEndpointRouteBuilder app)
    {
    }
}
