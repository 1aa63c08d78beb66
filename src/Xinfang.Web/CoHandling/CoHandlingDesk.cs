using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.CoHandling;
using Xinfang.Domain.Organizations;
using Xinfang.Domain.Petitions;
using Xinfang.Web.Audit;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;

namespace Xinfang.Web.CoHandling;

/// <summary>
/// The use cases of 主办/协办 (issue 14), for the API and the petition page alike. The petition bureau of the item's
/// jurisdiction (the one that forwarded or assigned it, registered it, or is above the body holding it) names 协办
/// units besides the 主办 (the body holding the item), each with a task and a deadline; a 协办 unit records its 意见 and
/// marks its task done; the bureau withdraws a task; the lead unit records why it answers before a task is done.
/// Reading the item goes through <see cref="PetitionGuard"/>, which lets a 协办 unit read it (the one authorization rule).
/// Each step is written into the item's history (by the domain) and the audit trail (here).
/// </summary>
public sealed class CoHandlingDesk(AppDbContext db, CurrentStaff staff, PetitionGuard guard, OrganizationDirectory directory, TimeProvider clock, AuditLog audit)
{
    /// <summary>The audit trail's kind for every 协办 step.</summary>
    public const string AuditKind = "CoHandling";

    public sealed record NameRequest(Guid? OrganizationId, string? Task, DateOnly? DueOn);

    public sealed record FeedbackRequest(string? Feedback);

    public sealed record ReasonRequest(string? Reason);

    /// <summary>The roles that act on items for their body: they record 协办 feedback and the lead unit's reason.</summary>
    private bool ActsForBody => staff.IsSignedIn && staff.Role is StaffRole.Registrar or StaffRole.Handler or StaffRole.UnitHead;

    /// <summary>
    /// Whether the signed-in staff member may name and withdraw 协办 on this item: a registrar of a petition bureau (or joint
    /// meeting) that forwarded or assigned it, registered it, or is above the body holding it — never merely as a 协办 itself.
    /// </summary>
    public bool MayName(Petition p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var org = staff.OrganizationId;
        return staff.IsSignedIn && staff.Role == StaffRole.Registrar
            && directory.KindOf(org) is OrganizationKind.PetitionBureau or OrganizationKind.JointMeeting
            && (p.DispatchingOrganizationId == org || p.RegisteringOrganizationId == org || directory.IsWithin(p.CurrentOrganizationId, org));
    }

    /// <summary>The lead unit (主办): the body holding the item now.</summary>
    public bool IsLead(Petition p) => ActsForBody && p.CurrentOrganizationId == staff.OrganizationId;

    /// <summary>The 协办 unit of the task.</summary>
    public bool IsCoHandler(CoHandlingTask t) => ActsForBody && t.OrganizationId == staff.OrganizationId;

    /// <summary>The bodies the caller may name 协办 on an item: of the bureau's jurisdiction, not the lead, not the accused (Art. 30 ¶3).</summary>
    public async Task<IReadOnlyList<CoHandlerChoice>> ChoicesAsync(Petition p, CancellationToken ct)
    {
        if (!MayName(p))
        {
            return [];
        }

        var below = directory.Subtree(staff.OrganizationId).ToList();
        var rows = await db.Organizations.AsNoTracking().Where(o => below.Contains(o.Id) && o.Id != p.CurrentOrganizationId)
            .OrderBy(o => o.Code).Select(o => new { o.Id, o.Name }).Take(500).ToListAsync(ct);
        // Not the naming bureau itself, never the accused body or one under it (Art. 30 ¶3).
        return rows.Where(o => o.Id != staff.OrganizationId && !p.IsKeptFrom(o.Id, directory))
            .Select(o => new CoHandlerChoice(o.Id, o.Name)).ToList();
    }

    /// <summary>The 协办 tasks of an item, for those who may see the item; null when the item is unknown to the caller.</summary>
    public async Task<IReadOnlyList<CoHandlingView>?> OfPetitionAsync(Guid petitionId, CancellationToken ct)
    {
        if (!await guard.Petitions.AnyAsync(p => p.Id == petitionId, ct))
        {
            return null;
        }

        var today = CoHandlingView.Today(clock);
        var list = await db.Set<CoHandlingTask>().AsNoTracking().Where(t => t.PetitionId == petitionId).OrderBy(t => t.NamedAt).ToListAsync(ct);
        return list.Select(t => CoHandlingView.From(t, today)).ToList();
    }

    /// <summary>协办: the bureau names a unit with a task and a deadline.</summary>
    public async Task<CoHandlingAnswer> NameAsync(Guid petitionId, NameRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        var errors = new RequestErrors().Text(r.Task, "task", "协办任务", CoHandlingTask.MaxTaskLength).Date(r.DueOn, "dueOn", "协办期限");
        if (r.OrganizationId is null)
        {
            errors.Add("organizationId", "请选择协办单位");
        }

        if (r.DueOn is null)
        {
            errors.Add("dueOn", "请填写协办期限");
        }

        if (errors.Any)
        {
            return CoHandlingAnswer.Invalid(errors);
        }

        var petition = await guard.Petitions.AsSplitQuery().SingleOrDefaultAsync(p => p.Id == petitionId, ct);
        if (petition is null || !await guard.MayAsync(petition, PetitionOperation.View))
        {
            return CoHandlingAnswer.NotFound;
        }

        if (!MayName(petition))
        {
            return CoHandlingAnswer.Forbidden("只有本辖区信访部门的登记人员可以确定协办单位");
        }

        var unitId = r.OrganizationId!.Value;
        if (!directory.Contains(unitId) || !directory.IsWithin(unitId, staff.OrganizationId))
        {
            return CoHandlingAnswer.Invalid(new RequestErrors().Add("organizationId", "请选择本辖区的单位作为协办单位"));
        }

        var names = await OrganizationNamesAsync([unitId, petition.CurrentOrganizationId], ct);
        var open = await db.Set<CoHandlingTask>().AnyAsync(t => t.ActiveKey == petition.Id && t.OrganizationId == unitId, ct);
        return await SaveAsync(() =>
        {
            var task = CoHandlingTask.Name(Guid.CreateVersion7(), petition, unitId, names.GetValueOrDefault(unitId, string.Empty),
                names.GetValueOrDefault(petition.CurrentOrganizationId, string.Empty), directory, open, r.Task!, r.DueOn!.Value, staff.Actor, clock.GetUtcNow());
            db.Add(task);
            return (task, $"确定协办单位：{task.OrganizationName}，{task.DueOn:yyyy-MM-dd}前反馈");
        }, petition, ct);
    }

    public Task<CoHandlingAnswer> FeedbackAsync(Guid petitionId, Guid taskId, FeedbackRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        var errors = new RequestErrors().Text(r.Feedback, "feedback", "协办意见", CoHandlingTask.MaxFeedbackLength);
        return ActAsync(petitionId, taskId, errors, (t, _) => IsCoHandler(t), "只有协办单位可以反馈协办意见",
            (t, p) => t.RecordFeedback(p, r.Feedback!, staff.Actor, clock.GetUtcNow()), t => $"{t.OrganizationName}反馈协办意见", ct);
    }

    public Task<CoHandlingAnswer> DoneAsync(Guid petitionId, Guid taskId, CancellationToken ct) =>
        ActAsync(petitionId, taskId, new RequestErrors(), (t, _) => IsCoHandler(t), "只有协办单位可以办结协办任务",
            (t, p) => t.MarkDone(p, staff.Actor, clock.GetUtcNow()), t => $"{t.OrganizationName}协办办结", ct);

    public Task<CoHandlingAnswer> WithdrawAsync(Guid petitionId, Guid taskId, ReasonRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        var errors = new RequestErrors().Text(r.Reason, "reason", "撤回理由", CoHandlingTask.MaxReasonLength);
        return ActAsync(petitionId, taskId, errors, (_, p) => MayName(p), "只有本辖区信访部门的登记人员可以撤回协办任务",
            (t, p) => t.Withdraw(p, r.Reason!, staff.Actor, clock.GetUtcNow()), t => $"撤回{t.OrganizationName}的协办任务", ct);
    }

    /// <summary>The lead unit records why it sends its answer for sign-off before a 协办 task is done (the task stays open).</summary>
    public Task<CoHandlingAnswer> ProceedAsync(Guid petitionId, Guid taskId, ReasonRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        var errors = new RequestErrors().Text(r.Reason, "reason", "理由", CoHandlingTask.MaxReasonLength);
        return ActAsync(petitionId, taskId, errors, (_, p) => IsLead(p), "只有主办单位可以记录不待协办意见的理由",
            (t, p) => t.LeadProceeds(p, r.Reason!, staff.Actor, clock.GetUtcNow()), t => $"主办单位不待{t.OrganizationName}协办意见即报送处理意见", ct);
    }

    /// <summary>
    /// The 协办 units whose open tasks hold the lead unit's answer (no reason recorded): the 处理意见 is not sent for sign-off
    /// nor issued while any is listed (<see cref="CoHandlingTask.RequireNoneHolding"/>, asked by DraftDecision and DecidePetition).
    /// </summary>
    public async Task<IReadOnlyList<string>> HoldingAsync(Guid petitionId, CancellationToken ct) =>
        await db.Set<CoHandlingTask>().AsNoTracking().Where(t => t.ActiveKey == petitionId && t.LeadProceedsBecause == null)
            .OrderBy(t => t.NamedAt).Select(t => t.OrganizationName).ToListAsync(ct);

    private async Task<CoHandlingAnswer> ActAsync(Guid petitionId, Guid taskId, RequestErrors errors, Func<CoHandlingTask, Petition, bool> may, string refusal,
        Action<CoHandlingTask, Petition> act, Func<CoHandlingTask, string> summary, CancellationToken ct)
    {
        var petition = await guard.Petitions.AsSplitQuery().SingleOrDefaultAsync(p => p.Id == petitionId, ct);
        var task = petition is null ? null : await db.Set<CoHandlingTask>().SingleOrDefaultAsync(t => t.Id == taskId && t.PetitionId == petitionId, ct);
        if (petition is null || task is null || !await guard.MayAsync(petition, PetitionOperation.View))
        {
            return CoHandlingAnswer.NotFound;
        }

        if (!may(task, petition))
        {
            return CoHandlingAnswer.Forbidden(refusal);
        }

        if (errors.Any)
        {
            return CoHandlingAnswer.Invalid(errors);
        }

        return await SaveAsync(() =>
        {
            act(task, petition);
            return (task, summary(task));
        }, petition, ct);
    }

    private async Task<CoHandlingAnswer> SaveAsync(Func<(CoHandlingTask Task, string Summary)> step, Petition petition, CancellationToken ct)
    {
        try
        {
            var (task, summary) = step();
            await audit.SaveAsync(db, AuditActors.Draft(staff, AuditKind, petition.Id.ToString(), petition.Number, summary), ct);
            return CoHandlingAnswer.Done(CoHandlingView.From(task, CoHandlingView.Today(clock)));
        }
        catch (DomainRuleViolation e)
        {
            db.ChangeTracker.Clear();
            return e.Field is { } field ? CoHandlingAnswer.Invalid(new RequestErrors().Add(field, e.Message)) : CoHandlingAnswer.Conflict(e.Message);
        }
        catch (DbUpdateException)
        {
            // The item or the task was changed meanwhile (its version, the history's next entry, or the unique open task).
            db.ChangeTracker.Clear();
            return CoHandlingAnswer.Conflict("该信访件或协办任务刚被修改，请刷新后重试");
        }
    }

    private async Task<Dictionary<Guid, string>> OrganizationNamesAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        await db.Organizations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
}
