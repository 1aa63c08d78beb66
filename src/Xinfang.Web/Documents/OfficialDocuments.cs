using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Common;
using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Petitions;
using Xinfang.Domain.Supervision;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;
using Xinfang.Web.Supervision;

namespace Xinfang.Web.Documents;

/// <summary>The petitioner's own copy of the 登记回执: the query code as they typed it (only its hash is stored) and where to follow the item.</summary>
public sealed record PetitionerCopy(string QueryCode, string TrackUrl);

/// <summary>
/// Makes the official document of one of the item's own records — the text the domain wrote when the
/// step was taken — with its issuing body (the organisation that took the step, from the history), its
/// 文号 (<see cref="DocumentNumbers"/>), the item's number and matter, and the next-step statement the law
/// asks for (<see cref="ReviewRightStatements"/>). <c>reveal</c> is the reader's right to see
/// personal data: without it, ID numbers and phones in the texts are masked and the petitioner is named
/// only as 信访人 (a whistleblower's identity is never printed for someone who may not see it).
/// </summary>
public sealed class OfficialDocuments(AppDbContext db, DocumentNumbers numbers, OrganizationDirectory directory)
{
    public async Task<OfficialDocument> ForAsync(Petition p, PetitionDocument d, bool reveal, PetitionerCopy? petitionerCopy, CancellationToken ct)
    {
        string T(string text) => reveal ? text : PersonalDataInText.Mask(text);
        var kind = OfficialKind.Of(d.Kind);
        var issuerId = p.History.Where(h => h.DocumentId == d.Id).Select(h => (Guid?)h.OrganizationId).FirstOrDefault() ?? p.RegisteringOrganizationId;
        var issuer = await NameAsync(issuerId, ct);
        var number = await numbers.NumberAsync(d.Id, p.Id, issuerId, issuer, d.IssuedOn.Year, kind?.CodeOf(d.Kind) ?? "文", ct);
        var principal = p.Petitioners.OrderByDescending(x => x.IsPrincipal).ThenBy(x => x.Ordinal).FirstOrDefault();
        var petitioner = reveal && !p.Anonymous && !string.IsNullOrWhiteSpace(principal?.Name) ? principal.Name! : "信访人";

        List<(string, string)> fields = [("信访件编号", p.Number), ("信访事项", T(p.Title))];
        List<string> paragraphs = [];
        switch (d.Kind)
        {
            case DocumentKind.RegistrationReceipt:
                fields.Add(("收到时间", p.ReceivedAt.ToOffset(DeadlineTime.Offset).ToString("yyyy年M月d日 HH:mm", CultureInfo.InvariantCulture)));
                fields.Add(("信访形式", CodeNames.Of(p.Form)));
                fields.Add(("登记机关", await NameAsync(p.RegisteringOrganizationId, ct)));
                if (petitionerCopy is not null)
                {
                    fields.Add(("查询码", petitionerCopy.QueryCode));
                }

                paragraphs.Add(T(d.Body));
                if (RegistrationReceipt.FirstStep(p) is { } first)
                {
                    paragraphs.Add($"依照{first.Article}，应当自收到之日起{first.Period}内，即{first.DueOn:yyyy年M月d日}前，{first.Duty}。");
                }

                paragraphs.Add(petitionerCopy is null
                    ? "查询码已在登记时交给信访人，系统只保存其加密摘要。凭信访件编号和查询码可在网上查询办理进展、查看写给信访人的文书并作出评价。"
                    : $"请登录 {petitionerCopy.TrackUrl}，输入信访件编号和查询码，查看办理进展、办理时限和写给您的文书，补充材料；收到处理意见后可作出评价，对处理意见不服的，可在规定期限内请求复查、复核。");
                if (petitionerCopy is not null)
                {
                    paragraphs.Add("请妥善保管查询码：它只在出具时显示一次，系统只保存其加密摘要，任何人都无法再次查看。遗失后，请携带身份证件到登记机关或正在办理的机关，经核验身份后重新发放，原查询码随即作废。");
                }
                break;
            case DocumentKind.ServiceRecord:
                var served = p.Documents.LastOrDefault(x => x.Kind == DocumentKind.Decision && x.IssuedOn <= d.IssuedOn);
                fields.Add(("受送达人", petitioner));
                if (served is not null)
                {
                    var servedNumber = await numbers.FindAsync(served.Id, ct);
                    fields.Add(("送达文书", served.Title + (servedNumber is null ? string.Empty : $"（{servedNumber}）")));
                }

                if (principal?.Address is { } address)
                {
                    fields.Add(("送达地址", reveal ? address : Casework.AddressMask.Mask(address)!));
                }

                fields.Add(("送达情况", T(d.Body)));
                paragraphs.Add("受送达人签收：＿＿＿＿＿＿　　送达人：＿＿＿＿＿＿　　送达日期：＿＿＿＿年＿＿月＿＿日");
                break;
            default:
                paragraphs.Add(T(d.Body));
                if (ReviewRightStatements.For(p, d, directory.Tree) is { } right)
                {
                    paragraphs.Add(right);
                }

                break;
        }

        return new OfficialDocument(issuer, number, T(d.Title), petitioner, fields, paragraphs, issuer, d.IssuedOn, $"信访件编号：{p.Number}");
    }

    /// <summary>The 督办通知 (条例 Art. 40): from the bureau that raised it to the unit it is addressed to.</summary>
    public async Task<OfficialDocument> ForAsync(Petition p, SupervisionNotice n, bool reveal, CancellationToken ct)
    {
        string T(string text) => reveal ? text : PersonalDataInText.Mask(text);
        var issuer = await NameAsync(n.IssuedByOrganizationId, ct);
        var kind = OfficialKind.Of(OfficialKind.Supervision)!;
        var number = await numbers.NumberAsync(n.Id, p.Id, n.IssuedByOrganizationId, issuer, n.IssuedOn.Year, kind.Code, ct);
        List<(string, string)> fields = [("信访件编号", p.Number), ("信访事项", T(p.Title)), ("督办事由", SupervisionNames.Of(n.Reason))];
        List<string> paragraphs =
        [
            T(n.Details),
            $"请于{n.FeedbackDueOn:yyyy年M月d日}前将办理情况书面反馈本机关（{n.FeedbackExplanation}）。依照《信访工作条例》第四十条，对督办事项应当及时办理并反馈。",
        ];
        return new OfficialDocument(issuer, number, "信访事项督办通知", await NameAsync(n.AddressedToOrganizationId, ct), fields, paragraphs, issuer, n.IssuedOn, $"信访件编号：{p.Number}");
    }

    private async Task<string> NameAsync(Guid id, CancellationToken ct) =>
        await db.Organizations.AsNoTracking().Where(o => o.Id == id).Select(o => o.Name).SingleOrDefaultAsync(ct) ?? "信访工作机构";
}
