using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Xinfang.Web.Portal.Pdf;

/// <summary>
/// A small PDF 1.7 writer for Chinese documents (ADR 0073): A4 pages, headings, wrapped paragraphs,
/// rules and two-column tables, page numbers. Text is set in the predefined Adobe CJK font
/// <c>STSong-Light</c> with the <c>UniGB-UCS2-H</c> encoding (a Type0 font over a CIDFontType0, not
/// embedded: every conforming reader ships it, so a receipt is a few kilobytes and needs no font
/// file on the server). A ToUnicode CMap maps every code back to its character, so the text can be
/// searched, copied and read by a screen reader. Layout works top-down in points (1/72 inch).
/// </summary>
internal sealed class ChinesePdf
{
    public const double PageWidth = 595.28;  // A4, 210 mm
    public const double PageHeight = 841.89; // A4, 297 mm
    public const double Margin = 56.7;       // 20 mm

    /// <summary>Characters that must not begin a line (避头点): they stay at the end of the line before, slightly past the margin.</summary>
    private const string NoLineStart = "，。、；：？！）》」』】”’%,.;:?!)]";

    private readonly List<StringBuilder> _pages = [];
    private readonly string _title;
    private readonly DateTimeOffset _created;
    private double _y;

    public ChinesePdf(string title, DateTimeOffset created)
    {
        _title = title;
        _created = created;
        NewPage();
    }

    private StringBuilder Page => _pages[^1];

    private static double ContentWidth => PageWidth - (2 * Margin);

    /// <summary>A heading: larger, drawn with a thin outline to look bold (the predefined font has no bold face).</summary>
    public ChinesePdf Heading(string text, double size = 18, bool centred = true)
    {
        foreach (var line in Wrap(text, size, ContentWidth))
        {
            NeedRoom(size * 1.6);
            var x = centred ? Margin + ((ContentWidth - WidthOf(line, size)) / 2) : Margin;
            _y -= size * 1.3;
            Text(x, _y, size, line, bold: true);
            _y -= size * 0.3;
        }

        return this;
    }

    /// <summary>A paragraph wrapped to the page width by character width (Chinese characters full width, Latin by its glyph widths).</summary>
    public ChinesePdf Paragraph(string text, double size = 11, double indent = 0)
    {
        foreach (var para in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            foreach (var line in Wrap(para, size, ContentWidth - indent))
            {
                NeedRoom(size * 1.6);
                _y -= size * 1.5;
                Text(Margin + indent, _y, size, line, bold: false);
            }
        }

        return this;
    }

    public ChinesePdf Space(double points)
    {
        _y -= points;
        return this;
    }

    /// <summary>A horizontal line across the text width.</summary>
    public ChinesePdf Rule(double thickness = 0.8)
    {
        NeedRoom(8);
        _y -= 4;
        Page.Append(CultureInfo.InvariantCulture, $"q {N(thickness)} w {N(Margin)} {N(_y)} m {N(PageWidth - Margin)} {N(_y)} l S Q\n");
        _y -= 4;
        return this;
    }

    /// <summary>A bordered table of label/value rows; long values wrap inside their cell, a row never splits across pages.</summary>
    public ChinesePdf Table(IEnumerable<(string Label, string Value)> rows, double labelWidth = 110, double size = 11)
    {
        const double pad = 5;
        var valueWidth = ContentWidth - labelWidth;
        var lineHeight = size * 1.45;
        foreach (var (label, value) in rows)
        {
            var labelLines = Wrap(label, size, labelWidth - (2 * pad));
            var valueLines = Wrap(value, size, valueWidth - (2 * pad));
            var height = (Math.Max(labelLines.Count, valueLines.Count) * lineHeight) + (2 * pad);
            NeedRoom(height);
            var top = _y;
            var bottom = top - height;
            Page.Append(CultureInfo.InvariantCulture, $"q 0.95 g {N(Margin)} {N(bottom)} {N(labelWidth)} {N(height)} re f Q\n");
            Page.Append(CultureInfo.InvariantCulture, $"q 0.6 w {N(Margin)} {N(bottom)} {N(ContentWidth)} {N(height)} re S {N(Margin + labelWidth)} {N(bottom)} m {N(Margin + labelWidth)} {N(top)} l S Q\n");
            for (var i = 0; i < labelLines.Count; i++)
            {
                Text(Margin + pad, top - pad - (lineHeight * i) - (size * 1.1), size, labelLines[i], bold: false);
            }

            for (var i = 0; i < valueLines.Count; i++)
            {
                Text(Margin + labelWidth + pad, top - pad - (lineHeight * i) - (size * 1.1), size, valueLines[i], bold: false);
            }

            _y = bottom;
        }

        return this;
    }

    /// <summary>The finished file: pages numbered 第 n 页 共 m 页, document info in Unicode, catalog language zh-CN.</summary>
    public byte[] ToArray()
    {
        var objects = new List<byte[]>();
        int Add(string body) => Add2(Encoding.ASCII.GetBytes(body));
        int Add2(byte[] body)
        {
            objects.Add(body);
            return objects.Count;
        }

        // Object numbers: 1 catalog, 2 pages, 3 font, 4 CID font, 5 descriptor, 6 ToUnicode, 7 info; pages follow.
        Add("<< /Type /Catalog /Pages 2 0 R /Lang (zh-CN) /ViewerPreferences << /DisplayDocTitle true >> >>");
        Add(string.Empty); // the page tree, written once the page objects are numbered
        Add("<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [4 0 R] /ToUnicode 6 0 R >>");
        // Adobe-GB1 CIDs 1–95 are the proportional ASCII glyphs (their STSong-Light widths); the ideographs are full width (DW 1000).
        Add($"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 5 0 R /DW 1000 /W [1 [{string.Join(' ', AsciiWidths)}]] >>");
        Add("<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>");
        Add2(Stream(Encoding.ASCII.GetBytes(ToUnicodeCMap()), compress: true));
        Add($"<< /Title {Utf16(_title)} /Producer (Xinfang) /CreationDate ({PdfDate(_created)}) >>");

        var pageIds = new List<int>();
        for (var i = 0; i < _pages.Count; i++)
        {
            var footer = $"第 {i + 1} 页 共 {_pages.Count} 页";
            var content = new StringBuilder(_pages[i].ToString());
            AppendText(content, (PageWidth - WidthOf(footer, 9)) / 2, Margin / 2, 9, footer, bold: false);
            var contentId = Add2(Stream(Encoding.ASCII.GetBytes(content.ToString()), compress: true));
            pageIds.Add(Add($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {N(PageWidth)} {N(PageHeight)}] /Resources << /Font << /F1 3 0 R >> >> /Contents {contentId} 0 R >>"));
        }

        objects[1] = Encoding.ASCII.GetBytes($"<< /Type /Pages /Kids [{string.Join(' ', pageIds.Select(id => $"{id} 0 R"))}] /Count {pageIds.Count} >>");

        using var output = new MemoryStream();
        // The binary comment tells transfer tools the file is not text.
        Write(output, "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n", Encoding.Latin1);
        var offsets = new long[objects.Count];
        for (var i = 0; i < objects.Count; i++)
        {
            offsets[i] = output.Position;
            Write(output, $"{i + 1} 0 obj\n", Encoding.ASCII);
            output.Write(objects[i]);
            Write(output, "\nendobj\n", Encoding.ASCII);
        }

        var xref = output.Position;
        var table = new StringBuilder();
        table.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            table.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        table.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R /Info 7 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        Write(output, table.ToString(), Encoding.ASCII);
        return output.ToArray();
    }

    /// <summary>Width of a text in points: ideographs and full-width forms 1 em, the ASCII range by its own widths.</summary>
    public static double WidthOf(string text, double size) => text.Sum(c => Advance(c)) * size / 1000;

    /// <summary>
    /// Breaks a text into lines no wider than <paramref name="width"/>: between any two Chinese characters,
    /// between Latin words (a word longer than a line is broken), and never before a closing mark (避头点).
    /// </summary>
    public static IReadOnlyList<string> Wrap(string text, double size, double width)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        var lineWidth = 0.0;
        var limit = width * 1000 / size;
        var i = 0;
        var clean = Printable(text);
        while (i < clean.Length)
        {
            // A run of Latin letters and digits moves as one piece; everything else one character at a time.
            var end = i + 1;
            if (IsWordChar(clean[i]))
            {
                while (end < clean.Length && IsWordChar(clean[end]))
                {
                    end++;
                }
            }

            var piece = clean[i..end];
            var pieceWidth = piece.Sum(c => Advance(c));
            if (lineWidth + pieceWidth > limit && line.Length > 0 && !(piece.Length == 1 && NoLineStart.Contains(piece[0], StringComparison.Ordinal)))
            {
                lines.Add(line.ToString().TrimEnd());
                line.Clear();
                lineWidth = 0;
                if (piece == " ")
                {
                    i = end;
                    continue;
                }
            }

            if (pieceWidth > limit && line.Length == 0)
            {
                // A Latin word wider than the line: break it where the line is full.
                var taken = 0;
                var w = 0.0;
                while (taken < piece.Length && w + Advance(piece[taken]) <= limit)
                {
                    w += Advance(piece[taken++]);
                }

                taken = Math.Max(taken, 1);
                lines.Add(piece[..taken]);
                i += taken;
                continue;
            }

            line.Append(piece);
            lineWidth += pieceWidth;
            i = end;
        }

        if (line.Length > 0 || lines.Count == 0)
        {
            lines.Add(line.ToString().TrimEnd());
        }

        return lines;
    }

    private static bool IsWordChar(char c) => c < 128 && char.IsLetterOrDigit(c);

    /// <summary>
    /// STSong-Light's widths of U+0020–U+007E (Adobe-GB1 CIDs 1–95, in thousandths of an em), the published
    /// metrics of the predefined font: written into the font's W array and used to wrap lines, so the
    /// layout here and the reader's placement of each glyph agree.
    /// </summary>
    private static readonly int[] AsciiWidths =
    [
        207, 270, 342, 467, 462, 797, 710, 239, 374, 374, 423, 605, 238, 375, 238, 334,
        462, 462, 462, 462, 462, 462, 462, 462, 462, 462, 238, 238, 605, 605, 605, 344,
        748, 684, 560, 695, 739, 563, 511, 729, 793, 318, 312, 666, 526, 896, 758, 772,
        544, 772, 628, 465, 607, 753, 711, 972, 647, 620, 607, 374, 333, 374, 606, 500,
        239, 417, 503, 427, 529, 415, 264, 444, 518, 241, 230, 495, 228, 793, 527, 524,
        524, 504, 338, 336, 277, 517, 450, 652, 466, 452, 407, 370, 258, 370, 605,
    ];

    private static double Advance(char c) => c is >= ' ' and <= '~' ? AsciiWidths[c - ' '] : 1000;

    /// <summary>
    /// What the font can show: UCS-2 code units outside the surrogate range. Control characters become
    /// spaces; characters beyond the Basic Multilingual Plane (which UCS-2 cannot encode) become 〓, the
    /// Chinese typesetter's mark for a missing character.
    /// </summary>
    private static string Printable(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append('〓');
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                sb.Append('〓');
            }
            else
            {
                sb.Append(char.IsControl(c) ? ' ' : c);
            }
        }

        return sb.ToString();
    }

    private void NewPage()
    {
        _pages.Add(new StringBuilder());
        _y = PageHeight - Margin;
    }

    private void NeedRoom(double height)
    {
        if (_y - height < Margin)
        {
            NewPage();
        }
    }

    private void Text(double x, double y, double size, string text, bool bold) => AppendText(Page, x, y, size, text, bold);

    private static void AppendText(StringBuilder page, double x, double y, double size, string text, bool bold)
    {
        var hex = new StringBuilder(text.Length * 4);
        foreach (var c in Printable(text))
        {
            hex.Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
        }

        // Render mode 2 (fill and stroke) with a thin line thickens the strokes: a bold look without a bold font.
        var mode = bold ? $"2 Tr {N(size / 30)} w " : string.Empty;
        page.Append(CultureInfo.InvariantCulture, $"BT {mode}/F1 {N(size)} Tf {N(x)} {N(y)} Td <{hex}> Tj ET\n");
    }

    /// <summary>UCS-2 code = Unicode code point: one range per high byte (a range may not cross it), surrogates left out.</summary>
    private static string ToUnicodeCMap()
    {
        var sb = new StringBuilder();
        sb.Append("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n");
        sb.Append("/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n");
        sb.Append("1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
        var highs = Enumerable.Range(0, 256).Where(h => h is < 0xD8 or > 0xDF).ToList();
        foreach (var chunk in highs.Chunk(100))
        {
            sb.Append(CultureInfo.InvariantCulture, $"{chunk.Length} beginbfrange\n");
            foreach (var h in chunk)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<{h:X2}00> <{h:X2}FF> <{h:X2}00>\n");
            }

            sb.Append("endbfrange\n");
        }

        sb.Append("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
        return sb.ToString();
    }

    private static byte[] Stream(byte[] data, bool compress)
    {
        var body = data;
        if (compress)
        {
            using var packed = new MemoryStream();
            using (var z = new ZLibStream(packed, CompressionLevel.Optimal, leaveOpen: true))
            {
                z.Write(data);
            }

            body = packed.ToArray();
        }

        using var ms = new MemoryStream();
        Write(ms, $"<< /Length {body.Length}{(compress ? " /Filter /FlateDecode" : string.Empty)} >>\nstream\n", Encoding.ASCII);
        ms.Write(body);
        Write(ms, "\nendstream", Encoding.ASCII);
        return ms.ToArray();
    }

    private static string Utf16(string text) =>
        "<FEFF" + string.Concat(Printable(text).Select(c => ((int)c).ToString("X4", CultureInfo.InvariantCulture))) + ">";

    private static string PdfDate(DateTimeOffset t)
    {
        var offset = t.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        return string.Create(CultureInfo.InvariantCulture, $"D:{t:yyyyMMddHHmmss}{sign}{Math.Abs(offset.Hours):D2}'{Math.Abs(offset.Minutes):D2}'");
    }

    private static string N(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    private static void Write(Stream s, string text, Encoding encoding) => s.Write(encoding.GetBytes(text));
}
