using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Organizations;
using Xinfang.Domain.Ownership;
using Xinfang.Domain.Petitions;
using Xinfang.Web.Audit;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;

namespace Xinfang.Web.Ownership;

/// <summary>
/// The use cases of 领导包案 (issue 14), for the API and the pages alike. The petition bureau of a body that holds the
/// item or is above it assigns it to a leader of its own jurisdiction (or of a body above the item); the owning leader
/// adds milestones and progress notes and records the outcome once. Reading the item itself goes through
/// <see cref="PetitionGuard"/>, which lets the owning leader read it (the one authorization entry point).
/// </summary>
public sealed class OwnershipDesk(AppDbContext db, CurrentStaff staff, PetitionGuard guard, OrganizationDirectory directory, TimeProvider clock, AuditLog audit)
{
    /// <summary>The audit trail's kind for every step of a 包案 (assigned, milestone, note, outcome, reassigned, withdrawn), named 领导包案 on the audit page.</summary>
    public const string AuditKind = "CaseOwnership";

    public sealed record AssignRequest(Guid? PetitionId, string? PetitionNumber, string? LeaderId, string? Plan);

    public sealed record MilestoneRequest(string? Title, DateOnly? DueOn);

    public sealed record MilestoneDoneRequest(DateOnly? DoneOn);

    public sealed record NoteRequest(string? Text, DateOnly? NotedOn);

    public sealed record OutcomeRequest(string? Outcome, DateOnly? OutcomeOn, string? Note);

    public sealed record ReassignRequest(string? LeaderId, string? Reason);

    public sealed record WithdrawRequest(string? Reason);

    /// <summary>The bureau's registrars and administrators assign 包案 (a petition bureau or joint meeting, as for 交办).</summary>
    public bool MayAssign => staff.IsSignedIn && staff.Role is StaffRole.Registrar or StaffRole.Administrator && IsBureau(staff.OrganizationId);

    /// <summary>Who reads the bureau's list: its registrars, supervisors and administrators.</summary>
    public bool ReadsBureauList => staff.IsSignedIn && staff.Role is StaffRole.Registrar or StaffRole.Supervisor or StaffRole.Administrator && IsBureau(staff.OrganizationId);

    public bool IsLeader => staff.IsSignedIn && staff.Role == StaffRole.Leader;

    public string UserId => staff.UserId;

    /// <summary>The leaders the caller may give an item to: leader accounts of the caller's body and the bodies below it.</summary>
    public async Task<IReadOnlyList<LeaderChoice>> LeadersAsync(CancellationToken ct)
    {
        if (!MayAssign)
        {
            return [];
        }

        var below = directory.Subtree(staff.OrganizationId).ToList();
        var rows = await db.Users.AsNoTracking().Where(StaffUser.Holding(StaffRole.Leader)).Where(u => !u.Disabled && below.Contains(u.OrganizationId))
            .Select(u => new { u.Id, u.DisplayName, u.OrganizationId }).ToListAsync(ct);
        var orgs = rows.Select(r => r.OrganizationId).Distinct().ToList();
        var names = await db.Organizations.AsNoTracking().Where(o => orgs.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        return rows.Select(r => new LeaderChoice(r.Id, r.DisplayName, r.OrganizationId, names.GetValueOrDefault(r.OrganizationId) ?? string.Empty))
            .OrderBy(l => l.OrganizationName, StringComparer.Ordinal).ThenBy(l => l.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>包案: the bureau gives an item it may see to a leader of its jurisdiction, with a plan.</summary>
    public async Task<OwnershipAnswer> AssignAsync(AssignRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        if (!MayAssign)
        {
            return OwnershipAnswer.Forbidden("只有信访部门的登记人员或管理员可以安排领导包案");
        }

        var errors = new RequestErrors().Text(r.Plan, "plan", "包案方案", CaseOwnership.MaxPlanLength)
            .Text(r.PetitionNumber, "petitionNumber", "信访件编号", 48, required: false)
            .Text(r.LeaderId, "leaderId", "包案领导", 64);
        if (r.PetitionId is null && string.IsNullOrWhiteSpace(r.PetitionNumber))
        {
            errors.Add("petitionNumber", "请填写信访件编号");
        }

        if (errors.Any)
        {
            return OwnershipAnswer.Invalid(errors);
        }

        var petition = await FindItemAsync(r.PetitionId, r.PetitionNumber?.Trim(), ct);
        if (petition is null)
        {
            return OwnershipAnswer.NotFound;
        }

        var leader = await LeaderForAsync(petition, r.LeaderId!.Trim(), ct);
        if (leader is null)
        {
            return OwnershipAnswer.Invalid(new RequestErrors().Add("leaderId", "请选择本辖区的领导（该领导不能包案此件）"));
        }

        var open = await db.Set<CaseOwnership>().AnyAsync(o => o.ActiveKey == petition.Id, ct);
        try
        {
            var ownership = CaseOwnership.Assign(Guid.CreateVersion7(), petition, open, leader, r.Plan!, staff.Actor, clock.GetUtcNow());
            db.Add(ownership);
            await audit.SaveAsync(db, AuditActors.Draft(staff, AuditKind, petition.Id.ToString(), petition.Number, $"安排领导包案：{leader.Name}"), ct);
            return OwnershipAnswer.Done(OwnershipView.From(ownership, OwnershipView.Today(clock)));
        }
        catch (DomainRuleViolation e)
        {
            db.ChangeTracker.Clear();
            return e.Field is { } field ? OwnershipAnswer.Invalid(new RequestErrors().Add(field, e.Message)) : OwnershipAnswer.Conflict(e.Message);
        }
        catch (DbUpdateException)
        {
            // The unique ActiveKey: another 包案 of the same item was saved meanwhile.
            db.ChangeTracker.Clear();
            return OwnershipAnswer.Conflict("该信访件已有领导包案，尚未办结");
        }
    }

    /// <summary>
    /// 改派: the bureau gives an open 包案 to another leader, with a reason. The new leader must be one the bureau could
    /// assign this item to (<see cref="LeaderForAsync"/>); from then the new leader reads the item through
    /// <see cref="PetitionGuard"/> and the old one no longer does through the 包案 (only if otherwise entitled).
    /// </summary>
    public async Task<OwnershipAnswer> ReassignAsync(Guid id, ReassignRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        var errors = new RequestErrors().Text(r.LeaderId, "leaderId", "改派领导", 64).Text(r.Reason, "reason", "改派理由", CaseOwnership.MaxReasonLength);
        return await BureauActAsync(id, errors, async (o, ct) =>
        {
            var petition = await FindItemAsync(o.PetitionId, null, ct);
            var leader = petition is null ? null : await LeaderForAsync(petition, r.LeaderId!.Trim(), ct);
            if (leader is null)
            {
                throw new DomainRuleViolation("leader-not-allowed", "请选择本辖区的领导（该领导不能包案此件）", "leaderId");
            }

            var from = o.LeaderName;
            o.Reassign(Guid.CreateVersion7(), leader, r.Reason!, staff.Actor, clock.GetUtcNow());
            return $"改派领导包案：{from} → {leader.Name}（{o.Handovers[^1].Reason}）";
        }, ct);
    }

    /// <summary>撤回: the bureau withdraws an open 包案 with a reason; it counts in no 包案化解率 and frees the item.</summary>
    public Task<OwnershipAnswer> WithdrawAsync(Guid id, WithdrawRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        var errors = new RequestErrors().Text(r.Reason, "reason", "撤回理由", CaseOwnership.MaxReasonLength);
        return BureauActAsync(id, errors, (o, _) =>
        {
            o.Withdraw(r.Reason!, staff.Actor, clock.GetUtcNow());
            return Task.FromResult($"撤回领导包案：{o.LeaderName}（{o.WithdrawalReason}）");
        }, ct);
    }

    /// <summary>The bureau's steps on a 包案 it reads: the leader and other readers are refused (403), anyone else gets 404.</summary>
    private async Task<OwnershipAnswer> BureauActAsync(Guid id, RequestErrors errors, Func<CaseOwnership, CancellationToken, Task<string>> act, CancellationToken ct)
    {
        var o = await LoadAsync(id, tracked: true, ct);
        if (o is null || !MayRead(o))
        {
            return OwnershipAnswer.NotFound;
        }

        if (!MayAssign)
        {
            return OwnershipAnswer.Forbidden("只有信访部门的登记人员或管理员可以改派或撤回领导包案");
        }

        if (errors.Any)
        {
            return OwnershipAnswer.Invalid(errors);
        }

        return await SaveActedAsync(o, () => act(o, ct), ct);
    }

    /// <summary>
    /// A leader the caller may give this item to: a leader account of the bureau's jurisdiction, or of a body above the
    /// item (its chain); never one the item is kept from (an accusation against their body, 条例 Art. 30 ¶3) or who
    /// stepped aside from it (回避, Art. 28). Null when none such.
    /// </summary>
    private async Task<Actor?> LeaderForAsync(Petition petition, string leaderId, CancellationToken ct)
    {
        var leader = await db.Users.AsNoTracking().Where(StaffUser.Holding(StaffRole.Leader)).SingleOrDefaultAsync(u => u.Id == leaderId && !u.Disabled, ct);
        if (leader is null
            || !(directory.IsWithin(leader.OrganizationId, staff.OrganizationId) || directory.PathFromTop(petition.CurrentOrganizationId).Contains(leader.OrganizationId))
            || petition.IsKeptFrom(leader.OrganizationId, directory) || petition.IsRecused(leader.Id))
        {
            return null;
        }

        return new Actor(leader.Id, leader.DisplayName, leader.OrganizationId);
    }

    /// <summary>A leader's own (open first); the bureau's: those it assigned or given to leaders of its jurisdiction. Null for the other roles.</summary>
    public async Task<IReadOnlyList<OwnershipView>?> ListAsync(bool openOnly, CancellationToken ct)
    {
        IQueryable<CaseOwnership> query;
        if (IsLeader)
        {
            var me = staff.UserId;
            query = db.Set<CaseOwnership>().Where(o => o.LeaderId == me && o.WithdrawnAt == null);
        }
        else if (ReadsBureauList)
        {
            var below = directory.Subtree(staff.OrganizationId).ToList();
            query = db.Set<CaseOwnership>().Where(o => below.Contains(o.AssignedByOrganizationId) || below.Contains(o.LeaderOrganizationId));
        }
        else
        {
            return null;
        }

        if (openOnly)
        {
            query = query.Where(o => o.ActiveKey != null);
        }

        var today = OwnershipView.Today(clock);
        var list = await query.AsNoTracking().AsSplitQuery().Include(o => o.Milestones).Include(o => o.Notes)
            .Include(o => o.Handovers).OrderByDescending(o => o.ActiveKey != null).ThenByDescending(o => o.AssignedAt).Take(500).ToListAsync(ct);
        return list.Select(o => OwnershipView.From(o, today)).ToList();
    }

    /// <summary>One ownership, for the owning leader and the bureau that reads it; null when unknown to the caller.</summary>
    public async Task<OwnershipView?> GetAsync(Guid id, CancellationToken ct)
    {
        var o = await LoadAsync(id, tracked: false, ct);
        return o is not null && MayRead(o) ? OwnershipView.From(o, OwnershipView.Today(clock)) : null;
    }

    /// <summary>The ownerships of an item, for those who may see the item; null when the item is unknown to the caller.</summary>
    public async Task<IReadOnlyList<OwnershipView>?> OfPetitionAsync(Guid petitionId, CancellationToken ct)
    {
        if (!await guard.Petitions.AnyAsync(p => p.Id == petitionId, ct))
        {
            return null;
        }

        var today = OwnershipView.Today(clock);
        var list = await db.Set<CaseOwnership>().AsNoTracking().AsSplitQuery().Include(o => o.Milestones).Include(o => o.Notes).Include(o => o.Handovers)
            .Where(o => o.PetitionId == petitionId).OrderBy(o => o.AssignedAt).ToListAsync(ct);
        return list.Select(o => OwnershipView.From(o, today)).ToList();
    }

    public Task<OwnershipAnswer> AddMilestoneAsync(Guid id, MilestoneRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        var errors = new RequestErrors().Text(r.Title, "title", "节点名称", CaseOwnership.MaxMilestoneTitleLength).Date(r.DueOn, "dueOn", "节点期限");
        if (r.DueOn is null)
        {
            errors.Add("dueOn", "请填写节点期限");
        }

        return ActAsync(id, errors, o => o.AddMilestone(Guid.CreateVersion7(), r.Title!, r.DueOn!.Value, clock.GetUtcNow()), "增加包案节点", ct);
    }

    public Task<OwnershipAnswer> CompleteMilestoneAsync(Guid id, Guid milestoneId, MilestoneDoneRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        var errors = new RequestErrors().Date(r.DoneOn, "doneOn", "完成日期");
        var day = r.DoneOn ?? OwnershipView.Today(clock);
        return ActAsync(id, errors, o => o.CompleteMilestone(milestoneId, day, clock.GetUtcNow()), "包案节点完成", ct);
    }

    public Task<OwnershipAnswer> AddNoteAsync(Guid id, NoteRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        var errors = new RequestErrors().Text(r.Text, "text", "进展情况", CaseOwnership.MaxTextLength).Date(r.NotedOn, "notedOn", "进展日期");
        var day = r.NotedOn ?? OwnershipView.Today(clock);
        return ActAsync(id, errors, o => o.AddNote(Guid.CreateVersion7(), day, r.Text!, staff.Actor, clock.GetUtcNow()), "记录包案进展", ct);
    }

    public Task<OwnershipAnswer> RecordOutcomeAsync(Guid id, OutcomeRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        var errors = new RequestErrors().Text(r.Note, "note", "结果说明", CaseOwnership.MaxTextLength).Date(r.OutcomeOn, "outcomeOn", "结果日期");
        OwnershipOutcome? outcome = r.Outcome?.Trim() switch
        {
            "Resolved" or "化解" => OwnershipOutcome.Resolved,
            "Unresolved" or "未化解" => OwnershipOutcome.Unresolved,
            _ => null,
        };
        if (outcome is null)
        {
            errors.Add("outcome", "包案结果应为化解（Resolved）或未化解（Unresolved）");
        }

        var day = r.OutcomeOn ?? OwnershipView.Today(clock);
        return ActAsync(id, errors, o => o.RecordOutcome(outcome!.Value, day, r.Note!, clock.GetUtcNow()), $"记录包案结果：{(outcome == OwnershipOutcome.Resolved ? "化解" : "未化解")}", ct);
    }

    /// <summary>The owning leader's steps: anyone else who may read it is refused (403), anyone else gets 404.</summary>
    private async Task<OwnershipAnswer> ActAsync(Guid id, RequestErrors errors, Action<CaseOwnership> act, string summary, CancellationToken ct)
    {
        var o = await LoadAsync(id, tracked: true, ct);
        if (o is null || !MayRead(o))
        {
            return OwnershipAnswer.NotFound;
        }

        if (o.LeaderId != staff.UserId || !IsLeader)
        {
            return OwnershipAnswer.Forbidden("只有包案领导本人可以记录节点、进展和结果");
        }

        if (errors.Any)
        {
            return OwnershipAnswer.Invalid(errors);
        }

        return await SaveActedAsync(o, () =>
        {
            act(o);
            return Task.FromResult(summary);
        }, ct);
    }

    /// <summary>
    /// An act on an existing 包案 (the bureau's or the leader's) and its audit entry, saved together: a rule the domain
    /// refuses is a 400 on its field or a 409, a change saved meanwhile by someone else a 409; nothing is saved then.
    /// </summary>
    private async Task<OwnershipAnswer> SaveActedAsync(CaseOwnership o, Func<Task<string>> act, CancellationToken ct)
    {
        try
        {
            var summary = await act();
            await audit.SaveAsync(db, AuditActors.Draft(staff, AuditKind, o.PetitionId.ToString(), o.PetitionNumber, summary), ct);
            return OwnershipAnswer.Done(OwnershipView.From(o, OwnershipView.Today(clock)));
        }
        catch (DomainRuleViolation e)
        {
            db.ChangeTracker.Clear();
            return e.Field is { } field ? OwnershipAnswer.Invalid(new RequestErrors().Add(field, e.Message)) : OwnershipAnswer.Conflict(e.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return OwnershipAnswer.Conflict("该包案刚被修改，请刷新后重试");
        }
    }

    private async Task<CaseOwnership?> LoadAsync(Guid id, bool tracked, CancellationToken ct)
    {
        var query = db.Set<CaseOwnership>().AsSplitQuery().Include(o => o.Milestones).Include(o => o.Notes).Include(o => o.Handovers);
        return await (tracked ? query : query.AsNoTracking()).SingleOrDefaultAsync(o => o.Id == id, ct);
    }

    /// <summary>The current leader (a 改派 moves it, a withdrawal ends it) or the bureau of the jurisdiction.</summary>
    private bool MayRead(CaseOwnership o) =>
        (IsLeader && o.LeaderId == staff.UserId && !o.IsWithdrawn)
        || (ReadsBureauList && (directory.IsWithin(o.AssignedByOrganizationId, staff.OrganizationId) || directory.IsWithin(o.LeaderOrganizationId, staff.OrganizationId)));

    /// <summary>
    /// The item to own. A registrar reads it through <see cref="PetitionGuard"/> (their scope); an administrator sees no
    /// items there, so the whole deployment is searched and only an item held or registered within their body's
    /// jurisdiction, not kept from their body, is taken (the same jurisdiction a registrar of that body has).
    /// </summary>
    private async Task<Petition?> FindItemAsync(Guid? id, string? number, CancellationToken ct)
    {
        if (staff.Role != StaffRole.Administrator)
        {
            return await guard.Petitions.AsSplitQuery().AsNoTracking().SingleOrDefaultAsync(p => id != null ? p.Id == id : p.Number == number, ct);
        }

        var p = await db.PetitionsAcrossDeployment.AsSplitQuery().AsNoTracking().SingleOrDefaultAsync(p => id != null ? p.Id == id : p.Number == number, ct);
        return p is not null && (directory.IsWithin(p.CurrentOrganizationId, staff.OrganizationId) || directory.IsWithin(p.RegisteringOrganizationId, staff.OrganizationId))
            && !p.IsKeptFrom(staff.OrganizationId, directory) ? p : null;
    }

    private bool IsBureau(Guid organization) => directory.KindOf(organization) is OrganizationKind.PetitionBureau or OrganizationKind.JointMeeting;
}
