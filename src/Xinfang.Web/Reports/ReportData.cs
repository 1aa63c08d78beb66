using Microsoft.EntityFrameworkCore;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;
using Xinfang.Web.Statistics;

namespace Xinfang.Web.Reports;

/// <summary>What a filter came to: a scope to compute, or a Chinese 400, or a 403.</summary>
public sealed record FilterOutcome(ParsedFilter? Filter, RequestErrors Errors, bool Forbidden, string? ForbiddenReason);

/// <summary>
/// The one way the dashboard, the exports, the report page, its API and the command read the numbers: through
/// <see cref="IIndicatorSource"/> only (it decides what the caller may see), for the filter's scope and the same
/// period a year earlier. The source is resolved only once a filter was understood, so a refused request
/// never reaches it.
/// </summary>
public sealed class ReportData(IServiceProvider services, OrganizationDirectory directory, AppDbContext db, CurrentStaff staff, TimeProvider clock)
{
    /// <summary>The organisations the caller may choose: their own and everything below it, in division order.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name)>> OrganizationsAsync(CancellationToken ct)
    {
        var subtree = directory.Subtree(staff.OrganizationId);
        var rows = await db.Organizations.AsNoTracking().OrderBy(o => o.DivisionCode).ThenBy(o => o.Code)
            .Select(o => new { o.Id, o.Name }).ToListAsync(ct);
        return rows.Where(o => subtree.Contains(o.Id)).Select(o => (o.Id, o.Name)).ToList();
    }

    public async Task<FilterOutcome> ParseAsync(StatisticsFilter filter, bool defaultToThisYear, CancellationToken ct)
    {
        if (!staff.IsSignedIn || !StatisticsAccess.MayRead(staff.Role))
        {
            return new FilterOutcome(null, new RequestErrors(), true, StatisticsAccess.NotAllowed);
        }

        var names = (await OrganizationsAsync(ct)).ToDictionary(o => o.Id, o => o.Name);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
        var (parsed, errors, forbidden) = StatisticsAccess.Parse(filter, staff.OrganizationId, directory, id => names.GetValueOrDefault(id), today, defaultToThisYear);
        return new FilterOutcome(parsed, errors, forbidden, forbidden ? StatisticsAccess.OutsideSubtree : null);
    }

    public async Task<ReportFigures> FiguresAsync(ParsedFilter filter, CancellationToken ct)
    {
        var source = services.GetRequiredService<IIndicatorSource>();
        var current = await source.ComputeAsync(filter.Scope, ct);
        var lastYear = await source.ComputeAsync(filter.Scope.YearEarlier(), ct);
        return new ReportFigures(filter with { OrganizationName = current.OrganizationName is { Length: > 0 } n ? n : filter.OrganizationName }, current, lastYear)
        {
            // reception (issue 14): its own query, the same scope and the same readers.
            Reception = await services.GetRequiredService<Reception.ReceptionFigures>().ComputeAsync(filter.Scope, ct),
            OwnershipTables = await Ownership.OwnershipFigures.TablesAsync(db, directory, filter.Scope, ct), // ownership (issue 14)
            CoHandlingTables = await CoHandling.CoHandlingFigures.TablesAsync(db, directory, filter.Scope, CoHandling.CoHandlingView.Today(clock), ct), // cohandling (issue 14)
            Campaigns = await Campaigns.CampaignFigures.CountAsync(db, directory, filter.Scope, Domain.Deadlines.DeadlineTime.LocalDate(clock.GetUtcNow()), ct), // campaigns (issue 14)
            Legal = await services.GetRequiredService<Legal.LegalFigures>().ComputeAsync(filter.Scope, ct), // legal (issue 14)
            Screening = await Screening.ScreeningFigures.ComputeAsync(db, directory, filter.Scope, Domain.Deadlines.DeadlineTime.LocalDate(clock.GetUtcNow()), ct), // screening (issue 14)
            DutyTables = await Duty.DutyHome.ReportTablesAsync(services, filter.Scope, ct), // duty (issue 14)
            Mediation = await Mediation.MediationFigures.CountAsync(db, directory, filter.Scope, ct), // mediation (issue 14): the scope was checked by ParseAsync
        };
    }

    public Task<IReadOnlyList<ItemBehindFigure>> ItemsAsync(ParsedFilter filter, string code, FigurePart part, CancellationToken ct) =>
        services.GetRequiredService<IIndicatorSource>().ItemsBehindAsync(filter.Scope, code, part, ct);
}

/// <summary>The Chinese names of the contract's codes, for drill-down titles before any figure is computed.</summary>
public static class FigureNames
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        [IndicatorCodes.TimelyAcceptance] = "及时受理率",
        [IndicatorCodes.OnTimeClosure] = "按期办结率",
        [IndicatorCodes.Participation] = "参评率",
        [IndicatorCodes.Satisfaction] = "满意率",
        [IndicatorCodes.Repeat] = "重复信访率",
        [IndicatorCodes.OnlineShare] = "网上信访占比",
        [IndicatorCodes.AverageDays] = "平均办理天数",
        [IndicatorCodes.FirstTimeClosure] = "一次性办结率",
        [IndicatorCodes.Resolution] = "化解率",
        [CountCodes.Forwarded] = "转送",
        [CountCodes.Assigned] = "交办",
        [CountCodes.Supervised] = "督办",
        [CountCodes.NotTakenUp] = "不予受理",
        [CountCodes.NotTakenUpAgain] = "不再受理",
        [CountCodes.Collective] = "集体访",
        [CountCodes.SkipLevel] = "越级访",
        [CountCodes.Reviews] = "复查",
        [CountCodes.ReviewsUpheld] = "复查维持",
        [CountCodes.ReviewsRevoked] = "复查撤销",
        [CountCodes.ReviewsChanged] = "复查变更",
        [CountCodes.ReReviews] = "复核",
        [CountCodes.ReReviewsUpheld] = "复核维持",
        [CountCodes.ReReviewsRevoked] = "复核撤销",
        [CountCodes.ReReviewsChanged] = "复核变更",
        [CountCodes.Recommendations] = "提出建议",
        [CountCodes.RecommendationsAdopted] = "建议被采纳",
    };

    public static string? Of(string? code) => code is not null && Names.TryGetValue(code, out var name) ? name : null;

    public static FigurePart? Part(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "numerator" => FigurePart.Numerator,
        "denominator" => FigurePart.Denominator,
        _ => null,
    };

    public static string PartName(FigurePart part) => part == FigurePart.Numerator ? "分子" : "分母";
}
