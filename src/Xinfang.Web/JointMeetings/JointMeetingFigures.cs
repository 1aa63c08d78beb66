using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.JointMeetings;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;
using Xinfang.Web.Statistics;

namespace Xinfang.Web.JointMeetings;

/// <summary>
/// 联席会议议定事项 figures of a jurisdiction and period: meetings held in it; decisions made in it; done in it (of which
/// after their deadline); still open at its end and past their deadline then (逾期未落实); open at its end within the deadline.
/// </summary>
public sealed record JointMeetingFiguresResult(Guid OrganizationId, DateOnly From, DateOnly To, int Meetings, int Made, int Done, int DoneLate, int Overdue, int OpenInTime);

/// <summary>
/// Its own query (the statistics fact table knows nothing of meetings): a decision belongs to the jurisdiction when the
/// convening body or the owner body lies in the scope's subtree; "at the period's end" means as of the earlier of the
/// period's last day and today.
/// </summary>
public static class JointMeetingFigures
{
    public static async Task<JointMeetingFiguresResult> ComputeAsync(AppDbContext db, OrganizationDirectory directory, StatisticsScope scope, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(scope);
        var below = directory.Subtree(scope.OrganizationId).ToList();
        var (from, to) = (scope.From, scope.To);
        var asOf = to < today ? to : today;
        var meetings = await db.Set<JointMeeting>().AsNoTracking().CountAsync(m => below.Contains(m.OrganizationId) && m.HeldOn >= from && m.HeldOn <= to, ct);
        var rows = await db.Set<MeetingDecision>().AsNoTracking()
            .Where(d => (below.Contains(d.ConvenedByOrganizationId) || below.Contains(d.OwnerOrganizationId)) && d.DecidedOn <= to)
            .Select(d => new { d.DecidedOn, d.DueOn, d.Status, d.DoneOn }).ToListAsync(ct);
        var done = rows.Where(d => d.Status == DecisionStatus.Done && d.DoneOn >= from && d.DoneOn <= to).ToList();
        var openAtEnd = rows.Where(d => d.Status == DecisionStatus.Open || d.DoneOn > asOf).ToList();
        return new JointMeetingFiguresResult(scope.OrganizationId, from, to, meetings,
            rows.Count(d => d.DecidedOn >= from),
            done.Count, done.Count(d => d.DoneOn > d.DueOn),
            openAtEnd.Count(d => d.DueOn < asOf), openAtEnd.Count(d => d.DueOn >= asOf));
    }

    /// <summary>The annual report's table of this section.</summary>
    public static Reports.ReportTable Table(JointMeetingFiguresResult f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new("joint-meetings", "联席会议议定事项落实情况", ["召开联席会议", "议定事项", "已落实", "其中逾期落实", "逾期未落实", "落实中（未到期）"],
            [[(long)f.Meetings, (long)f.Made, (long)f.Done, (long)f.DoneLate, (long)f.Overdue, (long)f.OpenInTime]]);
    }
}
