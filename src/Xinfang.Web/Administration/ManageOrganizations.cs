using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Organizations;
using Xinfang.Web.Audit;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Deadlines;
using Xinfang.Web.Identity;

namespace Xinfang.Web.Administration;

/// <summary>
/// The organisation tree, administered (issue 13): shown as a tree, a body added under another, renamed, moved.
/// Codes are unique (petition numbers carry them) and never change once given; a move never makes a cycle
/// (<see cref="Organization.MoveUnder"/>). An administrator works inside their own organisation's subtree and
/// cannot move the top of it. After a change the in-memory tree and the inherited deadline policies are
/// reloaded; a move recomputes the open deadlines of the moved subtree (its inherited policy may differ).
/// Every change is in the audit chain. The API (<c>/api/admin/organizations</c>) and the page
/// (<c>/admin/organizations</c>) both call this class.
/// </summary>
public sealed class ManageOrganizations(
    AppDbContext db, CurrentStaff staff, OrganizationDirectory directory, DeadlineSettings settings, RecomputeOpenDeadlines recompute, AuditLog audit,
    StaffSessions sessions, TimeProvider clock)
{
    public const string AuditKind = "OrganizationChanged";

    public sealed record Node(Guid Id, string Code, string Name, string DivisionCode, OrganizationLevel Level, string LevelName,
        OrganizationKind Kind, string KindName, string? Line, Guid? ParentId, int Depth, int Accounts, string? Merged = null);

    /// <summary>Merge this body into <c>IntoId</c> (ADR 0127).</summary>
    public sealed record MergeRequest(Guid? IntoId);

    /// <summary>What a merge moved.</summary>
    public sealed record MergeAnswer(Node Merged, Node Into, int OpenItems, int Accounts, int Children, bool PolicyMoved, int DeadlinesChanged);

    public sealed record AddRequest(Guid? ParentId, string? Code, string? Name, string? DivisionCode, OrganizationLevel? Level, OrganizationKind? Kind, string? Line);

    public sealed record RenameRequest(string? Name);

    public sealed record MoveRequest(Guid? ParentId);

    public bool MayAdminister => staff.IsSignedIn && staff.Role == StaffRole.Administrator;

    /// <summary>The administrator's subtree in tree order (depth first, children by code), with how many accounts each body has.</summary>
    public async Task<AdminOutcome<List<Node>>> TreeAsync(CancellationToken ct)
    {
        if (!MayAdminister)
        {
            return AdminOutcome<List<Node>>.Forbidden("只有管理员可以维护组织机构");
        }

        var accounts = await db.Users.AsNoTracking().GroupBy(u => u.OrganizationId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var tree = directory.Tree;
        var nodes = new List<Node>();
        void Walk(Organization o, int depth)
        {
            nodes.Add(new Node(o.Id, o.Code, o.Name, o.DivisionCode, o.Level, Organization.LevelName(o.Level), o.Kind, Organization.KindName(o.Kind),
                o.Line, o.ParentId, depth, accounts.GetValueOrDefault(o.Id), MergedNote(o)));
            foreach (var child in tree.ChildrenOf(o.Id).OrderBy(c => c.Code, StringComparer.Ordinal))
            {
                Walk(child, depth + 1);
            }
        }

        if (tree.Find(staff.OrganizationId) is { } top)
        {
            Walk(top, 0);
        }

        return AdminOutcome<List<Node>>.Ok(nodes);
    }

    public async Task<AdminOutcome<Node>> AddAsync(AddRequest r, CancellationToken ct)
    {
        if (!MayAdminister)
        {
            return AdminOutcome<Node>.Forbidden("只有管理员可以维护组织机构");
        }

        var errors = new RequestErrors()
            .Text(r.Code, "code", "机构代码", 32)
            .Text(r.Name, "name", "机构名称", Organization.MaxNameLength)
            .Text(r.DivisionCode, "divisionCode", "行政区划代码", 9)
            .Text(r.Line, "line", "系统", Organization.MaxLineLength, required: false)
            .Defined(r.Level, "level", "行政层级")
            .Defined(r.Kind, "kind", "机构类别");
        if (r.Code is { Length: > 0 } code && !code.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c)))
        {
            errors.Add("code", "机构代码只能由大写字母和数字组成");
        }

        if (r.DivisionCode is { Length: > 0 } division && (division.Length is not (6 or 9) || !division.All(char.IsAsciiDigit)))
        {
            errors.Add("divisionCode", "行政区划代码应为6位数字（乡级加3位）");
        }

        ParentProblem(r.ParentId, errors);
        if (errors.Any)
        {
            return AdminOutcome<Node>.Invalid(errors);
        }

        var trimmedCode = r.Code!.Trim();
        if (await db.Organizations.AnyAsync(o => o.Code == trimmedCode, ct))
        {
            return AdminOutcome<Node>.Invalid(new RequestErrors().Add("code", $"机构代码「{trimmedCode}」已被使用"));
        }

        var organization = new Organization(Guid.CreateVersion7(), trimmedCode, r.Name!.Trim(), r.DivisionCode!.Trim(), r.Level!.Value, r.Kind!.Value, r.ParentId, r.Line);
        db.Organizations.Add(organization);
        await SaveAsync(organization, $"新增机构「{organization.Name}」（{organization.Code}），上级：{directory.Tree.Find(r.ParentId!.Value)?.Name}", ct);
        return AdminOutcome<Node>.Ok(View(organization));
    }

    public async Task<AdminOutcome<Node>> RenameAsync(Guid id, RenameRequest r, CancellationToken ct)
    {
        var (organization, problem) = await FindAsync(id, ct);
        if (organization is null)
        {
            return problem!;
        }

        var errors = new RequestErrors().Text(r.Name, "name", "机构名称", Organization.MaxNameLength);
        if (errors.Any)
        {
            return AdminOutcome<Node>.Invalid(errors);
        }

        var before = organization.Name;
        organization.Rename(r.Name!);
        await SaveAsync(organization, $"机构更名：「{before}」改为「{organization.Name}」（代码 {organization.Code} 不变）", ct);
        return AdminOutcome<Node>.Ok(View(organization));
    }

    public async Task<AdminOutcome<Node>> MoveAsync(Guid id, MoveRequest r, CancellationToken ct)
    {
        var (organization, problem) = await FindAsync(id, ct);
        if (organization is null)
        {
            return problem!;
        }

        if (organization.Id == staff.OrganizationId)
        {
            return AdminOutcome<Node>.Conflict("不能移动本机构", "本机构是您所管理的组织机构树的顶端");
        }

        var errors = new RequestErrors();
        ParentProblem(r.ParentId, errors);
        if (errors.Any)
        {
            return AdminOutcome<Node>.Invalid(errors);
        }

        var subtree = directory.Subtree(organization.Id);
        if (subtree.Contains(r.ParentId!.Value))
        {
            return AdminOutcome<Node>.Invalid(new RequestErrors().Add("parentId", "不能把机构移到它自己或它的下级机构之下"));
        }

        var from = organization.ParentId is { } old ? directory.Tree.Find(old)?.Name : null;
        var to = directory.Tree.Find(r.ParentId.Value)?.Name;
        organization.MoveUnder(r.ParentId.Value, subtree);
        await SaveAsync(organization, $"机构「{organization.Name}」从「{from}」下移到「{to}」下", ct);
        // The moved bodies may now inherit another jurisdiction's deadline policy.
        await recompute.RunAsync($"机构「{organization.Name}」调整隶属关系", staff.Actor, directory.Subtree(organization.Id).ToList(), ct);
        return AdminOutcome<Node>.Ok(View(organization));
    }

    /// <summary>
    /// Merges body A into body B (ADR 0127), in one transaction with its audit entry. The rule: same level; B is
    /// not A nor below A; neither is already merged; both inside the administrator's subtree; A is not its top.
    /// A's open items (whoever holds, handles, dispatched, reviews or is accused in them), accounts, sub-bodies and
    /// deadline policy (unless B has its own) move to B; A is kept, marked merged (不再使用, the date, into B) and
    /// hung under B; history, closed items, issued numbers and A's code stay as they were. The open deadlines of
    /// everything registered in B's subtree are recomputed afterwards (A's items now inherit B's policy).
    /// </summary>
    public async Task<AdminOutcome<MergeAnswer>> MergeAsync(Guid id, MergeRequest r, CancellationToken ct)
    {
        var (merged, problem) = await FindAsync(id, ct);
        if (merged is null)
        {
            return new(default, problem!.Status, problem.Title, problem.Detail, problem.Errors);
        }

        if (r.IntoId is not { } intoId || !directory.IsWithin(intoId, staff.OrganizationId) || await db.Organizations.FindAsync([intoId], ct) is not { } into)
        {
            return AdminOutcome<MergeAnswer>.Invalid(new RequestErrors().Add("intoId", "请选择并入的机构（须在本机构及其下级机构之中）"));
        }

        if (merged.Id == staff.OrganizationId)
        {
            return AdminOutcome<MergeAnswer>.Conflict("不能合并本机构", "本机构是您所管理的组织机构树的顶端");
        }

        if (merged.Id == into.Id)
        {
            return AdminOutcome<MergeAnswer>.Invalid(new RequestErrors().Add("intoId", "不能把机构并入它自己"));
        }

        if (merged.MergedIntoId is { } earlier)
        {
            return AdminOutcome<MergeAnswer>.Conflict("该机构已合并", $"「{merged.Name}」已于{merged.MergedOn:yyyy年M月d日}并入「{directory.Tree.Find(earlier)?.Name}」，不能再合并");
        }

        if (into.IsMerged)
        {
            return AdminOutcome<MergeAnswer>.Conflict("不能并入已合并的机构", $"「{into.Name}」已不再使用");
        }

        var subtree = directory.Subtree(merged.Id);
        if (subtree.Contains(into.Id))
        {
            return AdminOutcome<MergeAnswer>.Invalid(new RequestErrors().Add("intoId", "不能把机构并入它的下级机构"));
        }

        if (merged.Level != into.Level)
        {
            return AdminOutcome<MergeAnswer>.Invalid(new RequestErrors().Add("intoId", $"只能合并同一行政层级的机构（「{merged.Name}」为{Organization.LevelName(merged.Level)}级，「{into.Name}」为{Organization.LevelName(into.Level)}级）"));
        }

        var a = merged.Id;
        var b = into.Id;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime); // the day in China
        int openItems, accounts, children;
        var policyMoved = false;
        List<string> movedUsers;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            // Open items only: a closed item, and every history line, keep naming A as it was (history is never rewritten).
            // Each update moves the item's version (ADR 0179): an officer who loaded it before the merge gets 409 on saving,
            // and a lookup does not use an item held from before it (Casework/PetitionReadCache.cs).
            // Across the deployment: A's items may sit anywhere in the tree, and this is the administrator's structural change.
            var open = db.PetitionsAcrossDeployment.Where(p => p.State != Domain.Petitions.PetitionState.Closed);
            openItems = await open.Where(p => p.CurrentOrganizationId == a).ExecuteUpdateAsync(u => u.SetProperty(p => p.CurrentOrganizationId, b).SetProperty(p => p.Version, p => p.Version + 1), ct);
            await open.Where(p => p.HandlingOrganizationId == a).ExecuteUpdateAsync(u => u.SetProperty(p => p.HandlingOrganizationId, b).SetProperty(p => p.Version, p => p.Version + 1), ct);
            await open.Where(p => p.DispatchingOrganizationId == a).ExecuteUpdateAsync(u => u.SetProperty(p => p.DispatchingOrganizationId, b).SetProperty(p => p.Version, p => p.Version + 1), ct);
            await open.Where(p => p.ReviewOrganizationId == a).ExecuteUpdateAsync(u => u.SetProperty(p => p.ReviewOrganizationId, b).SetProperty(p => p.Version, p => p.Version + 1), ct);
            await open.Where(p => p.ReReviewOrganizationId == a).ExecuteUpdateAsync(u => u.SetProperty(p => p.ReReviewOrganizationId, b).SetProperty(p => p.Version, p => p.Version + 1), ct);
            // An accusation against A is one against its successor now (its staff are B's): still never shown to them.
            await open.Where(p => p.AccusedOrganizationId == a).ExecuteUpdateAsync(u => u.SetProperty(p => p.AccusedOrganizationId, b).SetProperty(p => p.Version, p => p.Version + 1), ct);

            movedUsers = await db.Users.Where(x => x.OrganizationId == a).Select(x => x.Id).ToListAsync(ct);
            accounts = await db.Users.Where(x => x.OrganizationId == a).ExecuteUpdateAsync(u => u.SetProperty(x => x.OrganizationId, b), ct);

            var childBodies = await db.Organizations.Where(o => o.ParentId == a).ToListAsync(ct);
            foreach (var child in childBodies)
            {
                child.MoveUnder(b, directory.Subtree(child.Id));
            }

            children = childBodies.Count;
            if (await db.JurisdictionPolicies.FindAsync([a], ct) is { } policy)
            {
                if (await db.JurisdictionPolicies.FindAsync([b], ct) is null)
                {
                    db.JurisdictionPolicies.Add(new JurisdictionPolicyRecord { OrganizationId = b, OverrideJson = policy.OverrideJson });
                    policyMoved = true;
                }

                db.JurisdictionPolicies.Remove(policy);
            }

            merged.MergeInto(into, today, subtree);
            await db.SaveChangesAsync(ct);
            await audit.RecordAsync(db, AuditActors.Draft(staff, AuditKind, merged.Id.ToString(), merged.Name,
                $"机构合并：「{merged.Name}」（{merged.Code}）并入「{into.Name}」（{into.Code}）；转入未办结事项 {openItems} 件、账号 {accounts} 个、下级机构 {children} 个"
                + (policyMoved ? "、时限政策" : string.Empty) + $"；原机构代码 {merged.Code} 保留不再使用"), ct);
            await tx.CommitAsync(ct);
        }

        foreach (var user in movedUsers)
        {
            // Their cookies still name A: each session is rebuilt from the account at its next request (ADR 0126).
            await sessions.RolesChangedAsync(user);
        }

        await directory.ReloadAsync(db, ct);
        await settings.ReloadAsync(db, ct);
        var recomputed = await recompute.RunAsync($"机构「{merged.Name}」并入「{into.Name}」", staff.Actor, directory.Subtree(b).ToList(), ct);
        return AdminOutcome<MergeAnswer>.Ok(new MergeAnswer(View(merged), View(into), openItems, accounts, children, policyMoved, recomputed.Changed));
    }

    private string? MergedNote(Organization o) =>
        o.MergedIntoId is { } into ? $"已于{o.MergedOn:yyyy年M月d日}并入「{directory.Tree.Find(into)?.Name}」，不再使用" : null;

    private void ParentProblem(Guid? parentId, RequestErrors errors)
    {
        if (parentId is not { } parent || !directory.Contains(parent))
        {
            errors.Add("parentId", "请选择上级机构");
        }
        else if (!directory.IsWithin(parent, staff.OrganizationId))
        {
            errors.Add("parentId", "上级机构须在本机构及其下级机构之中");
        }
    }

    private async Task<(Organization? Organization, AdminOutcome<Node>? Problem)> FindAsync(Guid id, CancellationToken ct)
    {
        if (!MayAdminister)
        {
            return (null, AdminOutcome<Node>.Forbidden("只有管理员可以维护组织机构"));
        }

        // A body outside the administrator's subtree is answered as absent.
        return directory.IsWithin(id, staff.OrganizationId) && await db.Organizations.FindAsync([id], ct) is { } o
            ? (o, null)
            : (null, AdminOutcome<Node>.NotFound("机构不存在"));
    }

    /// <summary>The change and its audit entry commit together; then the tree and the inherited policies are reloaded.</summary>
    private async Task SaveAsync(Organization subject, string summary, CancellationToken ct)
    {
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            await db.SaveChangesAsync(ct);
            await audit.RecordAsync(db, AuditActors.Draft(staff, AuditKind, subject.Id.ToString(), subject.Name, summary), ct);
            await tx.CommitAsync(ct);
        }

        await directory.ReloadAsync(db, ct);
        await settings.ReloadAsync(db, ct);
    }

    private Node View(Organization o) => new(o.Id, o.Code, o.Name, o.DivisionCode, o.Level, Organization.LevelName(o.Level), o.Kind, Organization.KindName(o.Kind),
        o.Line, o.ParentId, directory.PathFromTop(o.Id).Count - 1, 0, MergedNote(o));
}
