using Xinfang.Domain.Petitions;

namespace Xinfang.Web.TextAnalysis;

/// <summary>The scope rule of <c>SearchPetitions</c> as a query filter: items related to the staff member's organisation.</summary>
public static class TextScope
{
    public static IQueryable<Petition> RelatedTo(this IQueryable<Petition> query, Guid org) =>
        query.Where(p => p.RegisteringOrganizationId == org || p.CurrentOrganizationId == org || p.DispatchingOrganizationId == org
            || p.HandlingOrganizationId == org || p.ReviewOrganizationId == org || p.ReReviewOrganizationId == org);
}
