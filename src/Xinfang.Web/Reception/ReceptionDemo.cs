using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Petitions;
using Xinfang.Domain.Reception;
using Xinfang.Web.Data;

namespace Xinfang.Web.Reception;

/// <summary>
/// The demo's 领导接访 (issue 14): two planned sessions a few days ahead — a 公开接访 with a lawyer at the district
/// bureau and a 定期接访 at the city's — so <c>dotnet run</c> shows them on <c>/reception</c> and on 信访公开. Planned
/// only: the figures (held sessions) of a fresh demo stay what its petitions make them.
/// </summary>
internal static class ReceptionDemo
{
    public static async Task SeedAsync(AppDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var bodies = await db.Organizations.AsNoTracking().Where(o => o.Code == "330106XFJ" || o.Code == "330100XFJ").ToDictionaryAsync(o => o.Code, o => o.Id, ct);
        if (bodies.Count < 2)
        {
            return;
        }

        var day = DeadlineTime.LocalDate(now).AddDays(3);
        DateTimeOffset At(DateOnly d, int hour) => new(d.ToDateTime(new TimeOnly(hour, 0)), DeadlineTime.Offset);
        var district = bodies["330106XFJ"];
        var open = ReceptionSession.Plan(Guid.CreateVersion7(), district, "张明", "西湖区区长", "西湖区人民来访接待中心一楼大厅", At(day, 9), ReceptionKind.Public,
            "征地拆迁和物业管理", new Actor("demo", "王登记", district), now);
        open.RecordAttendance([new ReceptionAttendee("李律师", "律师"), new ReceptionAttendee("赵干部", "西湖区信访局")], new Actor("demo", "王登记", district));
        var city = bodies["330100XFJ"];
        var regular = ReceptionSession.Plan(Guid.CreateVersion7(), city, "周华", "杭州市副市长", "杭州市人民来访接待中心", At(day.AddDays(4), 14), ReceptionKind.Regular,
            null, new Actor("demo", "郑登记", city), now);
        db.AddRange(open, regular);
        await db.SaveChangesAsync(ct);
    }
}
