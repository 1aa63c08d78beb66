using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Duty;
using Xinfang.Domain.Organizations;
using Xinfang.Domain.Petitions;
using Xinfang.Web.Audit;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;

namespace Xinfang.Web.Duty;

/// <summary>
/// 值班和零报告 (issue 14; 条例 Art. 25 — major and urgent matters reported promptly, so a sensitive period asks every body
/// to say daily that it has nothing, or what it has): a bureau declares a special period for its subtree; each body keeps
/// its duty roster and files a daily report; the bodies below a reader that missed a day's report after the cut-off
/// (<see cref="DutyOptions.ReportCutOff"/>) are listed for it — the level above, never a sibling.
/// </summary>
public sealed class DutyDesk(AppDbContext db, CurrentStaff staff, PetitionGuard guard, OrganizationDirectory directory, TimeProvider clock, AuditLog audit, IOptions<DutyOptions> options)
{
    public const string AuditKind = "Duty";

    public sealed record DeclareRequest(string? Name, DateOnly? From, DateOnly? To);

    public sealed record RosterRequest(DateOnly? Day, string? Officer, string? Leader, string? Phone);

    public sealed record ReportRequest(string? Situations, List<string?>? PetitionNumbers);

    public TimeOnly CutOff => options.Value.CutOff;

    public DateOnly Today => DeadlineTime.LocalDate(clock.GetUtcNow());

    /// <summary>Declares periods: the registrars, supervisors and administrators of a petition bureau, for its subtree.</summary>
    public bool MayDeclare => staff.IsSignedIn && staff.Role is StaffRole.Registrar or StaffRole.Supervisor or StaffRole.Administrator
        && directory.KindOf(staff.OrganizationId) == OrganizationKind.PetitionBureau;

    /// <summary>Keeps the roster and files the daily report of its own body: every role but the leaders (who read).</summary>
    public bool MayFile => staff.IsSignedIn && staff.Role != StaffRole.Leader;

    public string NameOf(Guid id) => directory.Tree.Find(id)?.Name ?? string.Empty;

    public async Task<DutyOutcome<SpecialPeriodView>> DeclareAsync(DeclareRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        if (!MayDeclare)
        {
            return DutyOutcome<SpecialPeriodView>.Forbidden("只有信访部门的登记、督查人员或管理员可以宣布特殊时期");
        }

        var errors = new RequestErrors().Text(r.Name, "name", "特殊时期名称", SpecialPeriod.MaxNameLength).Date(r.From, "from", "开始日期").Date(r.To, "to", "结束日期");
        if (r.From is null)
        {
            errors.Add("from", "请填写开始日期");
        }

        if (r.To is null)
        {
            errors.Add("to", "请填写结束日期");
        }

        if (errors.Any)
        {
            return DutyOutcome<SpecialPeriodView>.Invalid(errors);
        }

        try
        {
            var period = SpecialPeriod.Declare(Guid.CreateVersion7(), staff.OrganizationId, r.Name!, r.From!.Value, r.To!.Value, staff.Actor, clock.GetUtcNow());
            db.Add(period);
            await audit.SaveAsync(db, AuditActors.Draft(staff, AuditKind, period.Id.ToString(), null, $"宣布特殊时期：{period.Name}（{period.From:yyyy-MM-dd}至{period.To:yyyy-MM-dd}）"), ct);
            return DutyOutcome<SpecialPeriodView>.Done(await ViewAsync(period, ct));
        }
        catch (DomainRuleViolation e)
        {
            db.ChangeTracker.Clear();
            return DutyOutcome<SpecialPeriodView>.Invalid(e.Field ?? "period", e.Message);
        }
    }

    /// <summary>The periods that concern the reader: declared within its jurisdiction, or above it for a subtree that holds its body.</summary>
    public async Task<IReadOnlyList<SpecialPeriodView>> ListAsync(CancellationToken ct)
    {
        var bodies = Concerning();
        var periods = await db.Set<SpecialPeriod>().AsNoTracking().Where(p => bodies.Contains(p.OrganizationId))
            .OrderByDescending(p => p.From).Take(200).ToListAsync(ct);
        var list = new List<SpecialPeriodView>();
        foreach (var p in periods)
        {
            list.Add(await ViewAsync(p, ct));
        }

        return list;
    }

    public async Task<SpecialPeriodView?> FindAsync(Guid id, CancellationToken ct) =>
        await ReadableAsync(id, ct) is { } p ? await ViewAsync(p, ct) : null;

    /// <summary>The roster line of the reader's own body for a day of the period (re-entering a day replaces it).</summary>
    public async Task<DutyOutcome<RosterEntryView>> RecordRosterAsync(Guid periodId, RosterRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        var period = await ReadableAsync(periodId, ct);
        if (period is null)
        {
            return DutyOutcome<RosterEntryView>.NotFound("特殊时期");
        }

        if (!MayFile || !directory.IsWithin(staff.OrganizationId, period.OrganizationId))
        {
            return DutyOutcome<RosterEntryView>.Forbidden("只有特殊时期范围内机关的工作人员可以填写本机关的值班安排");
        }

        var errors = new RequestErrors().Date(r.Day, "day", "值班日期")
            .Text(r.Officer, "officer", "值班人员", DutyRosterEntry.MaxNameLength)
            .Text(r.Leader, "leader", "带班领导", DutyRosterEntry.MaxNameLength)
            .Text(r.Phone, "phone", "值班电话", DutyRosterEntry.MaxPhoneLength);
        if (r.Day is null)
        {
            errors.Add("day", "请填写值班日期");
        }

        if (errors.Any)
        {
            return DutyOutcome<RosterEntryView>.Invalid(errors);
        }

        try
        {
            var entry = DutyRosterEntry.Record(Guid.CreateVersion7(), period, staff.OrganizationId, r.Day!.Value, r.Officer!, r.Leader!, r.Phone!, staff.Actor, clock.GetUtcNow());
            var old = await db.Set<DutyRosterEntry>().Where(e => e.PeriodId == period.Id && e.OrganizationId == staff.OrganizationId && e.Day == entry.Day).ToListAsync(ct);
            db.RemoveRange(old);
            db.Add(entry);
            await audit.SaveAsync(db, AuditActors.Draft(staff, AuditKind, period.Id.ToString(), null, $"填写值班安排：{entry.Day:yyyy-MM-dd} 值班{entry.Officer}，带班{entry.Leader}"), ct);
            return DutyOutcome<RosterEntryView>.Done(RosterView(entry));
        }
        catch (DomainRuleViolation e)
        {
            db.ChangeTracker.Clear();
            return DutyOutcome<RosterEntryView>.Invalid(e.Field ?? "day", e.Message);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return DutyOutcome<RosterEntryView>.Conflict("值班安排已被他人同时修改，请刷新后重试");
        }
    }

    /// <summary>The roster of the period for the reader's jurisdiction (its own body and those below), by day.</summary>
    public async Task<IReadOnlyList<RosterEntryView>?> RosterAsync(Guid periodId, CancellationToken ct)
    {
        var period = await ReadableAsync(periodId, ct);
        if (period is null)
        {
            return null;
        }

        var mine = directory.Subtree(staff.OrganizationId).ToList();
        var rows = await db.Set<DutyRosterEntry>().AsNoTracking().Where(e => e.PeriodId == periodId && mine.Contains(e.OrganizationId))
            .OrderBy(e => e.Day).Take(2000).ToListAsync(ct);
        return rows.Select(RosterView).OrderBy(e => e.Day).ThenBy(e => e.OrganizationName, StringComparer.Ordinal).ToList();
    }

    /// <summary>Today's report of the reader's own body: 零报告 when no situation is given. One a day (a second is refused).</summary>
    public async Task<DutyOutcome<DutyReportView>> FileAsync(Guid periodId, ReportRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        var period = await ReadableAsync(periodId, ct);
        if (period is null)
        {
            return DutyOutcome<DutyReportView>.NotFound("特殊时期");
        }

        if (!MayFile || !directory.IsWithin(staff.OrganizationId, period.OrganizationId))
        {
            return DutyOutcome<DutyReportView>.Forbidden("只有特殊时期范围内机关的工作人员可以报送本机关的日报");
        }

        var errors = new RequestErrors().Text(r.Situations, "situations", "发现的情况", DutyReport.MaxSituationLength, required: false);
        var ids = await ItemLinks.ResolveAsync(guard, r.PetitionNumbers, DutyReport.MaxLinkedItems, "petitionNumbers", errors, ct);
        if (errors.Any)
        {
            return DutyOutcome<DutyReportView>.Invalid(errors);
        }

        var now = clock.GetUtcNow();
        var today = DeadlineTime.LocalDate(now);
        if (await db.Set<DutyReport>().AnyAsync(x => x.PeriodId == periodId && x.OrganizationId == staff.OrganizationId && x.Day == today, ct))
        {
            return DutyOutcome<DutyReportView>.Conflict($"本机关{today:yyyy-MM-dd}的日报已报送");
        }

        try
        {
            var report = DutyReport.File(Guid.CreateVersion7(), period, staff.OrganizationId, r.Situations, ids, staff.Actor, now, CutOff);
            db.Add(report);
            await audit.SaveAsync(db, AuditActors.Draft(staff, AuditKind, report.Id.ToString(), null,
                $"报送值班日报：{report.Day:yyyy-MM-dd} {(report.Nothing ? "零报告（无情况）" : "有情况")}{(report.Late ? "，逾时" : null)}"), ct);
            return DutyOutcome<DutyReportView>.Done(await ReportViewAsync(report, ct));
        }
        catch (DomainRuleViolation e)
        {
            db.ChangeTracker.Clear();
            return e.Code == "day-outside-period" ? DutyOutcome<DutyReportView>.Conflict(e.Message) : DutyOutcome<DutyReportView>.Invalid(e.Field ?? "situations", e.Message);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return DutyOutcome<DutyReportView>.Conflict($"本机关{today:yyyy-MM-dd}的日报已报送");
        }
    }

    /// <summary>
    /// A day of the period for the reader: the reports of the bodies below it, and those missing (after the cut-off) or not
    /// yet in; its own body's report beside. Only the bodies below the reader: a sibling's state is not its business.
    /// </summary>
    public async Task<DutyDayView?> DayAsync(Guid periodId, DateOnly? day, CancellationToken ct)
    {
        var period = await ReadableAsync(periodId, ct);
        if (period is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var d = day ?? Clamp(period, DeadlineTime.LocalDate(now));
        var below = Below(period);
        var reports = await db.Set<DutyReport>().AsNoTracking()
            .Where(x => x.PeriodId == periodId && x.Day == d && (below.Contains(x.OrganizationId) || x.OrganizationId == staff.OrganizationId)).ToListAsync(ct);
        var filed = new List<DutyReportView>();
        foreach (var x in reports.Where(x => x.OrganizationId != staff.OrganizationId))
        {
            filed.Add(await ReportViewAsync(x, ct));
        }

        var own = reports.FirstOrDefault(x => x.OrganizationId == staff.OrganizationId) is { } o ? await ReportViewAsync(o, ct) : null;
        var done = reports.Select(x => x.OrganizationId).ToHashSet();
        var due = period.Covers(d) && DutyCutOff.DaysDue(period, now, CutOff).Contains(d);
        var open = period.Covers(d) && d <= DeadlineTime.LocalDate(now);
        var absent = below.Where(b => !done.Contains(b)).Select(b => new BodyView(b, NameOf(b))).OrderBy(b => b.Name, StringComparer.Ordinal).ToList();
        return new DutyDayView(period.Id, period.Name, d, CutOff.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), due, filed.OrderBy(f => f.OrganizationName, StringComparer.Ordinal).ToList(),
            due ? absent : [], !due && open ? absent : [], own);
    }

    /// <summary>
    /// 缺报 for the superior's home: in each period under way or just ended, the bodies below the reader without a report
    /// for the latest day due (today once past the cut-off, else yesterday).
    /// </summary>
    public async Task<IReadOnlyList<MissingReportsView>> MissingAsync(CancellationToken ct)
    {
        if (!staff.IsSignedIn)
        {
            return [];
        }

        var now = clock.GetUtcNow();
        var today = DeadlineTime.LocalDate(now);
        var concerning = Concerning();
        var periods = await db.Set<SpecialPeriod>().AsNoTracking()
            .Where(p => concerning.Contains(p.OrganizationId) && p.From <= today && p.To >= today.AddDays(-1)).ToListAsync(ct);
        var list = new List<MissingReportsView>();
        foreach (var p in periods)
        {
            var last = DutyCutOff.DaysDue(p, now, CutOff).LastOrDefault();
            if (last == default)
            {
                continue;
            }

            var below = Below(p);
            if (below.Count == 0)
            {
                continue;
            }

            var done = await db.Set<DutyReport>().AsNoTracking().Where(x => x.PeriodId == p.Id && x.Day == last && below.Contains(x.OrganizationId))
                .Select(x => x.OrganizationId).ToListAsync(ct);
            var missing = below.Except(done).Select(b => new BodyView(b, NameOf(b))).OrderBy(b => b.Name, StringComparer.Ordinal).ToList();
            if (missing.Count > 0)
            {
                list.Add(new MissingReportsView(p.Id, p.Name, last, missing));
            }
        }

        return list;
    }

    /// <summary>One report (the reader's own body's, or of a body below it), e.g. to report its situation up as urgent.</summary>
    public async Task<DutyReport?> ReportAsync(Guid id, CancellationToken ct)
    {
        var mine = directory.Subtree(staff.OrganizationId).ToList();
        return await db.Set<DutyReport>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == id && mine.Contains(x.OrganizationId), ct);
    }

    /// <summary>The bodies of the period's subtree strictly below the reader (the reader's jurisdiction without its own body).</summary>
    private List<Guid> Below(SpecialPeriod period)
    {
        var covered = directory.Subtree(period.OrganizationId);
        return directory.Subtree(staff.OrganizationId).Where(b => b != staff.OrganizationId && covered.Contains(b)).ToList();
    }

    /// <summary>The bureaus whose periods concern the reader: its jurisdiction and the bodies above it.</summary>
    private List<Guid> Concerning() => [.. directory.Subtree(staff.OrganizationId), .. directory.PathFromTop(staff.OrganizationId)];

    private async Task<SpecialPeriod?> ReadableAsync(Guid id, CancellationToken ct)
    {
        if (!staff.IsSignedIn)
        {
            return null;
        }

        var p = await db.Set<SpecialPeriod>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        return p is not null && Concerning().Contains(p.OrganizationId) ? p : null;
    }

    private static DateOnly Clamp(SpecialPeriod p, DateOnly day) => day < p.From ? p.From : day > p.To ? p.To : day;

    private async Task<SpecialPeriodView> ViewAsync(SpecialPeriod p, CancellationToken ct)
    {
        var today = Today;
        var reports = directory.IsWithin(staff.OrganizationId, p.OrganizationId);
        var reported = reports && await db.Set<DutyReport>().AnyAsync(x => x.PeriodId == p.Id && x.OrganizationId == staff.OrganizationId && x.Day == today, ct);
        return new SpecialPeriodView(p.Id, p.OrganizationId, NameOf(p.OrganizationId), p.Name, p.From, p.To, p.DeclaredBy, p.DeclaredAt, p.Covers(today), reports, reported,
            MayDeclare && p.OrganizationId == staff.OrganizationId);
    }

    private RosterEntryView RosterView(DutyRosterEntry e) =>
        new(e.Id, e.PeriodId, e.OrganizationId, NameOf(e.OrganizationId), e.Day, e.Officer, e.Leader, e.Phone, e.RecordedBy, e.RecordedAt);

    private async Task<DutyReportView> ReportViewAsync(DutyReport x, CancellationToken ct)
    {
        var items = await ItemLinks.VisibleAsync(guard, x.PetitionIds.ToList(), ct);
        return new DutyReportView(x.Id, x.PeriodId, x.OrganizationId, NameOf(x.OrganizationId), x.Day, x.Nothing, x.Situations, items, x.PetitionIds.Count - items.Count,
            x.FiledBy, x.FiledAt, x.Late);
    }
}
