using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Petitions;
using Xinfang.Domain.Screening;
using Xinfang.Web.Data;

namespace Xinfang.Web.Screening;

/// <summary>
/// The demo's 矛盾纠纷排查 and 预警 (issue 14): last month's rounds of the two 西湖区 streets, a 较大 warning the district
/// bureau gave to 北山街道 (with a note), a 一般 one still waiting to be given, and a closed one — so <c>dotnet run</c>
/// shows working pages and a non-empty dashboard section. Matters only, no person named.
/// </summary>
internal static class ScreeningDemo
{
    public static async Task SeedAsync(AppDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var bodies = await db.Organizations.AsNoTracking().Where(o => o.Code == "330106XFJ" || o.Code == "330106001JD" || o.Code == "330106002JD")
            .ToDictionaryAsync(o => o.Code, o => o.Id, ct);
        if (bodies.Count < 3)
        {
            return;
        }

        var today = DeadlineTime.LocalDate(now);
        var monthStart = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var monthEnd = monthStart.AddMonths(1).AddDays(-1);
        var label = $"{monthStart.Year}年{monthStart.Month}月";
        var bureau = new Actor("demo", "王登记", bodies["330106XFJ"]);
        var beishan = new Actor("demo", "街道综治中心", bodies["330106001JD"]);
        var rounds = new[]
        {
            ScreeningRound.Record(Guid.CreateVersion7(), bodies["330106001JD"], null, monthStart, monthEnd, label, "街道综治中心、社区网格员",
                [new(DisputeKind.Neighbours, 6, 5, 0, 1), new(DisputeKind.PropertyManagement, 4, 2, 1, 1), new(DisputeKind.LabourWages, 2, 1, 1, 0)],
                null, beishan, now, today),
            ScreeningRound.Record(Guid.CreateVersion7(), bodies["330106002JD"], "灵隐社区", monthStart, monthEnd, label, "社区调解员、网格员",
                [new(DisputeKind.MarriageFamily, 3, 3, 0, 0), new(DisputeKind.Pollution, 1, 0, 0, 1)], null, bureau, now, today),
        };
        var deadlines = WarningDeadlines.Default;
        var wages = Warning.Raise(Guid.CreateVersion7(), bodies["330106001JD"], "某建筑工地拖欠务工人员工资，工人商议到区政府集体反映", "北山街道某建筑工地",
            DisputeKind.LabourWages, WarningLevel.Major, 25, rounds[0].Id, deadlines, beishan, now.AddDays(-2));
        wages.Assign(bodies["330106001JD"], bureau, now.AddDays(-2));
        wages.AddNote("已约谈施工总包单位，督促三日内制定工资支付方案", beishan, now.AddDays(-1));
        var estate = Warning.Raise(Guid.CreateVersion7(), bodies["330106XFJ"], "小区物业拟上调物业费，业主群内意见较大", "北山街道某小区",
            DisputeKind.PropertyManagement, WarningLevel.General, 60, rounds[0].Id, deadlines, bureau, now);
        var noise = Warning.Raise(Guid.CreateVersion7(), bodies["330106002JD"], "餐饮店油烟噪声影响周边居民", "灵隐社区",
            DisputeKind.Pollution, WarningLevel.General, 8, rounds[1].Id, deadlines, bureau, now.AddDays(-10));
        noise.Assign(bodies["330106002JD"], bureau, now.AddDays(-10));
        noise.Close(WarningOutcome.Resolved, "经社区协调，店主加装油烟净化和隔音设施，居民认可", bureau, now.AddDays(-4));
        db.AddRange(rounds);
        db.AddRange(wages, estate, noise);
        await db.SaveChangesAsync(ct);
    }
}
