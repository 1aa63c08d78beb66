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

    /// <summary>
    /// The role the person acts in during this sign-in (ADR 0126): the primary role at sign-in, another held
    /// role after a switch on <c>/account/role</c>. Null after an administrator changed the roles held: the
    /// next request settles it from the account (the same role if still held, else the primary) and re-issues the cookie.
    /// </summary>
    public StaffRole? ActiveRole { get; set; }

    internal static void Configure(ModelBuilder builder) => builder.Entity<StaffSession>(s =>
    {
        s.ToTable("staff_sessions");
        s.HasKey(x => x.Id);
        s.Property(x => x.Id).HasMaxLength(32);
        s.Property(x => x.UserId).HasMaxLength(450);
        s.Property(x => x.EndReason).HasMaxLength(24);
        s.Property(x => x.ActiveRole).HasConversion<string>().HasMaxLength(24);
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
public sealed class StaffSessions(AppDbContext db, TimeProvider clock, IOptions<AccountOptions> options, SessionVerdicts verdicts)
{
    public const string SessionClaim = "xinfang:sid";
    internal static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);

    public async Task<string> StartAsync(string userId, StaffRole role)
    {
        var now = clock.GetUtcNow();
        var id = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        db.Set<StaffSession>().Add(new StaffSession { Id = id, UserId = userId, StartedAt = now, LastSeenAt = now, ActiveRole = role });
        await db.SaveChangesAsync();
        return id;
    }

    /// <summary>The session is live: not ended, and not idle past the timeout.</summary>
    public async Task<bool> IsLiveAsync(string sessionId, string userId) =>
        await db.Set<StaffSession>().AsNoTracking().AnyAsync(s => s.Id == sessionId && s.UserId == userId && s.EndedAt == null);

    /// <summary>The live session's row (null when ended or not the user's).</summary>
    public Task<StaffSession?> LiveAsync(string sessionId, string userId) =>
        db.Set<StaffSession>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId && s.UserId == userId && s.EndedAt == null);

    /// <summary>Sets the role the session acts in (a switch, or the settling after an administrator's change); ends nothing.</summary>
    public Task SetActiveRoleAsync(string sessionId, StaffRole? role) =>
        ChangeAsync(() => db.Set<StaffSession>().Where(s => s.Id == sessionId).ExecuteUpdateAsync(u => u.SetProperty(s => s.ActiveRole, role)), "s:" + sessionId);

    /// <summary>
    /// An administrator changed the roles a person holds: each live session's role is to be settled again at its
    /// next request (<see cref="ValidatePrincipalAsync"/>), so a role taken away stops at once — without ending the
    /// sessions or changing the security stamp.
    /// </summary>
    public Task RolesChangedAsync(string userId) =>
        ChangeAsync(() => db.Set<StaffSession>().Where(s => s.UserId == userId && s.EndedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.ActiveRole, (StaffRole?)null)), "u:" + userId);

    public Task EndAsync(string sessionId, string reason) =>
        ChangeAsync(() => db.Set<StaffSession>().Where(s => s.Id == sessionId && s.EndedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, clock.GetUtcNow()).SetProperty(s => s.EndReason, reason)), "s:" + sessionId);

    /// <summary>Ends every session of the user but <paramref name="except"/> (the one that made the change, if any).</summary>
    public Task EndAllAsync(string userId, string? except, string reason) =>
        ChangeAsync(() => db.Set<StaffSession>().Where(s => s.UserId == userId && s.EndedAt == null && s.Id != (except ?? string.Empty))
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, clock.GetUtcNow()).SetProperty(s => s.EndReason, reason)), "u:" + userId);

    /// <summary>
    /// Every change to sessions (ADR 0181): on PostgreSQL the change and its notification commit together, so every
    /// instance forgets its held verdict when the change is visible; then this process forgets its own — after the
    /// commit, so a request that read the row before it cannot hold the old verdict on (see <see cref="SessionVerdicts.Hold"/>).
    /// </summary>
    private async Task ChangeAsync(Func<Task<int>> update, string payload)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            // Forgetting before the caller commits would let a request re-hold the row as it was.
            throw new InvalidOperationException("A change to staff sessions commits on its own, outside any transaction (ADR 0181).");
        }

        if (db.Database.IsNpgsql())
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await update();
            await SessionChangeListener.NotifyAsync(db, payload);
            await tx.CommitAsync();
        }
        else
        {
            await update();
        }

        verdicts.Heard(payload);
    }

    /// <summary>The session id in a principal, if any.</summary>
    public static string? IdOf(ClaimsPrincipal? principal) => principal?.FindFirstValue(SessionClaim);

    /// <summary>
    /// Every request: the cookie's session must be live and not idle (its row, or null: the cookie is refused and removed).
    /// A verdict read within the last minute is held in this process while it hears every change (ADR 0181).
    /// </summary>
    public async Task<SessionVerdicts.HeldSession?> CheckAsync(ClaimsPrincipal principal)
    {
        var id = IdOf(principal);
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        if (id is null || userId is null)
        {
            return null;
        }

        if (verdicts.Find(id, userId) is { } held)
        {
            return held;
        }

        var generation = verdicts.Generation;
        var row = await db.Set<StaffSession>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == id);
        if (row is null || row.UserId != userId || row.EndedAt is not null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        if (now - row.LastSeenAt > options.Value.IdleTimeout)
        {
            await EndAsync(id, "idle");
            return null;
        }

        var lastSeen = row.LastSeenAt;
        if (now - row.LastSeenAt >= TouchEvery)
        {
            await db.Set<StaffSession>().Where(s => s.Id == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, now));
            lastSeen = now;
        }

        var verdict = new SessionVerdicts.HeldSession(row.Id, row.UserId, row.ActiveRole, lastSeen);
        verdicts.Hold(verdict, generation);
        return verdict;
    }

    /// <summary>
    /// The cookie's OnValidatePrincipal: the session check, then — when the session's active role is not the
    /// cookie's (an administrator changed the roles held) — the principal rebuilt from the account and the cookie
    /// re-issued (ADR 0126), then Identity's security-stamp check.
    /// </summary>
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var sessions = context.HttpContext.RequestServices.GetRequiredService<StaffSessions>();
        if (context.Principal is null || await sessions.CheckAsync(context.Principal) is not { } row)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        if (row.ActiveRole is null || row.ActiveRole != RoleOf(context.Principal))
        {
            var signIn = context.HttpContext.RequestServices.GetRequiredService<SignInManager<StaffUser>>();
            if (await signIn.UserManager.FindByIdAsync(row.UserId) is not { Disabled: false } user)
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                return;
            }

            // The session's role if still held, else the cookie's if still held, else the primary role.
            var active = row.ActiveRole is { } a && user.Holds(a) ? a
                : RoleOf(context.Principal) is { } c && user.Holds(c) ? c
                : user.Role;
            if (row.ActiveRole != active)
            {
                await sessions.SetActiveRoleAsync(row.Id, active);
            }

            var rebuilt = await signIn.CreateUserPrincipalAsync(user);
            var identity = rebuilt.Identities.First();
            identity.AddClaim(new Claim(SessionClaim, row.Id));
            foreach (var amr in context.Principal.FindAll("amr"))
            {
                identity.AddClaim(new Claim(amr.Type, amr.Value));
            }

            context.ReplacePrincipal(WithRole(rebuilt, active));
            context.ShouldRenew = true;
        }

        // Identity checks the stamp when the cookie is older than the interval and then re-issues the cookie; a client
        // that keeps its first cookie (a script, a second tab's stale copy) would make every request check it (three
        // more commands, issue 16). The check runs at most once per interval per session (ADR 0155): a stamp changed
        // at T is still seen by the first request after T + interval, as before.
        var checks = context.HttpContext.RequestServices.GetRequiredService<StampChecks>();
        if (!checks.Due(context) || checks.Skip(context, row.Id))
        {
            // Not due: Identity's validator would return at once, but resolving it builds the request's SignInManager and
            // UserManager (and their meters, under a lock) — most of the session check's allocations once verdicts are held.
            return;
        }

        await SecurityStampValidator.ValidatePrincipalAsync(context);
        checks.Checked(context, row.Id);
    }

    /// <summary>The security-stamp check rebuilds the principal: keep its session id and its active role.</summary>
    public static Task KeepSessionIdAsync(SecurityStampRefreshingPrincipalContext context)
    {
        if (IdOf(context.CurrentPrincipal) is { } id && context.NewPrincipal?.Identity is ClaimsIdentity identity && IdOf(context.NewPrincipal) is null)
        {
            identity.AddClaim(new Claim(SessionClaim, id));
        }

        if (RoleOf(context.CurrentPrincipal) is { } role && context.NewPrincipal is not null)
        {
            context.NewPrincipal = WithRole(context.NewPrincipal, role);
        }

        return Task.CompletedTask;
    }

    /// <summary>The role claim of a principal (the active role), if any.</summary>
    public static StaffRole? RoleOf(ClaimsPrincipal? principal) =>
        Enum.TryParse<StaffRole>(principal?.FindFirstValue(IdentitySetup.RoleClaim), out var r) && Enum.IsDefined(r) ? r : null;

    /// <summary>The principal with its role claim replaced by <paramref name="role"/> (the active role).</summary>
    public static ClaimsPrincipal WithRole(ClaimsPrincipal principal, StaffRole role)
    {
        var identity = principal.Identities.First();
        foreach (var old in identity.FindAll(IdentitySetup.RoleClaim).ToList())
        {
            identity.RemoveClaim(old);
        }

        identity.AddClaim(new Claim(IdentitySetup.RoleClaim, role.ToString()));
        return principal;
    }
}

/// <summary>
/// When each session's security stamp was last checked, in this process (ADR 0155). Only a shortcut: a process
/// that has not checked a session (a restart, another instance) checks it as Identity would.
/// </summary>
internal sealed class StampChecks(IOptions<SecurityStampValidatorOptions> options, TimeProvider clock)
{
    private const int PruneAbove = 10_000;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> _checkedAt = new(StringComparer.Ordinal);

    private TimeSpan Interval => options.Value.ValidationInterval;

    /// <summary>Whether Identity would check now (the cookie is older than the interval) but this session was checked within it.</summary>
    public bool Skip(CookieValidatePrincipalContext context, string session)
    {
        var now = clock.GetUtcNow();
        return Due(context, now) && _checkedAt.TryGetValue(session, out var at) && now - at < Interval;
    }

    /// <summary>Remembers a check that ran and kept the principal.</summary>
    public void Checked(CookieValidatePrincipalContext context, string session)
    {
        var now = clock.GetUtcNow();
        if (context.Principal is null || !Due(context, now))
        {
            return;
        }

        if (_checkedAt.Count > PruneAbove)
        {
            foreach (var (key, at) in _checkedAt)
            {
                if (now - at >= Interval)
                {
                    _checkedAt.TryRemove(key, out _);
                }
            }
        }

        _checkedAt[session] = now;
    }

    /// <summary>Whether Identity would check the stamp now: the cookie was issued more than the interval ago.</summary>
    public bool Due(CookieValidatePrincipalContext context) => Due(context, clock.GetUtcNow());

    // Identity's own rule (SecurityStampValidator): a cookie issued more than the interval ago is checked.
    private bool Due(CookieValidatePrincipalContext context, DateTimeOffset now) =>
        context.Properties.IssuedUtc is not { } issued || now - issued > Interval;
}
