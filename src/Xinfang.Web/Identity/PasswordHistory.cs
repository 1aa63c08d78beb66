using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Xinfang.Web.Data;

namespace Xinfang.Web.Identity;

/// <summary>A password hash an account used before (issue 9 finding 6): kept so a new password cannot repeat one of the last N.</summary>
public sealed class PasswordHistoryEntry
{
    public long Id { get; set; }

    public string UserId { get; set; } = string.Empty;

    public string PasswordHash { get; set; } = string.Empty;

    public DateTimeOffset ReplacedAt { get; set; }

    internal static void Configure(ModelBuilder builder) => builder.Entity<PasswordHistoryEntry>(h =>
    {
        h.ToTable("staff_password_history");
        h.HasKey(x => x.Id);
        h.Property(x => x.UserId).HasMaxLength(450);
        h.Property(x => x.PasswordHash).HasMaxLength(200);
        h.HasIndex(x => new { x.UserId, x.ReplacedAt });
    });
}

/// <summary>
/// Identity's user store, with the one place every password change passes (own change, administrator's
/// reset, first password): the hash being replaced goes into the history (only the last N−1 are kept, the
/// current hash being the N-th), and a new password clears <see cref="StaffUser.MustChangePassword"/>.
/// </summary>
public sealed class StaffUserStore(AppDbContext context, TimeProvider clock, IOptions<AccountOptions> options, IdentityErrorDescriber? describer = null)
    : UserStore<StaffUser, IdentityRole, AppDbContext>(context, describer)
{
    public override async Task SetPasswordHashAsync(StaffUser user, string? passwordHash, CancellationToken cancellationToken = default)
    {
        var keep = options.Value.PasswordHistory - 1;
        if (user.PasswordHash is { Length: > 0 } old && old != passwordHash && keep > 0 && !string.IsNullOrEmpty(user.Id))
        {
            var history = Context.Set<PasswordHistoryEntry>();
            history.Add(new PasswordHistoryEntry { UserId = user.Id, PasswordHash = old, ReplacedAt = clock.GetUtcNow() });
            var stale = await history.Where(h => h.UserId == user.Id).OrderByDescending(h => h.ReplacedAt).ThenByDescending(h => h.Id).Skip(keep - 1).ToListAsync(cancellationToken);
            history.RemoveRange(stale);
        }

        user.MustChangePassword = false;
        await base.SetPasswordHashAsync(user, passwordHash, cancellationToken);
    }
}

/// <summary>Refuses a new password equal to the current one or one of the recent ones (the history above).</summary>
public sealed class RecentPasswordValidator(AppDbContext db, IOptions<AccountOptions> options) : IPasswordValidator<StaffUser>
{
    public const string Code = "PasswordReused";

    public async Task<IdentityResult> ValidateAsync(UserManager<StaffUser> manager, StaffUser user, string? password)
    {
        var n = options.Value.PasswordHistory;
        if (password is null || n <= 0 || string.IsNullOrEmpty(user.Id))
        {
            return IdentityResult.Success;
        }

        var recent = await db.Set<PasswordHistoryEntry>().AsNoTracking().Where(h => h.UserId == user.Id)
            .OrderByDescending(h => h.ReplacedAt).ThenByDescending(h => h.Id).Take(n - 1).Select(h => h.PasswordHash).ToListAsync();
        if (user.PasswordHash is { Length: > 0 } current)
        {
            recent.Insert(0, current);
        }

        foreach (var hash in recent)
        {
            if (manager.PasswordHasher.VerifyHashedPassword(user, hash, password) != PasswordVerificationResult.Failed)
            {
                return IdentityResult.Failed(new IdentityError { Code = Code, Description = $"新密码不能与最近{n}次使用过的密码相同" });
            }
        }

        return IdentityResult.Success;
    }
}
