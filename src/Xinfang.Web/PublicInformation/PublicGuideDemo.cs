using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.PublicInformation;
using Xinfang.Web.Data;

namespace Xinfang.Web.PublicInformation;

/// <summary>
/// Demo 信访公开 texts for the demo jurisdiction: the province, Hangzhou and Xihu publish their own; every
/// other body shows the nearest ancestor's (the fallback the pages explain). Addresses and phone numbers
/// are marked as demo data: a deployment's administrators replace them with their own on <c>/admin/guide</c>.
/// The steps follow the 条例's own sequence (Arts. 22, 23, 34, 35, 36).
/// </summary>
public static class PublicGuideDemo
{
    private const string Procedure = """
        提出：通过网上信访、来信、来访或来电提出信访事项，写明姓名、住址和请求、事实、理由（第十七条、第十九条）
        登记：信访部门收到信访事项予以登记，网上信访以提交时间为收到时间
        转送、交办：信访部门在15日内转送、交办有权处理的机关、单位（第二十二条）
        告知受理：有权处理的机关、单位自收到之日起15日内书面告知接收情况以及处理途径和程序（第二十三条）
        办理：调查核实，听取信访人陈述事实和理由，必要时举行听证（第三十一条）
        答复：自受理之日起60日内办结并出具信访处理意见书，情况复杂的经批准可延长，延长不超过30日（第三十四条）
        评价：信访人对办理情况作出满意、基本满意或不满意的评价
        复查、复核：对处理意见不服的，自收到书面答复之日起30日内请求上一级机关、单位复查；对复查意见不服的，30日内请求复核（第三十五条、第三十六条）
        """;

    private const string QueryAndRating = """
        登记后会给您信访件编号和查询码（网上信访在提交成功页面显示，来信来访在登记回执上注明），请妥善保管。
        凭编号和查询码在本平台「查询办理进展和评价」页面查看办理进展、书面答复，并对信访部门和责任单位分别评价；对处理意见不服的，可以在同一页面请求复查、复核。
        查询码遗失的，请携带身份证件到登记机关核实身份后重新发放。
        """;

    private const string Scope = """
        受理：对本级党委、政府及其工作部门，下一级党委、政府的工作提出的建议意见、检举控告和申诉求决。
        依法应当通过诉讼、仲裁、行政复议等法定途径解决的事项，导入相应程序处理（第三十一条）；涉法涉诉事项转送政法部门，检举控告类事项按照管理权限转送纪检监察机关（第二十二条）。
        """;

    private static readonly (string Code, PublicGuide Guide)[] Guides =
    [
        ("330000XFJ", new PublicGuide(
            "本平台网上信访（演示），浙江省网上信访信息系统",
            "杭州市西湖区省府路8号 浙江省信访局 人民来信处（邮编310025，演示地址）",
            "0571-00000000（演示号码，工作日 9:00—17:00）",
            "杭州市西湖区省府路8号 省信访局人民来访接待中心（演示地址）",
            "工作日上午 8:30—12:00，下午 14:30—17:30（法定节假日除外）",
            Scope, Procedure, QueryAndRating,
            "行动不便的信访人可以电话预约上门接访；接待场所设无障碍通道，提供老花镜、饮水和法律咨询（律师值班）。")),
        ("330100XFJ", new PublicGuide(
            "本平台网上信访（演示）",
            "杭州市上城区解放东路18号 杭州市信访局 来信受理科（邮编310020，演示地址）",
            "0571-11111111（演示号码，工作日 9:00—17:00）",
            "杭州市上城区解放东路18号 市民之家 市信访接待大厅（演示地址）",
            "工作日上午 9:00—12:00，下午 13:30—17:00；每月第二个星期三为市领导接访日",
            Scope, Procedure, QueryAndRating, null)),
        ("330106XFJ", new PublicGuide(
            "本平台网上信访（演示）",
            "杭州市西湖区文三路1号 西湖区信访局（邮编310012，演示地址）",
            "0571-22222222（演示号码，工作日 8:30—17:00）",
            "西湖区社会矛盾纠纷调处化解中心一楼接待大厅（文三路1号，演示地址）",
            "工作日上午 8:30—12:00，下午 13:30—17:00；每周三下午为区领导接访时间",
            Scope, Procedure, QueryAndRating,
            "接待大厅设人民调解室和律师值班窗口，可以就近咨询法律问题、申请调解。")),
    ];

    /// <summary>Adds the demo texts to a freshly seeded demo jurisdiction (revision 1 each, by the seeding).</summary>
    public static async Task SeedAsync(AppDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var byCode = await db.Organizations.AsNoTracking().ToDictionaryAsync(o => o.Code, o => o.Id, ct);
        foreach (var (code, guide) in Guides)
        {
            if (!byCode.TryGetValue(code, out var id) || await db.Set<PublicGuideRevision>().AnyAsync(r => r.OrganizationId == id, ct))
            {
                continue;
            }

            var revision = PublicGuideRevision.Of(id, 1, guide with { Procedure = Trim(guide.Procedure), QueryAndRating = Trim(guide.QueryAndRating), Scope = Trim(guide.Scope) });
            revision.EditedAt = now;
            revision.EditedById = string.Empty;
            revision.EditedByName = "演示数据";
            revision.ChangedItems = string.Join("、", revision.Content.ChangedFrom(null).Select(i => i.Name));
            db.Add(revision);
        }

        await db.SaveChangesAsync(ct);
    }

    private static string? Trim(string? s) => s?.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
}
