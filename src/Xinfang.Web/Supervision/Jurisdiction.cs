using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Organizations;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;

namespace Xinfang.Web.Supervision;

/// <summary>
/// A bureau's jurisdiction: itself and every organisation below it in the tree (<see cref="Organization.ParentId"/>).
/// The tree is small (thousands of rows at most), so it is read whole and walked in memory.
/// </summary>
public sealed class Jurisdiction
{
    private readonly HashSet<Guid> _organizations;

    private Jurisdiction(Guid organizationId, OrganizationKind kind, HashSet<Guid> organizations, IReadOnlySet<Guid> known)
    {
        OrganizationId = organizationId;
        Kind = kind;
        _organizations = organizations;
        Known = known;
    }

    public Guid OrganizationId { get; }

    public OrganizationKind Kind { get; }

    public IReadOnlyCollection<Guid> Organizations => _organizations;

    /// <summary>Every organisation of the tree, to tell an unknown id (400) from one outside the jurisdiction.</summary>
    public IReadOnlySet<Guid> Known { get; }

    /// <summary>条例 Art. 40: 党委和政府信访部门 supervise; Art. 39 ¶3: the joint meeting takes measures.</summary>
    public bool IsSupervisingBody => Kind is OrganizationKind.PetitionBureau or OrganizationKind.JointMeeting;

    public bool Covers(Guid organizationId) => _organizations.Contains(organizationId);

    public static async Task<Jurisdiction> LoadAsync(AppDbContext db, Guid organizationId, CancellationToken ct)
    {
        var tree = await db.Organizations.AsNoTracking().Select(o => new { o.Id, o.ParentId, o.Kind }).ToListAsync(ct);
        var children = tree.Where(o => o.ParentId is not null).ToLookup(o => o.ParentId!.Value, o => o.Id);
        var set = new HashSet<Guid>();
        var queue = new Queue<Guid>();
        if (tree.Any(o => o.Id == organizationId))
        {
            queue.Enqueue(organizationId);
        }

        while (queue.TryDequeue(out var id))
        {
            if (set.Add(id))
            {
                foreach (var child in children[id])
                {
                    queue.Enqueue(child);
                }
            }
        }

        var kind = tree.FirstOrDefault(o => o.Id == organizationId)?.Kind ?? OrganizationKind.ResponsibleUnit;
        return new Jurisdiction(organizationId, kind, set, tree.Select(o => o.Id).ToHashSet());
    }
}

/// <summary>Who may do what in supervision. Reading the lists: staff of a supervising body; issuing: its supervisors and leaders.</summary>
public static class SupervisionAccess
{
    public static bool MayIssue(CurrentStaff staff, Jurisdiction j) =>
        staff.IsSignedIn && j.IsSupervisingBody && staff.Role is StaffRole.Supervisor or StaffRole.Leader;

    public static IResult? RequireIssuer(CurrentStaff staff, Jurisdiction j) =>
        MayIssue(staff, j) ? null : Answers.Forbidden("只有信访部门（联席会议）的督办人员或领导可以执行该操作");

    public static IResult? RequireSupervisingBody(CurrentStaff staff, Jurisdiction j) =>
        staff.IsSignedIn && j.IsSupervisingBody ? null : Answers.Forbidden("只有信访部门（联席会议）的工作人员可以查看督办清单");
}
