using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Mediation;
using Xinfang.Domain.Petitions;
using Xinfang.Web.Data;

namespace Xinfang.Web.Mediation;

/// <summary>
/// The demo's 调解评理 (issue 14): three sessions of the 西湖区 bureau on items it registered — a 人民调解 that reached a
/// 调解协议书, a 信访评理室 上门评理 that reached part of it in a 和解协议书, and a 行政调解 still waiting for its outcome —
/// so <c>dotnet run</c> shows <c>/mediation</c>, an agreement to download and the dashboard's section.
/// </summary>
internal static class MediationDemo
{
    public static async Task SeedAsync(AppDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var district = await db.Organizations.AsNoTracking().Where(o => o.Code == "330106XFJ").Select(o => (Guid?)o.Id).FirstOrDefaultAsync(ct);
        if (district is not { } body)
        {
            return;
        }

        // Seeding, no reader: the whole deployment is right, the items are the district bureau's own registrations.
        var items = await db.PetitionsAcrossDeployment.AsNoTracking().Where(p => p.RegisteringOrganizationId == body && p.State != PetitionState.Voided)
            .OrderBy(p => p.Number).Select(p => p.Id).Take(4).ToListAsync(ct);
        if (items.Count < 3)
        {
            return;
        }

        var clerk = new Actor("demo", "王登记", body);
        var today = DeadlineTime.LocalDate(now);
        var people = MediationSession.Hold(Guid.CreateVersion7(), body, MediationKind.People, null, today.AddDays(-12), "西湖区人民调解委员会调解室", clerk, now);
        people.RecordParticipants([new("陈调解", ParticipantRole.Mediator), new("李律师", ParticipantRole.Lawyer), new("周代表", ParticipantRole.Deputy)], clerk);
        people.RecordOutcome(MediationOutcome.Agreed, "双方就停车费退还达成一致。", AgreementKind.Mediation,
            "一、物业公司于十五日内退还多收的停车管理费。\n二、物业公司今后调整收费前在小区公告栏公示三十日。\n三、双方就此事不再另行主张。", 1, clerk, now);
        var reasoning = MediationSession.Hold(Guid.CreateVersion7(), body, MediationKind.Reasoning, ReasoningMode.AtHome, today.AddDays(-6), "申请人住所", clerk, now);
        reasoning.RecordParticipants([new("赵干部", ParticipantRole.VillageCadre), new("孙委员", ParticipantRole.Deputy), new("钱律师", ParticipantRole.Lawyer)], clerk);
        reasoning.RecordOutcome(MediationOutcome.PartlyAgreed, "施工时间达成一致，补偿金额另行协商。", AgreementKind.Settlement,
            "一、施工单位每日二十二时至次日六时停止高噪声作业。\n二、补偿金额由双方另行协商。", 2, clerk, now);
        var administrative = MediationSession.Hold(Guid.CreateVersion7(), body, MediationKind.Administrative, null, today.AddDays(-2), "西湖区信访局调解室", clerk, now);
        administrative.RecordParticipants([new("吴干部", ParticipantRole.DepartmentCadre)], clerk);
        db.AddRange(people, reasoning, administrative);
        db.AddRange(people.Link(items[0], now), reasoning.Link(items[1], now), administrative.Link(items[2], now));
        await db.SaveChangesAsync(ct);
    }
}
