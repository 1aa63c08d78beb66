using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Xinfang.Web.Identity;

/// <summary>
/// A person holding more than one role acts in one at a time (ADR 0126): this switches the role of the current
/// sign-in. The session's row records it and the cookie is re-issued with the new role claim; nothing else
/// changes — the session stays the same one, the security stamp is untouched, other sign-ins keep their role.
/// Only a role the person holds may be chosen.
/// </summary>
public sealed class SwitchRole(IHttpContextAccessor accessor, UserManager<StaffUser> users, StaffSessions sessions, CurrentStaff staff)
{
    /// <summary>Null when switched; otherwise the Chinese reason it was refused.</summary>
    public async Task<string?> SwitchAsync(string? roleName)
    {
        var http = accessor.HttpContext;
        if (http is null || !staff.IsSignedIn || StaffSessions.IdOf(http.User) is not { } sessionId)
        {
            return "请先登录";
        }

        if (!Enum.TryParse<StaffRole>(roleName, out var role) || !Enum.IsDefined(role) || roleName!.Any(char.IsDigit))
        {
            return "请选择身份";
        }

        // The account, not the cookie, says what is held now: a role an administrator took away cannot be chosen.
        if (await users.FindByIdAsync(staff.UserId) is not { Disabled: false } user || !user.Holds(role))
        {
            return $"您不具有「{StaffUser.RoleName(role)}」身份，不能切换";
        }

        await sessions.SetActiveRoleAsync(sessionId, role);
        var current = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var principal = StaffSessions.WithRole(http.User.Clone(), role);
        await http.SignInAsync(IdentityConstants.ApplicationScheme, principal, current.Properties);
        http.User = principal;
        return null;
    }
}
