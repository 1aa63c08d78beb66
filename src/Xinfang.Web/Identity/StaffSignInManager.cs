using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Xinfang.Web.Identity;

/// <summary>
/// Identity's sign-in manager with the rules of issue 9 in the one place every sign-in path goes through:
/// <list type="bullet">
/// <item>every sign-in starts a server-side <see cref="StaffSession"/> (a refresh keeps the current one), and
/// signing out ends it (ADR 0057);</item>
/// <item>a disabled account cannot sign in;</item>
/// <item>an unknown (or disabled) user name costs the same password hash as a known one and fails the same
/// way, so neither the time nor the answer tells which names exist.</item>
/// </list>
/// </summary>
public sealed class StaffSignInManager(
    UserManager<StaffUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<StaffUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<StaffUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<StaffUser> confirmation,
    StaffSessions sessions)
    : SignInManager<StaffUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    private static readonly StaffUser DummyUser = new() { Id = "dummy", UserName = "dummy" };
    private static string? _dummyHash;

    public override async Task SignInWithClaimsAsync(StaffUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        // A refresh (password or two-factor change, the security-stamp check) keeps the caller's live session and
        // the role it acts in (ADR 0126); a new sign-in starts a session in the primary role.
        var current = Context.User;
        var live = StaffSessions.IdOf(current) is { } sid && current.FindFirstValue(ClaimTypes.NameIdentifier) == user.Id
            ? await sessions.LiveAsync(sid, user.Id)
            : null;
        var id = live?.Id ?? await sessions.StartAsync(user.Id, user.Role);
        var principal = await CreateUserPrincipalAsync(user);
        var identity = principal.Identities.First();
        foreach (var claim in additionalClaims.Where(c => c.Type != StaffSessions.SessionClaim))
        {
            identity.AddClaim(claim);
        }

        identity.AddClaim(new Claim(StaffSessions.SessionClaim, id));
        if (live?.ActiveRole is { } role && user.Holds(role))
        {
            StaffSessions.WithRole(principal, role);
        }

        // As Identity's own SignInWithClaimsAsync does.
        await Context.SignInAsync(AuthenticationScheme, principal, authenticationProperties ?? new AuthenticationProperties());
        Context.User = principal;
    }

    public override async Task SignOutAsync()
    {
        if (StaffSessions.IdOf(Context.User) is { } sid)
        {
            await sessions.EndAsync(sid, "signed-out");
        }

        await base.SignOutAsync();
    }

    public override async Task<bool> CanSignInAsync(StaffUser user) => !user.Disabled && await base.CanSignInAsync(user);

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var user = await UserManager.FindByNameAsync(userName);
        if (user is null || user.Disabled)
        {
            // Same work as a wrong password for a real account: one hash of the typed password.
            UserManager.PasswordHasher.VerifyHashedPassword(DummyUser, DummyHash(), password);
            return SignInResult.Failed;
        }

        return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
    }

    private string DummyHash() => _dummyHash ??= UserManager.PasswordHasher.HashPassword(DummyUser, Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)));
}
