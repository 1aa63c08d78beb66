using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Legal;
using Xinfang.Domain.Petitions;
using Xinfang.Domain.Reception;
using Xinfang.Web.Audit;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;

namespace Xinfang.Web.Legal;

/// <summary>
/// 律师意见 and 帮扶救助转介 (issue 14; 条例 Art. 37 ¶2), for the API and the <c>/legal</c> pages alike. Both belong to an
/// item and are read and written through it: the item is found through <see cref="PetitionGuard.Petitions"/> (one
/// outside the caller's view answers as missing); staff who work items record, leaders and supervisors read.
/// </summary>
public sealed class LegalDesk(AppDbContext db, CurrentStaff staff, PetitionGuard guard, TimeProvider clock, AuditLog audit)
{
    /// <summary>The audit trail's kind for opinions, referrals, case reviews and typical cases, named 律师与法律援助 on the audit page.</summary>
    public const string AuditKind = "LegalWork";

    /// <summary>Most records one list answer holds.</summary>
    public const int MaxListed = 500;

    public sealed record OpinionRequest(Guid? PetitionId, string? PetitionNumber, OpinionSubject? Subject, Guid? ReceptionSessionId, string? LawyerName, string? Firm, DateOnly? GivenOn, string? Text);

    public sealed record ReferralRequest(Guid? PetitionId, string? PetitionNumber, ReferralKind? Kind, string? ReceivingBody, DateOnly? ReferredOn, string? Note);

    public sealed record ReferralOutcomeRequest(ReferralOutcome? Outcome, DateOnly? OutcomeOn, string? Note);

    /// <summary>Staff who work items record; leaders and supervisors read only.</summary>
    public bool MayRecord => staff.IsSignedIn && LegalRules.MayRecord(staff.Role);

    public bool MayRead => staff.IsSignedIn;

    private DateOnly Today => DeadlineTime.LocalDate(clock.GetUtcNow());

    public async Task<LegalAnswer<OpinionView>> RecordOpinionAsync(OpinionRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        if (!MayRecord)
        {
            return LegalAnswers.Forbidden<OpinionView>(LegalRules.NotRecording);
        }

        var errors = LegalRules.ItemFields(new RequestErrors(), r.PetitionId, r.PetitionNumber)
            .Text(r.LawyerName, "lawyerName", "律师姓名", LawyerOpinion.MaxNameLength)
            .Text(r.Firm, "firm", "律师事务所", LawyerOpinion.MaxFirmLength)
            .Text(r.Text, "text", "律师意见", LawyerOpinion.MaxTextLength)
            .Defined(r.Subject, "subject", "意见针对")
            .Date(r.GivenOn, "givenOn", "出具意见日期");
        if (r.Subject is null)
        {
            errors.Add("subject", "请选择意见针对的事项（信访事项办理、接访或复查复核）");
        }

        if (r.GivenOn is null)
        {
            errors.Add("givenOn", "请填写出具意见日期");
        }

        if (errors.Any)
        {
            return LegalAnswers.Invalid<OpinionView>(errors);
        }

        var item = await LegalRules.FindItemAsync(guard, r.PetitionId, r.PetitionNumber, ct);
        if (item is null)
        {
            return LegalAnswers.NotFound<OpinionView>("信访件");
        }

        if (r.ReceptionSessionId is { } session && !await db.Set<ReceptionSessionItem>().AnyAsync(i => i.SessionId == session && i.PetitionId == item.Id, ct))
        {
            return LegalAnswers.Invalid<OpinionView>("receptionSessionId", "该信访件不是在这次接访中接待的");
        }

        try
        {
            var opinion = LawyerOpinion.Record(Guid.CreateVersion7(), item.Id, r.Subject!.Value, r.ReceptionSessionId, r.LawyerName!, r.Firm!, r.GivenOn!.Value, r.Text!, staff.Actor, Today, clock.GetUtcNow());
            db.Add(opinion);
            await audit.SaveAsync(db, AuditActors.Draft(staff, AuditKind, item.Id.ToString(), item.Number, $"记录律师意见：{opinion.LawyerName}（{opinion.Firm}）"), ct);
            return LegalAnswers.Done<OpinionView>(OpinionView.From(opinion, item.Number));
        }
        catch (DomainRuleViolation e)
        {
            db.ChangeTracker.Clear();
            return LegalAnswers.Invalid<OpinionView>(e.Field ?? "body", e.Message);
        }
    }

    public async Task<OpinionView?> FindOpinionAsync(Guid id, CancellationToken ct)
    {
        var found = await (from o in db.Set<LawyerOpinion>().AsNoTracking()
                           join p in guard.Petitions on o.PetitionId equals p.Id
                           where o.Id == id
                           select new { o, p.Number }).SingleOrDefaultAsync(ct);
        return found is null ? null : OpinionView.From(found.o, found.Number);
    }

    /// <summary>The opinions on the items the caller may see, newest first.</summary>
    public async Task<IReadOnlyList<OpinionView>> OpinionsAsync(Guid? petitionId, CancellationToken ct)
    {
        var rows = await (from o in db.Set<LawyerOpinion>().AsNoTracking()
                          join p in guard.Petitions on o.PetitionId equals p.Id
                          where petitionId == null || o.PetitionId == petitionId
                          orderby o.RecordedAt descending
                          select new { o, p.Number }).Take(MaxListed).ToListAsync(ct);
        return rows.Select(x => OpinionView.From(x.o, x.Number)).ToList();
    }

    /// <summary>转介 (条例 Art. 37 ¶2): while handling an item, the petitioner in hardship is told of or helped to 法律援助, 社会救助 or 司法救助.</summary>
    public async Task<LegalAnswer<ReferralView>> ReferAsync(ReferralRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        if (!MayRecord)
        {
            return LegalAnswers.Forbidden<ReferralView>(LegalRules.NotRecording);
        }

        var errors = LegalRules.ItemFields(new RequestErrors(), r.PetitionId, r.PetitionNumber)
            .Text(r.ReceivingBody, "receivingBody", "接收机构", AidReferral.MaxBodyLength)
            .Text(r.Note, "note", "转介说明", AidReferral.MaxNoteLength, required: false)
            .Defined(r.Kind, "kind", "转介类别")
            .Date(r.ReferredOn, "referredOn", "转介日期");
        if (r.Kind is null)
        {
            errors.Add("kind", "请选择转介类别（法律援助、社会救助或司法救助）");
        }

        if (errors.Any)
        {
            return LegalAnswers.Invalid<ReferralView>(errors);
        }

        var item = await LegalRules.FindItemAsync(guard, r.PetitionId, r.PetitionNumber, ct);
        if (item is null)
        {
            return LegalAnswers.NotFound<ReferralView>("信访件");
        }

        try
        {
            var referral = AidReferral.Refer(Guid.CreateVersion7(), item.Id, item.State, r.Kind!.Value, r.ReceivingBody!, r.ReferredOn ?? Today, r.Note, staff.Actor, Today, clock.GetUtcNow());
            db.Add(referral);
            await audit.SaveAsync(db, AuditActors.Draft(staff, AuditKind, item.Id.ToString(), item.Number, $"转介{AidReferral.NameOf(referral.Kind)}：{referral.ReceivingBody}"), ct);
            return LegalAnswers.Done<ReferralView>(ReferralView.From(referral, item.Number));
        }
        catch (DomainRuleViolation e)
        {
            db.ChangeTracker.Clear();
            return e.Field is null ? LegalAnswers.Conflict<ReferralView>(e.Message) : LegalAnswers.Invalid<ReferralView>(e.Field, e.Message);
        }
    }

    public async Task<LegalAnswer<ReferralView>> RecordOutcomeAsync(Guid id, ReferralOutcomeRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        var found = await (from x in db.Set<AidReferral>()
                           join p in guard.Petitions on x.PetitionId equals p.Id
                           where x.Id == id
                           select new { x, p.Number }).SingleOrDefaultAsync(ct);
        if (found is null)
        {
            return LegalAnswers.NotFound<ReferralView>("转介");
        }

        if (!MayRecord)
        {
            return LegalAnswers.Forbidden<ReferralView>(LegalRules.NotRecording);
        }

        var errors = new RequestErrors().Defined(r.Outcome, "outcome", "转介结果").Date(r.OutcomeOn, "outcomeOn", "结果日期")
            .Text(r.Note, "note", "结果说明", AidReferral.MaxNoteLength, required: false);
        if (r.Outcome is null)
        {
            errors.Add("outcome", "请选择转介结果（已受理、已援助、不符合条件或未申请）");
        }

        if (errors.Any)
        {
            return LegalAnswers.Invalid<ReferralView>(errors);
        }

        try
        {
            found.x.RecordOutcome(r.Outcome!.Value, r.OutcomeOn ?? Today, r.Note, staff.Actor, Today);
            await audit.SaveAsync(db, AuditActors.Draft(staff, AuditKind, found.x.PetitionId.ToString(), found.Number, $"记录转介结果：{AidReferral.NameOf(found.x.Outcome)}"), ct);
            return LegalAnswers.Done<ReferralView>(ReferralView.From(found.x, found.Number));
        }
        catch (DomainRuleViolation e)
        {
            db.ChangeTracker.Clear();
            return e.Field is null ? LegalAnswers.Conflict<ReferralView>(e.Message) : LegalAnswers.Invalid<ReferralView>(e.Field, e.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return LegalAnswers.Conflict<ReferralView>("该转介已被他人修改，请刷新后重试");
        }
    }

    public async Task<ReferralView?> FindReferralAsync(Guid id, CancellationToken ct)
    {
        var found = await (from x in db.Set<AidReferral>().AsNoTracking()
                           join p in guard.Petitions on x.PetitionId equals p.Id
                           where x.Id == id
                           select new { x, p.Number }).SingleOrDefaultAsync(ct);
        return found is null ? null : ReferralView.From(found.x, found.Number);
    }

    /// <summary>The referrals of the items the caller may see, newest first (only those still awaiting an answer when <paramref name="pending"/>).</summary>
    public async Task<IReadOnlyList<ReferralView>> ReferralsAsync(Guid? petitionId, bool pending, CancellationToken ct)
    {
        var rows = await (from x in db.Set<AidReferral>().AsNoTracking()
                          join p in guard.Petitions on x.PetitionId equals p.Id
                          where (petitionId == null || x.PetitionId == petitionId) && (!pending || x.Outcome == null)
                          orderby x.RecordedAt descending
                          select new { x, p.Number }).Take(MaxListed).ToListAsync(ct);
        return rows.Select(x => ReferralView.From(x.x, x.Number)).ToList();
    }

    /// <summary>An item's opinions, referrals, case reviews and typical cases; null when the caller may not see the item.</summary>
    public async Task<ItemLegalView?> OfItemAsync(Guid petitionId, CaseReviewDesk reviews, TypicalCaseDesk cases, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(reviews);
        ArgumentNullException.ThrowIfNull(cases);
        if (!await guard.Petitions.AnyAsync(p => p.Id == petitionId, ct))
        {
            return null;
        }

        return new ItemLegalView(await OpinionsAsync(petitionId, ct), await ReferralsAsync(petitionId, false, ct),
            await reviews.ListAsync(petitionId, ct), await cases.OfItemAsync(petitionId, ct));
    }
}

/// <summary>What the module's desks share: who records, and finding the item through the guard.</summary>
public static class LegalRules
{
    public const string NotRecording = "领导和督查人员只能查看，由办理信访事项的工作人员记录";

    /// <summary>Staff who work items (登记、承办、单位负责人、复查复核、管理员) record; leaders and supervisors read.</summary>
    public static bool MayRecord(StaffRole role) => role is not (StaffRole.Leader or StaffRole.Supervisor);

    public static RequestErrors ItemFields(RequestErrors errors, Guid? petitionId, string? number)
    {
        ArgumentNullException.ThrowIfNull(errors);
        errors.Text(number, "petitionNumber", "信访件编号", 48, required: false);
        if (petitionId is null && string.IsNullOrWhiteSpace(number))
        {
            errors.Add("petitionNumber", "请填写信访件编号");
        }

        return errors;
    }

    /// <summary>The item by id or number, as the caller may see it (PetitionGuard); null when unknown or out of view.</summary>
    public static Task<Petition?> FindItemAsync(PetitionGuard guard, Guid? id, string? number, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(guard);
        var wanted = number?.Trim();
        return id is { } g
            ? guard.Petitions.AsNoTracking().SingleOrDefaultAsync(p => p.Id == g, ct)
            : guard.Petitions.AsNoTracking().SingleOrDefaultAsync(p => p.Number == wanted, ct);
    }
}
