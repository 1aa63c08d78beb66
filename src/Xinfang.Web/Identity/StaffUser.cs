using Microsoft.AspNetCore.Identity;

namespace Xinfang.Web.Identity;

/// <summary>The roles of domain.md §1, held per organisation.</summary>
public enum StaffRole
{
    Registrar,
    Handler,
    UnitHead,
    Supervisor,
    Leader,
    Reviewer,
    Administrator,
}

/// <summary>
/// A staff account: one person, one organisation, one or more roles there (ADR 0126). The person acts in one
/// role at a time — the active role, kept in the sign-in's <see cref="StaffSession"/> and in the cookie's role
/// claim — so every rule keeps reading one role.
/// </summary>
public sealed class StaffUser : IdentityUser
{
    public string DisplayName { get; set; } = string.Empty;

    public Guid OrganizationId { get; set; }

    /// <summary>The primary role: the one a sign-in starts in, and the first of <see cref="Roles"/>.</summary>
    public StaffRole Role { get; set; }

    /// <summary>The further roles held, comma-separated role names (stored; read through <see cref="Roles"/>).</summary>
    public string OtherRoles { get; set; } = string.Empty;

    /// <summary>Every role held: the primary first, then the others in the order of <see cref="StaffRole"/>.</summary>
    public IReadOnlyList<StaffRole> Roles => [Role, .. ParseRoles(OtherRoles).Where(r => r != Role).Distinct().Order()];

    public bool Holds(StaffRole role) => Roles.Contains(role);

    /// <summary>
    /// <see cref="Holds"/> as a query over stored accounts (primary role or one of the further roles): role names share
    /// no substring, so a name inside the comma-separated list is the role held.
    /// </summary>
    public static System.Linq.Expressions.Expression<Func<StaffUser, bool>> Holding(StaffRole role)
    {
        var name = role.ToString();
        return u => u.Role == role || u.OtherRoles.Contains(name);
    }

    /// <summary>Sets the roles held; the primary is kept when still held, otherwise the first of the set becomes it.</summary>
    public void SetRoles(IEnumerable<StaffRole> roles)
    {
        var held = roles.Distinct().Order().ToList();
        if (held.Count == 0)
        {
            throw new ArgumentException("A person holds at least one role.", nameof(roles));
        }

        Role = held.Contains(Role) ? Role : held[0];
        OtherRoles = string.Join(',', held.Where(r => r != Role));
    }

    public static IEnumerable<StaffRole> ParseRoles(string? text) =>
        (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => Enum.TryParse<StaffRole>(t, out var r) && Enum.IsDefined(r) ? r : (StaffRole?)null)
            .OfType<StaffRole>();

    /// <summary>Disabled by an administrator: cannot sign in, and its sessions ended when it was disabled.</summary>
    public bool Disabled { get; set; }

    /// <summary>Set by an administrator's password reset: after signing in, the only thing allowed is choosing a new password.</summary>
    public bool MustChangePassword { get; set; }

    public static string RoleName(StaffRole role) => role switch
    {
        StaffRole.Registrar => "登记人员",
        StaffRole.Handler => "承办人",
        StaffRole.UnitHead => "单位负责人",
        StaffRole.Supervisor => "督办人员",
        StaffRole.Leader => "领导",
        StaffRole.Reviewer => "复查复核人员",
        _ => "管理员",
    };
}
