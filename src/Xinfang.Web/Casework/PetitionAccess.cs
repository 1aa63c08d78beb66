using Xinfang.Domain.Petitions;

namespace Xinfang.Web.Casework;

/// <summary>The organisations an item has been with, for showing their names. Who may see or act is decided in Identity/PetitionAuthorization.cs.</summary>
public static class PetitionRelations
{
    public static IReadOnlyCollection<Guid> Organizations(Petition p)
    {
        var set = new HashSet<Guid> { p.RegisteringOrganizationId, p.CurrentOrganizationId };
        foreach (var id in new[] { p.DispatchingOrganizationId, p.HandlingOrganizationId, p.ReviewOrganizationId, p.ReReviewOrganizationId })
        {
            if (id is { } g)
            {
                set.Add(g);
            }
        }

        return set;
    }
}
