using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Common;
using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Mediation;
using Xinfang.Domain.Petitions;
using Xinfang.Web.Audit;
using Xinfang.Web.Casework;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;
using Xinfang.Web.Review;

namespace Xinfang.Web.Mediation;

/// <summary>
/// The use cases of 调解 and 评理 (domain.md §10, 条例 Art. 33), for the API and the <c>/mediation</c> pages alike: record
/// a session held on items the recorder may see, its participants, its outcome with the 调解协议书/和解协议书, and the
/// linked item's 化解情况 citing it (ADR 0139). Who: the body's registrars, handlers, unit heads record its sessions (an
/// administrator for any body of the jurisdiction); leaders and supervisors read those of their jurisdiction.
/// </summary>
public sealed class MediationDesk(AppDbContext db, CurrentStaff staff, PetitionGuard guard, OrganizationDirectory directory, TimeProvider clock, AuditLog audit,
    RecordResolutionAfterClosing resolutions)
{
    /// <summary>The audit trail's kind of the session's steps, named 调解评理 on the audit page.</summary>
    public const string AuditKind = "Mediation";

    /// <summary>Most sessions one list answer holds.</summary>
    public const int MaxListed = 500;

    public sealed record HoldRequest(MediationKind? Kind, ReasoningMode? Mode, DateOnly? HeldOn, string? Place, List<Guid>? PetitionIds, Guid? OrganizationId = null);

    public sealed record ParticipantRequest(string? Name, ParticipantRole? Role);

    public sealed record ParticipantsRequest(List<ParticipantRequest?>? Participants);

    public sealed record OutcomeRequest(MediationOutcome? Outcome, string? Note, AgreementKind? AgreementKind = null, string? AgreementTerms = null);

    public sealed record ResolutionRequest(Guid? PetitionId);

    /// <summary>The corrected outcome (as <see cref="OutcomeRequest"/>) and why the record was wrong.</summary>
    public sealed record CorrectionRequest(MediationOutcome? Outcome, string? Note, AgreementKind? AgreementKind = null, string? AgreementTerms = null, string? Reason = null);

    /// <summary>Records sessions of its own body (administrators: of the jurisdiction).</summary>
    public bool MayRecord => staff.Role is StaffRole.Registrar or StaffRole.Handler or StaffRole.UnitHead or StaffRole.Administrator;

    /// <summary>Reads the sessions of the jurisdiction.</summary>
    public bool MayRead => MayRecord || staff.Role is StaffRole.Leader or StaffRole.Supervisor;

    public async Task<MediationOutcomeResult> HoldAsync(HoldRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        if (!MayRecord)
        {
            return MediationOutcomeResult.Forbidden("只有本机关的登记、办理人员或管理员可以记录调解");
        }

        var errors = new RequestErrors()
            .Defined(r.Kind, "kind", "调解类型")
            .Date(r.HeldOn, "heldOn", "调解日期")
            .Text(r.Place, "place", "调解地点", MediationSession.MaxPlaceLength);
        if (r.Mode is not null)
        {
            // Optional (only a 信访评理室 session has one; the domain says which), but a value given must be one of the six.
            errors.Defined(r.Mode, "mode", "评理方式");
        }

        if (r.HeldOn is null)
        {
            errors.Add("heldOn", "请填写调解日期");
        }

        var ids = (r.PetitionIds ?? []).Distinct().ToList();
        if (ids.Count == 0)
        {
            errors.Add("petitionIds", "请选择至少一件信访件");
        }
        else if (ids.Count > MediationSession.MaxItems)
        {
            errors.Add("petitionIds", $"一次调解最多关联{MediationSession.MaxItems}件信访件");
        }
        else
        {
            // Only items the recorder may see (PetitionGuard): an item outside the scope is answered as unknown.
            var seen = await guard.Petitions.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct);
            if (seen.Count != ids.Count)
            {
                errors.Add("petitionIds", "信访件不存在或不在本账号的查看范围内");
            }
        }

        var body = r.OrganizationId ?? staff.OrganizationId;
        if (r.OrganizationId is { } asked && asked != staff.OrganizationId)
        {
            if (staff.Role != StaffRole.Administrator)
            {
                return MediationOutcomeResult.Forbidden("只能记录本机关的调解");
            }

            if (!directory.Contains(asked) || !directory.IsWithin(asked, staff.OrganizationId))
            {
                errors.Add("organizationId", "机关不存在或不在本辖区内");
            }
        }

        if (errors.Any)
        {
            return MediationOutcomeResult.Invalid(errors);
        }

        try
        {
            var now = clock.GetUtcNow();
            var session = MediationSession.Hold(Guid.CreateVersion7(), body, r.Kind!.Value, r.Mode, r.HeldOn!.Value, r.Place!, staff.Actor, now);
            db.Add(session);
            db.AddRange(ids.Select(id => session.Link(id, now)));
            await audit.SaveAsync(db, AuditActors.Draft(staff, AuditKind, session.Id.ToString(), null, $"记录调解：{MediationKinds.NameOf(session.Kind)}，{session.HeldOn:yyyy-MM-dd}，{ids.Count}件"), ct);
            return MediationOutcomeResult.Done(await ViewAsync(session, ct));
        }
        catch (DomainRuleViolation e)
        {
            db.ChangeTracker.Clear();
            return MediationOutcomeResult.Invalid(new RequestErrors().Add(e.Field ?? "body", e.Message));
        }
    }

    public async Task<MediationOutcomeResult> RecordParticipantsAsync(Guid id, ParticipantsRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        var errors = new RequestErrors();
        var list = r.Participants ?? [];
        if (list.Count == 0)
        {
            errors.Add("participants", "请填写至少一名参加人员");
        }

        if (list.Count > MediationSession.MaxParticipants)
        {
            errors.Add("participants", $"参加人员最多{MediationSession.MaxParticipants}人");
        }

        for (var i = 0; i < Math.Min(list.Count, MediationSession.MaxParticipants); i++)
        {
            errors.Text(list[i]?.Name, $"participants[{i}].name", "参加人员姓名", MediationSession.MaxNameLength)
                .Defined(list[i]?.Role, $"participants[{i}].role", "参加人员身份");
        }

        return await ChangeAsync(id, errors, s => s.RecordParticipants(list.Select(p => new MediationParticipant(p!.Name!, p.Role!.Value)).ToList(), staff.Actor), "记录调解参加人员", ct);
    }

    /// <summary>The outcome and, when the parties agreed, the agreement (Art. 33), numbered among the body's agreements of the year.</summary>
    public async Task<MediationOutcomeResult> RecordOutcomeAsync(Guid id, OutcomeRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        var errors = new RequestErrors()
            .Defined(r.Outcome, "outcome", "调解结果")
            .Text(r.Note, "note", "结果说明", MediationSession.MaxNoteLength)
            .Text(r.AgreementTerms, "agreementTerms", "协议内容", MediationSession.MaxTermsLength, required: false);
        if (r.AgreementKind is not null)
        {
            // Optional here (未达成 has none; the domain requires it for an agreement, Art. 33), but a value given must be known.
            errors.Defined(r.AgreementKind, "agreementKind", "协议书种类");
        }

        var now = clock.GetUtcNow();
        var sequence = await NextSequenceAsync(id, now, ct);
        try
        {
            return await ChangeAsync(id, errors, s => s.RecordOutcome(r.Outcome!.Value, r.Note!, r.AgreementKind, r.AgreementTerms, sequence, staff.Actor, now), "记录调解结果", ct);
        }
        catch (DbUpdateException)
        {
            // Two agreements of the body numbered at once: the unique index refused the second.
            db.ChangeTracker.Clear();
            return MediationOutcomeResult.Conflict("协议书编号冲突，请重试");
        }
    }

    /// <summary>
    /// Corrects a recorded outcome with a reason (<see cref="MediationSession.CorrectOutcome"/>): only the body that
    /// recorded the session (as recording itself); the earlier outcome stays in the session's history, the figures
    /// count the new one; refused (409) once the outcome was used as an item's 化解情况.
    /// </summary>
    public async Task<MediationOutcomeResult> CorrectOutcomeAsync(Guid id, CorrectionRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        var errors = new RequestErrors()
            .Defined(r.Outcome, "outcome", "调解结果")
            .Text(r.Note, "note", "结果说明", MediationSession.MaxNoteLength)
            .Text(r.AgreementTerms, "agreementTerms", "协议内容", MediationSession.MaxTermsLength, required: false)
            .Text(r.Reason, "reason", "更正理由", MediationSession.MaxNoteLength);
        if (r.AgreementKind is not null)
        {
            errors.Defined(r.AgreementKind, "agreementKind", "协议书种类");
        }

        var now = clock.GetUtcNow();
        var sequence = await NextSequenceAsync(id, now, ct);
        string? was = null;
        try
        {
            return await ChangeAsync(id, errors, s =>
            {
                was = s.Outcome is { } o ? MediationKinds.NameOf(o) : null;
                s.CorrectOutcome(r.Outcome!.Value, r.Note!, r.AgreementKind, r.AgreementTerms, r.Reason!, sequence, staff.Actor, now);
            }, s => $"更正调解结果：{MediationKinds.NameOf(s.Kind)}，{s.HeldOn:yyyy-MM-dd}，原为{was}，更正为{MediationKinds.NameOf(s.Outcome!.Value)}；理由：{Clip(PersonalDataInText.Mask(r.Reason!.Trim()), 200)}", ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return MediationOutcomeResult.Conflict("协议书编号冲突，请重试");
        }
    }

    /// <summary>
    /// 化解情况 of a closed item recorded from this session (ADR 0139): the session's outcome as the resolution
    /// (<see cref="MediationKinds.ResolutionOf"/>) and its citation — kind, day, outcome, the agreement's name and number —
    /// as the reason, through the existing <see cref="RecordResolutionAfterClosing"/> (its rules, its checks, its history line).
    /// </summary>
    public async Task<(MediationOutcomeResult? Refused, ActOutcome? Done)> RecordResolutionAsync(Guid id, ResolutionRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        var session = await db.Set<MediationSession>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct);
        if (session is null || !MayReadSession(session))
        {
            return (MediationOutcomeResult.NotFound, null);
        }

        if (r.PetitionId is not { } petition || !await db.Set<MediationSessionItem>().AnyAsync(i => i.SessionId == id && i.PetitionId == petition, ct))
        {
            return (MediationOutcomeResult.Invalid(new RequestErrors().Add("petitionId", "该信访件不是本次调解的事项")), null);
        }

        if (session.Outcome is not { } outcome)
        {
            return (MediationOutcomeResult.Conflict("该调解尚未记录结果"), null);
        }

        try
        {
            // The session notes that its outcome is now the item's (no longer corrected, MediationSession.CorrectOutcome),
            // saved with the item's 化解情况 in the one save of RecordResolutionAfterClosing; a correction racing it loses on the session's version.
            var tracked = await db.Set<MediationSession>().SingleAsync(s => s.Id == id, ct);
            if (tracked.Version != session.Version)
            {
                db.ChangeTracker.Clear();
                return (MediationOutcomeResult.Conflict("该调解已被他人修改，请刷新后重试"), null);
            }

            tracked.MarkCitedAsResolution(clock.GetUtcNow());
            var done = await resolutions.RecordAsync(petition, new RecordResolutionAfterClosing.Request(MediationKinds.ResolutionOf(outcome), session.Citation(Petition.MaxNoteLength)), ct);
            if (done.Petition is null)
            {
                db.ChangeTracker.Clear();
            }

            return (null, done);
        }
        catch (DomainRuleViolation e)
        {
            db.ChangeTracker.Clear();
            return (MediationOutcomeResult.Conflict(e.Message), null);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return (MediationOutcomeResult.Conflict("该调解或信访件已被他人修改，请刷新后重试"), null);
        }
    }

    /// <summary>
    /// The items the reader may see among the numbers typed on the page (PetitionGuard): the ids found, and the numbers
    /// not found — unknown or outside the scope, the page does not tell which.
    /// </summary>
    public async Task<(List<Guid> Ids, List<string> Unknown)> ItemsByNumberAsync(IReadOnlyList<string> numbers, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        var wanted = numbers.Take(MediationSession.MaxItems + 1).ToList();
        var found = await guard.Petitions.AsNoTracking().Where(p => wanted.Contains(p.Number)).Select(p => new { p.Id, p.Number }).ToListAsync(ct);
        return (found.Select(f => f.Id).ToList(), wanted.Where(n => !found.Exists(f => f.Number == n)).ToList());
    }

    /// <summary>The number of an item the reader may see (the page's prefill from the petition page), or null.</summary>
    public Task<string?> NumberOfAsync(Guid petitionId, CancellationToken ct) =>
        guard.Petitions.AsNoTracking().Where(p => p.Id == petitionId).Select(p => p.Number).FirstOrDefaultAsync(ct);

    /// <summary>One session, or null when unknown or outside the reader's jurisdiction.</summary>
    public async Task<MediationSessionView?> FindAsync(Guid id, CancellationToken ct)
    {
        var session = await db.Set<MediationSession>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct);
        return session is null || !MayReadSession(session) ? null : await ViewAsync(session, ct);
    }

    /// <summary>The sessions of the reader's jurisdiction held between two days, latest first; null when the role does not read them.</summary>
    public async Task<IReadOnlyList<MediationSessionView>?> ListAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        if (!MayRead)
        {
            return null;
        }

        var bodies = directory.Subtree(staff.OrganizationId).ToList();
        var sessions = await db.Set<MediationSession>().AsNoTracking()
            .Where(s => bodies.Contains(s.OrganizationId) && s.HeldOn >= from && s.HeldOn <= to)
            .OrderByDescending(s => s.HeldOn).ThenByDescending(s => s.RecordedAt).Take(MaxListed).ToListAsync(ct);
        var names = await NamesAsync(sessions.Select(s => s.OrganizationId), ct);
        var counts = await CountsAsync(sessions.Select(s => s.Id).ToList(), ct);
        return sessions.Select(s => Masked(MediationSessionView.From(s, names.GetValueOrDefault(s.OrganizationId, string.Empty), counts.GetValueOrDefault(s.Id), [], 0))).ToList();
    }

    /// <summary>The sessions about one item the reader may see (the petition page's list); null when the item is not visible.</summary>
    public async Task<IReadOnlyList<MediationSessionView>?> OfPetitionAsync(Guid petitionId, CancellationToken ct)
    {
        if (!MayRead || !await guard.Petitions.AsNoTracking().AnyAsync(p => p.Id == petitionId, ct))
        {
            return null;
        }

        var ids = await db.Set<MediationSessionItem>().AsNoTracking().Where(i => i.PetitionId == petitionId).Select(i => i.SessionId).ToListAsync(ct);
        var sessions = await db.Set<MediationSession>().AsNoTracking().Where(s => ids.Contains(s.Id)).OrderBy(s => s.HeldOn).ToListAsync(ct);
        var names = await NamesAsync(sessions.Select(s => s.OrganizationId), ct);
        var counts = await CountsAsync(ids, ct);
        return sessions.Select(s => Masked(MediationSessionView.From(s, names.GetValueOrDefault(s.OrganizationId, string.Empty), counts.GetValueOrDefault(s.Id), [], 0))).ToList();
    }

    public bool MayRecordSession(MediationSessionView s) => s is not null && MayRecord && MayRecordOrganization(s.OrganizationId);

    private bool MayReadSession(MediationSession s) => MayRead && directory.IsWithin(s.OrganizationId, staff.OrganizationId);

    private bool MayRecordOrganization(Guid organization) =>
        staff.Role == StaffRole.Administrator ? directory.IsWithin(organization, staff.OrganizationId) : organization == staff.OrganizationId;

    private Task<MediationOutcomeResult> ChangeAsync(Guid id, RequestErrors errors, Action<MediationSession> change, string summary, CancellationToken ct) =>
        ChangeAsync(id, errors, change, s => $"{summary}：{MediationKinds.NameOf(s.Kind)}，{s.HeldOn:yyyy-MM-dd}", ct);

    /// <summary>The next number among the body's agreements of the year: above every number given (one kept by a session whose agreement was corrected away included).</summary>
    private async Task<int> NextSequenceAsync(Guid id, DateTimeOffset now, CancellationToken ct)
    {
        var year = DeadlineTime.LocalDate(now).Year;
        var body = await db.Set<MediationSession>().AsNoTracking().Where(s => s.Id == id).Select(s => (Guid?)s.OrganizationId).SingleOrDefaultAsync(ct);
        return body is not { } b ? 1 : 1 + (await db.Set<MediationSession>().Where(s => s.OrganizationId == b && s.AgreementYear == year).MaxAsync(s => s.AgreementSequence, ct) ?? 0);
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max] + "…";

    private async Task<MediationOutcomeResult> ChangeAsync(Guid id, RequestErrors errors, Action<MediationSession> change, Func<MediationSession, string> summary, CancellationToken ct)
    {
        var session = await db.Set<MediationSession>().SingleOrDefaultAsync(s => s.Id == id, ct);
        if (session is null || !MayReadSession(session))
        {
            return MediationOutcomeResult.NotFound;
        }

        if (!MayRecord || !MayRecordOrganization(session.OrganizationId))
        {
            return MediationOutcomeResult.Forbidden("只有本机关的登记、办理人员或管理员可以记录调解");
        }

        if (errors.Any)
        {
            return MediationOutcomeResult.Invalid(errors);
        }

        try
        {
            change(session);
            await audit.SaveAsync(db, AuditActors.Draft(staff, AuditKind, session.Id.ToString(), null, summary(session)), ct);
        }
        catch (DomainRuleViolation e)
        {
            db.ChangeTracker.Clear();
            return e.Field is not null ? MediationOutcomeResult.Invalid(new RequestErrors().Add(e.Field, e.Message)) : MediationOutcomeResult.Conflict(e.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return MediationOutcomeResult.Conflict("该调解已被他人修改，请刷新后重试");
        }

        return MediationOutcomeResult.Done(await ViewAsync(session, ct));
    }

    private async Task<MediationSessionView> ViewAsync(MediationSession session, CancellationToken ct)
    {
        var linked = await db.Set<MediationSessionItem>().AsNoTracking().Where(i => i.SessionId == session.Id).Select(i => i.PetitionId).ToListAsync(ct);
        // Numbers and titles only of the items the reader may see; the rest are counted, never named.
        var visible = await guard.Petitions.AsNoTracking().Where(p => linked.Contains(p.Id))
            .OrderBy(p => p.Number).Select(p => new MediatedItemView(p.Id, p.Number, p.Title)).ToListAsync(ct);
        var reveal = PetitionRules.MayRevealPersonalData(staff.Role);
        var items = visible.Select(i => reveal ? i : i with { Title = PersonalDataInText.Mask(i.Title) }).ToList();
        var names = await NamesAsync([session.OrganizationId], ct);
        return Masked(MediationSessionView.From(session, names.GetValueOrDefault(session.OrganizationId, string.Empty), linked.Count, items, linked.Count - items.Count));
    }

    /// <summary>The note and the agreement's terms may name a petitioner's ID or phone: masked for readers who may not see personal data (domain.md §12).</summary>
    private MediationSessionView Masked(MediationSessionView v)
    {
        if (PetitionRules.MayRevealPersonalData(staff.Role))
        {
            return v;
        }

        return v with
        {
            OutcomeNote = v.OutcomeNote is null ? null : PersonalDataInText.Mask(v.OutcomeNote),
            Agreement = v.Agreement is { } a ? a with { Terms = PersonalDataInText.Mask(a.Terms), Citation = PersonalDataInText.Mask(a.Citation) } : null,
            Corrections = v.Corrections.Select(c => c with
            {
                Note = PersonalDataInText.Mask(c.Note),
                AgreementTerms = c.AgreementTerms is null ? null : PersonalDataInText.Mask(c.AgreementTerms),
                Reason = PersonalDataInText.Mask(c.Reason),
            }).ToList(),
        };
    }

    private async Task<Dictionary<Guid, int>> CountsAsync(List<Guid> sessions, CancellationToken ct) =>
        (await db.Set<MediationSessionItem>().AsNoTracking().Where(i => sessions.Contains(i.SessionId)).Select(i => i.SessionId).ToListAsync(ct))
            .GroupBy(x => x).ToDictionary(g => g.Key, g => g.Count());

    private async Task<Dictionary<Guid, string>> NamesAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct().ToList();
        return await db.Organizations.AsNoTracking().Where(o => wanted.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
    }
}
