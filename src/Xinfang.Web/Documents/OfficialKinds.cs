using Xinfang.Domain.Petitions;

namespace Xinfang.Web.Documents;

/// <summary>
/// The ten official documents of issue 13, each at <c>/api/petitions/{id}/documents/{slug}.pdf</c>, made from
/// the item's own documents of <see cref="DomainKinds"/> (the 督办通知 from the item's supervision notice).
/// <see cref="Code"/> follows the 机关代字 in the 文号 (西信<b>转</b>〔2026〕15号).
/// </summary>
public sealed record OfficialKind(string Slug, string Name, string Code, IReadOnlyList<DocumentKind> DomainKinds)
{
    public const string Supervision = "supervision";

    public static readonly IReadOnlyList<OfficialKind> All =
    [
        new("receipt", "登记回执", "登", [DocumentKind.RegistrationReceipt]),
        new("acceptance", "受理告知书", "受", [DocumentKind.NoticeOfReceipt]),
        new("decline", "不予受理告知书", "不受", [DocumentKind.DeclineNotice, DocumentKind.RefuseAgainNotice]),
        new("forward", "转送/交办告知", "转", [DocumentKind.ForwardNotice, DocumentKind.AssignmentNotice]),
        new("extension", "延期告知", "延", [DocumentKind.ExtensionNotice]),
        new("decision", "信访处理意见书", "处", [DocumentKind.Decision]),
        new("review", "复查意见书", "复查", [DocumentKind.ReviewOpinion]),
        new("rereview", "复核意见书", "复核", [DocumentKind.ReReviewOpinion]),
        new("service", "送达回证", "送", [DocumentKind.ServiceRecord]),
        new(Supervision, "督办通知", "督", []),
    ];

    public static OfficialKind? Of(string? slug) => All.FirstOrDefault(k => string.Equals(k.Slug, slug, StringComparison.Ordinal));

    /// <summary>The kind a domain document is printed as (null for documents that are not among the ten, such as the 办结报告).</summary>
    public static OfficialKind? Of(DocumentKind kind) => All.FirstOrDefault(k => k.DomainKinds.Contains(kind));

    /// <summary>The 文号 kind code of one domain document: a 交办 notice counts apart from a 转送 one.</summary>
    public string CodeOf(DocumentKind kind) => kind == DocumentKind.AssignmentNotice ? "交" : Code;
}
