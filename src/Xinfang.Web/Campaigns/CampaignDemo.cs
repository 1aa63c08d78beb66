using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Campaigns;
using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Petitions;
using Xinfang.Web.Data;

namespace Xinfang.Web.Campaigns;

/// <summary>
/// The demo's 治重化积 campaign (issue 14): the district bureau's campaign with three entries — a 中央交办 item of the demo
/// data (flagged 积案), a 市县自查 backlog case described by its matter with a progress note, and a 省交办 case already
/// resolved — so <c>dotnet run</c> shows a working <c>/campaigns</c> page. Only with demo petitions (the tests' empty demo
/// keeps the figures what the tests make them).
/// </summary>
internal static class CampaignDemo
{
    public static async Task SeedAsync(AppDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var bodies = await db.Organizations.AsNoTracking().Where(o => o.Code == "330106XFJ" || o.Code == "330106ZJJ").ToDictionaryAsync(o => o.Code, o => o.Id, ct);
        if (bodies.Count < 2)
        {
            return;
        }

        var district = bodies["330106XFJ"];
        // Seeding: the whole deployment is right, the demo picks one of the district's own demo items to put on the list.
        var item = await db.PetitionsAcrossDeployment.AsNoTracking()
            .Where(p => p.RegisteringOrganizationId == district && p.State != PetitionState.Voided)
            .OrderBy(p => p.Number).Select(p => new { p.Id, p.Number, p.Title }).FirstOrDefaultAsync(ct);
        if (item is null)
        {
            return;
        }

        var today = DeadlineTime.LocalDate(now);
        var by = new Actor("demo", "王登记", district);
        var campaign = Campaign.Create(Guid.CreateVersion7(), $"{today.Year}年治理重复信访化解信访积案专项工作", today.AddDays(-30), today.AddDays(150), by, now, CampaignKind.Both);
        var central = CampaignEntry.New(Guid.CreateVersion7(), CampaignSource.Central, item.Id, item.Number, item.Title, "西湖区住房和城乡建设局", bodies["330106ZJJ"], "约谈物业公司，督促退还多收费用", today.AddDays(60), "陈局长");
        var local = CampaignEntry.New(Guid.CreateVersion7(), CampaignSource.LocalCheck, null, null, "某小区拆迁安置补偿争议（2019年起多次来访）", "西湖区住房和城乡建设局", bodies["330106ZJJ"], "召开听证会，依政策核定补偿", today.AddDays(90));
        local.RecordProgress("已召开第一次协调会，双方就评估机构达成一致", today.AddDays(-5), today, "王登记", now);
        var provincial = CampaignEntry.New(Guid.CreateVersion7(), CampaignSource.Provincial, null, null, "某企业拖欠农民工工资争议", "黄副局长", null, "包案领导协调劳动监察执法", today.AddDays(30), "黄副局长");
        provincial.RecordOutcome(CampaignOutcome.Resolved, today.AddDays(-2), today, "工资已全部支付", now);
        campaign.AddEntries([central, local, provincial]);
        db.Add(campaign);
        db.Add(BacklogFlag.Of(item.Id, campaign.Id, $"列入{campaign.Name}", by, now));
        await db.SaveChangesAsync(ct);
    }
}
