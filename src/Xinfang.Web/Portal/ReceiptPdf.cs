using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Petitions;
using Xinfang.Web.Data;
using Xinfang.Web.Documents;
using Xinfang.Web.Portal.Pdf;
using Xinfang.Web.Security;

namespace Xinfang.Web.Portal;

/// <summary>
/// The petitioner's PDFs (issue 11): the 登记回执 (registration receipt) carrying the number and the query
/// code, and each document addressed to the petitioner. Both are form POSTs (ReceiptDownload.razor,
/// DocumentPdfDownload.razor) so the code never lands in a URL, a log or the browser history; both open
/// the item only through <see cref="PetitionerKey"/> (the wrong-code delays hold, a wrong code and an
/// unknown number answer alike), and every answer is <c>no-store</c>.
/// </summary>
public sealed class ReceiptPdf(PetitionerKey key, AppDbContext db, TimeProvider clock, OfficialDocuments official, DocumentRenderer renderer)
{
    public const string PdfType = "application/pdf";

    /// <summary>POST /portal/receipt.pdf — number and queryCode (as typed by the petitioner: only its hash is stored).</summary>
    public async Task<IResult> ReceiptAsync(HttpContext http, CancellationToken ct)
    {
        var form = await http.Request.ReadFormAsync(ct);
        string? number = form["number"], code = form["queryCode"];
        http.Response.Headers.CacheControl = "no-store";
        var (petition, problem) = await key.OpenAsync(number, code, ct);
        if (problem is not null)
        {
            return problem;
        }

        var p = petition!;
        var trackUrl = $"{http.Request.Scheme}://{http.Request.Host}/track";
        var copy = new PetitionerCopy(code!.Trim().ToUpperInvariant(), trackUrl);
        // The official 登记回执 (issue 13, ADR 0100): the same document, 文号 and layout staff print.
        if (ViewForPetitioner.Of(p).Documents.FirstOrDefault(d => d.Kind == DocumentKind.RegistrationReceipt) is { } receipt)
        {
            return File(http, renderer.Render(await official.ForAsync(p, receipt, reveal: true, copy, ct)), $"登记回执-{p.Number}.pdf");
        }

        var body = await db.Organizations.AsNoTracking().Where(o => o.Id == p.RegisteringOrganizationId).Select(o => o.Name).SingleAsync(ct);
        return File(http, Receipt(p, body, copy.QueryCode, trackUrl, clock.GetUtcNow()), $"登记回执-{p.Number}.pdf");
    }

    /// <summary>POST /portal/document.pdf — number, queryCode, documentId: only a document addressed to the petitioner.</summary>
    public async Task<IResult> DocumentAsync(HttpContext http, CancellationToken ct)
    {
        var form = await http.Request.ReadFormAsync(ct);
        string? number = form["number"], code = form["queryCode"], documentId = form["documentId"];
        http.Response.Headers.CacheControl = "no-store";
        var (petition, problem) = await key.OpenAsync(number, code, ct);
        if (problem is not null)
        {
            return problem;
        }

        // Only what the domain addresses to the petitioner (ViewForPetitioner); any other id — a staff-only
        // document, another item's, a malformed one — answers exactly like a wrong code.
        var document = Guid.TryParse(documentId, out var id)
            ? ViewForPetitioner.Of(petition!).Documents.SingleOrDefault(d => d.Id == id)
            : null;
        if (document is null)
        {
            return TypedResults.Problem(statusCode: 404, title: "未找到", detail: "编号或查询码不正确");
        }

        // One of the ten official documents: as staff print it (the petitioner sees their own data).
        if (OfficialKind.Of(document.Kind) is not null)
        {
            return File(http, renderer.Render(await official.ForAsync(petition!, document, reveal: true, petitionerCopy: null, ct)), $"{document.Title}-{petition!.Number}.pdf");
        }

        var body = await db.Organizations.AsNoTracking().Where(o => o.Id == petition!.RegisteringOrganizationId).Select(o => o.Name).SingleAsync(ct);
        return File(http, Document(petition!, document, body, clock.GetUtcNow()), $"{document.Title}-{petition!.Number}.pdf");
    }

    /// <summary>The 登记回执: who received what, when, how; the first legal time limit from the item's own clock; how to follow and rate.</summary>
    internal static byte[] Receipt(Petition p, string receivingBody, string queryCode, string trackUrl, DateTimeOffset now)
    {
        var receivedAt = p.ReceivedAt.ToOffset(DeadlineTime.Offset);
        var first = RegistrationReceipt.FirstStep(p);
        var pdf = new ChinesePdf($"信访事项登记回执 {p.Number}", now.ToOffset(DeadlineTime.Offset))
            .Heading(receivingBody, 14)
            .Heading("信访事项登记回执", 20)
            .Space(6)
            .Table(
            [
                ("信访件编号", p.Number),
                ("查询码", queryCode),
                ("收到时间", receivedAt.ToString("yyyy年M月d日 HH:mm", CultureInfo.InvariantCulture)),
                ("信访形式", CodeNames.Of(p.Form)),
                ("信访事项", p.Title),
                ("登记机关", receivingBody),
                ("出具时间", now.ToOffset(DeadlineTime.Offset).ToString("yyyy年M月d日 HH:mm", CultureInfo.InvariantCulture)),
            ])
            .Space(10)
            .Heading("办理时限", 13, centred: false);
        pdf.Paragraph(first is { } f
            ? $"依照{f.Article}，应当自收到之日起{f.Period}内，即{f.DueOn:yyyy年M月d日}前，{f.Duty}。"
            : "依照《信访工作条例》第二十三条第二款，信访人的姓名（名称）、住址不清的，不书面告知处理情况；您可凭编号和查询码自行查询。");
        // The receipt document the domain wrote at registration, as the petitioner reads it.
        if (ViewForPetitioner.Of(p).Documents.FirstOrDefault(d => d.Kind == DocumentKind.RegistrationReceipt) is { } receipt)
        {
            pdf.Paragraph(receipt.Body);
        }

        return pdf.Space(6)
            .Heading("查询与评价", 13, centred: false)
            .Paragraph($"请登录 {trackUrl}，输入信访件编号和查询码，查看办理进展、办理时限和写给您的文书，补充材料。")
            .Paragraph("收到处理意见后，可在同一页面对信访部门和责任单位分别评价（满意、基本满意、不满意）；对处理意见不服的，可在规定期限内请求复查、复核。")
            .Space(6)
            .Rule()
            .Heading("请妥善保管查询码", 13, centred: false)
            .Paragraph("查询码只在出具时（登记时或重新发放时）显示一次，系统只保存其加密摘要，任何人都无法再次查看。请勿将查询码告诉他人，凭编号和查询码即可查看您的信访事项。遗失后，请携带身份证件到登记机关或正在办理的机关，经核验身份后重新发放，原查询码随即作废。")
            .ToArray();
    }

    /// <summary>One document addressed to the petitioner, with the item's number and the issuing day.</summary>
    internal static byte[] Document(Petition p, PetitionDocument d, string registeringBody, DateTimeOffset now) =>
        new ChinesePdf($"{d.Title} {p.Number}", now.ToOffset(DeadlineTime.Offset))
            .Heading(d.Title, 20)
            .Space(4)
            .Paragraph($"信访件编号：{p.Number}", 10.5)
            .Paragraph($"登记机关：{registeringBody}", 10.5)
            .Paragraph($"日期：{d.IssuedOn:yyyy年M月d日}", 10.5)
            .Rule()
            .Space(6)
            .Paragraph(d.Body, 12)
            .ToArray();

    /// <summary>An attachment download, its Chinese name in RFC 5987 form (with an ASCII fallback for old clients).</summary>
    private static Microsoft.AspNetCore.Http.HttpResults.FileContentHttpResult File(HttpContext http, byte[] bytes, string fileName)
    {
        http.Response.Headers.ContentDisposition = ContentDisposition(fileName);
        return TypedResults.Bytes(bytes, PdfType);
    }

    internal static string ContentDisposition(string fileName)
    {
        var safe = new string(fileName.Select(c => char.IsControl(c) || c is '/' or '\\' or '"' ? '_' : c).ToArray());
        var ascii = new string(safe.Select(c => c is > ' ' and <= '~' ? c : '_').ToArray());
        return $"attachment; filename=\"{ascii}\"; filename*=UTF-8''{Uri.EscapeDataString(safe)}";
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        var portal = app.MapGroup("/portal").AllowAnonymous().WithTags("信访人查询评价");
        portal.MapPost("/receipt.pdf", (HttpContext http, ReceiptPdf uc, CancellationToken ct) => uc.ReceiptAsync(http, ct))
            .WithSummary("凭编号和查询码下载登记回执（PDF）").RequireFormAntiforgery()
            .Produces(StatusCodes.Status200OK, contentType: PdfType).ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests);
        portal.MapPost("/document.pdf", (HttpContext http, ReceiptPdf uc, CancellationToken ct) => uc.DocumentAsync(http, ct))
            .WithSummary("凭编号和查询码下载写给信访人的文书（PDF）").RequireFormAntiforgery()
            .Produces(StatusCodes.Status200OK, contentType: PdfType).ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests);
    }
}
