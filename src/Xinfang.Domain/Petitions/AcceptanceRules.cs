using Xinfang.Domain.Organizations;

namespace Xinfang.Domain.Petitions;

/// <summary>What the registrar linked the new item to (its 初件), as far as the rules need it.</summary>
public sealed record EarlierItem(
    Guid Id,
    string Number,
    PetitionState State,
    bool ReReviewed,
    bool HandlingOverdue,
    OrganizationLevel HandlingLevel,
    string HandlingOrganizationName);

/// <summary>A rule that applies to a newly registered item, and the outcome it leads to.</summary>
public sealed record AcceptanceFinding(PetitionAction Outcome, DeclineRule? Rule, string Reason, string WhereToGo);

/// <summary>
/// The acceptance rules checked at registration. Each leads to a recorded outcome with a written
/// notice (不予受理, 不再受理, or guidance to 政法) — never to a refusal to register (Art. 22, 44).
/// </summary>
public static class AcceptanceRules
{
    private static readonly PetitionState[] BeingHandled =
    [
        PetitionState.Forwarded, PetitionState.Assigned, PetitionState.Accepted, PetitionState.Handling, PetitionState.Decided,
    ];

    public static AcceptanceFinding? Check(PetitionIntake intake, Organization registering, EarlierItem? earlier)
    {
        ArgumentNullException.ThrowIfNull(intake);
        ArgumentNullException.ThrowIfNull(registering);

        // 条例 Art. 36 ¶3: once re-reviewed, the same facts and reasons are not accepted again, anywhere.
        if (earlier is { ReReviewed: true })
        {
            return new AcceptanceFinding(PetitionAction.RefuseAgain, DeclineRule.AfterReReview,
                $"该事项（编号{earlier.Number}）已经复核，以同一事实和理由再次提出", "如有新的事实和理由，可向原办理机关提出");
        }

        // 条例 Art. 19 ¶3: accepted or being handled, raised again with a higher level within its period.
        if (earlier is not null && BeingHandled.Contains(earlier.State) && !earlier.HandlingOverdue && registering.Level < earlier.HandlingLevel)
        {
            return new AcceptanceFinding(PetitionAction.Decline, DeclineRule.AlreadyBeingHandled,
                $"该事项（编号{earlier.Number}）已由{earlier.HandlingOrganizationName}受理并在办理期限内，在期限内向上级机关再次提出同一事项",
                $"{earlier.HandlingOrganizationName}（可凭原编号和查询码查询办理进展）");
        }

        if (intake.Form == PetitionForm.Visit)
        {
            // 条例 Art. 20 ¶2, 22 ¶2: a litigation-related visitor is explained to and guided to 政法.
            if (intake.LitigationRelated)
            {
                return new AcceptanceFinding(PetitionAction.GuideToPoliticalLegal, null,
                    "走访反映的问题属于涉法涉诉事项，应当依照法律法规规定的程序向有关政法部门提出", "同级政法部门（法院、检察院、公安机关、司法行政机关）");
            }

            // 条例 Art. 20 ¶1 and the 逐级走访 practice [P]: visit the competent body at the problem's
            // own level or one level up; a visit that skips levels is not accepted, and told where to go.
            if (LevelOf(intake.IssueLocationCode) is { } issueLevel && registering.Level < issueLevel - 1)
            {
                var own = Organization.LevelName(issueLevel);
                var above = Organization.LevelName(issueLevel - 1);
                return new AcceptanceFinding(PetitionAction.Decline, DeclineRule.SkippedLevelVisit,
                    $"问题属地为{own}级（{intake.IssueLocationCode}），越级走访至{Organization.LevelName(registering.Level)}级",
                    $"问题属地{own}级或{above}级有权处理的机关设立或者指定的接待场所");
            }
        }

        return null;
    }

    /// <summary>The level of a division code: xx0000 province, xxxx00 city, other 6 digits county, 9 digits township.</summary>
    public static OrganizationLevel? LevelOf(string? divisionCode) => divisionCode switch
    {
        { Length: 6 } c when c.EndsWith("0000", StringComparison.Ordinal) => OrganizationLevel.Province,
        { Length: 6 } c when c.EndsWith("00", StringComparison.Ordinal) => OrganizationLevel.City,
        { Length: 6 } => OrganizationLevel.County,
        { Length: 9 or 12 } => OrganizationLevel.Township,
        _ => null,
    };
}
