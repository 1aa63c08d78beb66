using System.IO.Compression;
using System.Text;

namespace Xinfang.Web.Attachments;

/// <summary>What a file is, judged by its bytes: the type it is served as and the extensions it may carry.</summary>
public sealed record FileKind(string Name, string ContentType, string Label, IReadOnlyList<string> Extensions);

/// <summary>
/// Decides from the content alone (magic bytes and structure, never the name or the declared type)
/// whether a file is one of the kinds petition material may be (ADR 0052). Anything else — HTML, SVG,
/// XML, scripts, executables, archives, macro-enabled Office files, text that is not UTF-8 — is null.
/// </summary>
public static class ContentSniffer
{
    public static readonly FileKind Pdf = new("pdf", "application/pdf", "PDF 文档", [".pdf"]);
    public static readonly FileKind Jpeg = new("jpeg", "image/jpeg", "JPEG 图片", [".jpg", ".jpeg"]);
    public static readonly FileKind Png = new("png", "image/png", "PNG 图片", [".png"]);
    public static readonly FileKind Gif = new("gif", "image/gif", "GIF 图片", [".gif"]);
    public static readonly FileKind Docx = new("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word 文档", [".docx"]);
    public static readonly FileKind Xlsx = new("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel 表格", [".xlsx"]);
    public static readonly FileKind Text = new("text", "text/plain; charset=utf-8", "纯文本", [".txt"]);

    public static IReadOnlyList<FileKind> All { get; } = [Pdf, Jpeg, Png, Gif, Docx, Xlsx, Text];

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Markup or script that a browser or shell would act on; a text attachment must contain none.</summary>
    private static readonly string[] ActiveText =
        ["<script", "<html", "<svg", "<!doctype", "<iframe", "<body", "<?xml", "<object", "<embed", "<meta", "<img", "javascript:", "vbscript:", "onerror=", "onload="];

    public static FileKind? Sniff(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return null;
        }

        if (data.StartsWith("%PDF-"u8))
        {
            // Best effort against active PDFs: no document-level script or launch actions.
            return data.IndexOf("/JavaScript"u8) < 0 && data.IndexOf("/Launch"u8) < 0 ? Pdf : null;
        }

        if (data.Length > 16 && data.StartsWith(PngSignature) && data.Slice(12, 4).SequenceEqual("IHDR"u8))
        {
            return Png;
        }

        if (data.Length > 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
        {
            return Jpeg;
        }

        if (data.StartsWith("GIF87a"u8) || data.StartsWith("GIF89a"u8))
        {
            return Gif;
        }

        if (data.StartsWith("PK\u0003\u0004"u8))
        {
            return OfficeOpenXml(data.ToArray());
        }

        return IsPlainText(data) ? Text : null;
    }

    /// <summary>A docx or xlsx: a zip whose parts say so, with no macros. Entries are listed, never extracted.</summary>
    private static FileKind? OfficeOpenXml(byte[] data)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(data, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > 10_000)
            {
                return null;
            }

            var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (!names.Contains("[Content_Types].xml") || names.Any(n => n.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase)))
            {
                return null;
            }

            var types = zip.GetEntry("[Content_Types].xml")!;
            if (types.Length > 1_000_000)
            {
                return null;
            }

            using var reader = new StreamReader(types.Open(), Encoding.UTF8);
            var text = reader.ReadToEnd();
            if (text.Contains("macroEnabled", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            if (names.Contains("word/document.xml") && text.Contains("wordprocessingml.document.main+xml", StringComparison.Ordinal))
            {
                return Docx;
            }

            if (names.Contains("xl/workbook.xml") && text.Contains("spreadsheetml.sheet.main+xml", StringComparison.Ordinal))
            {
                return Xlsx;
            }

            return null;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Strict UTF-8, no control characters but tab and line ends, and nothing a browser or shell would run.</summary>
    private static bool IsPlainText(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith("\uFEFF"u8))
        {
            data = data[3..];
        }

        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(data);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r' or '\f'))
            {
                return false;
            }
        }

        var start = text.TrimStart();
        if (start.Length == 0 || start.StartsWith('<') || start.StartsWith("#!", StringComparison.Ordinal) || start.StartsWith("MZ", StringComparison.Ordinal))
        {
            return false;
        }

        return !ActiveText.Any(marker => text.Contains(marker, StringComparison.OrdinalIgnoreCase));
    }
}
