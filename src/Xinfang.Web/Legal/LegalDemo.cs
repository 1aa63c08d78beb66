using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Legal;
using Xinfang.Domain.Petitions;
using Xinfang.Web.Data;

namespace Xinfang.Web.Legal;

/// <summary>
/// The demo's 律师意见、转介、案审 and 典型案例 (issue 14), on a few of the 西湖区 demo items so <c>dotnet run</c> shows
/// them on <c>/legal</c>, <c>/case-reviews</c>, <c>/typical-cases</c>, the item pages and the portal's <c>/guide/cases</c>.
/// Nothing when the demo has no items (the test hosts): their figures stay what the tests make them.
/// </summary>
internal static class LegalDemo
{
    public static async Task SeedAsync(AppDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var district = await db.Organizations.AsNoTracking().Where(o => o.Code == "330106XFJ").Select(o => (Guid?)o.Id).SingleOrDefaultAsync(ct);
        if (district is not { } body)
        {
            return;
        }

        // The demo seeds its own jurisdiction's items: the whole deployment is the demo.
        var items = await db.PetitionsAcrossDeployment.AsNoTracking().Where(p => p.RegisteringOrganizationId == body && p.State != PetitionState.Voided)
            .OrderBy(p => p.Number).Select(p => new { p.Id, p.State }).Take(200).ToListAsync(ct);
        var open = items.Where(p => !TypicalCase.IsResolved(p.State)).Take(3).ToList();
        var resolved = items.FirstOrDefault(p => TypicalCase.IsResolved(p.State));
        if (open.Count < 3)
        {
            return;
        }

        var today = DeadlineTime.LocalDate(now);
        var by = new Actor("demo", "王登记", body);
        db.Add(LawyerOpinion.Record(Guid.CreateVersion7(), open[0].Id, OpinionSubject.Item, null, "李律师", "浙江明理律师事务所", today.AddDays(-5),
            "经审阅材料，物业服务企业未经业主大会决定增加收费项目，缺乏合同依据，建议责令退还并公示收费标准。", by, today, now));
        db.Add(LawyerOpinion.Record(Guid.CreateVersion7(), open[1].Id, OpinionSubject.Review, null, "赵律师", "杭州西溪律师事务所", today.AddDays(-2),
            "原处理意见认定事实清楚，适用法律正确，建议复查维持。", by, today, now));
        var aid = AidReferral.Refer(Guid.CreateVersion7(), open[0].Id, open[0].State, ReferralKind.LegalAid, "西湖区法律援助中心", today.AddDays(-4), "信访人拟就劳动报酬提起仲裁，无力委托律师", by, today, now);
        aid.RecordOutcome(ReferralOutcome.Accepted, today.AddDays(-1), "已指派律师", by, today);
        db.Add(aid);
        db.Add(AidReferral.Refer(Guid.CreateVersion7(), open[2].Id, open[2].State, ReferralKind.SocialAssistance, "北山街道社会救助服务站", today.AddDays(-1), null, by, today, now));
        db.Add(CaseReview.Record(Guid.CreateVersion7(), open[1].Id, body, "陈局长、李科长", today.AddDays(-1),
        [
            new(ReviewPoint.ReasonableSolved, true, "合理部分已责成住建局督促物业整改"),
            new(ReviewPoint.UnreasonableEducated, true, "对超出政策的诉求当面释法明理"),
            new(ReviewPoint.HardshipAssisted, false, null),
            new(ReviewPoint.UnlawfulHandled, false, null),
        ], ReviewConclusion.MayClose, null, by, today, now));
        if (resolved is not null)
        {
            var c = TypicalCase.Compile(Guid.CreateVersion7(), resolved.Id, resolved.State, body, "物业擅自加收停车费的依法化解", TypicalCaseKind.Resolution,
                "某小区物业服务企业未经业主大会表决，每月加收停车管理费。信访人来信反映后，区信访局转送区住建局办理。住建局现场核实，责令物业停止收费、退还已收费用并公示收费标准。",
                "收费类矛盾应先核实合同和表决程序；责令整改与公开公示并举，当月化解。", by, now);
            c.RecordConsent(true, today.AddDays(-3), today);
            c.Publish(today.AddDays(-2));
            db.Add(c);
        }

        await db.SaveChangesAsync(ct);
    }
}
