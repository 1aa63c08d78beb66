using Microsoft.AspNetCore.Identity;
using Xinfang.Web.Common;
using Xinfang.Web.Identity;

namespace Xinfang.Web.Administration;

/// <summary>
/// A staff member changes their own password (<c>POST /api/auth/password</c> and the page <c>/account/password</c>,
/// which is where an administrator's forced reset sends them first). Every other session of the account ends
/// (issue 9 finding 6: a stolen cookie with it); the current one is renewed, and with it the sign-in's gate closes.
/// </summary>
public sealed class ChangeOwnPassword(UserManager<StaffUser> users, SignInManager<StaffUser> signIn, StaffSessions sessions)
{
    public const int MaxLength = 128;

    /// <summary>The errors by field (<c>currentPassword</c>, <c>newPassword</c>), none when changed; null when nobody is signed in.</summary>
    public async Task<RequestErrors?> ChangeAsync(HttpContext http, string? currentPassword, string? newPassword)
    {
        var errors = new RequestErrors()
            .Text(currentPassword, "currentPassword", "当前密码", MaxLength)
            .Text(newPassword, "newPassword", "新密码", MaxLength);
        if (errors.Any)
        {
            return errors;
        }

        if (await users.GetUserAsync(http.User) is not { } user)
        {
            return null;
        }

        var changed = await users.ChangePasswordAsync(user, currentPassword!, newPassword!);
        if (!changed.Succeeded)
        {
            foreach (var e in changed.Errors)
            {
                errors.Add(e.Code == "PasswordMismatch" ? "currentPassword" : "newPassword", PasswordErrors.Describe(e));
            }

            return errors;
        }

        await sessions.EndAllAsync(user.Id, StaffSessions.IdOf(http.User), "password-changed");
        await signIn.RefreshSignInAsync(user);
        return errors;
    }
}
