using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;
using Xinfang.Web.Security;

namespace Xinfang.Web.Attachments;

/// <summary>Configuration section <c>Xinfang:Attachments</c>.</summary>
public sealed class AttachmentOptions
{
    /// <summary>Largest file accepted, in bytes (default 10 MB); above it the answer is 413.</summary>
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;
}

/// <summary>
/// Petition material (附件): upload checked by content, list, and download that is always a download
/// (ADR 0052). Staff who may see the item (the View operation of Identity/PetitionAuthorization.cs) may do all three;
/// an item they may not see is a 404, as everywhere.
/// </summary>
public sealed class PetitionAttachments(AppDbContext db, CurrentStaff staff, PetitionGuard guard, TimeProvider clock, IOptions<AttachmentOptions> options,
    Privacy.PersonalDataProtector protector, Audit.AuditLog audit)
{
    /// <summary>Room for the multipart boundaries and part headers around the file.</summary>
    private const long FormOverhead = 64 * 1024;

    /// <summary>The petition page's body limit (an attribute, so a constant): one file of the default 10 MB and the form.</summary>
    public const long PageFormLimit = (10L * 1024 * 1024) + FormOverhead;

    public sealed record AttachmentView(Guid Id, string FileName, string Kind, string ContentType, long Size, string Sha256, DateTimeOffset UploadedAt, string UploadedBy, string Category, string CategoryName);

    private long MaxBytes => options.Value.MaxBytes;

    public async Task<IResult> UploadAsync(Guid id, HttpContext http, CancellationToken ct)
    {
        if (await MayViewAsync(id, ct) is not { } number)
        {
            return Answers.NotFound();
        }

        if (http.Request.ContentLength > MaxBytes + FormOverhead)
        {
            return TooLarge();
        }

        if (!http.Request.HasFormContentType || !(http.Request.ContentType ?? string.Empty).StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(statusCode: 415, title: "请求格式有误", detail: "请以 multipart/form-data 上传，文件字段名为 file");
        }

        // The host's 1 MB body limit is raised for this request only, to the attachment limit.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = MaxBytes + FormOverhead;
        }

        http.Features.Set<IFormFeature>(new FormFeature(http.Request, new FormOptions
        {
            MultipartBodyLengthLimit = MaxBytes + FormOverhead,
            ValueCountLimit = 16,
            KeyLengthLimit = 100,
            ValueLengthLimit = 4096,
            MultipartHeadersLengthLimit = 16 * 1024,
        }));
        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(ct);
        }
        catch (InvalidDataException e) when (e.Message.Contains("length limit", StringComparison.OrdinalIgnoreCase))
        {
            return TooLarge();
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge();
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            return TypedResults.Problem(statusCode: 400, title: "请求格式有误", detail: "上传内容无法识别");
        }

        if (form.Files.Count != 1 || form.Files[0] is not { } file || !string.Equals(file.Name, "file", StringComparison.Ordinal))
        {
            return new RequestErrors().Add("file", "请上传一个文件（字段名 file）").Problem();
        }

        if (file.Length > MaxBytes)
        {
            return TooLarge();
        }

        var category = AttachmentCategory.Material;
        if (form["category"].ToString() is { Length: > 0 } named && (!Enum.TryParse(named, out category) || !Enum.IsDefined(category) || int.TryParse(named, out _)))
        {
            return new RequestErrors().Add("category", "材料类别无效").Problem();
        }

        return await StoreAsync(id, number, file, category, ct);
    }

    /// <summary>
    /// The petition page's upload (附件 tab, a plain multipart form that needs no script): the same check
    /// (<see cref="Check"/>), encryption and audit as the API; the page reads the same answers.
    /// </summary>
    public async Task<IResult> UploadFromPageAsync(Guid id, IFormFile? file, AttachmentCategory? category, CancellationToken ct)
    {
        if (await MayViewAsync(id, ct) is not { } number)
        {
            return Answers.NotFound();
        }

        if (file is null || file.Length == 0)
        {
            return new RequestErrors().Add("file", "请选择要上传的文件").Problem();
        }

        if (category is not { } c || !Enum.IsDefined(c))
        {
            return new RequestErrors().Add("category", "请选择材料类别").Problem();
        }

        return file.Length > MaxBytes ? TooLarge() : await StoreAsync(id, number, file, c, ct);
    }

    private async Task<IResult> StoreAsync(Guid id, string number, IFormFile file, AttachmentCategory category, CancellationToken ct)
    {
        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, ct);
        }

        var (checkedFile, refusal) = Check(content, file.FileName, MaxBytes);
        if (refusal is not null)
        {
            return refusal.Status == StatusCodes.Status413PayloadTooLarge ? TooLarge()
                : refusal.Status == StatusCodes.Status400BadRequest ? new RequestErrors().Add("file", refusal.Detail).Problem()
                : TypedResults.Problem(statusCode: refusal.Status, title: refusal.Title, detail: refusal.Detail);
        }

        var (kind, name) = checkedFile!.Value;
        var attachment = Sealed(id, kind, name, content, staff.UserId, staff.Name, clock.GetUtcNow(), protector);
        attachment.Category = category;
        db.Add(attachment);
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            await db.SaveChangesAsync(ct);
            await audit.RecordAsync(db, Audit.AuditActors.Draft(staff, Audit.AuditKinds.AttachmentUploaded, id.ToString(), number,
                $"上传附件 {attachment.Id}（{AttachmentCategories.NameOf(category)}，{kind.Label}，{content.Length} 字节，SHA-256 {attachment.Sha256[..16]}…）"), ct);
            await tx.CommitAsync(ct);
        }

        return TypedResults.Created($"/api/petitions/{id}/attachments/{attachment.Id}", View(attachment));
    }

    public async Task<IResult> ListAsync(Guid id, CancellationToken ct)
    {
        if (await MayViewAsync(id, ct) is null)
        {
            return Answers.NotFound();
        }

        var rows = await db.Set<PetitionAttachment>().AsNoTracking().Where(a => a.PetitionId == id)
            .OrderBy(a => a.UploadedAt)
            .Select(a => new { a.Id, a.FileName, a.Kind, a.ContentType, a.Size, a.Sha256, a.UploadedAt, a.UploadedByName, a.Category })
            .ToListAsync(ct);
        return TypedResults.Ok(rows.Select(a => new AttachmentView(a.Id, a.FileName, a.Kind, a.ContentType, a.Size, a.Sha256, a.UploadedAt, a.UploadedByName,
            a.Category.ToString(), AttachmentCategories.NameOf(a.Category))).ToList());
    }

    public async Task<IResult> DownloadAsync(Guid id, Guid attachmentId, HttpContext http, CancellationToken ct)
    {
        if (await MayViewAsync(id, ct) is not { } number)
        {
            return Answers.NotFound();
        }

        var a = await db.Set<PetitionAttachment>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == attachmentId && x.PetitionId == id, ct);
        if (a is null)
        {
            return Answers.NotFound("附件");
        }

        if (!AttachmentCategories.MayOpen(a.Category, await MayRevealAsync(id, ct)))
        {
            return Answers.Forbidden("身份证明复印件属于个人信息，只有有权查看信访人个人信息的工作人员可以打开（domain.md §12）");
        }

        var content = protector.UnprotectBytes(a.Content, PetitionAttachment.Purpose(a.Id));
        await audit.RecordAsync(db, Audit.AuditActors.Draft(staff, Audit.AuditKinds.AttachmentDownloaded, id.ToString(), number,
            $"下载附件 {a.Id}（{a.Size} 字节）"), ct);

        // Always a download, of the type found at upload; never rendered by the browser as a page of this site.
        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = SecurityHeaders.DownloadPolicy;
        headers.CacheControl = "private, no-store";
        return TypedResults.File(content, a.ContentType, a.FileName);
    }

    /// <summary>Whether the caller may see the item's personal data (the rule <see cref="PetitionOperation.RevealPersonalData"/>).</summary>
    private async Task<bool> MayRevealAsync(Guid id, CancellationToken ct)
    {
        var petition = await guard.Petitions.AsNoTracking().AsSplitQuery().SingleOrDefaultAsync(p => p.Id == id, ct);
        return petition is not null && await guard.MayAsync(petition, PetitionOperation.RevealPersonalData);
    }

    /// <summary>The item's number when the caller may see it, else null (answered as 404).</summary>
    private async Task<string?> MayViewAsync(Guid id, CancellationToken ct)
    {
        var petition = await guard.Petitions.AsNoTracking().AsSplitQuery().SingleOrDefaultAsync(p => p.Id == id, ct);
        return petition is not null && await guard.MayAsync(petition, PetitionOperation.View) ? petition.Number : null;
    }

    /// <summary>Why a file was refused: the status the API answers and the Chinese title and detail.</summary>
    internal sealed record Refusal(int Status, string Title, string Detail);

    /// <summary>
    /// The checks every file passes, staff upload and online petition alike (ADR 0052): not empty, not
    /// above <paramref name="maxBytes"/>, a kind the content shows (never the name or declared type), and
    /// an extension that fits that kind. Gives the kind and the cleaned name, or why not.
    /// </summary>
    internal static ((FileKind Kind, string Name)? File, Refusal? Refusal) Check(byte[] content, string? fileName, long maxBytes)
    {
        if (content.Length > maxBytes)
        {
            return (null, new Refusal(StatusCodes.Status413PayloadTooLarge, "文件过大", $"附件不能超过 {maxBytes / (1024.0 * 1024.0):0.#} MB"));
        }

        if (content.Length == 0)
        {
            return (null, new Refusal(StatusCodes.Status400BadRequest, "文件为空", "文件为空"));
        }

        var kind = ContentSniffer.Sniff(content);
        if (kind is null)
        {
            return (null, new Refusal(StatusCodes.Status415UnsupportedMediaType, "不支持的文件类型",
                "类型不支持：附件只能是 PDF、JPEG、PNG、GIF 图片、Word（docx）、Excel（xlsx）或 UTF-8 纯文本；类型按文件内容判断"));
        }

        var name = CleanName(fileName);
        var extension = Path.GetExtension(name).ToLowerInvariant();
        if (!kind.Extensions.Contains(extension))
        {
            return (null, new Refusal(StatusCodes.Status415UnsupportedMediaType, "文件内容与扩展名不符",
                $"文件内容是{kind.Label}，扩展名应为 {string.Join(" 或 ", kind.Extensions)}"));
        }

        return ((kind, name), null);
    }

    /// <summary>A checked file as stored: encrypted under the personal-data key ring (ADR 0040), bound to its own id.</summary>
    internal static PetitionAttachment Sealed(Guid petitionId, FileKind kind, string name, byte[] content, string byId, string byName, DateTimeOffset at,
        Privacy.PersonalDataProtector protector)
    {
        var attachment = new PetitionAttachment
        {
            Id = Guid.NewGuid(),
            PetitionId = petitionId,
            FileName = name,
            Kind = kind.Name,
            ContentType = kind.ContentType,
            Size = content.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
            UploadedAt = at,
            UploadedById = byId,
            UploadedByName = byName,
        };
        attachment.Content = protector.ProtectBytes(content, PetitionAttachment.Purpose(attachment.Id));
        return attachment;
    }

    private ProblemHttpResult TooLarge() => TypedResults.Problem(statusCode: 413, title: "文件过大",
        detail: $"附件不能超过 {MaxBytes / (1024.0 * 1024.0):0.#} MB");

    private static AttachmentView View(PetitionAttachment a) =>
        new(a.Id, a.FileName, a.Kind, a.ContentType, a.Size, a.Sha256, a.UploadedAt, a.UploadedByName, a.Category.ToString(), AttachmentCategories.NameOf(a.Category));

    /// <summary>The last path segment of the name, without control or reserved characters, at most 200 characters.</summary>
    public static string CleanName(string? raw)
    {
        var name = (raw ?? string.Empty).Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        name = new string(name.Where(c => !char.IsControl(c) && c is not ('"' or '<' or '>' or '|' or ':' or '*' or '?')).ToArray()).Trim().Trim('.');
        if (name.Length > 200)
        {
            var ext = Path.GetExtension(name);
            name = name[..(200 - Math.Min(ext.Length, 20))] + ext[..Math.Min(ext.Length, 20)];
        }

        return name;
    }
}

/// <summary>Registers and maps the attachment endpoints.</summary>
public static class AttachmentsModule
{
    public static WebApplicationBuilder AddAttachments(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<AttachmentOptions>(builder.Configuration.GetSection("Xinfang:Attachments"));
        builder.Services.AddScoped<PetitionAttachments>();
        return builder;
    }

    public static void MapAttachments(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/petitions/{id:guid}/attachments").RequireAuthorization().DisableAntiforgery().WithTags("附件");
        group.MapPost("/", (Guid id, HttpContext http, PetitionAttachments uc, CancellationToken ct) => uc.UploadAsync(id, http, ct))
            .Accepts<IFormFile>("multipart/form-data")
            .WithSummary("上传附件（按内容判断类型：PDF、JPEG、PNG、GIF、docx、xlsx、UTF-8 纯文本；可选字段 category：LetterScan、IdCopy、ServiceReceipt、Material）")
            .Produces<PetitionAttachments.AttachmentView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        group.MapGet("/", (Guid id, PetitionAttachments uc, CancellationToken ct) => uc.ListAsync(id, ct))
            .WithSummary("附件列表").Produces<List<PetitionAttachments.AttachmentView>>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{attachmentId:guid}", (Guid id, Guid attachmentId, HttpContext http, PetitionAttachments uc, CancellationToken ct) => uc.DownloadAsync(id, attachmentId, http, ct))
            .WithSummary("下载附件（总是作为下载，不在浏览器中打开；身份证明复印件只对有权查看个人信息的工作人员）").Produces<Stream>(StatusCodes.Status200OK, "application/octet-stream").ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
    }
}
