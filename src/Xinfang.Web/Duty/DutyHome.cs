using Microsoft.Extensions.Options;
using Xinfang.Domain.Deadlines;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;
using Xinfang.Web.JointMeetings;
using Xinfang.Web.Statistics;
using Xinfang.Web.Workbench;

namespace Xinfang.Web.Duty;

/// <summary>What duty work adds to a role's home and to the annual report (issue 14), kept here so those files gain one line each.</summary>
public static class DutyHome
{
    /// <summary>
    /// The home's counts: 议定事项 given to my body (overdue ones flagged in red), 缺报 among the bodies below me in the
    /// special periods under way, and urgent reports addressed to my body not yet read. Only the counts that concern the
    /// body (a zero of work it never has is noise).
    /// </summary>
    public static async Task<IReadOnlyList<WaitingCount>> CountsAsync(IServiceProvider services, int cap, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(services);
        var list = new List<WaitingCount>();
        var (open, overdue) = await services.GetRequiredService<JointMeetingDesk>().OwnCountsAsync(cap + 1, ct);
        if (overdue > 0)
        {
            list.Add(new WaitingCount("decisions-overdue", "议定事项逾期未落实", Math.Min(overdue, cap), overdue > cap, "/joint-meetings/decisions?status=overdue", "overdue"));
        }

        if (open > 0)
        {
            list.Add(new WaitingCount("decisions", "联席会议议定事项待落实", Math.Min(open, cap), open > cap, "/joint-meetings/decisions", "info"));
        }

        var missing = (await services.GetRequiredService<DutyDesk>().MissingAsync(ct)).Sum(m => m.Bodies.Count);
        if (missing > 0)
        {
            list.Add(new WaitingCount("duty-missing", "值班日报缺报", Math.Min(missing, cap), missing > cap, "/duty", "red"));
        }

        var unread = await services.GetRequiredService<UrgentDesk>().UnreadCountAsync(cap + 1, ct);
        if (unread > 0)
        {
            list.Add(new WaitingCount("urgent-unread", "紧急信访信息待签收", Math.Min(unread, cap), unread > cap, "/urgent-reports", "red"));
        }

        return list;
    }

    /// <summary>The annual report's tables (joint meetings, duty, urgent reports) of the report's scope; access checked by the report.</summary>
    public static async Task<IReadOnlyList<Reports.ReportTable>> ReportTablesAsync(IServiceProvider services, StatisticsScope scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(services);
        var db = services.GetRequiredService<AppDbContext>();
        var directory = services.GetRequiredService<OrganizationDirectory>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var meetings = await JointMeetingFigures.ComputeAsync(db, directory, scope, DeadlineTime.LocalDate(now), ct);
        var duty = await DutyFigures.ComputeAsync(db, directory, scope, now, services.GetRequiredService<IOptions<DutyOptions>>().Value.CutOff, ct);
        return [JointMeetingFigures.Table(meetings), .. DutyFigures.Tables(duty)];
    }
}
