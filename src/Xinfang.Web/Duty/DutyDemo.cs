using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Duty;
using Xinfang.Domain.JointMeetings;
using Xinfang.Domain.Petitions;
using Xinfang.Web.Data;

namespace Xinfang.Web.Duty;

/// <summary>
/// The demo's duty work (issue 14), at the 西湖区 bureau where the demo accounts sit: a joint meeting five days ago with
/// three decisions (one done, one overdue, one open), and a special period from yesterday for a week with a roster and
/// yesterday's reports of two bodies — so <c>dotnet run</c> shows the lists, the overdue flag and the missing reports.
/// </summary>
internal static class DutyDemo
{
    public static async Task SeedAsync(AppDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var codes = new[] { "330106XFJ", "330106ZJJ", "330106001JD", "330106RSJ" };
        var bodies = await db.Organizations.AsNoTracking().Where(o => codes.Contains(o.Code)).ToDictionaryAsync(o => o.Code, o => o.Id, ct);
        if (bodies.Count < codes.Length || await db.Set<SpecialPeriod>().AnyAsync(ct))
        {
            return;
        }

        var bureau = bodies["330106XFJ"];
        var clerk = new Actor("demo", "王登记", bureau);
        var today = DeadlineTime.LocalDate(now);
        var meeting = JointMeeting.Record(Guid.CreateVersion7(), bureau, today.AddDays(-5), "征地拆迁和物业管理信访突出问题专题会议", clerk, now);
        var done = MeetingDecision.Decide(Guid.CreateVersion7(), meeting, bodies["330106ZJJ"], "三日内约谈涉事物业公司，责令公示收费标准", today.AddDays(-2), [], clerk);
        done.Note("已约谈物业公司负责人", new Actor("demo", "张承办", bodies["330106ZJJ"]), now.AddDays(-4));
        done.Complete("收费标准已在小区公示栏公示", new Actor("demo", "张承办", bodies["330106ZJJ"]), now.AddDays(-3));
        var overdue = MeetingDecision.Decide(Guid.CreateVersion7(), meeting, bodies["330106001JD"], "核实北山街道征迁户补偿款发放情况并报告", today.AddDays(-1), [], clerk);
        var open = MeetingDecision.Decide(Guid.CreateVersion7(), meeting, bodies["330106RSJ"], "会同住建部门督促清偿农民工工资", today.AddDays(14), [], clerk);
        db.AddRange(meeting, done, overdue, open);

        var period = SpecialPeriod.Declare(Guid.CreateVersion7(), bureau, "重要会议期间", today.AddDays(-1), today.AddDays(6), clerk, now.AddDays(-2));
        db.Add(period);
        db.Add(DutyRosterEntry.Record(Guid.CreateVersion7(), period, bureau, today, "王登记", "陈局长", "0571-87000001", clerk, now));
        db.Add(DutyRosterEntry.Record(Guid.CreateVersion7(), period, bodies["330106ZJJ"], today, "张承办", "刘局长", "0571-87000002", clerk, now));
        var yesterday = now.AddDays(-1);
        db.Add(DutyReport.File(Guid.CreateVersion7(), period, bureau, null, [], clerk, yesterday, new TimeOnly(16, 0)));
        db.Add(DutyReport.File(Guid.CreateVersion7(), period, bodies["330106ZJJ"], "某小区业主拟集体到区政府反映物业问题，已安排约谈", [], new Actor("demo", "张承办", bodies["330106ZJJ"]), yesterday, new TimeOnly(16, 0)));
        await db.SaveChangesAsync(ct);
    }
}
