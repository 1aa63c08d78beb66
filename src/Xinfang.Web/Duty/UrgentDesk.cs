using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Duty;
using Xinfang.Domain.Petitions;
using Xinfang.Web.Audit;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;

namespace Xinfang.Web.Duty;

/// <summary>
/// 重大紧急信访事项报告 (条例 Art. 25): a body reports an urgent matter to the level above (¶1); the receiving body reads it
/// (已阅, the time kept) and a bureau passes it on further up (¶2). Who sees a report: every body whose jurisdiction holds
/// the body where it arose — so each level of the chain, and nobody beside it.
/// </summary>
public sealed class UrgentDesk(AppDbContext db, CurrentStaff staff, PetitionGuard guard, OrganizationDirectory directory, TimeProvider clock, AuditLog audit)
{
    public const string AuditKind = "UrgentReport";

    public const int MaxListed = 200;

    public sealed record ReportRequest(string? Summary, Guid? PetitionId = null, string? PetitionNumber = null, Guid? DutyReportId = null, string? Note = null);

    public sealed record PassOnRequest(string? Note);

    /// <summary>Makes and passes on reports: every role but the leaders (who read them).</summary>
    public bool MayReport => staff.IsSignedIn && staff.Role != StaffRole.Leader;

    public async Task<DutyOutcome<UrgentReportView>> ReportAsync(ReportRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        if (!MayReport)
        {
            return DutyOutcome<UrgentReportView>.Forbidden("领导不直接报送紧急信访信息，请由工作人员报送");
        }

        var errors = new RequestErrors().Text(r.Summary, "summary", "紧急情况摘要", UrgentReport.MaxSummaryLength)
            .Text(r.Note, "note", "报告说明", UrgentReport.MaxNoteLength, required: false);
        Guid? petition = r.PetitionId;
        if (petition is { } pid && !await guard.Petitions.AnyAsync(p => p.Id == pid, ct))
        {
            errors.Add("petitionId", "信访件不存在或不在本机关可查看的范围内");
        }

        if (petition is null && !string.IsNullOrWhiteSpace(r.PetitionNumber))
        {
            var found = await ItemLinks.ResolveAsync(guard, [r.PetitionNumber], 1, "petitionNumber", errors, ct);
            petition = found.Count == 1 ? found[0] : null;
        }

        if (r.DutyReportId is { } rid && !await db.Set<DutyReport>().AnyAsync(x => x.Id == rid && x.OrganizationId == staff.OrganizationId, ct))
        {
            errors.Add("dutyReportId", "值班日报不存在或不是本机关报送的");
        }

        if (errors.Any)
        {
            return DutyOutcome<UrgentReportView>.Invalid(errors);
        }

        try
        {
            var report = UrgentReport.Report(Guid.CreateVersion7(), staff.OrganizationId, Above(staff.OrganizationId), r.Summary!, petition, r.DutyReportId, r.Note, staff.Actor, clock.GetUtcNow());
            db.Add(report);
            await audit.SaveAsync(db, AuditActors.Draft(staff, AuditKind, report.Id.ToString(), null, $"报告紧急信访信息：报{NameOf(report.CurrentOrganizationId)}"), ct);
            return DutyOutcome<UrgentReportView>.Done(await ViewAsync(report, ct));
        }
        catch (DomainRuleViolation e)
        {
            db.ChangeTracker.Clear();
            return e.Field is "organization" ? DutyOutcome<UrgentReportView>.Conflict(e.Message) : DutyOutcome<UrgentReportView>.Invalid(e.Field ?? "summary", e.Message);
        }
    }

    /// <summary>已阅: someone at the body it was reported to has read it (the first reading's time is kept).</summary>
    public Task<DutyOutcome<UrgentReportView>> MarkReadAsync(Guid id, CancellationToken ct) =>
        ChangeAsync(id, mayLeader: true, (r, now) =>
        {
            if (!r.Steps.Any(s => s.ToOrganizationId == staff.OrganizationId))
            {
                throw new DomainRuleViolation("not-addressed", "该报告不是报给本机关的");
            }

            return r.MarkRead(staff.OrganizationId, staff.Actor, now) ? "签收紧急信访信息" : null;
        }, ct);

    /// <summary>Passes it on to the level above (Art. 25 ¶2), from the body it waits at.</summary>
    public Task<DutyOutcome<UrgentReportView>> PassOnAsync(Guid id, PassOnRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        var errors = new RequestErrors().Text(r.Note, "note", "报告说明", UrgentReport.MaxNoteLength, required: false);
        if (errors.Any)
        {
            return Task.FromResult(DutyOutcome<UrgentReportView>.Invalid(errors));
        }

        return ChangeAsync(id, mayLeader: false, (report, now) =>
        {
            report.PassOn(staff.OrganizationId, Above(staff.OrganizationId), r.Note, staff.Actor, now);
            return $"继续上报紧急信访信息：报{NameOf(report.CurrentOrganizationId)}";
        }, ct);
    }

    public async Task<UrgentReportView?> FindAsync(Guid id, CancellationToken ct) =>
        await ReadableAsync(id, tracked: false, ct) is { } r ? await ViewAsync(r, ct) : null;

    /// <summary>
    /// The reports received by the reader's body (<paramref name="box"/> "received", the default: a step addressed to it,
    /// unread first) or sent by it ("sent": a step it made).
    /// </summary>
    public async Task<IReadOnlyList<UrgentReportView>> ListAsync(string? box, CancellationToken ct)
    {
        if (!staff.IsSignedIn)
        {
            return [];
        }

        var me = staff.OrganizationId;
        var query = db.Set<UrgentReport>().AsNoTracking();
        query = box == "sent" ? query.Where(r => r.Steps.Any(s => s.FromOrganizationId == me)) : query.Where(r => r.Steps.Any(s => s.ToOrganizationId == me));
        var reports = await query.OrderByDescending(r => r.Id).Take(MaxListed).ToListAsync(ct);
        var list = new List<UrgentReportView>();
        foreach (var r in reports)
        {
            list.Add(await ViewAsync(r, ct));
        }

        return list.OrderBy(v => v.MayMarkRead ? 0 : 1).ToList();
    }

    /// <summary>The urgent reports about one item, for its page; null when the reader may not see the item.</summary>
    public async Task<IReadOnlyList<UrgentReportView>?> OfPetitionAsync(Guid petitionId, CancellationToken ct)
    {
        if (!staff.IsSignedIn || !await guard.Petitions.AnyAsync(p => p.Id == petitionId, ct))
        {
            return null;
        }

        var mine = directory.Subtree(staff.OrganizationId).ToList();
        var reports = await db.Set<UrgentReport>().AsNoTracking().Where(r => r.PetitionId == petitionId && mine.Contains(r.OriginOrganizationId))
            .OrderBy(r => r.Id).Take(MaxListed).ToListAsync(ct);
        var list = new List<UrgentReportView>();
        foreach (var r in reports)
        {
            list.Add(await ViewAsync(r, ct));
        }

        return list;
    }

    /// <summary>Unread reports addressed to the reader's body (the home's alert).</summary>
    public async Task<int> UnreadCountAsync(int cap, CancellationToken ct)
    {
        var me = staff.OrganizationId;
        return await db.Set<UrgentReport>().AsNoTracking().Where(r => r.Steps.Any(s => s.ToOrganizationId == me && s.ReadAt == null)).Take(cap).CountAsync(ct);
    }

    public string NameOf(Guid id) => directory.Tree.Find(id)?.Name ?? string.Empty;

    private Guid? Above(Guid body) => directory.Tree.Find(body)?.ParentId;

    private async Task<UrgentReport?> ReadableAsync(Guid id, bool tracked, CancellationToken ct)
    {
        if (!staff.IsSignedIn)
        {
            return null;
        }

        var set = tracked ? db.Set<UrgentReport>() : db.Set<UrgentReport>().AsNoTracking();
        var r = await set.SingleOrDefaultAsync(x => x.Id == id, ct);
        return r is not null && directory.IsWithin(r.OriginOrganizationId, staff.OrganizationId) ? r : null;
    }

    private async Task<DutyOutcome<UrgentReportView>> ChangeAsync(Guid id, bool mayLeader, Func<UrgentReport, DateTimeOffset, string?> change, CancellationToken ct)
    {
        var report = await ReadableAsync(id, tracked: true, ct);
        if (report is null)
        {
            return DutyOutcome<UrgentReportView>.NotFound("紧急信访信息报告");
        }

        if (!mayLeader && !MayReport)
        {
            return DutyOutcome<UrgentReportView>.Forbidden("领导不直接报送紧急信访信息，请由工作人员报送");
        }

        try
        {
            var summary = change(report, clock.GetUtcNow());
            if (summary is not null)
            {
                await audit.SaveAsync(db, AuditActors.Draft(staff, AuditKind, report.Id.ToString(), null, summary), ct);
            }
        }
        catch (DomainRuleViolation e)
        {
            db.ChangeTracker.Clear();
            return e.Code is "not-addressed" or "not-current" ? DutyOutcome<UrgentReportView>.Forbidden(e.Message) : DutyOutcome<UrgentReportView>.Conflict(e.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return DutyOutcome<UrgentReportView>.Conflict("该报告已被他人处理，请刷新后重试");
        }

        return DutyOutcome<UrgentReportView>.Done(await ViewAsync(report, ct));
    }

    private async Task<UrgentReportView> ViewAsync(UrgentReport r, CancellationToken ct)
    {
        var item = r.PetitionId is { } pid ? (await ItemLinks.VisibleAsync(guard, [pid], ct)).FirstOrDefault() : null;
        var last = r.Steps[^1];
        var waitingHere = last.ToOrganizationId == staff.OrganizationId;
        return new UrgentReportView(r.Id, r.OriginOrganizationId, NameOf(r.OriginOrganizationId), r.Summary, item is null ? null : r.PetitionId, item, r.DutyReportId,
            r.CurrentOrganizationId, NameOf(r.CurrentOrganizationId), last.ReadAt is not null,
            r.Steps.OrderBy(s => s.Sequence).Select(s => new UrgentStepView(s.Sequence, s.FromOrganizationId, NameOf(s.FromOrganizationId), s.ToOrganizationId, NameOf(s.ToOrganizationId),
                s.Note, s.ReportedBy, s.ReportedAt, s.ReadBy, s.ReadAt)).ToList(),
            waitingHere && last.ReadAt is null,
            waitingHere && MayReport && Above(staff.OrganizationId) is not null);
    }
}
