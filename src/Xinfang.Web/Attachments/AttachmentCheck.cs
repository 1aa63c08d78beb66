using System.Security.Cryptography;

namespace Xinfang.Web.Attachments;

/// <summary>A file that passed <see cref="AttachmentCheck"/>: its cleaned name, the kind found in its content, the bytes.</summary>
public sealed record CheckedFile(string FileName, FileKind Kind, byte[] Content);

/// <summary>
/// The checks every uploaded file goes through, whoever uploads it (staff on an item, the petitioner
/// on /track): not empty, not larger than the limit, a type found by its content (never by the name
/// or the request's content type), and an extension that matches that content.
/// </summary>
public static class AttachmentCheck
{
    /// <summary>The file, checked; or why it is refused (in Chinese) and the status the API answers (400, 413 or 415).</summary>
    public static (CheckedFile? File, int Status, string? Refusal) Check(string? fileName, byte[] content, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(content);
        var name = PetitionAttachments.CleanName(fileName);
        if (content.Length == 0)
        {
            return (null, StatusCodes.Status400BadRequest, $"文件 {name} 为空");
        }

        if (content.Length > maxBytes)
        {
            return (null, StatusCodes.Status413PayloadTooLarge, $"文件 {name} 过大：附件不能超过 {maxBytes / (1024.0 * 1024.0):0.#} MB");
        }

        var kind = ContentSniffer.Sniff(content);
        if (kind is null)
        {
            return (null, StatusCodes.Status415UnsupportedMediaType,
                $"文件 {name} 的类型不支持：附件只能是 PDF、JPEG、PNG、GIF 图片、Word（docx）、Excel（xlsx）或 UTF-8 纯文本；类型按文件内容判断");
        }

        if (!kind.Extensions.Contains(Path.GetExtension(name).ToLowerInvariant()))
        {
            return (null, StatusCodes.Status415UnsupportedMediaType, $"文件 {name} 的内容是{kind.Label}，扩展名应为 {string.Join(" 或 ", kind.Extensions)}");
        }

        return (new CheckedFile(name, kind, content), 0, null);
    }

    /// <summary>The row for a checked file, encrypted at rest under the personal-data key ring (ADR 0040), bound to its id.</summary>
    public static PetitionAttachment Row(CheckedFile file, Guid petitionId, DateTimeOffset uploadedAt, string uploadedById, string uploadedByName, Privacy.PersonalDataProtector protector)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(protector);
        var attachment = new PetitionAttachment
        {
            Id = Guid.NewGuid(),
            PetitionId = petitionId,
            FileName = file.FileName,
            Kind = file.Kind.Name,
            ContentType = file.Kind.ContentType,
            Size = file.Content.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(file.Content)),
            UploadedAt = uploadedAt,
            UploadedById = uploadedById,
            UploadedByName = uploadedByName,
        };
        attachment.Content = protector.ProtectBytes(file.Content, PetitionAttachment.Purpose(attachment.Id));
        return attachment;
    }
}
