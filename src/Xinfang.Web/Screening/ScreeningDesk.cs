using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Common;
using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Organizations;
using Xinfang.Domain.Petitions;
using Xinfang.Domain.Screening;
using Xinfang.Web.Audit;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;

namespace Xinfang.Web.Screening;

/// <summary>
/// The use cases of 矛盾纠纷排查 and 预警 (条例 Arts. 5(五), 10, 15 ¶3, 25 ¶1), for the API and the <c>/screening</c>
/// pages alike. Who: the staff of bureaus and units (registrars, handlers, unit heads, administrators) record rounds of
/// the township and village bodies of their jurisdiction and raise, assign, note and close warnings; leaders and
/// supervisors read. Everyone sees only the rounds of bodies in their own subtree and the warnings raised by or given
/// to a body of it.
/// </summary>
public sealed class ScreeningDesk(AppDbContext db, CurrentStaff staff, PetitionGuard guard, OrganizationDirectory directory, WarningDeadlines deadlines, TimeProvider clock, AuditLog audit)
{
    /// <summary>The audit trail's kind, named 矛盾纠纷排查和预警 on the audit page.</summary>
    public const string AuditKind = "DisputeScreening";

    /// <summary>Most rows one list answer holds.</summary>
    public const int MaxListed = 500;

    public sealed record FindingRequest(DisputeKind? Kind, int? Found, int? ResolvedOnSpot, int? ToWarnings, int? ToItems);

    public sealed record RoundRequest(Guid? OrganizationId, string? Place, DateOnly? PeriodFrom, DateOnly? PeriodTo, string? PeriodLabel, string? ScreenedBy,
        List<FindingRequest?>? Findings, string? Note = null);

    public sealed record RaiseRequest(string? Summary, string? Place, DisputeKind? Kind, WarningLevel? Level, int? ExpectedPersons, Guid? RoundId = null);

    public sealed record AssignRequest(Guid? ResponsibleOrganizationId);

    public sealed record NoteRequest(string? Text);

    public sealed record LinkRequest(string? PetitionNumber);

    public sealed record CloseRequest(WarningOutcome? Outcome, string? Note);

    /// <summary>The new last day (yyyy-MM-dd) and why it moves.</summary>
    public sealed record DeadlineRequest(DateOnly? DueOn, string? Reason);

    /// <summary>Which warnings a list shows.</summary>
    public enum WarningFilter
    {
        Open,
        Overdue,
        Closed,
        All,
    }

    /// <summary>Records rounds and raises, assigns, notes and closes warnings.</summary>
    public bool MayWrite => staff.IsSignedIn && staff.Role is StaffRole.Registrar or StaffRole.Handler or StaffRole.UnitHead or StaffRole.Administrator;

    /// <summary>Reads rounds and warnings of the jurisdiction.</summary>
    public bool MayRead => MayWrite || (staff.IsSignedIn && staff.Role is StaffRole.Leader or StaffRole.Supervisor);

    public DateOnly Today => DeadlineTime.LocalDate(clock.GetUtcNow());

    public WarningDeadlines Deadlines => deadlines;

    // ── rounds ──

    public async Task<ScreeningOutcome<RoundView>> RecordRoundAsync(RoundRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        if (!MayWrite)
        {
            return ScreeningOutcome.Forbidden<RoundView>("只有信访部门和责任单位的工作人员可以登记矛盾纠纷排查");
        }

        var errors = new RequestErrors()
            .Text(r.Place, "place", "排查地点", ScreeningRound.MaxPlaceLength, required: false)
            .Text(r.PeriodLabel, "periodLabel", "排查期间名称", ScreeningRound.MaxLabelLength)
            .Text(r.ScreenedBy, "screenedBy", "排查人员", ScreeningRound.MaxScreenedByLength)
            .Text(r.Note, "note", "备注", ScreeningRound.MaxNoteLength, required: false)
            .Date(r.PeriodFrom, "periodFrom", "排查开始日期")
            .Date(r.PeriodTo, "periodTo", "排查结束日期");
        if (r.PeriodFrom is null)
        {
            errors.Add("periodFrom", "请填写排查开始日期");
        }

        if (r.PeriodTo is null)
        {
            errors.Add("periodTo", "请填写排查结束日期");
        }

        if (r.OrganizationId is not { } body)
        {
            errors.Add("organizationId", "请选择排查的乡镇（街道）或村（社区）");
        }
        else if (!IsPlace(body) || !directory.IsWithin(body, staff.OrganizationId))
        {
            errors.Add("organizationId", "排查单位应为本辖区内的乡镇（街道）或村（社区）");
        }

        var list = r.Findings ?? [];
        if (list.Count > DisputeKinds.All.Count)
        {
            errors.Add("findings", $"纠纷类别最多{DisputeKinds.All.Count}项");
        }

        for (var i = 0; i < Math.Min(list.Count, DisputeKinds.All.Count); i++)
        {
            var f = list[i];
            if (f is null)
            {
                errors.Add($"findings[{i}]", "排查结果缺失");
                continue;
            }

            errors.Defined(f.Kind, $"findings[{i}].kind", "纠纷类别");
            if (f.Kind is null)
            {
                errors.Add($"findings[{i}].kind", "请选择纠纷类别");
            }

            if (f.Found is null)
            {
                errors.Add($"findings[{i}].found", "请填写排查发现数");
            }
        }

        if (errors.Any)
        {
            return ScreeningOutcome.Invalid<RoundView>(errors);
        }

        try
        {
            var findings = list.Select(f => new ScreeningFinding(f!.Kind!.Value, f.Found!.Value, f.ResolvedOnSpot ?? 0, f.ToWarnings ?? 0, f.ToItems ?? 0)).ToList();
            var round = ScreeningRound.Record(Guid.CreateVersion7(), r.OrganizationId!.Value, r.Place, r.PeriodFrom!.Value, r.PeriodTo!.Value, r.PeriodLabel!, r.ScreenedBy!,
                findings, r.Note, staff.Actor, clock.GetUtcNow(), Today);
            db.Add(round);
            var names = await NamesAsync([round.OrganizationId], ct);
            var view = RoundView.From(round, names.GetValueOrDefault(round.OrganizationId, string.Empty));
            await audit.SaveAsync(db, AuditActors.Draft(staff, AuditKind, round.Id.ToString(), null, $"登记矛盾纠纷排查：{view.PlaceName}，{round.PeriodLabel}，排查发现{round.Found}件"), ct);
            return ScreeningOutcome.Done<RoundView>(view);
        }
        catch (DomainRuleViolation e)
        {
            db.ChangeTracker.Clear();
            return ScreeningOutcome.Invalid<RoundView>(new RequestErrors().Add(e.Field ?? "body", e.Message));
        }
    }

    public async Task<RoundView?> FindRoundAsync(Guid id, CancellationToken ct)
    {
        var round = await db.Set<ScreeningRound>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (round is null || !MayRead || !directory.IsWithin(round.OrganizationId, staff.OrganizationId))
        {
            return null;
        }

        var names = await NamesAsync([round.OrganizationId], ct);
        return RoundView.From(round, names.GetValueOrDefault(round.OrganizationId, string.Empty));
    }

    /// <summary>The rounds of the reader's subtree whose period begins between two days, latest first; null when the role does not read them.</summary>
    public async Task<IReadOnlyList<RoundView>?> ListRoundsAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        if (!MayRead)
        {
            return null;
        }

        var bodies = directory.Subtree(staff.OrganizationId).ToList();
        var rounds = await db.Set<ScreeningRound>().AsNoTracking()
            .Where(r => bodies.Contains(r.OrganizationId) && r.PeriodFrom >= from && r.PeriodFrom <= to)
            .OrderByDescending(r => r.PeriodFrom).ThenByDescending(r => r.RecordedAt).Take(MaxListed).ToListAsync(ct);
        var names = await NamesAsync(rounds.Select(r => r.OrganizationId), ct);
        return rounds.Select(r => RoundView.From(r, names.GetValueOrDefault(r.OrganizationId, string.Empty))).ToList();
    }

    /// <summary>The township and village bodies of the reader's jurisdiction (the places a round may be of), in division order.</summary>
    public async Task<IReadOnlyList<BodyChoice>> PlacesAsync(CancellationToken ct)
    {
        var bodies = directory.Subtree(staff.OrganizationId).ToList();
        return await db.Organizations.AsNoTracking()
            .Where(o => bodies.Contains(o.Id) && o.MergedIntoId == null && (o.Level == OrganizationLevel.Township || o.Level == OrganizationLevel.Village))
            .OrderBy(o => o.DivisionCode).ThenBy(o => o.Code).Take(MaxListed).Select(o => new BodyChoice(o.Id, o.Name)).ToListAsync(ct);
    }

    /// <summary>The bodies a warning may be given to: the reader's own and those below it, in division order.</summary>
    public async Task<IReadOnlyList<BodyChoice>> ResponsibleBodiesAsync(CancellationToken ct)
    {
        var bodies = directory.Subtree(staff.OrganizationId).ToList();
        return await db.Organizations.AsNoTracking()
            .Where(o => bodies.Contains(o.Id) && o.MergedIntoId == null)
            .OrderBy(o => o.DivisionCode).ThenBy(o => o.Code).Take(MaxListed).Select(o => new BodyChoice(o.Id, o.Name)).ToListAsync(ct);
    }

    // ── warnings ──

    public async Task<ScreeningOutcome<WarningView>> RaiseAsync(RaiseRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        if (!MayWrite)
        {
            return ScreeningOutcome.Forbidden<WarningView>("只有信访部门和责任单位的工作人员可以发出预警");
        }

        var errors = new RequestErrors()
            .Text(r.Summary, "summary", "预警事项", Warning.MaxSummaryLength)
            .Text(r.Place, "place", "发生地点", Warning.MaxPlaceLength)
            .Defined(r.Kind, "kind", "纠纷类别")
            .Defined(r.Level, "level", "预警等级");
        if (r.Kind is null)
        {
            errors.Add("kind", "请选择纠纷类别");
        }

        if (r.Level is null)
        {
            errors.Add("level", "请选择预警等级");
        }

        if (r.ExpectedPersons is null)
        {
            errors.Add("expectedPersons", "请填写预计涉及人数");
        }

        if (r.RoundId is { } roundId && !await db.Set<ScreeningRound>().AnyAsync(x => x.Id == roundId, ct))
        {
            errors.Add("roundId", "排查记录不存在");
        }

        if (errors.Any)
        {
            return ScreeningOutcome.Invalid<WarningView>(errors);
        }

        try
        {
            var warning = Warning.Raise(Guid.CreateVersion7(), staff.OrganizationId, r.Summary!, r.Place!, r.Kind!.Value, r.Level!.Value, r.ExpectedPersons!.Value,
                r.RoundId, deadlines, staff.Actor, clock.GetUtcNow());
            db.Add(warning);
            await audit.SaveAsync(db, AuditActors.Draft(staff, AuditKind, warning.Id.ToString(), null, $"发出{Warning.NameOf(warning.Level)}预警：{warning.Place}，{DisputeKinds.NameOf(warning.Kind)}"), ct);
            return ScreeningOutcome.Done<WarningView>(await ViewAsync(warning, ct));
        }
        catch (DomainRuleViolation e)
        {
            db.ChangeTracker.Clear();
            return ScreeningOutcome.Invalid<WarningView>(new RequestErrors().Add(e.Field ?? "body", e.Message));
        }
    }

    /// <summary>Gives the warning to a body of the assigner's jurisdiction; only the raising body or one above it assigns.</summary>
    public Task<ScreeningOutcome<WarningView>> AssignAsync(Guid id, AssignRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        var errors = new RequestErrors();
        if (r.ResponsibleOrganizationId is not { } body)
        {
            errors.Add("responsibleOrganizationId", "请选择责任单位");
        }
        else if (!directory.Contains(body) || !directory.IsWithin(body, staff.OrganizationId))
        {
            errors.Add("responsibleOrganizationId", "责任单位不存在或不在本辖区内");
        }

        return ChangeAsync(id, errors, w => directory.IsWithin(w.RaisedByOrganizationId, staff.OrganizationId), "只有发出预警的单位或其上级可以交办",
            w => w.Assign(r.ResponsibleOrganizationId!.Value, staff.Actor, clock.GetUtcNow()), "交办预警", ct);
    }

    public Task<ScreeningOutcome<WarningView>> NoteAsync(Guid id, NoteRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        var errors = new RequestErrors().Text(r.Text, "text", "处置情况", Warning.MaxNoteLength);
        return ChangeAsync(id, errors, MayHandle, "只有发出预警的单位、责任单位或其上级可以记录处置情况",
            w => w.AddNote(r.Text!, staff.Actor, clock.GetUtcNow()), "记录预警处置情况", ct);
    }

    /// <summary>Links the warning to an item the reader may see, found by its number.</summary>
    public async Task<ScreeningOutcome<WarningView>> LinkItemAsync(Guid id, LinkRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        var errors = new RequestErrors().Text(r.PetitionNumber, "petitionNumber", "信访件编号", 40);
        Guid? item = null;
        if (!errors.Any)
        {
            var number = r.PetitionNumber!.Trim();
            item = await guard.Petitions.AsNoTracking().Where(p => p.Number == number).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);
            if (item is null)
            {
                errors.Add("petitionNumber", "未找到该编号的信访件（或不在本辖区内）");
            }
        }

        return await ChangeAsync(id, errors, MayHandle, "只有发出预警的单位、责任单位或其上级可以关联信访件",
            w => w.LinkItem(item!.Value, staff.Actor), "预警关联信访件", ct);
    }

    public Task<ScreeningOutcome<WarningView>> CloseAsync(Guid id, CloseRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        var errors = new RequestErrors().Defined(r.Outcome, "outcome", "办结结果").Text(r.Note, "note", "办结情况", Warning.MaxNoteLength);
        if (r.Outcome is null)
        {
            errors.Add("outcome", "请选择办结结果");
        }

        return ChangeAsync(id, errors, MayHandle, "只有发出预警的单位、责任单位或其上级可以办结预警",
            w => w.Close(r.Outcome!.Value, r.Note!, staff.Actor, clock.GetUtcNow()), "办结预警", ct);
    }

    /// <summary>
    /// Moves the warning's last day (<see cref="Warning.ChangeDeadline"/>): only the body that assigned it, or one above
    /// it; the day bounded as every typed date (<see cref="DateInput"/>) and kept with the time it was typed; the history
    /// keeps every change and the overdue lists and figures follow the new day.
    /// </summary>
    public Task<ScreeningOutcome<WarningView>> ChangeDeadlineAsync(Guid id, DeadlineRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        var errors = new RequestErrors().Date(r.DueOn, "dueOn", "处置期限").Text(r.Reason, "reason", "调整理由", Warning.MaxNoteLength);
        if (r.DueOn is null)
        {
            errors.Add("dueOn", "请填写新的处置期限");
        }

        DateOnly? was = null;
        return ChangeAsync(id, errors, MaySetDeadline, "只有交办该预警的单位或其上级可以调整处置期限",
            w =>
            {
                was = w.DueOn;
                w.ChangeDeadline(r.DueOn!.Value, r.Reason!, staff.Actor, clock.GetUtcNow());
            }, "调整预警处置期限", ct, w => $"，{was:yyyy-MM-dd}改为{w.DueOn:yyyy-MM-dd}；理由：{Clip(PersonalDataInText.Mask(r.Reason!.Trim()), 200)}");
    }

    public async Task<WarningView?> FindWarningAsync(Guid id, CancellationToken ct)
    {
        var warning = await db.Set<Warning>().AsNoTracking().SingleOrDefaultAsync(w => w.Id == id, ct);
        return warning is null || !MayReadWarning(warning) ? null : await ViewAsync(warning, ct);
    }

    /// <summary>The warnings raised by or given to a body of the reader's subtree: open (by last day), overdue, closed (latest first) or all.</summary>
    public async Task<IReadOnlyList<WarningView>?> ListWarningsAsync(WarningFilter filter, CancellationToken ct)
    {
        if (!MayRead)
        {
            return null;
        }

        var bodies = directory.Subtree(staff.OrganizationId).ToList();
        var today = Today;
        var query = db.Set<Warning>().AsNoTracking()
            .Where(w => bodies.Contains(w.RaisedByOrganizationId) || (w.ResponsibleOrganizationId != null && bodies.Contains(w.ResponsibleOrganizationId.Value)));
        query = filter switch
        {
            WarningFilter.Open => query.Where(w => w.Status != WarningStatus.Closed).OrderBy(w => w.DueOn).ThenBy(w => w.RaisedAt),
            WarningFilter.Overdue => query.Where(w => w.Status != WarningStatus.Closed && w.DueOn < today).OrderBy(w => w.DueOn).ThenBy(w => w.RaisedAt),
            WarningFilter.Closed => query.Where(w => w.Status == WarningStatus.Closed).OrderByDescending(w => w.ClosedAt),
            _ => query.OrderByDescending(w => w.RaisedAt),
        };
        var warnings = await query.Take(MaxListed).ToListAsync(ct);
        var names = await NamesAsync(warnings.SelectMany(WarningView.BodiesOf), ct);
        var numbers = await NumbersAsync(warnings.Where(w => w.PetitionId is not null).Select(w => w.PetitionId!.Value).ToList(), ct);
        return warnings.Select(w => WarningView.From(w, today, names, w.PetitionId is { } p ? numbers.GetValueOrDefault(p) : null)).ToList();
    }

    /// <summary>Whether the reader may assign this warning (the page shows the form only then).</summary>
    public bool MayAssign(WarningView w) => w is not null && MayWrite && w.Status != nameof(WarningStatus.Closed) && directory.IsWithin(w.RaisedByOrganizationId, staff.OrganizationId);

    /// <summary>Whether the reader may note, link and close this warning.</summary>
    public bool MayHandleView(WarningView w) => w is not null && MayWrite && w.Status != nameof(WarningStatus.Closed)
        && (directory.IsWithin(w.RaisedByOrganizationId, staff.OrganizationId) || (w.ResponsibleOrganizationId is { } r && directory.IsWithin(r, staff.OrganizationId)));

    /// <summary>Whether the reader may move this warning's last day (the page shows the form only then).</summary>
    public bool MayChangeDeadline(WarningView w) => w is not null && MayWrite && w.Status == nameof(WarningStatus.Assigned)
        && w.AssignedByOrganizationId is { } a && directory.IsWithin(a, staff.OrganizationId);

    /// <summary>The assigning body or one above it; before assignment the raising body (the domain then answers that it is not yet assigned).</summary>
    private bool MaySetDeadline(Warning w) => directory.IsWithin(w.AssignedByOrganizationId ?? w.RaisedByOrganizationId, staff.OrganizationId);

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max] + "…";

    private bool IsPlace(Guid body) => directory.LevelOf(body) is OrganizationLevel.Township or OrganizationLevel.Village;

    private bool MayReadWarning(Warning w) => MayRead && (directory.IsWithin(w.RaisedByOrganizationId, staff.OrganizationId)
        || (w.ResponsibleOrganizationId is { } r && directory.IsWithin(r, staff.OrganizationId)));

    private bool MayHandle(Warning w) => MayReadWarning(w);

    private async Task<ScreeningOutcome<WarningView>> ChangeAsync(Guid id, RequestErrors errors, Func<Warning, bool> allowed, string refusal,
        Action<Warning> change, string summary, CancellationToken ct, Func<Warning, string>? detail = null)
    {
        var warning = await db.Set<Warning>().SingleOrDefaultAsync(w => w.Id == id, ct);
        if (warning is null || !MayReadWarning(warning))
        {
            return ScreeningOutcome.NotFound<WarningView>("预警");
        }

        if (!MayWrite || !allowed(warning))
        {
            return ScreeningOutcome.Forbidden<WarningView>(refusal);
        }

        if (errors.Any)
        {
            return ScreeningOutcome.Invalid<WarningView>(errors);
        }

        try
        {
            change(warning);
            await audit.SaveAsync(db, AuditActors.Draft(staff, AuditKind, warning.Id.ToString(), null, $"{summary}：{warning.Place}，{DisputeKinds.NameOf(warning.Kind)}{detail?.Invoke(warning)}"), ct);
        }
        catch (DomainRuleViolation e)
        {
            db.ChangeTracker.Clear();
            return e.Field is not null ? ScreeningOutcome.Invalid<WarningView>(new RequestErrors().Add(e.Field, e.Message)) : ScreeningOutcome.Conflict<WarningView>(e.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return ScreeningOutcome.Conflict<WarningView>("该预警已被他人修改，请刷新后重试");
        }

        return ScreeningOutcome.Done<WarningView>(await ViewAsync(warning, ct));
    }

    private async Task<WarningView> ViewAsync(Warning w, CancellationToken ct)
    {
        var names = await NamesAsync(WarningView.BodiesOf(w), ct);
        var numbers = w.PetitionId is { } p ? await NumbersAsync([p], ct) : [];
        return WarningView.From(w, Today, names, w.PetitionId is { } id ? numbers.GetValueOrDefault(id) : null);
    }

    /// <summary>Numbers of the linked items the reader may see (PetitionGuard); an item out of view shows no number.</summary>
    private async Task<Dictionary<Guid, string>> NumbersAsync(List<Guid> ids, CancellationToken ct) =>
        ids.Count == 0 ? [] : await guard.Petitions.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.Number }).ToDictionaryAsync(p => p.Id, p => p.Number, ct);

    private async Task<Dictionary<Guid, string>> NamesAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct().ToList();
        return await db.Organizations.AsNoTracking().Where(o => wanted.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
    }
}
