using System.Globalization;
using Xinfang.Domain.Deadlines;
using Xinfang.Web.Common;
using Xinfang.Web.Identity;

namespace Xinfang.Web.Statistics;

/// <summary>
/// <c>GET /api/statistics</c> (every figure of a scope) and <c>GET /api/statistics/items</c> (the items behind one
/// figure). The organisation defaults to the caller's own, the period to this year up to today.
/// </summary>
internal static class StatisticsEndpoints
{
    /// <summary>Longest period one request may cover (a dashboard compares at most a few years).</summary>
    public const int MaxYears = 5;

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("", async (string? organization, string? from, string? to, IIndicatorSource source, PetitionGuard guard, TimeProvider clock, CancellationToken ct) =>
        {
            var errors = new RequestErrors();
            var scope = ScopeOf(organization, from, to, guard, clock, errors);
            if (errors.Any || scope is null)
            {
                return errors.Problem();
            }

            try
            {
                return Results.Ok(await source.ComputeAsync(scope, ct));
            }
            catch (StatisticsAccessDenied denied)
            {
                return Answers.Forbidden(denied.Message);
            }
        })
            .WithSummary("统计指标（机构及下属机构、统计期间）").Produces<StatisticsResult>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("/items", async (string? organization, string? from, string? to, string? code, string? part, string? side, IIndicatorSource source, PetitionGuard guard, TimeProvider clock, CancellationToken ct) =>
        {
            var errors = new RequestErrors();
            var scope = ScopeOf(organization, from, to, guard, clock, errors);
            if (string.IsNullOrWhiteSpace(code))
            {
                errors.Add("code", "请指定指标代码");
            }
            else if (!IndicatorSource.IsKnownCode(code))
            {
                errors.Add("code", "指标代码无效");
            }

            FigurePart figurePart = FigurePart.Numerator;
            if (part is not null && !Enum.TryParse(part, ignoreCase: true, out figurePart) || !Enum.IsDefined(figurePart))
            {
                errors.Add("part", "part 应为 numerator（分子）或 denominator（分母）");
            }

            Side? figureSide = null;
            if (side is not null)
            {
                if (Enum.TryParse<Side>(side, ignoreCase: true, out var s) && Enum.IsDefined(s))
                {
                    figureSide = s;
                }
                else
                {
                    errors.Add("side", "side 应为 all、bureau 或 unit");
                }
            }

            if (errors.Any || scope is null)
            {
                return errors.Problem();
            }

            if (guard.Staff is { } staff && IndicatorSource.MayReadStatistics(staff.Role) && !PetitionRules.ReadsItems(staff.Role))
            {
                return Answers.Forbidden("领导查看统计数字，不查看具体信访件");
            }

            try
            {
                return Results.Ok(await source.ItemsBehindAsync(scope, code!, figureSide, figurePart, ct));
            }
            catch (StatisticsAccessDenied denied)
            {
                return Answers.Forbidden(denied.Message);
            }
        })
            .WithSummary("指标背后的信访件（仅限有权查看的件，不含个人信息）").Produces<List<ItemBehindFigure>>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
    }

    /// <summary>The scope asked for, or null with the reasons in <paramref name="errors"/>: dates yyyy-MM-dd in 2000–2099, from ≤ to, at most <see cref="MaxYears"/> years.</summary>
    internal static StatisticsScope? ScopeOf(string? organization, string? from, string? to, PetitionGuard guard, TimeProvider clock, RequestErrors errors)
    {
        var today = DeadlineTime.LocalDate(clock.GetUtcNow());
        Guid org = guard.Staff?.OrganizationId ?? Guid.Empty;
        if (!string.IsNullOrWhiteSpace(organization) && !Guid.TryParse(organization, out org))
        {
            errors.Add("organization", "机构编号格式无效");
        }

        var start = Day(from, "from", "开始日期", new DateOnly(today.Year, 1, 1), errors);
        var end = Day(to, "to", "结束日期", today, errors);
        if (start is null || end is null)
        {
            return null;
        }

        if (start > end)
        {
            errors.Add("from", "开始日期不能晚于结束日期");
        }
        else if (end.Value > start.Value.AddYears(MaxYears).AddDays(-1))
        {
            errors.Add("to", $"统计期间不能超过{MaxYears}年");
        }

        return errors.Any ? null : new StatisticsScope(org, start.Value, end.Value);
    }

    private static DateOnly? Day(string? text, string field, string label, DateOnly fallback, RequestErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            errors.Add(field, $"{label}格式应为yyyy-MM-dd");
            return null;
        }

        if (!DateInput.Contains(day))
        {
            errors.Add(field, DateInput.OutOfRange(label));
            return null;
        }

        return day;
    }
}
