using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Xinfang.Web.Audit;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;

namespace Xinfang.Web.Administration;

/// <summary>
/// Staff accounts, administered (issue 9 finding 6, issue 13): list and filter, create, disable and re-enable,
/// force a password reset, reset two-factor sign-in. The API (<see cref="AccountAdmin"/>, <c>/api/admin/accounts</c>)
/// and the page (<c>/admin/users</c>) both call this class, so every rule is here once. An administrator
/// manages the accounts of their own organisation and the bodies below it; every change is in the audit chain,
/// and disabling, a password reset or a two-factor reset ends the account's sessions at once.
/// </summary>
public sealed class ManageAccounts(
    AppDbContext db, UserManager<StaffUser> users, CurrentStaff staff, StaffSessions sessions, OrganizationDirectory directory, AuditLog audit)
{
    public const string AuditKind = "AccountAdministered";
    public const int MaxUserName = 64;
    public const int MaxDisplayName = 50;

    public sealed record Filter(string? Text, Guid? OrganizationId, StaffRole? Role, bool? Disabled);

    /// <summary>An account as listed: <c>Role</c> is the primary role, <c>Roles</c> every role held (ADR 0126).</summary>
    public sealed record AccountView(string UserName, string DisplayName, Guid OrganizationId, string OrganizationName, StaffRole Role, string RoleName,
        bool Disabled, bool MustChangePassword, bool TwoFactorEnabled, IReadOnlyList<StaffRole> Roles, string RoleNames);

    /// <summary>A new account: its primary role, and optionally further roles held.</summary>
    public sealed record CreateRequest(string? UserName, string? DisplayName, Guid? OrganizationId, StaffRole? Role, IReadOnlyList<StaffRole>? OtherRoles = null);

    /// <summary>The roles a person holds (at least one); the primary role stays when still held, otherwise the first becomes it.</summary>
    public sealed record RolesRequest(IReadOnlyList<StaffRole>? Roles);

    /// <summary>A new account or a reset password: the one-time temporary password, shown to the administrator once.</summary>
    public sealed record TemporaryPasswordAnswer(string UserName, string TemporaryPassword);

    public bool MayAdminister => staff.IsSignedIn && staff.Role == StaffRole.Administrator;

    private IReadOnlySet<Guid> Scope => directory.Subtree(staff.OrganizationId);

    public async Task<AdminOutcome<List<AccountView>>> ListAsync(Filter filter, CancellationToken ct)
    {
        if (!MayAdminister)
        {
            return AdminOutcome<List<AccountView>>.Forbidden("只有管理员可以管理账号");
        }

        var errors = new RequestErrors().Text(filter.Text, "text", "关键词", 64, required: false);
        if (filter.Role is { } asked && !Enum.IsDefined(asked))
        {
            errors.Add("role", "角色无效");
        }

        if (errors.Any)
        {
            return AdminOutcome<List<AccountView>>.Invalid(errors);
        }

        var scope = Scope.ToList();
        var query = db.Users.AsNoTracking().Where(u => scope.Contains(u.OrganizationId));
        if (filter.OrganizationId is { } org)
        {
            var below = directory.Subtree(org).ToList();
            query = query.Where(u => below.Contains(u.OrganizationId));
        }

        if (filter.Role is { } role)
        {
            // Holds the role, as primary or further role (OtherRoles is "A,B": match a whole name).
            var name = role.ToString();
            query = query.Where(u => u.Role == role || ("," + u.OtherRoles + ",").Contains("," + name + ","));
        }

        if (filter.Disabled is { } disabled)
        {
            query = query.Where(u => u.Disabled == disabled);
        }

        if (filter.Text?.Trim() is { Length: > 0 } text)
        {
            var upper = text.ToUpperInvariant();
            query = query.Where(u => u.NormalizedUserName!.Contains(upper) || u.DisplayName.Contains(text));
        }

        var rows = await query.OrderBy(u => u.UserName).Take(500).ToListAsync(ct);
        var names = await OrganizationNamesAsync(ct);
        return AdminOutcome<List<AccountView>>.Ok(rows.Select(u => new AccountView(u.UserName!, u.DisplayName, u.OrganizationId,
            names.GetValueOrDefault(u.OrganizationId, "—"), u.Role, StaffUser.RoleName(u.Role), u.Disabled, u.MustChangePassword, u.TwoFactorEnabled,
            u.Roles, string.Join("、", u.Roles.Select(StaffUser.RoleName)))).ToList());
    }

    public async Task<AdminOutcome<TemporaryPasswordAnswer>> CreateAsync(CreateRequest r, CancellationToken ct)
    {
        if (!MayAdminister)
        {
            return AdminOutcome<TemporaryPasswordAnswer>.Forbidden("只有管理员可以创建账号");
        }

        var errors = new RequestErrors()
            .Text(r.UserName, "userName", "用户名", MaxUserName)
            .Text(r.DisplayName, "displayName", "姓名", MaxDisplayName)
            .Defined(r.Role, "role", "角色");
        if (r.UserName is { Length: > 0 } name && !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
        {
            errors.Add("userName", "用户名只能由字母、数字和 . - _ 组成");
        }

        if (r.OtherRoles?.Any(x => !Enum.IsDefined(x)) == true)
        {
            errors.Add("otherRoles", "角色无效");
        }

        if (r.OrganizationId is not { } orgId || !directory.Contains(orgId))
        {
            errors.Add("organizationId", "请选择所属机构");
        }
        else if (!Scope.Contains(orgId))
        {
            errors.Add("organizationId", "只能在本机构及其下级机构创建账号");
        }

        if (errors.Any)
        {
            return AdminOutcome<TemporaryPasswordAnswer>.Invalid(errors);
        }

        if (await users.FindByNameAsync(r.UserName!) is not null)
        {
            return AdminOutcome<TemporaryPasswordAnswer>.Invalid(new RequestErrors().Add("userName", $"用户名「{r.UserName}」已被使用"));
        }

        var user = new StaffUser
        {
            UserName = r.UserName!.Trim(),
            DisplayName = r.DisplayName!.Trim(),
            OrganizationId = r.OrganizationId!.Value,
            Role = r.Role!.Value,
            LockoutEnabled = true,
        };
        user.SetRoles([user.Role, .. r.OtherRoles ?? []]);
        var temporary = TemporaryPassword();
        var created = await users.CreateAsync(user, temporary);
        if (!created.Succeeded)
        {
            return AdminOutcome<TemporaryPasswordAnswer>.Conflict("未能创建账号", string.Join("；", created.Errors.Select(PasswordErrors.Describe)));
        }

        // The temporary password is the administrator's: the person chooses their own at the first sign-in
        // (set after creating, as the store clears the flag whenever a password hash is set).
        user.MustChangePassword = true;
        await users.UpdateAsync(user);

        await RecordAsync(user, $"创建账号（{string.Join("、", user.Roles.Select(StaffUser.RoleName))}，{directory.Tree.Find(user.OrganizationId)?.Name}）", ct);
        return AdminOutcome<TemporaryPasswordAnswer>.Ok(new TemporaryPasswordAnswer(user.UserName, temporary));
    }

    public Task<AdminOutcome<bool>> DisableAsync(string userName, CancellationToken ct) => ChangeAsync(userName, async user =>
    {
        if (user.Id == staff.UserId)
        {
            return AdminOutcome<bool>.Conflict("不能停用自己的账号", "请由另一位管理员停用");
        }

        user.Disabled = true;
        await users.UpdateSecurityStampAsync(user);
        await sessions.EndAllAsync(user.Id, null, "disabled");
        await RecordAsync(user, "停用账号（其会话已结束）", ct);
        return AdminOutcome<bool>.Ok(true);
    });

    /// <summary>
    /// Sets the roles a person holds (ADR 0126): at least one; an administrator cannot take away their own
    /// administrator role (another administrator must). The person's sessions are not ended: each settles its
    /// role at its next request (<see cref="StaffSessions.RolesChangedAsync"/>), so a role taken away stops at once.
    /// </summary>
    public Task<AdminOutcome<AccountView>> SetRolesAsync(string userName, RolesRequest request, CancellationToken ct) => ChangeAsync(userName, async user =>
    {
        var asked = request.Roles ?? [];
        if (asked.Any(r => !Enum.IsDefined(r)))
        {
            return AdminOutcome<AccountView>.Invalid(new RequestErrors().Add("roles", "角色无效"));
        }

        if (asked.Count == 0)
        {
            return AdminOutcome<AccountView>.Invalid(new RequestErrors().Add("roles", "请至少选择一种角色"));
        }

        if (user.Id == staff.UserId && user.Holds(StaffRole.Administrator) && !asked.Contains(StaffRole.Administrator))
        {
            return AdminOutcome<AccountView>.Conflict("不能取消自己的管理员角色", "请由另一位管理员调整");
        }

        var before = user.Roles;
        user.SetRoles(asked);
        var after = user.Roles;
        if (!before.Order().SequenceEqual(after.Order()) || before[0] != after[0])
        {
            var updated = await users.UpdateAsync(user);
            if (!updated.Succeeded)
            {
                return AdminOutcome<AccountView>.Conflict("未能修改角色");
            }

            await sessions.RolesChangedAsync(user.Id);
            await RecordAsync(user, $"修改角色：{string.Join("、", before.Select(StaffUser.RoleName))} → {string.Join("、", after.Select(StaffUser.RoleName))}", ct);
        }

        var names = await OrganizationNamesAsync(ct);
        return AdminOutcome<AccountView>.Ok(new AccountView(user.UserName!, user.DisplayName, user.OrganizationId, names.GetValueOrDefault(user.OrganizationId, "—"),
            user.Role, StaffUser.RoleName(user.Role), user.Disabled, user.MustChangePassword, user.TwoFactorEnabled, after, string.Join("、", after.Select(StaffUser.RoleName))));
    });

    public Task<AdminOutcome<bool>> EnableAsync(string userName, CancellationToken ct) => ChangeAsync(userName, async user =>
    {
        user.Disabled = false;
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded)
        {
            return AdminOutcome<bool>.Conflict("未能启用账号");
        }

        await RecordAsync(user, "重新启用账号", ct);
        return AdminOutcome<bool>.Ok(true);
    });

    public Task<AdminOutcome<TemporaryPasswordAnswer>> ResetPasswordAsync(string userName, CancellationToken ct) => ChangeAsync(userName, async user =>
    {
        var temporary = TemporaryPassword();
        var reset = await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), temporary);
        if (!reset.Succeeded)
        {
            return AdminOutcome<TemporaryPasswordAnswer>.Conflict("未能重置密码", string.Join("；", reset.Errors.Select(PasswordErrors.Describe)));
        }

        user.MustChangePassword = true; // after the store cleared it for the new hash
        await users.UpdateAsync(user);
        await sessions.EndAllAsync(user.Id, null, "password-reset");
        await RecordAsync(user, "强制重置密码（须在下次登录时修改；其会话已结束）", ct);
        return AdminOutcome<TemporaryPasswordAnswer>.Ok(new TemporaryPasswordAnswer(user.UserName!, temporary));
    });

    /// <summary>
    /// A lost phone: two-factor sign-in is turned off and the key and recovery codes forgotten. Where the role
    /// must use two-factor sign-in (<see cref="AccountGate"/>), the next sign-in asks to set it up again.
    /// </summary>
    public Task<AdminOutcome<bool>> ResetTwoFactorAsync(string userName, CancellationToken ct) => ChangeAsync(userName, async user =>
    {
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.RemoveAuthenticationTokenAsync(user, "[AspNetUserStore]", "AuthenticatorKey");
        await users.RemoveAuthenticationTokenAsync(user, "[AspNetUserStore]", "RecoveryCodes");
        await users.UpdateSecurityStampAsync(user);
        await sessions.EndAllAsync(user.Id, null, "two-factor-reset");
        await RecordAsync(user, "重置双因素登录（须重新设置；其会话已结束）", ct);
        return AdminOutcome<bool>.Ok(true);
    });

    private async Task<AdminOutcome<T>> ChangeAsync<T>(string userName, Func<StaffUser, Task<AdminOutcome<T>>> change)
    {
        if (!MayAdminister)
        {
            return AdminOutcome<T>.Forbidden("只有管理员可以停用账号或重置密码");
        }

        var shown = userName.Length > MaxUserName ? userName[..MaxUserName] : userName;
        if (userName.Length > MaxUserName || await users.FindByNameAsync(userName) is not { } user || !Scope.Contains(user.OrganizationId))
        {
            // An account outside the administrator's subtree is answered as absent: its existence is not theirs to learn.
            return AdminOutcome<T>.NotFound("账号不存在", $"没有用户名为「{shown}」的账号");
        }

        return await change(user);
    }

    private Task RecordAsync(StaffUser subject, string summary, CancellationToken ct) =>
        audit.RecordAsync(db, AuditActors.Draft(staff, AuditKind, subject.Id, subject.UserName, summary), ct);

    private async Task<Dictionary<Guid, string>> OrganizationNamesAsync(CancellationToken ct) =>
        await db.Organizations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name, ct);

    /// <summary>20 random characters from all four classes (meets the password policy).</summary>
    private static string TemporaryPassword()
    {
        const string lower = "abcdefghijkmnpqrstuvwxyz", upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", digits = "23456789", symbols = "-_!@#%";
        const string all = lower + upper + digits + symbols;
        var chars = new char[20];
        chars[0] = lower[RandomNumberGenerator.GetInt32(lower.Length)];
        chars[1] = upper[RandomNumberGenerator.GetInt32(upper.Length)];
        chars[2] = digits[RandomNumberGenerator.GetInt32(digits.Length)];
        chars[3] = symbols[RandomNumberGenerator.GetInt32(symbols.Length)];
        for (var i = 4; i < chars.Length; i++)
        {
            chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        }

        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }
}
