using Xinfang.Domain.Organizations;

namespace Xinfang.Domain.Petitions;

/// <summary>
/// Where a 复查 or 复核 may be asked — the one rule the API, the petition page and the aggregate
/// share. 条例 Art. 35: 复查 by the 上一级机关、单位 of the body that handled the item (原办理机关);
/// Art. 36: 复核 by the 上一级机关、单位 of the 复查 body. Which bodies are "上一级" is
/// <see cref="OrganizationTree.SuperiorsOf"/>.
/// </summary>
public static class ReviewBodies
{
    /// <summary>The body whose answer the request challenges: the handling body (复查) or the 复查 body (复核).</summary>
    public static Guid? Challenged(Petition petition, PetitionAction action)
    {
        ArgumentNullException.ThrowIfNull(petition);
        return action switch
        {
            PetitionAction.RequestReview => petition.HandlingOrganizationId ?? petition.CurrentOrganizationId,
            PetitionAction.RequestReReview => petition.ReviewOrganizationId,
            _ => throw new ArgumentOutOfRangeException(nameof(action)),
        };
    }

    /// <summary>The bodies a 复查 (<see cref="PetitionAction.RequestReview"/>) or 复核 (<see cref="PetitionAction.RequestReReview"/>) may go to.</summary>
    public static IReadOnlyList<Organization> For(Petition petition, PetitionAction action, OrganizationTree organizations)
    {
        ArgumentNullException.ThrowIfNull(organizations);
        return Challenged(petition, action) is { } challenged ? organizations.SuperiorsOf(challenged) : [];
    }

    /// <summary>Refuses (409, citing the article) a body that is not a 上一级机关 of the challenged one.</summary>
    internal static void Check(Petition petition, PetitionAction action, Organization body, OrganizationTree organizations)
    {
        ArgumentNullException.ThrowIfNull(body);
        var proper = For(petition, action, organizations);
        if (proper.Any(o => o.Id == body.Id))
        {
            return;
        }

        var reReview = action == PetitionAction.RequestReReview;
        var challenged = Challenged(petition, action) is { } c ? organizations.Find(c)?.Name : null;
        var where = proper.Count == 0 ? "系统中没有其上一级机关" : $"即{string.Join("或", proper.Select(o => o.Name))}";
        throw new DomainRuleViolation(reReview ? "re-review-body-not-superior" : "review-body-not-superior",
            $"{(reReview ? "复核应当向复查机关" : "复查应当向原办理机关")}{challenged}的上一级机关、单位提出（{where}），{body.Name}不是（《信访工作条例》第{(reReview ? "三十六" : "三十五")}条）");
    }
}
