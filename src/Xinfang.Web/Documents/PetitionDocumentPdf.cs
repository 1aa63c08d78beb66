using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Supervision;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;
using Xinfang.Web.Portal;

namespace Xinfang.Web.Documents;

/// <summary>
/// GET /api/petitions/{id}/documents/{kind}.pdf — one of the ten official documents of an item, for staff
/// who may see the item (its scope, 回避 and the accusation rules through <see cref="PetitionGuard"/>). The
/// latest document of the kind, or the one named by <c>?documentId=</c>. Personal data as the reader may
/// see it (PetitionOperation.RevealPersonalData). A 督办通知 only for the bureau that raised it and the unit
/// it is addressed to, as the notice itself (Supervision/NoticeStore).
/// </summary>
public sealed class PetitionDocumentPdf(PetitionGuard guard, CurrentStaff staff, AppDbContext db, OfficialDocuments documents, DocumentRenderer renderer)
{
    public async Task<IResult> HandleAsync(Guid id, string kind, Guid? documentId, HttpContext http, CancellationToken ct)
    {
        var official = OfficialKind.Of(kind);
        if (official is null)
        {
            return Answers.NotFound("文书");
        }

        var petition = await guard.Petitions.AsNoTracking().AsSplitQuery().SingleOrDefaultAsync(p => p.Id == id, ct);
        if (petition is null || !await guard.MayAsync(petition, PetitionOperation.View))
        {
            return Answers.NotFound();
        }

        var reveal = await guard.MayAsync(petition, PetitionOperation.RevealPersonalData);
        OfficialDocument? document = null;
        if (official.Slug == OfficialKind.Supervision)
        {
            var org = staff.OrganizationId;
            var notice = await db.Set<SupervisionNotice>().AsNoTracking()
                .Where(n => n.PetitionId == petition.Id && (documentId == null || n.Id == documentId)
                    && (n.IssuedByOrganizationId == org || n.AddressedToOrganizationId == org))
                .OrderByDescending(n => n.IssuedAt).FirstOrDefaultAsync(ct);
            if (notice is not null)
            {
                document = await documents.ForAsync(petition, notice, reveal, ct);
            }
        }
        else if (petition.Documents.Where(d => official.DomainKinds.Contains(d.Kind) && (documentId == null || d.Id == documentId))
                     .Select((d, i) => (d, i)).OrderBy(x => x.d.IssuedOn).ThenBy(x => x.i).Select(x => x.d).LastOrDefault() is { } d)
        {
            document = await documents.ForAsync(petition, d, reveal, petitionerCopy: null, ct);
        }

        if (document is null)
        {
            return TypedResults.Problem(statusCode: 404, title: "文书不存在", detail: $"该信访件没有{official.Name}");
        }

        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.ContentDisposition = ReceiptPdf.ContentDisposition(document.FileName);
        return TypedResults.Bytes(renderer.Render(document), DocumentRenderer.PdfType);
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("/{id:guid}/documents/{kind}.pdf", (Guid id, string kind, Guid? documentId, HttpContext http, PetitionDocumentPdf uc, CancellationToken ct) => uc.HandleAsync(id, kind, documentId, http, ct))
            .WithName("GetOfficialDocumentPdf")
            .WithSummary("下载信访件的正式文书（PDF，GB/T 9704 版式，含文号）：receipt 登记回执、acceptance 受理告知书、decline 不予受理告知书、forward 转送/交办告知、extension 延期告知、decision 信访处理意见书、review 复查意见书、rereview 复核意见书、service 送达回证、supervision 督办通知")
            .Produces<Stream>(StatusCodes.Status200OK, DocumentRenderer.PdfType)
            .ProducesProblem(StatusCodes.Status404NotFound);
}
