using Xinfang.Web.Portal.Pdf;

namespace Xinfang.Web.Documents;

/// <summary>
/// Renders an <see cref="OfficialDocument"/>: in the GB/T 9704 layout with the embedded font when
/// <see cref="DocumentFont"/> has one, otherwise — and if PDFsharp fails on some input — with the
/// small writer of ADR 0073 (same content, the reader's own Song font), so a document is never a 500.
/// <c>Xinfang:Documents:DateStyle</c> = <c>Arabic</c> writes the 成文日期 as GB/T 9704-2012 §7.3.5.1 does
/// (2026年12月6日); the default writes it in Chinese numerals (二〇二六年十二月六日) as many bodies still do.
/// </summary>
public sealed class DocumentRenderer(DocumentFont font, IConfiguration configuration, ILogger<DocumentRenderer> logger, TimeProvider clock)
{
    private readonly bool _chineseDate = !string.Equals(configuration["Xinfang:Documents:DateStyle"], "Arabic", StringComparison.OrdinalIgnoreCase);

    public const string PdfType = "application/pdf";

    /// <summary>True when documents are set in the embedded font (the official layout).</summary>
    public bool Official => font.Available;

    public byte[] Render(OfficialDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (font.Family is { } family)
        {
            try
            {
                return GbLayoutPdf.Render(document, family, _chineseDate);
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or InvalidDataException or IndexOutOfRangeException or NotSupportedException)
            {
                logger.LogError(e, "公文 {Number} 未能以正式版式生成，改用备用格式", document.Number);
            }
        }

        return Fallback(document);
    }

    private byte[] Fallback(OfficialDocument d)
    {
        var date = _chineseDate ? OfficialDate.Chinese(d.Date) : OfficialDate.Arabic(d.Date);
        var pdf = new ChinesePdf($"{d.Title} {d.Number}", clock.GetUtcNow())
            .Heading(d.IssuingBody, 20)
            .Heading(d.Number, 12)
            .Rule()
            .Space(8)
            .Heading(d.Title, 18)
            .Space(6);
        if (!string.IsNullOrWhiteSpace(d.Addressee))
        {
            pdf.Paragraph(d.Addressee + "：", 12);
        }

        foreach (var (label, value) in d.Fields)
        {
            pdf.Paragraph($"{label}：{value}", 12, indent: 24);
        }

        foreach (var p in d.Paragraphs)
        {
            pdf.Paragraph(p, 12, indent: 24);
        }

        pdf.Space(24).Paragraph(d.SigningBody, 12, indent: 300).Paragraph(date, 12, indent: 300);
        if (!string.IsNullOrWhiteSpace(d.Note))
        {
            pdf.Space(12).Paragraph($"（{d.Note}）", 12, indent: 24);
        }

        return pdf.ToArray();
    }
}
