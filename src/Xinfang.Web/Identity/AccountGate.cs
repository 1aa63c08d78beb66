using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace Xinfang.Web.Identity;

/// <summary>
/// What a signed-in account must do before anything else (issue 9 finding 6): turn on two-factor sign-in
/// (its role is in <see cref="AccountOptions.TwoFactorRequiredFor"/>, administrators by default) or choose
/// a new password (after an administrator's reset). The open gate is a claim of the sign-in; the default
/// authorization policy — the one every <c>RequireAuthorization()</c> endpoint and <c>[Authorize]</c> page
/// uses — refuses a principal with one, so a new endpoint is covered without touching it. Only the
/// endpoints that close the gate (two-factor setup, password change, sign-out, the account-security page)
/// use <see cref="SignedIn"/>, which lets it through.
/// </summary>
public static class AccountGate
{
    public const string Claim = "xinfang:gate";
    public const string TwoFactor = "two-factor-setup-required";
    public const string Password = "password-change-required";

    /// <summary>Signed in, gate open or not: only for the endpoints that close the gate.</summary>
    public const string SignedIn = "signed-in-gate-open";

    public const string SetupPage = "/account/security";

    /// <summary>Where a page request goes while the password gate is open (an administrator's reset).</summary>
    public const string PasswordPage = "/account/password";

    public static string? For(StaffUser user, AccountOptions options) =>
        user.MustChangePassword ? Password
        // Every role held, not only the one acted in (ADR 0126): an administrator acting as a registrar still holds the admin role.
        : user.Roles.Any(options.TwoFactorRequiredFor.Contains) && !user.TwoFactorEnabled ? TwoFactor
        : null;

    public static string? Of(ClaimsPrincipal user) => user.FindFirstValue(Claim);

    public static void Configure(AuthorizationOptions o)
    {
        o.DefaultPolicy = new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .RequireAssertion(c => Of(c.User) is null)
            .Build();
        o.AddPolicy(SignedIn, p => p.RequireAuthenticatedUser());
    }

    public static IResult Problem(string gate) => TypedResults.Problem(
        statusCode: StatusCodes.Status403Forbidden,
        title: gate == Password ? "须先修改密码" : "须先开启双因素登录",
        detail: gate == Password
            ? "管理员已重置您的密码：请先设置新密码（POST /api/auth/password），然后才能使用其他功能"
            : "您的角色须开启双因素登录：请先在「账号安全」开启（POST /api/auth/2fa/authenticator，再 POST /api/auth/2fa/enable），然后才能使用其他功能",
        extensions: new Dictionary<string, object?> { ["code"] = gate });
}
