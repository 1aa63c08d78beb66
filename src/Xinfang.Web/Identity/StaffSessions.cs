using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Xinfang.Web.Data;

namespace Xinfang.Web.Identity;

/// <summary>
/// One signed-in session of a staff member, held on the server (ADR 0057): the cookie carries only its id
/// (inside the encrypted ticket), and every request checks the row. Signing out, a password change
/// (the other sessions), disabling the account or a forced password reset end rows, so a copied
/// cookie stops working at once; a session idle longer than <see cref="AccountOptions.IdleTimeout"/> ends too.
/// </summary>
public sealed class StaffSession
{
    public string Id { get; set; } = string.Empty;

    public string UserId { get; set; } = string.Empty;

    public DateTimeOffset StartedAt { get; set; }

    /// <summary>The last request seen, written at most once a minute (the idle clock's resolution).</summary>
    public DateTimeOffset LastSeenAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>signed-out, idle, password-changed, disabled, password-reset.</summary>
    public string? EndReason { get; set; }

    internal static void Configure(ModelBuilder builder) => builder.Entity<StaffSession>(s =>
    {
        s.ToTable("staff_sessions");
        s.HasKey(x => x.Id);
        s.Property(x => x.Id).HasMaxLength(32);
        s.Property(x => x.UserId).HasMaxLength(450);
        s.Property(x => x.EndReason).HasMaxLength(24);
        s.HasIndex(x => x.UserId);
    });
}

/// <summary>Account rules (configuration section <c>Xinfang:Accounts</c>); an empty value means the default.</summary>
public sealed class AccountOptions
{
    /// <summary>A session with no request for this long ends (government systems: 30 minutes).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Roles that must have two-factor sign-in on before they can do anything else ("None" for none).</summary>
    public IReadOnlySet<StaffRole> TwoFactorRequiredFor { get; set; } = new HashSet<StaffRole> { StaffRole.Administrator };

    /// <summary>A new password may not be any of the last N (the current one included); 0 switches the check off.</summary>
    public int PasswordHistory { get; set; } = 5;

    public static AccountOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Xinfang:Accounts");
        var o = new AccountOptions();
        if (section["IdleTimeout"] is { Length: > 0 } idle)
        {
            o.IdleTimeout = TimeSpan.Parse(idle, System.Globalization.CultureInfo.InvariantCulture);
        }

        if (section["TwoFactorRequiredFor"] is { Length: > 0 } roles)
        {
            o.TwoFactorRequiredFor = roles.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries)
                .Where(r => !r.Equals("None", StringComparison.OrdinalIgnoreCase))
                .Select(r => Enum.TryParse<StaffRole>(r, ignoreCase: true, out var role) ? role : throw new InvalidOperationException($"Xinfang:Accounts:TwoFactorRequiredFor: '{r}' is not a role."))
                .ToHashSet();
        }

        if (section["PasswordHistory"] is { Length: > 0 } history)
        {
            o.PasswordHistory = int.Parse(history, System.Globalization.CultureInfo.InvariantCulture);
        }

        return o;
    }
}

/// <summary>Starts, checks and ends <see cref="StaffSession"/> rows.</summary>
public sealed class StaffSessions(AppDbContext db, TimeProvider clock, IOptions<AccountOptions> options)
{
    public const string SessionClaim = "xinfang:sid";
    private static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);

    public async Task<string> StartAsync(string userId)
    {
        var now = clock.GetUtcNow();
        var id = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        db.Set<StaffSession>().Add(new StaffSession { Id = id, UserId = userId, StartedAt = now, LastSeenAt = now });
        await db.SaveChangesAsync();
        return id;
    }

    /// <summary>The session is live: not ended, and not idle past the timeout.</summary>
    public async Task<bool> IsLiveAsync(string sessionId, string userId) =>
        await db.Set<StaffSession>().AsNoTracking().AnyAsync(s => s.Id == sessionId && s.UserId == userId && s.EndedAt == null);

    public Task EndAsync(string sessionId, string reason) =>
        db.Set<StaffSession>().Where(s => s.Id == sessionId && s.EndedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, clock.GetUtcNow()).SetProperty(s => s.EndReason, reason));

    /// <summary>Ends every session of the user but <paramref name="except"/> (the one that made the change, if any).</summary>
    public Task EndAllAsync(string userId, string? except, string reason) =>
        db.Set<StaffSession>().Where(s => s.UserId == userId && s.EndedAt == null && s.Id != (except ?? string.Empty))
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, clock.GetUtcNow()).SetProperty(s => s.EndReason, reason));

    /// <summary>The session id in a principal, if any.</summary>
    public static string? IdOf(ClaimsPrincipal? principal) => principal?.FindFirstValue(SessionClaim);

    /// <summary>Every request: the cookie's session must be live and not idle; else the cookie is refused and removed.</summary>
    public async Task<bool> CheckAsync(ClaimsPrincipal principal)
    {
        var id = IdOf(principal);
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        if (id is null || userId is null)
        {
            return false;
        }

        var row = await db.Set<StaffSession>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == id);
        if (row is null || row.UserId != userId || row.EndedAt is not null)
        {
            return false;
        }

        var now = clock.GetUtcNow();
        if (now - row.LastSeenAt > options.Value.IdleTimeout)
        {
            await EndAsync(id, "idle");
            return false;
        }

        if (now - row.LastSeenAt >= TouchEvery)
        {
            await db.Set<StaffSession>().Where(s => s.Id == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, now));
        }

        return true;
    }

    /// <summary>The cookie's OnValidatePrincipal: the session check, then Identity's security-stamp check.</summary>
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is null || !await context.HttpContext.RequestServices.GetRequiredService<StaffSessions>().CheckAsync(context.Principal))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }

    /// <summary>The security-stamp check rebuilds the principal: keep its session id.</summary>
    public static Task KeepSessionIdAsync(SecurityStampRefreshingPrincipalContext context)
    {
        if (IdOf(context.CurrentPrincipal) is { } id && context.NewPrincipal?.Identity is ClaimsIdentity identity && IdOf(context.NewPrincipal) is null)
        {
            identity.AddClaim(new Claim(SessionClaim, id));
        }

        return Task.CompletedTask;
    }
}
