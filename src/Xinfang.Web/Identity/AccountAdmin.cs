using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Xinfang.Web.Identity;

/// <summary>
/// Administrators disable and re-enable staff accounts and force a password reset (issue 9 finding 6; pages
/// come with the workbench issue). Disabling or resetting ends the account's sessions at once
/// (<see cref="StaffSessions"/>); a reset gives a one-time temporary password that the staff member must
/// replace at the next sign-in (<see cref="AccountGate"/>). An administrator cannot disable their own account.
/// </summary>
public static class AccountAdmin
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/admin/accounts/{userName}").RequireAuthorization().DisableAntiforgery().WithTags("账号管理");
        api.MapPost("/disable", (string userName, HttpContext http, CurrentStaff staff, UserManager<StaffUser> users, StaffSessions sessions) =>
            ChangeAsync(userName, staff, users, async user =>
            {
                if (user.Id == staff.UserId)
                {
                    return TypedResults.Problem(statusCode: 409, title: "不能停用自己的账号", detail: "请由另一位管理员停用");
                }

                user.Disabled = true;
                await users.UpdateSecurityStampAsync(user);
                await sessions.EndAllAsync(user.Id, null, "disabled");
                return Results.NoContent();
            })).WithSummary("停用账号（其会话立即失效）").Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/enable", (string userName, CurrentStaff staff, UserManager<StaffUser> users) =>
            ChangeAsync(userName, staff, users, async user =>
            {
                user.Disabled = false;
                var updated = await users.UpdateAsync(user);
                return updated.Succeeded ? Results.NoContent() : Results.Problem(statusCode: 409, title: "未能启用账号");
            })).WithSummary("重新启用账号").Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/password-reset", (string userName, CurrentStaff staff, UserManager<StaffUser> users, StaffSessions sessions) =>
            ChangeAsync(userName, staff, users, async user =>
            {
                var temporary = TemporaryPassword();
                var reset = await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), temporary);
                if (!reset.Succeeded)
                {
                    return Results.Problem(statusCode: 409, title: "未能重置密码", detail: string.Join("；", reset.Errors.Select(PasswordErrors.Describe)));
                }

                user.MustChangePassword = true; // after the store cleared it for the new hash
                await users.UpdateAsync(user);
                await sessions.EndAllAsync(user.Id, null, "password-reset");
                return Results.Ok(new ResetAnswer(temporary));
            })).WithSummary("强制重置密码（返回一次性临时密码；其会话立即失效，下次登录须先设新密码）").Produces<ResetAnswer>()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    public sealed record ResetAnswer(string TemporaryPassword);

    private static async Task<IResult> ChangeAsync(string userName, CurrentStaff staff, UserManager<StaffUser> users, Func<StaffUser, Task<IResult>> change)
    {
        if (staff.Role != StaffRole.Administrator)
        {
            return TypedResults.Problem(statusCode: 403, title: "无权管理账号", detail: "只有管理员可以停用账号或重置密码");
        }

        if (userName.Length > 64 || await users.FindByNameAsync(userName) is not { } user)
        {
            return TypedResults.Problem(statusCode: 404, title: "账号不存在", detail: $"没有用户名为「{(userName.Length > 64 ? userName[..64] : userName)}」的账号");
        }

        return await change(user);
    }

    /// <summary>20 random characters from all four classes (meets the password policy).</summary>
    private static string TemporaryPassword()
    {
        const string lower = "abcdefghijkmnpqrstuvwxyz", upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", digits = "23456789", symbols = "-_!@#%";
        const string all = lower + upper + digits + symbols;
        var chars = new char[20];
        chars[0] = lower[RandomNumberGenerator.GetInt32(lower.Length)];
        chars[1] = upper[RandomNumberGenerator.GetInt32(upper.Length)];
        chars[2] = digits[RandomNumberGenerator.GetInt32(digits.Length)];
        chars[3] = symbols[RandomNumberGenerator.GetInt32(symbols.Length)];
        for (var i = 4; i < chars.Length; i++)
        {
            chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        }

        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }
}
