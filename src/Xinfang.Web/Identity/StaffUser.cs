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

/// <summary>A staff account: one person, one organisation, one role there.</summary>
public sealed class StaffUser : IdentityUser
{
    public string DisplayName { get; set; } = string.Empty;

    public Guid OrganizationId { get; set; }

    public StaffRole Role { get; set; }

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
