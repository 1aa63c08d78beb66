using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Xinfang.Web.Data;

namespace Xinfang.Web.Identity;

/// <summary>Staff sign in with ASP.NET Core Identity (cookie). The API answers 401/403, never a redirect.</summary>
public static class IdentitySetup
{
    public const string OrganizationClaim = "xinfang:org";
    public const string RoleClaim = "xinfang:role";
    public const string DisplayNameClaim = "xinfang:name";

    /// <summary>Every role the person holds, comma-separated (ADR 0126); the role claim is the one acted in.</summary>
    public const string HeldRolesClaim = "xinfang:roles";

    public static WebApplicationBuilder AddXinfangIdentity(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "xinfang.staff";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.LoginPath = "/login";
            o.Events.OnRedirectToLogin = ctx => ApiOr(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiOr(ctx, StatusCodes.Status403Forbidden);
            // issue 9 finding 6 (ADR 0057): every request checks the server-side session (signed out, idle,
            // password changed, disabled → refused at once), then Identity's security stamp.
            o.Events.OnValidatePrincipal = StaffSessions.ValidatePrincipalAsync;
        });
        // ADR 0183: the cookie's ticket decrypted once a minute per cookie (after the framework has made its format).
        builder.Services.AddSingleton<IPostConfigureOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>, HeldTickets.Setup>();
        var accounts = AccountOptions.From(builder.Configuration);
        builder.Services.AddSingleton(Options.Create(accounts));
        builder.Services.AddIdentityCore<StaffUser>(o =>
            {
                // trust-surface (issue 4, ADR 0053): new passwords ≥ 12 characters with all four classes.
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = true;
                o.Password.RequiredUniqueChars = 6;
                o.Tokens.AuthenticatorTokenProvider = TotpTokenProvider.Name;
                // The password step is slowed per (account, client) by SignInThrottle (issue 9); Identity's lock-out
                // only counts wrong second-step codes, which only someone who knows the password can send.
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddUserStore<StaffUserStore>()
            .AddPasswordValidator<RecentPasswordValidator>()
            .AddSignInManager<StaffSignInManager>()
            .AddClaimsPrincipalFactory<StaffClaimsFactory>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<TotpTokenProvider>(TotpTokenProvider.Name);
        // trust-surface (issue 4): the security stamp is checked every minute, so a two-factor change ends the
        // other sessions within a minute; sign-out, password changes and disabling end them at once (StaffSessions).
        builder.Services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromMinutes(1);
            o.OnRefreshingPrincipal = StaffSessions.KeepSessionIdAsync;
        });
        builder.Services.AddScoped<TwoFactorSetup>();
        builder.Services.AddScoped<SwitchRole>(); // ADR 0126: the active role of a person holding more than one
        builder.Services.AddScoped<StaffSessions>();
        // ADR 0181: a session's verdict held for a minute while this process hears every change to sessions.
        builder.Services.AddSingleton<SessionVerdicts>();
        builder.Services.AddHostedService<SessionChangeListener>();
        builder.Services.AddSingleton<StampChecks>(); // issue 16 (ADR 0155): the stamp check once per interval per session
        builder.Services.AddScoped<SignInThrottle>();
        builder.Services.Configure<SignInThrottleOptions>(builder.Configuration.GetSection("Xinfang:SignInThrottle"));
        builder.Services.AddAuthorization(AccountGate.Configure);
        builder.Services.AddScoped<CurrentStaff>();
        builder.Services.AddSingleton<OrganizationDirectory>();
        builder.Services.AddScoped<PetitionGuard>();
        return builder;
    }

    private static Task ApiOr(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            if (status == StatusCodes.Status403Forbidden && AccountGate.Of(ctx.HttpContext.User) is { } gate)
            {
                return AccountGate.Problem(gate).ExecuteAsync(ctx.HttpContext);
            }

            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        if (status == StatusCodes.Status403Forbidden && AccountGate.Of(ctx.HttpContext.User) is { } open)
        {
            // An open gate: the password page or the account-security page first.
            ctx.Response.Redirect(open == AccountGate.Password ? AccountGate.PasswordPage : AccountGate.SetupPage);
            return Task.CompletedTask;
        }

        // issue 9 finding 5: the sign-in redirect names the path only, never the request's Host header.
        ctx.Response.Redirect(Uri.TryCreate(ctx.RedirectUri, UriKind.Absolute, out var absolute) ? absolute.PathAndQuery : ctx.RedirectUri);
        return Task.CompletedTask;
    }
}

/// <summary>
/// Puts the organisation, role, roles held and display name into the sign-in cookie. The role claim is the
/// primary role here; a sign-in that keeps its session keeps the role it acts in (<see cref="StaffSignInManager"/>,
/// <see cref="StaffSessions.WithRole"/>, ADR 0126).
/// </summary>
public sealed class StaffClaimsFactory(UserManager<StaffUser> users, IOptions<IdentityOptions> options, IOptions<AccountOptions> accounts)
    : UserClaimsPrincipalFactory<StaffUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(IdentitySetup.OrganizationClaim, user.OrganizationId.ToString()));
        identity.AddClaim(new Claim(IdentitySetup.RoleClaim, user.Role.ToString()));
        identity.AddClaim(new Claim(IdentitySetup.HeldRolesClaim, string.Join(',', user.Roles)));
        identity.AddClaim(new Claim(IdentitySetup.DisplayNameClaim, user.DisplayName));
        if (AccountGate.For(user, accounts.Value) is { } gate)
        {
            identity.AddClaim(new Claim(AccountGate.Claim, gate));
        }

        return identity;
    }
}

/// <summary>The signed-in staff member, as the domain's <see cref="Domain.Petitions.Actor"/>.</summary>
public sealed class CurrentStaff(IHttpContextAccessor accessor)
{
    private ClaimsPrincipal User => accessor.HttpContext?.User ?? new ClaimsPrincipal();

    public bool IsSignedIn => User.Identity?.IsAuthenticated == true && User.FindFirst(IdentitySetup.OrganizationClaim) is not null;

    public string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty;

    public string Name => User.FindFirstValue(IdentitySetup.DisplayNameClaim) ?? User.Identity?.Name ?? string.Empty;

    public Guid OrganizationId => Guid.TryParse(User.FindFirstValue(IdentitySetup.OrganizationClaim), out var g) ? g : Guid.Empty;

    /// <summary>The active role: the one every rule reads (ADR 0126).</summary>
    public StaffRole Role => Enum.TryParse<StaffRole>(User.FindFirstValue(IdentitySetup.RoleClaim), out var r) ? r : StaffRole.Registrar;

    /// <summary>Every role held (the active one included); one for most people.</summary>
    public IReadOnlyList<StaffRole> RolesHeld =>
        StaffUser.ParseRoles(User.FindFirstValue(IdentitySetup.HeldRolesClaim)).Append(Role).Distinct().ToList();

    /// <summary>
    /// The name history and the audit trail record: the person, and for someone holding more than one role the
    /// role they acted in, e.g. 王登记（承办人）(ADR 0126).
    /// </summary>
    public string ActingName => RolesHeld.Count > 1 ? $"{Name}（{StaffUser.RoleName(Role)}）" : Name;

    public Domain.Petitions.Actor Actor => new(UserId, ActingName, OrganizationId);
}
