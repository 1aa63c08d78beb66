using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Identity;
using Xinfang.Web.Common;
using Xinfang.Web.Security;

namespace Xinfang.Web.Identity;

/// <summary>
/// Optional two-factor sign-in with an authenticator app (TOTP, ADR 0053): a staff member creates a
/// key, adds it to the app (key or otpauth URI), confirms with a code and receives ten single-use
/// recovery codes. From then on signing in needs the password and a code (or a recovery code).
/// Every change renews the security stamp, so other sessions end; the current one is renewed.
/// </summary>
public sealed class TwoFactorSetup(UserManager<StaffUser> users, SignInManager<StaffUser> signIn, UrlEncoder url)
{
    public const string Issuer = "信访工作平台";
    public const int RecoveryCodeCount = 10;

    public sealed record Status(bool Enabled, bool HasAuthenticatorKey, int RecoveryCodesLeft);

    public sealed record Key(string SharedKey, string OtpauthUri);

    public sealed record CodeRequest(string? Code);

    public sealed record Enabled(IReadOnlyList<string> RecoveryCodes);

    public async Task<Status> StatusAsync(StaffUser user) => new(
        await users.GetTwoFactorEnabledAsync(user),
        !string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(user)),
        await users.CountRecoveryCodesAsync(user));

    /// <summary>A new key (only while two-factor is off: turning it off first needs a code).</summary>
    public async Task<Key?> NewKeyAsync(StaffUser user)
    {
        if (await users.GetTwoFactorEnabledAsync(user))
        {
            return null;
        }

        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        return await KeyAsync(user);
    }

    public async Task<Key?> KeyAsync(StaffUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            return null;
        }

        var account = user.UserName ?? user.Id;
        var uri = $"otpauth://totp/{url.Encode(Issuer)}:{url.Encode(account)}?secret={key}&issuer={url.Encode(Issuer)}&digits=6&period=30";
        return new Key(Grouped(key), uri);
    }

    /// <summary>Turns two-factor on when the code from the app matches; the recovery codes are shown this once.</summary>
    public async Task<Enabled?> EnableAsync(StaffUser user, string? code)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 16 || string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(user))
            || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            return null;
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? [];
        await signIn.RefreshSignInAsync(user);
        return new Enabled([.. codes]);
    }

    /// <summary>Turns two-factor off (a current code is needed) and forgets the key and recovery codes.</summary>
    public async Task<bool> DisableAsync(StaffUser user, string? code)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 16 || !await users.GetTwoFactorEnabledAsync(user)
            || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            return false;
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        await users.RemoveAuthenticationTokenAsync(user, "[AspNetUserStore]", "AuthenticatorKey");
        await users.RemoveAuthenticationTokenAsync(user, "[AspNetUserStore]", "RecoveryCodes");
        await signIn.RefreshSignInAsync(user);
        return true;
    }

    private static string Grouped(string key) =>
        string.Join(' ', Enumerable.Range(0, (key.Length + 3) / 4).Select(i => key.Substring(i * 4, Math.Min(4, key.Length - (i * 4))))).ToLowerInvariant();
}

/// <summary>The two-factor API and the second step of the sign-in form.</summary>
public static class TwoFactor
{
    public sealed record LoginRequest(string? Code, string? RecoveryCode);

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/auth/2fa").RequireAuthorization(AccountGate.SignedIn).DisableAntiforgery().WithTags("登录");
        api.MapGet("/", async (HttpContext http, UserManager<StaffUser> users, TwoFactorSetup setup) =>
            await users.GetUserAsync(http.User) is { } user ? Results.Ok(await setup.StatusAsync(user)) : Results.Unauthorized())
            .WithSummary("双因素登录状态").Produces<TwoFactorSetup.Status>();
        api.MapPost("/authenticator", async (HttpContext http, UserManager<StaffUser> users, TwoFactorSetup setup) =>
        {
            if (await users.GetUserAsync(http.User) is not { } user)
            {
                return Results.Unauthorized();
            }

            return await setup.NewKeyAsync(user) is { } key
                ? Results.Ok(key)
                : TypedResults.Problem(statusCode: 409, title: "双因素登录已开启", detail: "请先用动态码关闭双因素登录，再重新生成密钥");
        }).WithSummary("生成验证器密钥（返回共享密钥和 otpauth 地址）").Produces<TwoFactorSetup.Key>().ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/enable", async (TwoFactorSetup.CodeRequest request, HttpContext http, UserManager<StaffUser> users, TwoFactorSetup setup) =>
        {
            if (await users.GetUserAsync(http.User) is not { } user)
            {
                return Results.Unauthorized();
            }

            return await setup.EnableAsync(user, request.Code) is { } enabled
                ? Results.Ok(enabled)
                : new RequestErrors().Add("code", "动态码不正确或已使用，请先生成密钥").Problem();
        }).WithSummary("用动态码确认并开启双因素登录（返回一次性恢复码）").Produces<TwoFactorSetup.Enabled>();
        api.MapPost("/disable", async (TwoFactorSetup.CodeRequest request, HttpContext http, UserManager<StaffUser> users, TwoFactorSetup setup) =>
        {
            if (await users.GetUserAsync(http.User) is not { } user)
            {
                return Results.Unauthorized();
            }

            return await setup.DisableAsync(user, request.Code)
                ? Results.NoContent()
                : new RequestErrors().Add("code", "动态码不正确或已使用").Problem();
        }).WithSummary("用动态码关闭双因素登录").Produces(StatusCodes.Status204NoContent);

        // Second step of the API sign-in: after /api/auth/login answered "two-factor-required".
        app.MapPost("/api/auth/login/2fa", async (LoginRequest request, SignInManager<StaffUser> signIn) =>
        {
            var errors = new RequestErrors();
            if (string.IsNullOrWhiteSpace(request.Code) == string.IsNullOrWhiteSpace(request.RecoveryCode))
            {
                errors.Add("code", "请提交动态码或恢复码（二选一）");
            }

            errors.Text(request.Code, "code", "动态码", 16, required: false).Text(request.RecoveryCode, "recoveryCode", "恢复码", 32, required: false);
            if (errors.Any)
            {
                return errors.Problem();
            }

            var result = await SecondStepAsync(signIn, request.Code ?? request.RecoveryCode!, recovery: request.RecoveryCode is not null);
            return result.Succeeded ? Results.NoContent() : Failed(result);
        }).AllowAnonymous().WithTags("登录").DisableAntiforgery().Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status401Unauthorized);

        // The /login/2fa page posts here (antiforgery checked).
        app.MapPost("/account/login/2fa", async (HttpContext http, SignInManager<StaffUser> signIn) =>
        {
            var form = await http.Request.ReadFormAsync();
            var code = form["code"].ToString().Trim();
            var pending = await signIn.GetTwoFactorAuthenticationUserAsync(); // who is signing in: a leader lands on /statistics
            var result = code.Length is > 0 and <= 32
                ? await SecondStepAsync(signIn, code, recovery: !code.Replace(" ", string.Empty, StringComparison.Ordinal).All(char.IsAsciiDigit))
                : Microsoft.AspNetCore.Identity.SignInResult.Failed;
            return Results.LocalRedirect(result.Succeeded ? SignIn.HomeOf(pending?.Role ?? StaffRole.Registrar) : "/login/2fa?failed=1");
        }).AllowAnonymous().RequireFormAntiforgery();

        app.MapPost("/api/auth/password", async (PasswordRequest request, HttpContext http, Administration.ChangeOwnPassword uc) =>
        {
            // The rule is ChangeOwnPassword's, shared with the page /account/password.
            var errors = await uc.ChangeAsync(http, request.CurrentPassword, request.NewPassword);
            return errors is null ? Results.Unauthorized() : errors.Any ? errors.Problem() : Results.NoContent();
        }).RequireAuthorization(AccountGate.SignedIn).WithTags("登录").DisableAntiforgery().WithSummary("修改密码（其他会话随之失效）").Produces(StatusCodes.Status204NoContent);
    }

    public sealed record PasswordRequest(string? CurrentPassword, string? NewPassword);

    private static Task<Microsoft.AspNetCore.Identity.SignInResult> SecondStepAsync(SignInManager<StaffUser> signIn, string code, bool recovery) => recovery
        ? signIn.TwoFactorRecoveryCodeSignInAsync(code.Trim())
        : signIn.TwoFactorAuthenticatorSignInAsync(code.Replace(" ", string.Empty, StringComparison.Ordinal), isPersistent: false, rememberClient: false);

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Failed(Microsoft.AspNetCore.Identity.SignInResult result) => TypedResults.Problem(
        statusCode: 401,
        title: "登录失败",
        detail: result.IsLockedOut ? "账号已被暂时锁定，请稍后再试" : "动态码或恢复码不正确，或登录已超时（请重新输入密码）");
}

/// <summary>Identity's password errors, in Chinese.</summary>
public static class PasswordErrors
{
    public static string Describe(IdentityError e) => e.Code switch
    {
        "PasswordMismatch" => "当前密码不正确",
        "PasswordTooShort" => "新密码至少12位",
        "PasswordRequiresDigit" => "新密码须包含数字",
        "PasswordRequiresLower" => "新密码须包含小写字母",
        "PasswordRequiresUpper" => "新密码须包含大写字母",
        "PasswordRequiresNonAlphanumeric" => "新密码须包含符号（如 - _ ! @）",
        "PasswordRequiresUniqueChars" => "新密码须包含至少6个不同字符",
        RecentPasswordValidator.Code => e.Description, // 新密码不能与最近N次使用过的密码相同
        _ => "新密码不符合要求",
    };
}
