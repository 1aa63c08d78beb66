using Xinfang.Domain.Statistics;
using Xinfang.Web.Data;

namespace Xinfang.Web.Statistics;

/// <summary>
/// The numbers (issue 12, domain.md §9): indicators for an organisation subtree and a period, each with
/// its numerator, denominator and the items behind it. The dashboard, exports and the annual report
/// (module Reports) read them through <see cref="IIndicatorSource"/>. Definitions: docs/domain/statistics.md;
/// the fact table and how it stays right: ADR 0080; the 化解情况: ADR 0081. Config <c>Xinfang:Statistics</c>: <c>AverageDaysIn</c>
/// (Calendar|Working), <c>FirstTimeExcludesLaterRepeats</c> (true), <c>ExcludeLitigationRelated</c> (true),
/// <c>CatchUpAtStart</c> (true), <c>WarmAtStart</c> (true: the kept copy of the aggregates parsed before serving, ADR 0162).
/// </summary>
public static class StatisticsModule
{
    public static WebApplicationBuilder AddStatistics(this WebApplicationBuilder builder)
    {
        var s = builder.Services;
        var c = builder.Configuration.GetSection("Xinfang:Statistics");
        s.AddSingleton(new StatisticsSettings
        {
            AverageDaysIn = c.GetValue("AverageDaysIn", DayCount.Calendar),
            FirstTimeExcludesLaterRepeats = c.GetValue("FirstTimeExcludesLaterRepeats", true),
            ExcludeLitigationRelated = c.GetValue("ExcludeLitigationRelated", true),
        });
        s.AddSingleton<StatisticsFactsInterceptor>();
        // Kept in step in the saving SaveChanges, whichever provider is configured (the other registration is unused).
        s.ConfigureDbContext<SqliteAppDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<StatisticsFactsInterceptor>()));
        s.ConfigureDbContext<PostgresAppDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<StatisticsFactsInterceptor>()));
        s.AddSingleton<StatisticsFactsMaintenance>();
        if (c.GetValue("CatchUpAtStart", true))
        {
            s.AddHostedService<StatisticsFactsStartup>();
        }

        s.AddSingleton<AggregateSnapshots>();
        if (c.GetValue("WarmAtStart", true))
        {
            s.AddHostedService<StatisticsWarmUp>(); // after StatisticsFactsStartup: hosted services start in order
        }

        s.AddScoped<IIndicatorSource, IndicatorSource>();
        return builder;
    }

    public static void MapStatistics(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/statistics").RequireAuthorization().DisableAntiforgery().WithTags("统计");
        StatisticsEndpoints.Map(group);
        StatisticsFactsMaintenance.Map(group);
    }
}
