using Xinfang.Domain.Petitions;
using Xinfang.Web.Identity;

namespace Xinfang.Web.Casework;

/// <summary>
/// Who may see and act on an item, by the staff member's organisation and the item's relations to
/// organisations. This is the spine's rule (the organisation that holds an item acts on it); the
/// full role × relation matrix, with whistleblower confidentiality, is issue 4's.
/// </summary>
public static class PetitionAccess
{
    public static bool MayView(CurrentStaff staff, Petition p) =>
        staff.IsSignedIn && RelatedOrganizations(p).Contains(staff.OrganizationId);

    public static bool MayAct(CurrentStaff staff, Petition p, PetitionAction action)
    {
        if (!staff.IsSignedIn)
        {
            return false;
        }

        var org = staff.OrganizationId;
        return action switch
        {
            // The forwarding bureau verifies an objection (条例 Art. 23 ¶3).
            PetitionAction.ApproveObjection or PetitionAction.RejectObjection => org == p.DispatchingOrganizationId,
            // The petitioner's own acts, recorded by staff of the body that holds or registered the item
            // (e.g. a rating given on the phone); the petitioner uses the portal with the query code.
            PetitionAction.Rate or PetitionAction.RequestReview or PetitionAction.RequestReReview =>
                org == p.CurrentOrganizationId || org == p.RegisteringOrganizationId,
            // Art. 34: only the unit's head approves an extension.
            PetitionAction.Extend => org == p.CurrentOrganizationId && staff.Role is StaffRole.UnitHead or StaffRole.Leader,
            _ => org == p.CurrentOrganizationId,
        };
    }

    public static IReadOnlyCollection<Guid> RelatedOrganizations(Petition p)
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
