using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Deadlines;
using Xinfang.Domain.JointMeetings;
using Xinfang.Domain.Organizations;
using Xinfang.Domain.Petitions;
using Xinfang.Web.Audit;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Duty;
using Xinfang.Web.Identity;

namespace Xinfang.Web.JointMeetings;

/// <summary>
/// 联席会议议定事项 (条例 Art. 13; Art. 12 ¶2 on members carrying out the decisions and reporting how): the bureau where the
/// joint meeting's office sits records a meeting and its decisions, each given to a body of its area with a deadline;
/// the owner body reports progress and completion; open, overdue and done lists for the jurisdiction; the open ones
/// counted on the owner body's home.
/// </summary>
public sealed class JointMeetingDesk(AppDbContext db, CurrentStaff staff, PetitionGuard guard, OrganizationDirectory directory, TimeProvider clock, AuditLog audit)
{
    public const string AuditKind = "JointMeeting";
    public const int MaxListed = 500;

    public sealed record MeetingRequest(DateOnly? HeldOn, string? Topic);

    public sealed record DecisionRequest(string? Text, Guid? OwnerOrganizationId, DateOnly? DueOn, List<string?>? PetitionNumbers = null);

    public sealed record NoteRequest(string? Text);

    public DateOnly Today => DeadlineTime.LocalDate(clock.GetUtcNow());

    /// <summary>Records meetings and decisions: registrars, supervisors and administrators of a petition bureau or a joint-meeting office.</summary>
    public bool MayRecord => staff.IsSignedIn && staff.Role is StaffRole.Registrar or StaffRole.Supervisor or StaffRole.Administrator
        && directory.KindOf(staff.OrganizationId) is OrganizationKind.PetitionBureau or OrganizationKind.JointMeeting;

    public string NameOf(Guid id) => directory.Tree.Find(id)?.Name ?? string.Empty;

    /// <summary>The bodies a decision of the reader's meetings may be given to: its own body and those below it.</summary>
    public IReadOnlyList<BodyView> OwnerChoices() => directory.Subtree(staff.OrganizationId).Select(b => new BodyView(b, NameOf(b)))
        .OrderBy(b => b.Id == staff.OrganizationId ? 0 : 1).ThenBy(b => b.Name, StringComparer.Ordinal).ToList();

    public async Task<DutyOutcome<JointMeetingView>> RecordAsync(MeetingRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        if (!MayRecord)
        {
            return DutyOutcome<JointMeetingView>.Forbidden("只有信访部门（联席会议办公室）的登记、督查人员或管理员可以记录联席会议");
        }

        var errors = new RequestErrors().Text(r.Topic, "topic", "会议议题", JointMeeting.MaxTopicLength).Date(r.HeldOn, "heldOn", "会议日期");
        if (r.HeldOn is null)
        {
            errors.Add("heldOn", "请填写会议日期");
        }

        if (errors.Any)
        {
            return DutyOutcome<JointMeetingView>.Invalid(errors);
        }

        try
        {
            var meeting = JointMeeting.Record(Guid.CreateVersion7(), staff.OrganizationId, r.HeldOn!.Value, r.Topic!, staff.Actor, clock.GetUtcNow());
            db.Add(meeting);
            await audit.SaveAsync(db, AuditActors.Draft(staff, AuditKind, meeting.Id.ToString(), null, $"记录联席会议：{meeting.HeldOn:yyyy-MM-dd} {meeting.Topic}"), ct);
            return DutyOutcome<JointMeetingView>.Done(await ViewAsync(meeting, ct));
        }
        catch (DomainRuleViolation e)
        {
            db.ChangeTracker.Clear();
            return DutyOutcome<JointMeetingView>.Invalid(e.Field ?? "heldOn", e.Message);
        }
    }

    public async Task<DutyOutcome<DecisionView>> DecideAsync(Guid meetingId, DecisionRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        var meeting = await ReadableMeetingAsync(meetingId, ct);
        if (meeting is null)
        {
            return DutyOutcome<DecisionView>.NotFound("联席会议");
        }

        if (!MayRecord || meeting.OrganizationId != staff.OrganizationId)
        {
            return DutyOutcome<DecisionView>.Forbidden("只有召开会议的机关可以记录议定事项");
        }

        var errors = new RequestErrors().Text(r.Text, "text", "议定事项", MeetingDecision.MaxTextLength).Date(r.DueOn, "dueOn", "落实期限");
        if (r.DueOn is null)
        {
            errors.Add("dueOn", "请填写落实期限");
        }

        if (r.OwnerOrganizationId is not { } owner || !directory.Contains(owner) || !directory.IsWithin(owner, meeting.OrganizationId))
        {
            errors.Add("ownerOrganizationId", "请选择本辖区内的落实单位");
        }

        var ids = await ItemLinks.ResolveAsync(guard, r.PetitionNumbers, MeetingDecision.MaxLinkedItems, "petitionNumbers", errors, ct);
        if (errors.Any)
        {
            return DutyOutcome<DecisionView>.Invalid(errors);
        }

        try
        {
            var decision = MeetingDecision.Decide(Guid.CreateVersion7(), meeting, r.OwnerOrganizationId!.Value, r.Text!, r.DueOn!.Value, ids, staff.Actor);
            db.Add(decision);
            await audit.SaveAsync(db, AuditActors.Draft(staff, AuditKind, decision.Id.ToString(), null, $"记录议定事项：{NameOf(decision.OwnerOrganizationId)}，{decision.DueOn:yyyy-MM-dd}前落实"), ct);
            return DutyOutcome<DecisionView>.Done(await DecisionViewAsync(decision, meeting.Topic, ct));
        }
        catch (DomainRuleViolation e)
        {
            db.ChangeTracker.Clear();
            return DutyOutcome<DecisionView>.Invalid(e.Field ?? "text", e.Message);
        }
    }

    public Task<DutyOutcome<DecisionView>> NoteAsync(Guid id, NoteRequest r, CancellationToken ct) =>
        ChangeAsync(id, r, (d, text) => { d.Note(text, staff.Actor, clock.GetUtcNow()); return "记录落实情况"; }, ct);

    public Task<DutyOutcome<DecisionView>> CompleteAsync(Guid id, NoteRequest r, CancellationToken ct) =>
        ChangeAsync(id, r, (d, text) => { d.Complete(text, staff.Actor, clock.GetUtcNow()); return "议定事项已落实"; }, ct);

    /// <summary>The meetings convened in the reader's jurisdiction, newest first.</summary>
    public async Task<IReadOnlyList<JointMeetingView>> ListAsync(CancellationToken ct)
    {
        var mine = directory.Subtree(staff.OrganizationId).ToList();
        var meetings = await db.Set<JointMeeting>().AsNoTracking().Where(m => mine.Contains(m.OrganizationId))
            .OrderByDescending(m => m.HeldOn).Take(MaxListed).ToListAsync(ct);
        var list = new List<JointMeetingView>();
        foreach (var m in meetings)
        {
            list.Add(await ViewAsync(m, ct));
        }

        return list;
    }

    public async Task<JointMeetingView?> FindAsync(Guid id, CancellationToken ct) =>
        await ReadableMeetingAsync(id, ct) is { } m ? await ViewAsync(m, ct) : null;

    public async Task<DecisionView?> FindDecisionAsync(Guid id, CancellationToken ct)
    {
        var d = await ReadableDecisionAsync(id, tracked: false, ct);
        return d is null ? null : await DecisionViewAsync(d, await TopicAsync(d.MeetingId, ct), ct);
    }

    /// <summary>
    /// Decisions of the reader's jurisdiction (convened in it or given to a body of it): <paramref name="status"/> "open"
    /// (default), "overdue" (open past the deadline) or "done"; by deadline.
    /// </summary>
    public async Task<IReadOnlyList<DecisionView>> DecisionsAsync(string? status, CancellationToken ct)
    {
        var mine = directory.Subtree(staff.OrganizationId).ToList();
        var today = Today;
        var query = db.Set<MeetingDecision>().AsNoTracking().Where(d => mine.Contains(d.ConvenedByOrganizationId) || mine.Contains(d.OwnerOrganizationId));
        query = status switch
        {
            "done" => query.Where(d => d.Status == DecisionStatus.Done),
            "overdue" => query.Where(d => d.Status == DecisionStatus.Open && d.DueOn < today),
            _ => query.Where(d => d.Status == DecisionStatus.Open),
        };
        var rows = await query.OrderBy(d => d.DueOn).Take(MaxListed).ToListAsync(ct);
        var topics = await TopicsAsync(rows.Select(d => d.MeetingId), ct);
        var list = new List<DecisionView>();
        foreach (var d in rows)
        {
            list.Add(await DecisionViewAsync(d, topics.GetValueOrDefault(d.MeetingId, string.Empty), ct));
        }

        return list;
    }

    /// <summary>Open decisions given to the reader's own body, and how many of them are overdue (its home's count).</summary>
    public async Task<(int Open, int Overdue)> OwnCountsAsync(int cap, CancellationToken ct)
    {
        var me = staff.OrganizationId;
        var today = Today;
        var open = db.Set<MeetingDecision>().AsNoTracking().Where(d => d.OwnerOrganizationId == me && d.Status == DecisionStatus.Open);
        return (await open.Take(cap).CountAsync(ct), await open.Where(d => d.DueOn < today).Take(cap).CountAsync(ct));
    }

    private bool MayReport(MeetingDecision d) => staff.IsSignedIn && staff.Role != StaffRole.Leader
        && (d.OwnerOrganizationId == staff.OrganizationId || (MayRecord && d.ConvenedByOrganizationId == staff.OrganizationId));

    private async Task<DutyOutcome<DecisionView>> ChangeAsync(Guid id, NoteRequest r, Func<MeetingDecision, string, string> change, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        var d = await ReadableDecisionAsync(id, tracked: true, ct);
        if (d is null)
        {
            return DutyOutcome<DecisionView>.NotFound("议定事项");
        }

        if (!MayReport(d))
        {
            return DutyOutcome<DecisionView>.Forbidden("只有落实单位或召开会议的机关可以报送落实情况");
        }

        var errors = new RequestErrors().Text(r.Text, "text", "落实情况", MeetingDecision.MaxNoteLength);
        if (errors.Any)
        {
            return DutyOutcome<DecisionView>.Invalid(errors);
        }

        try
        {
            var summary = change(d, r.Text!);
            await audit.SaveAsync(db, AuditActors.Draft(staff, AuditKind, d.Id.ToString(), null, $"{summary}：{NameOf(d.OwnerOrganizationId)}"), ct);
        }
        catch (DomainRuleViolation e)
        {
            db.ChangeTracker.Clear();
            return e.Field is { } f ? DutyOutcome<DecisionView>.Invalid(f, e.Message) : DutyOutcome<DecisionView>.Conflict(e.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return DutyOutcome<DecisionView>.Conflict("该议定事项已被他人修改，请刷新后重试");
        }

        return DutyOutcome<DecisionView>.Done(await DecisionViewAsync(d, await TopicAsync(d.MeetingId, ct), ct));
    }

    private async Task<JointMeeting?> ReadableMeetingAsync(Guid id, CancellationToken ct)
    {
        var m = await db.Set<JointMeeting>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        return m is not null && staff.IsSignedIn && directory.IsWithin(m.OrganizationId, staff.OrganizationId) ? m : null;
    }

    private async Task<MeetingDecision?> ReadableDecisionAsync(Guid id, bool tracked, CancellationToken ct)
    {
        var set = tracked ? db.Set<MeetingDecision>() : db.Set<MeetingDecision>().AsNoTracking();
        var d = await set.SingleOrDefaultAsync(x => x.Id == id, ct);
        return d is not null && staff.IsSignedIn
            && (directory.IsWithin(d.ConvenedByOrganizationId, staff.OrganizationId) || directory.IsWithin(d.OwnerOrganizationId, staff.OrganizationId)) ? d : null;
    }

    private async Task<string> TopicAsync(Guid meetingId, CancellationToken ct) =>
        await db.Set<JointMeeting>().AsNoTracking().Where(m => m.Id == meetingId).Select(m => m.Topic).SingleOrDefaultAsync(ct) ?? string.Empty;

    private async Task<Dictionary<Guid, string>> TopicsAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct().ToList();
        return await db.Set<JointMeeting>().AsNoTracking().Where(m => wanted.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Topic, ct);
    }

    private async Task<JointMeetingView> ViewAsync(JointMeeting m, CancellationToken ct)
    {
        var decisions = await db.Set<MeetingDecision>().AsNoTracking().Where(d => d.MeetingId == m.Id).OrderBy(d => d.DueOn).ToListAsync(ct);
        var views = new List<DecisionView>();
        foreach (var d in decisions)
        {
            views.Add(await DecisionViewAsync(d, m.Topic, ct));
        }

        return new JointMeetingView(m.Id, m.OrganizationId, NameOf(m.OrganizationId), m.HeldOn, m.Topic, m.RecordedBy, m.RecordedAt, views,
            MayRecord && m.OrganizationId == staff.OrganizationId);
    }

    private async Task<DecisionView> DecisionViewAsync(MeetingDecision d, string topic, CancellationToken ct)
    {
        var items = await ItemLinks.VisibleAsync(guard, d.PetitionIds.ToList(), ct);
        return new DecisionView(d.Id, d.MeetingId, topic, d.DecidedOn, d.ConvenedByOrganizationId, NameOf(d.ConvenedByOrganizationId), d.OwnerOrganizationId, NameOf(d.OwnerOrganizationId),
            d.Text, d.DueOn, d.Status.ToString(), MeetingDecision.NameOf(d.Status), d.IsOverdue(Today), d.DoneOn, d.DoneBy,
            d.Notes.Select(n => new DecisionNoteView(n.Text, n.By, n.At)).ToList(), items, d.PetitionIds.Count - items.Count, MayReport(d) && d.Status == DecisionStatus.Open);
    }
}
