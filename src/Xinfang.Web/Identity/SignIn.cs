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
        app.MapPost("/api/auth/login", async (Request request, SignInManager<StaffUser> signIn, Audit.AuditLog audit, Data.AppDbContext db) =>
        {
            var errors = new RequestErrors()
                .Text(request.UserName, "userName", "用户名", 64)
                .Text(request.Password, "password", "密码", 128);
            if (errors.Any)
            {
                return errors.Problem();
            }

            var result = await signIn.PasswordSignInAsync(request.UserName!, request.Password!, isPersistent: false, lockoutOnFailure: true);
            await audit.SignInAsync(db, request.UserName, result, default); // issue 4: audit trail (never the password)
            // With two-factor on, the password is step one; the code goes to /api/auth/login/2fa.
            if (result.RequiresTwoFactor)
            {
                return TypedResults.Problem(statusCode: 401, title: "需要动态验证码", detail: "请提交验证器应用中的6位动态码或恢复码（POST /api/auth/login/2fa）",
                    extensions: new Dictionary<string, object?> { ["code"] = "two-factor-required" });
            }

            return result.Succeeded
                ? Results.NoContent()
                : TypedResults.Problem(statusCode: 401, title: "登录失败", detail: result.IsLockedOut ? "账号已被暂时锁定，请稍后再试" : "用户名或密码错误");
        }).AllowAnonymous().WithTags("登录").DisableAntiforgery().Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status401Unauthorized);

        app.MapPost("/api/auth/logout", async (SignInManager<StaffUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.NoContent();
        }).RequireAuthorization().WithTags("登录").DisableAntiforgery().Produces(StatusCodes.Status204NoContent);

        // The sign-in page posts here (antiforgery checked), then goes to the workbench.
        app.MapPost("/account/login", async (HttpContext http, SignInManager<StaffUser> signIn, Audit.AuditLog audit, Data.AppDbContext db) =>
        {
            var form = await http.Request.ReadFormAsync();
            var user = form["userName"].ToString();
            var password = form["password"].ToString();
            var result = user.Length is > 0 and <= 64 && password.Length is > 0 and <= 128
                ? await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true)
                : Microsoft.AspNetCore.Identity.SignInResult.Failed;
            await audit.SignInAsync(db, user, result, default); // issue 4: audit trail (never the password)
            return Results.LocalRedirect(result.Succeeded ? "/workbench" : result.RequiresTwoFactor ? "/login/2fa" : "/login?failed=1");
        }).AllowAnonymous().RequireFormAntiforgery(); // 2FA step; antiforgery checked

        app.MapPost("/account/logout", async (SignInManager<StaffUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/");
        }).RequireFormAntiforgery(); // trust-surface: antiforgery checked
    }
}
