using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Instructions;
using Xinfang.Domain.Petitions;
using Xinfang.Web.Casework;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;

namespace Xinfang.Web.Instructions;

/// <summary>
/// The use cases of 领导批示, for the API and the <c>/instructions</c> page alike: write (a leader), list (the
/// leader's own; the bureau's), turn into a 交办 or answer (the bureau of the leader's body). Each is recorded on
/// the item's history, and so in the audit chain.
/// </summary>
public sealed class InstructionDesk(AppDbContext db, CurrentStaff staff, PetitionGuard guard, OrganizationDirectory directory, AssignPetition assign, TimeProvider clock)
{
    public sealed record WriteRequest(Guid? PetitionId, string? PetitionNumber, string? Text, DateOnly? DueOn);

    public sealed record AssignRequest(Guid? TargetOrganizationId, DateOnly? ReportDueOn = null, string? Note = null);

    public sealed record AnswerRequest(string? Answer);

    /// <summary>批示: only a leader, only on an item of the leader's jurisdiction (an item elsewhere answers as unknown).</summary>
    public async Task<InstructionOutcome> WriteAsync(WriteRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        if (staff.Role != StaffRole.Leader)
        {
            return InstructionOutcome.Forbidden("只有领导可以作出批示");
        }

        var errors = new RequestErrors().Text(r.Text, "text", "批示内容", LeaderInstruction.MaxTextLength).Date(r.DueOn, "dueOn", "办理期限")
            .Text(r.PetitionNumber, "petitionNumber", "信访件编号", 48, required: false);
        if (r.DueOn is null)
        {
            errors.Add("dueOn", "请填写办理期限");
        }

        if (r.PetitionId is null && string.IsNullOrWhiteSpace(r.PetitionNumber))
        {
            errors.Add("petitionNumber", "请填写信访件编号");
        }

        if (errors.Any)
        {
            return InstructionOutcome.Invalid(errors);
        }

        var number = r.PetitionNumber?.Trim();
        // Leaders read no items through PetitionGuard (they see numbers): the whole deployment is searched here and the
        // jurisdiction rule below decides — the leader's body and the bodies under it, never an accusation kept from it.
        var petition = await db.PetitionsAcrossDeployment.AsSplitQuery()
            .SingleOrDefaultAsync(p => r.PetitionId != null ? p.Id == r.PetitionId : p.Number == number, ct);
        if (petition is null || !InJurisdiction(petition))
        {
            return InstructionOutcome.NotFound;
        }

        var now = clock.GetUtcNow();
        try
        {
            var instruction = LeaderInstruction.Write(Guid.CreateVersion7(), petition, staff.Actor, r.Text!, r.DueOn!.Value, now);
            var version = petition.Version;
            petition.RecordInstruction($"领导批示（{instruction.LeaderName}，{instruction.DueOn:yyyy-MM-dd}前办理）：{instruction.Text}", staff.Actor, now);
            db.Add(instruction);
            await PetitionStore.SaveAsync(db, petition, version, ct);
            return InstructionOutcome.Done(InstructionView.From(instruction, InstructionView.Today(clock)));
        }
        catch (DomainRuleViolation e)
        {
            db.ChangeTracker.Clear();
            return e.Field is not null || e.Code is "text-required" or "text-too-long" or "due-in-past"
                ? InstructionOutcome.Invalid(new RequestErrors().Add(e.Code == "due-in-past" ? "dueOn" : "text", e.Message))
                : InstructionOutcome.Conflict(e.Message);
        }
    }

    /// <summary>The leader's own instructions, or those given to the bureau of the caller's body; null for the other roles.</summary>
    public async Task<IReadOnlyList<InstructionView>?> ListAsync(bool openOnly, CancellationToken ct)
    {
        if (Visible() is not { } query)
        {
            return null;
        }

        if (openOnly)
        {
            query = query.Where(i => i.Status == InstructionStatus.Open);
        }

        var today = InstructionView.Today(clock);
        var list = await query.AsNoTracking().OrderBy(i => i.Status).ThenBy(i => i.DueOn).Take(500).ToListAsync(ct);
        return list.Select(i => InstructionView.From(i, today)).ToList();
    }

    /// <summary>How many of <see cref="ListAsync"/>'s open instructions there are (for the workbench home), counting at most <paramref name="cap"/>; null for roles without a list.</summary>
    public async Task<int?> OpenCountAsync(int cap, CancellationToken ct) => Visible() is { } query
        ? await query.Where(i => i.Status == InstructionStatus.Open).Take(cap).CountAsync(ct)
        : null;

    /// <summary>The leader's own instructions, or those given to the bureau of the caller's body; null for the other roles.</summary>
    private IQueryable<LeaderInstruction>? Visible()
    {
        if (staff.Role == StaffRole.Leader)
        {
            var me = staff.UserId;
            return db.Set<LeaderInstruction>().AsNoTracking().Where(i => i.LeaderId == me);
        }

        if (IsBureauStaff())
        {
            var org = staff.OrganizationId;
            return db.Set<LeaderInstruction>().AsNoTracking().Where(i => i.OrganizationId == org);
        }

        return null;
    }

    /// <summary>An item's instructions, for those who may see the item (a leader: their own on an item of the jurisdiction); null when unknown.</summary>
    public async Task<IReadOnlyList<InstructionView>?> OfPetitionAsync(Guid petitionId, CancellationToken ct)
    {
        var visible = await guard.Petitions.AnyAsync(p => p.Id == petitionId, ct);
        var me = staff.UserId;
        var leader = !visible && staff.Role == StaffRole.Leader;
        if (!visible && !leader)
        {
            return null;
        }

        var query = db.Set<LeaderInstruction>().AsNoTracking().Where(i => i.PetitionId == petitionId);
        var list = await (leader ? query.Where(i => i.LeaderId == me) : query).OrderBy(i => i.WrittenAt).ToListAsync(ct);
        if (leader && list.Count == 0)
        {
            return null;
        }

        var today = InstructionView.Today(clock);
        return list.Select(i => InstructionView.From(i, today)).ToList();
    }

    /// <summary>
    /// 交办 from a 批示 (条例 Art. 22(三)): the item is assigned through <see cref="AssignPetition"/> — its rules, its checks —
    /// with the 批示's deadline (or a later one given) and its text as the assignment's note; the instruction is marked
    /// in the same commit.
    /// </summary>
    public async Task<InstructionOutcome> AssignAsync(Guid id, AssignRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        var instruction = await db.Set<LeaderInstruction>().SingleOrDefaultAsync(i => i.Id == id, ct);
        if (instruction is null || !MayWorkOn(instruction))
        {
            return instruction is null || !IsBureauStaff() ? InstructionOutcome.NotFound : InstructionOutcome.Forbidden("只有批示所批给的信访部门可以办理该批示");
        }

        if (instruction.Status != InstructionStatus.Open)
        {
            return InstructionOutcome.Conflict($"该批示已{LeaderInstruction.NameOf(instruction.Status)[1..]}");
        }

        var note = $"领导批示（{instruction.LeaderName}）：{instruction.Text}" + (string.IsNullOrWhiteSpace(r.Note) ? string.Empty : $"；{r.Note.Trim()}");
        if (note.Length > Petition.MaxNoteLength)
        {
            note = note[..(Petition.MaxNoteLength - 1)] + "…";
        }

        try
        {
            instruction.MarkAssigned(r.TargetOrganizationId ?? Guid.Empty, staff.Actor, clock.GetUtcNow());
            // The same context: the item's save commits the instruction with it.
            var outcome = await assign.AssignAsync(instruction.PetitionId, new AssignPetition.Request(r.TargetOrganizationId, r.ReportDueOn ?? instruction.DueOn, note), ct);
            if (outcome.Petition is null)
            {
                db.ChangeTracker.Clear();
                return outcome.Errors is { } errors ? InstructionOutcome.Invalid(errors)
                    : outcome.RefusedStatus == StatusCodes.Status404NotFound ? InstructionOutcome.NotFound : InstructionOutcome.Forbidden(outcome.RefusedBecause ?? "不能交办");
            }
        }
        catch (DomainRuleViolation e)
        {
            db.ChangeTracker.Clear();
            return InstructionOutcome.Conflict(e.Message);
        }

        return InstructionOutcome.Done(InstructionView.From(instruction, InstructionView.Today(clock)));
    }

    /// <summary>办复: the bureau reports what was done; recorded on the item too.</summary>
    public async Task<InstructionOutcome> AnswerAsync(Guid id, AnswerRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        var errors = new RequestErrors().Text(r.Answer, "answer", "办复情况", LeaderInstruction.MaxTextLength);
        if (errors.Any)
        {
            return InstructionOutcome.Invalid(errors);
        }

        var instruction = await db.Set<LeaderInstruction>().SingleOrDefaultAsync(i => i.Id == id, ct);
        if (instruction is null || !MayWorkOn(instruction))
        {
            return instruction is null || !IsBureauStaff() ? InstructionOutcome.NotFound : InstructionOutcome.Forbidden("只有批示所批给的信访部门可以办理该批示");
        }

        // The item the bureau's own instruction names; read across the deployment as the instruction was written.
        var petition = await db.PetitionsAcrossDeployment.AsSplitQuery().SingleAsync(p => p.Id == instruction.PetitionId, ct);
        var now = clock.GetUtcNow();
        try
        {
            instruction.MarkAnswered(r.Answer!, staff.Actor, now);
            var version = petition.Version;
            petition.RecordInstruction($"领导批示办复（{instruction.LeaderName}的批示）：{instruction.Answer}", staff.Actor, now);
            await PetitionStore.SaveAsync(db, petition, version, ct);
        }
        catch (DomainRuleViolation e)
        {
            db.ChangeTracker.Clear();
            return InstructionOutcome.Conflict(e.Message);
        }

        return InstructionOutcome.Done(InstructionView.From(instruction, InstructionView.Today(clock)));
    }

    private bool InJurisdiction(Petition p)
    {
        var below = directory.Subtree(staff.OrganizationId);
        return (below.Contains(p.RegisteringOrganizationId) || below.Contains(p.CurrentOrganizationId)) && !p.IsKeptFrom(staff.OrganizationId, directory);
    }

    /// <summary>The bureau's registrars and supervisors do the work a 批示 asks of their body.</summary>
    private bool IsBureauStaff() => staff.Role is StaffRole.Registrar or StaffRole.Supervisor
        && directory.KindOf(staff.OrganizationId) is Domain.Organizations.OrganizationKind.PetitionBureau or Domain.Organizations.OrganizationKind.JointMeeting;

    private bool MayWorkOn(LeaderInstruction i) => IsBureauStaff() && i.OrganizationId == staff.OrganizationId;
}
