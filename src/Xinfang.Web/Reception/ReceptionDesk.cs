using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Petitions;
using Xinfang.Domain.Reception;
using Xinfang.Web.Audit;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;
using Xinfang.Web.Intake;

namespace Xinfang.Web.Reception;

/// <summary>
/// The use cases of 领导接访 (条例 Art. 18 ¶2–3), for the API and the <c>/reception</c> pages alike: plan a session,
/// move (改期) or cancel it, record its attendance, mark it held, register a visitor received at it (an item linked to it), read one or a
/// schedule. Who: the body's registrars plan and record its sessions (an administrator for any body of the
/// jurisdiction); leaders and supervisors read the sessions of their jurisdiction.
/// </summary>
public sealed class ReceptionDesk(AppDbContext db, CurrentStaff staff, PetitionGuard guard, OrganizationDirectory directory, RegisterPetition registration, TimeProvider clock, AuditLog audit)
{
    /// <summary>The audit trail's kind for planning and recording a session, named 领导接访 on the audit page (visitors registered there are audited as registrations).</summary>
    public const string AuditKind = "LeaderReception";

    /// <summary>Most sessions one schedule answer lists.</summary>
    public const int MaxListed = 500;

    public sealed record PlanRequest(string? LeaderName, string? LeaderPost, string? Place, DateTimeOffset? StartsAt, ReceptionKind? Kind, string? Topic = null, Guid? OrganizationId = null);

    public sealed record AttendeeRequest(string? Name, string? Role);

    public sealed record AttendanceRequest(List<AttendeeRequest?>? Attendees);

    /// <summary>改期: the new time (required), a new place (optional: the same place when empty) and why.</summary>
    public sealed record MoveRequest(DateTimeOffset? StartsAt, string? Place, string? Reason);

    public sealed record CancelRequest(string? Reason);

    /// <summary>What registering a visitor at a session gave: the item (number and query code, once), or why not.</summary>
    public sealed record VisitorOutcome(RegisterPetition.Response? Registered, ReceptionOutcome? Refused);

    /// <summary>Plans and records (registrars of the body; administrators within their jurisdiction).</summary>
    public bool MayPlan => staff.Role is StaffRole.Registrar or StaffRole.Administrator;

    /// <summary>Reads schedules and sessions of the jurisdiction.</summary>
    public bool MayRead => MayPlan || staff.Role is StaffRole.Leader or StaffRole.Supervisor;

    public async Task<ReceptionOutcome> PlanAsync(PlanRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        if (!MayPlan)
        {
            return ReceptionOutcome.Forbidden("只有本机关的登记人员或管理员可以安排领导接访");
        }

        var errors = new RequestErrors()
            .Text(r.LeaderName, "leaderName", "接访领导姓名", ReceptionSession.MaxNameLength)
            .Text(r.LeaderPost, "leaderPost", "接访领导职务", ReceptionSession.MaxNameLength)
            .Text(r.Place, "place", "接访地点", ReceptionSession.MaxPlaceLength)
            .Text(r.Topic, "topic", "接访主题", ReceptionSession.MaxTopicLength, required: false)
            .Defined(r.Kind, "kind", "接访方式")
            .Date(r.StartsAt, "startsAt", "接访时间");
        if (r.StartsAt is null)
        {
            errors.Add("startsAt", "请填写接访时间");
        }

        if (r.Kind is null)
        {
            errors.Add("kind", "请选择接访方式");
        }

        var body = r.OrganizationId ?? staff.OrganizationId;
        if (r.OrganizationId is { } asked && asked != staff.OrganizationId)
        {
            // A registrar plans for its own body; an administrator for any body of its jurisdiction.
            if (staff.Role != StaffRole.Administrator)
            {
                return ReceptionOutcome.Forbidden("登记人员只能安排本机关的领导接访");
            }

            if (!directory.Contains(asked) || !directory.IsWithin(asked, staff.OrganizationId))
            {
                errors.Add("organizationId", "机关不存在或不在本辖区内");
            }
        }

        if (errors.Any)
        {
            return ReceptionOutcome.Invalid(errors);
        }

        try
        {
            var session = ReceptionSession.Plan(Guid.CreateVersion7(), body, r.LeaderName!, r.LeaderPost!, r.Place!, r.StartsAt!.Value, r.Kind!.Value, r.Topic, staff.Actor, clock.GetUtcNow());
            db.Add(session);
            await audit.SaveAsync(db, AuditActors.Draft(staff, AuditKind, session.Id.ToString(), null, $"安排领导接访：{session.LeaderName}，{session.Place}"), ct);
            return ReceptionOutcome.Done(await ViewAsync(session, ct));
        }
        catch (DomainRuleViolation e)
        {
            db.ChangeTracker.Clear();
            return ReceptionOutcome.Invalid(new RequestErrors().Add(e.Field ?? "body", e.Message));
        }
    }

    public async Task<ReceptionOutcome> RecordAttendanceAsync(Guid id, AttendanceRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        var errors = new RequestErrors();
        var list = r.Attendees ?? [];
        if (list.Count == 0)
        {
            errors.Add("attendees", "请填写至少一名参加人员");
        }

        if (list.Count > ReceptionSession.MaxAttendees)
        {
            errors.Add("attendees", $"参加人员最多{ReceptionSession.MaxAttendees}人");
        }

        for (var i = 0; i < Math.Min(list.Count, ReceptionSession.MaxAttendees); i++)
        {
            errors.Text(list[i]?.Name, $"attendees[{i}].name", "参加人员姓名", ReceptionSession.MaxNameLength)
                .Text(list[i]?.Role, $"attendees[{i}].role", "参加人员身份", ReceptionSession.MaxNameLength);
        }

        return await ChangeAsync(id, errors, s => s.RecordAttendance(list.Select(a => new ReceptionAttendee(a!.Name!, a.Role!)).ToList(), staff.Actor), "记录接访出席人员", ct);
    }

    public Task<ReceptionOutcome> MarkHeldAsync(Guid id, CancellationToken ct) =>
        ChangeAsync(id, new RequestErrors(), s => s.MarkHeld(staff.Actor, clock.GetUtcNow()), "标记已接访", ct);

    /// <summary>
    /// 改期: a planned session moves to a new time and/or place with a reason (<see cref="ReceptionSession.Move"/>); the
    /// public schedule shows the new time and what it was before. Audited with both.
    /// </summary>
    public Task<ReceptionOutcome> MoveAsync(Guid id, MoveRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        var errors = new RequestErrors()
            .Text(r.Place, "place", "接访地点", ReceptionSession.MaxPlaceLength, required: false)
            .Text(r.Reason, "reason", "改期理由", ReceptionSession.MaxReasonLength)
            .Date(r.StartsAt, "startsAt", "接访时间");
        if (r.StartsAt is null)
        {
            errors.Add("startsAt", "请填写改期后的接访时间");
        }

        string? was = null;
        return ChangeAsync(id, errors, s =>
        {
            was = $"{ReceptionInput.Local(s.StartsAt)}，{s.Place}";
            s.Move(r.StartsAt!.Value, r.Place, r.Reason!, staff.Actor, clock.GetUtcNow());
        }, "接访改期", ct, s => $"接访改期：{s.LeaderName}，原定{was}，改为{ReceptionInput.Local(s.StartsAt)}，{s.Place}（{s.MoveReason}）");
    }

    /// <summary>
    /// 取消: a planned session is called off with a reason (<see cref="ReceptionSession.Cancel"/>); never one that received
    /// visitors (the items linked to it are counted here). The public schedule marks it 已取消.
    /// </summary>
    public async Task<ReceptionOutcome> CancelAsync(Guid id, CancelRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        var errors = new RequestErrors().Text(r.Reason, "reason", "取消理由", ReceptionSession.MaxReasonLength);
        var received = await db.Set<ReceptionSessionItem>().CountAsync(i => i.SessionId == id, ct);
        return await ChangeAsync(id, errors, s => s.Cancel(r.Reason!, received, staff.Actor, clock.GetUtcNow()), "取消领导接访", ct,
            s => $"取消领导接访：{s.LeaderName}，{ReceptionInput.Local(s.StartsAt)}，{s.Place}（{s.CancellationReason}）");
    }

    /// <summary>
    /// 登记下一位来访人: the visitor's matter registered as an item (channel 走访, whatever the request said) through
    /// <see cref="RegisterPetition"/> — its rules, its checks, its transaction — and linked to the session in the same
    /// commit (the link row is added alongside the item; the item itself knows nothing of receptions).
    /// </summary>
    public async Task<VisitorOutcome> RegisterVisitorAsync(Guid id, RegisterPetition.Request r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        var session = await db.Set<ReceptionSession>().SingleOrDefaultAsync(s => s.Id == id, ct);
        if (session is null || !MayReadSession(session))
        {
            return new VisitorOutcome(null, ReceptionOutcome.NotFound);
        }

        if (!MayRecord(session) || !PetitionRules.MayRegister(staff.Role))
        {
            return new VisitorOutcome(null, ReceptionOutcome.Forbidden("只有本机关的登记人员可以登记接访中的来访人"));
        }

        var now = clock.GetUtcNow();
        if (session.Status == ReceptionStatus.Cancelled)
        {
            return new VisitorOutcome(null, ReceptionOutcome.Conflict("该接访已取消，不能登记来访人"));
        }

        if (session.Day > DeadlineTime.LocalDate(now))
        {
            return new VisitorOutcome(null, ReceptionOutcome.Conflict($"接访安排在{session.Day:yyyy-MM-dd}，尚未开始，不能登记来访人"));
        }

        var actor = staff.Actor;
        var outcome = await registration.RegisterAsync(r with { Form = PetitionForm.Visit }, petition => db.Add(session.Receive(petition.Id, actor, now)), ct);
        if (outcome.Registered is null)
        {
            db.ChangeTracker.Clear();
            return new VisitorOutcome(null, ReceptionOutcome.Invalid(outcome.Errors!));
        }

        return new VisitorOutcome(outcome.Registered, null);
    }

    /// <summary>One session, or null when unknown or outside the reader's jurisdiction.</summary>
    public async Task<ReceptionSessionView?> FindAsync(Guid id, CancellationToken ct)
    {
        var session = await db.Set<ReceptionSession>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct);
        return session is null || !MayReadSession(session) ? null : await ViewAsync(session, ct);
    }

    /// <summary>The schedule of the reader's jurisdiction (or of one body of it) between two days, by time; null when the role does not read it.</summary>
    public async Task<IReadOnlyList<ReceptionSessionView>?> ListAsync(Guid? organization, DateOnly from, DateOnly to, CancellationToken ct)
    {
        if (!MayRead)
        {
            return null;
        }

        var bodies = organization is { } one ? (directory.IsWithin(one, staff.OrganizationId) ? [one] : new List<Guid>()) : [.. directory.Subtree(staff.OrganizationId)];
        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), DeadlineTime.Offset);
        var end = DeadlineTime.EndOfDay(to);
        var sessions = await db.Set<ReceptionSession>().AsNoTracking()
            .Where(s => bodies.Contains(s.OrganizationId) && s.StartsAt >= start && s.StartsAt <= end)
            .OrderBy(s => s.StartsAt).Take(MaxListed).ToListAsync(ct);
        var ids = sessions.Select(s => s.Id).ToList();
        var counts = await CountsAsync(ids, ct);
        var names = await NamesAsync(sessions.Select(s => s.OrganizationId), ct);
        return sessions.Select(s => ReceptionSessionView.From(s, names.GetValueOrDefault(s.OrganizationId, string.Empty),
            counts.GetValueOrDefault(s.Id, new ReceptionCounting.Received(0, 0)), [], 0)).ToList();
    }

    /// <summary>
    /// The planned sessions a body publishes (条例 Art. 18 ¶1: 信访接待的时间和地点), from today on: leader, post, place,
    /// time, kind and subject — nothing else. Read by the portal's anonymous public information page. A moved session
    /// shows its new time with the one it replaced; a cancelled one stays listed, marked 已取消, until its day has passed
    /// (people travel to a reception: a row that silently vanished would leave them unsure). The reasons are not
    /// published: they are the bureau's own notes.
    /// </summary>
    public static async Task<IReadOnlyList<PublicReceptionEntry>> PublishedAsync(AppDbContext db, Guid organizationId, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var today = new DateTimeOffset(DeadlineTime.LocalDate(now).ToDateTime(TimeOnly.MinValue), DeadlineTime.Offset);
        var sessions = await db.Set<ReceptionSession>().AsNoTracking()
            .Where(s => s.OrganizationId == organizationId && s.Status != ReceptionStatus.Held && s.StartsAt >= today)
            .OrderBy(s => s.StartsAt).Take(50).ToListAsync(ct);
        return sessions.Select(s => new PublicReceptionEntry(s.LeaderName, s.LeaderPost, s.Place, s.StartsAt, ReceptionKinds.NameOf(s.Kind), s.Topic,
            s.Status == ReceptionStatus.Cancelled, s.PreviousStartsAt, s.PreviousPlace)).ToList();
    }

    public bool MayRecordSession(ReceptionSessionView s) => s is not null && MayPlan && MayRecordOrganization(s.OrganizationId);

    private bool MayReadSession(ReceptionSession s) => MayRead && directory.IsWithin(s.OrganizationId, staff.OrganizationId);

    private bool MayRecord(ReceptionSession s) => MayPlan && MayRecordOrganization(s.OrganizationId);

    /// <summary>A registrar records its own body's sessions; an administrator those of its jurisdiction.</summary>
    private bool MayRecordOrganization(Guid organization) =>
        staff.Role == StaffRole.Administrator ? directory.IsWithin(organization, staff.OrganizationId) : organization == staff.OrganizationId;

    private async Task<ReceptionOutcome> ChangeAsync(Guid id, RequestErrors errors, Action<ReceptionSession> change, string summary, CancellationToken ct,
        Func<ReceptionSession, string>? describe = null)
    {
        var session = await db.Set<ReceptionSession>().SingleOrDefaultAsync(s => s.Id == id, ct);
        if (session is null || !MayReadSession(session))
        {
            return ReceptionOutcome.NotFound;
        }

        if (!MayRecord(session))
        {
            return ReceptionOutcome.Forbidden("只有本机关的登记人员或管理员可以记录领导接访");
        }

        if (errors.Any)
        {
            return ReceptionOutcome.Invalid(errors);
        }

        try
        {
            change(session);
            var text = describe?.Invoke(session) ?? $"{summary}：{session.LeaderName}，{session.Place}";
            await audit.SaveAsync(db, AuditActors.Draft(staff, AuditKind, session.Id.ToString(), null, text), ct);
        }
        catch (DomainRuleViolation e)
        {
            db.ChangeTracker.Clear();
            return e.Field is not null ? ReceptionOutcome.Invalid(new RequestErrors().Add(e.Field, e.Message)) : ReceptionOutcome.Conflict(e.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return ReceptionOutcome.Conflict("该接访已被他人修改，请刷新后重试");
        }

        return ReceptionOutcome.Done(await ViewAsync(session, ct));
    }

    private async Task<ReceptionSessionView> ViewAsync(ReceptionSession session, CancellationToken ct)
    {
        var linked = await db.Set<ReceptionSessionItem>().AsNoTracking().Where(i => i.SessionId == session.Id).Select(i => i.PetitionId).ToListAsync(ct);
        // Numbers and titles only of the items the reader may see; the counts below are of all of them.
        var visible = await guard.Petitions.AsNoTracking().Where(p => linked.Contains(p.Id))
            .OrderBy(p => p.Number).Select(p => new ReceivedItemView(p.Id, p.Number, p.Title)).ToListAsync(ct);
        var counts = await CountsAsync([session.Id], ct);
        var names = await NamesAsync([session.OrganizationId], ct);
        return ReceptionSessionView.From(session, names.GetValueOrDefault(session.OrganizationId, string.Empty),
            counts.GetValueOrDefault(session.Id, new ReceptionCounting.Received(0, 0)), visible, linked.Count - visible.Count);
    }

    /// <summary>批 and 人次 per session, over every linked item that is still a petition (a voided registration never was).</summary>
    private async Task<Dictionary<Guid, ReceptionCounting.Received>> CountsAsync(List<Guid> sessions, CancellationToken ct)
    {
        // Counts only, never content: the whole deployment is right here because a session of the reader's jurisdiction
        // counts every visitor it received, also items since sent on to bodies the reader does not see.
        var rows = await (from i in db.Set<ReceptionSessionItem>().AsNoTracking()
                          join p in db.PetitionsAcrossDeployment.AsNoTracking() on i.PetitionId equals p.Id
                          where sessions.Contains(i.SessionId) && p.State != PetitionState.Voided
                          select new { i.SessionId, p.HeadCount }).ToListAsync(ct);
        return rows.GroupBy(r => r.SessionId).ToDictionary(g => g.Key, g => ReceptionCounting.Count(g.Select(r => r.HeadCount)));
    }

    private async Task<Dictionary<Guid, string>> NamesAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct().ToList();
        return await db.Organizations.AsNoTracking().Where(o => wanted.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
    }
}
