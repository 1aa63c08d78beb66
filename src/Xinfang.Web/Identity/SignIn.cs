using Microsoft.AspNetCore.Identity;
using Xinfang.Web.Common;
using Xinfang.Web.Security;

namespace Xinfang.Web.Identity;

/// <summary>Staff sign-in and sign-out: JSON for the API, a form post for the pages.</summary>
public static class SignIn
{
    public sealed record Request(string? UserName, string? Password);

    public static void Map(IEndpointRouteBuilder app)
    {
        AccountAdmin.Map(app); // disable / enable / force a password reset (issue 9)
        app.MapPost("/api/auth/login", async (Request request, HttpContext http, SignInManager<StaffUser> signIn, SignInThrottle throttle, Audit.AuditLog audit, Data.AppDbContext db) =>
        {
            var errors = new RequestErrors()
                .Text(request.UserName, "userName", "用户名", 64)
                .Text(request.Password, "password", "密码", 128);
            if (errors.Any)
            {
                return errors.Problem();
            }

            var (result, wait) = await PasswordStepAsync(http, signIn, throttle, request.UserName!, request.Password!);
            await audit.SignInAsync(db, request.UserName, result, default); // issue 4: audit trail (never the password)
            if (wait is { } w)
            {
                return new TooManyRequests(w, $"登录失败次数过多，请{TooManyRequests.WaitText(w)}后再试");
            }

            // With two-factor on, the password is step one; the code goes to /api/auth/login/2fa.
            if (result.RequiresTwoFactor)
            {
                return TypedResults.Problem(statusCode: 401, title: "需要动态验证码", detail: "请提交验证器应用中的6位动态码或恢复码（POST /api/auth/login/2fa）",
                    extensions: new Dictionary<string, object?> { ["code"] = "two-factor-required" });
            }

            return result.Succeeded
                ? Results.NoContent()
                : TypedResults.Problem(statusCode: 401, title: "登录失败", detail: result.IsLockedOut ? "账号已被暂时锁定，请稍后再试" : "用户名或密码错误");
            // (IsLockedOut: only after wrong second-step codes, which needed the right password.)
        }).AllowAnonymous().WithTags("登录").DisableAntiforgery().Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        app.MapPost("/api/auth/logout", async (SignInManager<StaffUser> signIn) =>
        {
            await signIn.SignOutAsync(); // ends the server-side session: the cookie is worthless from now on
            return Results.NoContent();
        }).RequireAuthorization(AccountGate.SignedIn).WithTags("登录").DisableAntiforgery().Produces(StatusCodes.Status204NoContent);

        // The sign-in page posts here (antiforgery checked), then goes to the workbench.
        app.MapPost("/account/login", async (HttpContext http, SignInManager<StaffUser> signIn, SignInThrottle throttle, Audit.AuditLog audit, Data.AppDbContext db) =>
        {
            var form = await http.Request.ReadFormAsync();
            var user = form["userName"].ToString();
            var password = form["password"].ToString();
            var (result, wait) = user.Length is > 0 and <= 64 && password.Length is > 0 and <= 128 && !user.Any(char.IsControl)
                ? await PasswordStepAsync(http, signIn, throttle, user, password)
                : (Microsoft.AspNetCore.Identity.SignInResult.Failed, null);
            await audit.SignInAsync(db, user, result, default); // issue 4: audit trail (never the password)
            return Results.LocalRedirect(result.Succeeded ? await HomeOfAsync(signIn, user) : result.RequiresTwoFactor ? "/login/2fa" : wait is not null ? "/login?failed=2" : "/login?failed=1");
        }).AllowAnonymous().RequireFormAntiforgery(); // 2FA step; antiforgery checked

        app.MapPost("/account/logout", async (SignInManager<StaffUser> signIn) => // ends the server-side session
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/");
        }).RequireFormAntiforgery(); // trust-surface: antiforgery checked
    }

    /// <summary>Where a staff member lands after signing in: a leader on the figures (/statistics, issue 12), everyone else on the work list.</summary>
    public static string HomeOf(StaffRole role) => role == StaffRole.Leader ? "/statistics" : "/workbench";

    internal static async Task<string> HomeOfAsync(SignInManager<StaffUser> signIn, string? userName) =>
        userName is not null && await signIn.UserManager.FindByNameAsync(userName) is { } staff ? HomeOf(staff.Role) : "/workbench";

    /// <summary>
    /// The password step of both sign-in forms (issue 9 finding 7): a client in its delay for this name is
    /// answered without a check; otherwise the password is checked (an unknown name costs the same hash,
    /// <see cref="StaffSignInManager"/>) and a failure counted per (name, client) — never a lock of the account
    /// by Identity, so a stranger's wrong passwords cannot keep a colleague out. A wait means "answer 429".
    /// </summary>
    internal static async Task<(Microsoft.AspNetCore.Identity.SignInResult Result, TimeSpan? Wait)> PasswordStepAsync(
        HttpContext http, SignInManager<StaffUser> signIn, SignInThrottle throttle, string userName, string password)
    {
        var ct = http.RequestAborted;
        if (await throttle.WaitAsync(http, userName, ct) is { } wait)
        {
            // Not checked: the audit records it as "locked" (for this client), not as a wrong password.
            return (Microsoft.AspNetCore.Identity.SignInResult.LockedOut, wait);
        }

        var result = await signIn.PasswordSignInAsync(userName, password, isPersistent: false, lockoutOnFailure: false);
        if (result.Succeeded || result.RequiresTwoFactor)
        {
            await throttle.SucceededAsync(http, userName, ct);
            return (result, null);
        }

        return (result, result.IsLockedOut ? null : await throttle.FailedAsync(http, userName, ct));
    }
}
