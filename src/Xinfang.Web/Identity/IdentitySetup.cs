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
        });
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
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<StaffClaimsFactory>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<TotpTokenProvider>(TotpTokenProvider.Name);
        // trust-surface (issue 4): the security stamp is checked every minute, so a password change or a
        // two-factor change ends the other sessions within a minute (8 h sliding expiry is kept above).
        builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        builder.Services.AddScoped<TwoFactorSetup>();
        builder.Services.AddAuthorization();
        builder.Services.AddScoped<CurrentStaff>();
        builder.Services.AddSingleton<OrganizationDirectory>();
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, PetitionAuthorizationHandler>();
        builder.Services.AddScoped<PetitionGuard>();
        return builder;
    }

    private static Task ApiOr(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}

/// <summary>Puts the organisation, role and display name into the sign-in cookie.</summary>
public sealed class StaffClaimsFactory(UserManager<StaffUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<StaffUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(IdentitySetup.OrganizationClaim, user.OrganizationId.ToString()));
        identity.AddClaim(new Claim(IdentitySetup.RoleClaim, user.Role.ToString()));
        identity.AddClaim(new Claim(IdentitySetup.DisplayNameClaim, user.DisplayName));
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

    public StaffRole Role => Enum.TryParse<StaffRole>(User.FindFirstValue(IdentitySetup.RoleClaim), out var r) ? r : StaffRole.Registrar;

    public Domain.Petitions.Actor Actor => new(UserId, Name, OrganizationId);
}
