using Xinfang.Domain.Organizations;

namespace Xinfang.Domain.Petitions;

/// <summary>
/// 复查/复核结论 (issue 12, ADR 0084): what the review body decided about the opinion under review — the
/// 信访处理意见 for a 复查 (条例 Art. 35), the 复查意见 for a 复核 (Art. 36). The 条例 requires the opinion
/// in writing but names no outcomes; 维持 / 撤销 / 变更 are the ones issue 12 and domain.md §9 count
/// (the words of review practice, as in administrative review). 部分变更 is not added: no text we hold
/// names it, and a partial change is a 变更.
/// </summary>
public enum ReviewOutcome
{
    /// <summary>维持: the opinion under review stands.</summary>
    Upheld = 0,
    /// <summary>撤销: the opinion under review is set aside (the matter is to be handled again).</summary>
    Revoked = 1,
    /// <summary>变更: the review body replaces the opinion under review (in whole or in part) with its own.</summary>
    Changed = 2,
}

/// <summary>
/// 进京访 / 赴省访 (issue 12, ADR 0085, docs/domain/statistics.md): a visit that people of a jurisdiction made to
/// the national or the provincial level. It is recorded on the item that registers the visit — at the bureau
/// visited, or, at a bureau below, on the item the visit came back as (转送/交办 down from above).
/// </summary>
public enum SkipLevelDestination
{
    /// <summary>赴省访: a visit to a provincial body (the provincial petition bureau or another provincial body).</summary>
    Province = 1,
    /// <summary>进京访: a visit to a national body in Beijing (国家信访局 or another central body).</summary>
    Capital = 2,
}

public static partial class CodeNames
{
    public static string Of(ReviewOutcome outcome) => outcome switch
    {
        ReviewOutcome.Upheld => "维持",
        ReviewOutcome.Revoked => "撤销",
        _ => "变更",
    };

    public static string Of(SkipLevelDestination destination) => destination switch
    {
        SkipLevelDestination.Capital => "进京访",
        _ => "赴省访",
    };

    /// <summary>
    /// The outcome in plain words for the petitioner (/track, the history): what happened to which opinion.
    /// <paramref name="reReview"/>: a 复核 reviews the 复查意见, a 复查 the 信访处理意见.
    /// </summary>
    public static string PlainWords(ReviewOutcome outcome, bool reReview)
    {
        var under = reReview ? "复查意见" : "原处理意见";
        return outcome switch
        {
            ReviewOutcome.Upheld => $"维持{under}",
            ReviewOutcome.Revoked => $"撤销{under}",
            _ => $"变更{under}",
        };
    }
}

/// <summary>Where 进京/赴省访 may be recorded (ADR 0085).</summary>
public static class SkipLevelRules
{
    /// <summary>The request field the destination is typed in (a refusal is a 400 naming it).</summary>
    public const string Field = "skipLevelDestination";

    /// <summary>The level a destination is at.</summary>
    public static OrganizationLevel LevelOf(SkipLevelDestination destination) =>
        destination == SkipLevelDestination.Capital ? OrganizationLevel.National : OrganizationLevel.Province;

    /// <summary>
    /// Why <paramref name="destination"/> may not be recorded on an item of this form registered at this level,
    /// or null when it may: only a visit (来访, 条例 Art. 20 — the people came in person) is a 进京/赴省访, and only a
    /// body at the destination's level or below registers one (a national body does not receive a 赴省访).
    /// </summary>
    public static DomainRuleViolation? Refusal(SkipLevelDestination? destination, PetitionForm form, OrganizationLevel registeringLevel)
    {
        if (destination is not { } d)
        {
            return null;
        }

        if (!Enum.IsDefined(d))
        {
            return new("skip-level-destination-invalid", "进京赴省访类别无效", Field);
        }

        if (form != PetitionForm.Visit)
        {
            return new("skip-level-not-visit", $"{CodeNames.Of(d)}只适用于来访（信访人到{(d == SkipLevelDestination.Capital ? "北京" : "省级机关")}走访）", Field);
        }

        return registeringLevel < LevelOf(d)
            ? new("skip-level-above-registrar", $"本机关层级高于{(d == SkipLevelDestination.Capital ? "国家" : "省")}级，不能登记{CodeNames.Of(d)}", Field)
            : null;
    }
}
