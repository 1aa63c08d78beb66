using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Petitions;

namespace Xinfang.Web.Attachments;

/// <summary>
/// A file of petition material (附件), kept in the database with its petition (ADR 0052), encrypted at rest like personal data (ADR 0040): every
/// instance sees it, backups and deletion follow the item, and no path on disk is ever built from input.
/// </summary>
public sealed class PetitionAttachment
{
    public Guid Id { get; set; }

    public Guid PetitionId { get; set; }

    /// <summary>The uploader's file name, cleaned; only shown and offered as the download name.</summary>
    public string FileName { get; set; } = string.Empty;

    /// <summary>The kind found by <see cref="ContentSniffer"/>; the content type is derived from it, never from the request.</summary>
    public string Kind { get; set; } = string.Empty;

    public string ContentType { get; set; } = string.Empty;

    /// <summary>What the file is (来信扫描件, 身份证明复印件, 送达回证 …), chosen by the uploader; decides who may open it.</summary>
    public AttachmentCategory Category { get; set; }

    public long Size { get; set; }

    public string Sha256 { get; set; } = string.Empty;

    public DateTimeOffset UploadedAt { get; set; }

    public string UploadedById { get; set; } = string.Empty;

    public string UploadedByName { get; set; } = string.Empty;

    /// <summary>The file encrypted with the personal-data key ring (<c>keyId:</c> ‖ nonce ‖ tag ‖ ciphertext); never the plain bytes.</summary>
    public byte[] Content { get; set; } = [];

    /// <summary>The associated data binding an encrypted file to its row: a file copied to another row fails to decrypt.</summary>
    public static string Purpose(Guid id) => $"petition_attachments.Content\n{id:D}";

    internal static void Configure(ModelBuilder builder) => builder.Entity<PetitionAttachment>(a =>
    {
        a.ToTable("petition_attachments");
        a.HasKey(x => x.Id);
        a.Property(x => x.Id).ValueGeneratedNever();
        a.Property(x => x.FileName).HasMaxLength(200);
        a.Property(x => x.Kind).HasMaxLength(16);
        a.Property(x => x.ContentType).HasMaxLength(120);
        a.Property(x => x.Sha256).HasMaxLength(64);
        a.Property(x => x.UploadedById).HasMaxLength(64);
        a.Property(x => x.UploadedByName).HasMaxLength(100);
        a.HasOne<Petition>().WithMany().HasForeignKey(x => x.PetitionId).OnDelete(DeleteBehavior.Cascade);
        a.HasIndex(x => new { x.PetitionId, x.UploadedAt });
    });
}

/// <summary>What a file of petition material is (issue 13): the page offers these when uploading.</summary>
public enum AttachmentCategory
{
    /// <summary>其他材料 (also everything uploaded before categories, and the petitioner's 补充材料).</summary>
    Material = 0,
    /// <summary>来信扫描件.</summary>
    LetterScan = 1,
    /// <summary>身份证明复印件: personal data (domain.md §12) — opened only by staff who may see personal data.</summary>
    IdCopy = 2,
    /// <summary>送达回证.</summary>
    ServiceReceipt = 3,
}

public static class AttachmentCategories
{
    public static string NameOf(AttachmentCategory category) => category switch
    {
        AttachmentCategory.LetterScan => "来信扫描件",
        AttachmentCategory.IdCopy => "身份证明复印件",
        AttachmentCategory.ServiceReceipt => "送达回证",
        _ => "其他材料",
    };

    /// <summary>
    /// 身份证明复印件 carry ID numbers, photos and addresses: only those who may see the item's personal data
    /// (<c>PetitionOperation.RevealPersonalData</c>, domain.md §12) open them; everyone who may see the item opens the rest.
    /// </summary>
    public static bool MayOpen(AttachmentCategory category, bool mayRevealPersonalData) => category != AttachmentCategory.IdCopy || mayRevealPersonalData;
}
