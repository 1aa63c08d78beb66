using Xinfang.Domain.Organizations;
using Xinfang.Web.Common;
using Xinfang.Web.Identity;

namespace Xinfang.Web.Supervision;

/// <summary>
/// A bureau's jurisdiction: itself and every organisation below it in the tree (<see cref="Organization.ParentId"/>).
/// Read from the <see cref="OrganizationDirectory"/> held in memory.
/// </summary>
public sealed class Jurisdiction
{
    private readonly IReadOnlySet<Guid> _organizations;
    private readonly OrganizationDirectory _directory;

    private Jurisdiction(Guid organizationId, OrganizationKind kind, IReadOnlySet<Guid> organizations, OrganizationDirectory directory)
    {
        OrganizationId = organizationId;
        Kind = kind;
        _organizations = organizations;
        _directory = directory;
    }

    public Guid OrganizationId { get; }

    public OrganizationKind Kind { get; }

    public IReadOnlyCollection<Guid> Organizations => _organizations;

    /// <summary>Whether the organisation exists at all, to tell an unknown id (400) from one outside the jurisdiction.</summary>
    public bool IsKnown(Guid organizationId) => _directory.Contains(organizationId);

    /// <summary>条例 Art. 40: 党委和政府信访部门 supervise; Art. 39 ¶3: the joint meeting takes measures.</summary>
    public bool IsSupervisingBody => Kind is OrganizationKind.PetitionBureau or OrganizationKind.JointMeeting;

    public bool Covers(Guid organizationId) => _organizations.Contains(organizationId);

    /// <summary>The jurisdiction of an organisation, read from the organisation tree held in memory.</summary>
    public static Task<Jurisdiction> LoadAsync(OrganizationDirectory directory, Guid organizationId, CancellationToken ct)
    {
        _ = ct;
        var set = directory.Subtree(organizationId);
        var kind = directory.KindOf(organizationId) ?? OrganizationKind.ResponsibleUnit;
        return Task.FromResult(new Jurisdiction(organizationId, kind, set, directory));
    }

}

/// <summary>Who may do what in supervision. Reading the lists: staff of a supervising body; issuing: its supervisors and leaders.</summary>
public static class SupervisionAccess
{
    public const string AddresseeMayNotSee = "该单位无权查阅此信访件（检举控告不得交被检举控告的单位及其下属单位，《信访工作条例》第三十条第三款），不能作为督办或建议对象";

    public static bool MayIssue(CurrentStaff staff, Jurisdiction j) =>
        staff.IsSignedIn && j.IsSupervisingBody && staff.Role is StaffRole.Supervisor or StaffRole.Leader;

    public static IResult? RequireIssuer(CurrentStaff staff, Jurisdiction j) =>
        MayIssue(staff, j) ? null : Answers.Forbidden("只有信访部门（联席会议）的督办人员或领导可以执行该操作");

    public static IResult? RequireSupervisingBody(CurrentStaff staff, Jurisdiction j) =>
        staff.IsSignedIn && j.IsSupervisingBody ? null : Answers.Forbidden("只有信访部门（联席会议）的工作人员可以查看督办清单");
}
