using System.Text;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Xinfang.Web.Documents;

/// <summary>
/// An official document in the layout of GB/T 9704-2012 《党政机关公文格式》, drawn with PDFsharp 6 in
/// the configured CJK font, embedded as a subset (ADR 0100). A4; 天头 37 mm, 订口 28 mm, so the 版心 is
/// 156 × 225 mm (right 26 mm, bottom 35 mm). 版头: the 发文机关标志 red and centred, the 发文字号 centred
/// under it, a red separator across the 版心. 主体: the title (2号, 22 pt) centred, the 主送 line, the
/// body in 3号 (16 pt) with two-character first-line indents on a 22-line grid, the 落款 — 成文日期 右空四字,
/// the signing body centred above it, both under the dashed seal position (印章 下压署名和日期) — and the
/// 附注 in brackets. 页码 in 4号 (14 pt) as "— 1 —", odd pages right, even pages left, one character in.
/// </summary>
internal static class GbLayoutPdf
{
    private const double Mm = 72 / 25.4;
    private const double Top = 37 * Mm;
    private const double Left = 28 * Mm;
    private const double TextWidth = 156 * Mm;
    private const double TextBottom = Top + (225 * Mm);
    private const double BodySize = 16;        // 3号
    private const double TitleSize = 22;       // 2号
    private const double PageNumberSize = 14;  // 4号
    private const double LinePitch = 225 * Mm / 22; // 22 lines a page
    private const double SealDiameter = 42 * Mm;

    /// <summary>Characters that must not begin a line (避头点): they hang at the end of the line before.</summary>
    private const string NoLineStart = "，。、；：？！）》」』】”’%,.;:?!)]";

    private static readonly XColor Red = XColor.FromArgb(230, 0, 18);

    public static byte[] Render(OfficialDocument d, string family, bool chineseDate)
    {
        using var pdf = new PdfDocument();
        pdf.Info.Title = $"{d.Title} {d.Number}";
        pdf.Info.Author = d.SigningBody;
        pdf.Info.Creator = "信访业务系统";
        pdf.Language = "zh-CN";
        var options = new XPdfFontOptions(PdfFontEncoding.Unicode, PdfFontEmbedding.TryComputeSubset);
        var writer = new Writer(pdf, family, options);

        // 版头
        var flagSize = 26.0;
        var flag = writer.Font(flagSize, bold: true);
        while (flagSize > 14 && writer.Width(d.IssuingBody, flag) > TextWidth)
        {
            flag = writer.Font(flagSize -= 2, bold: true);
        }

        writer.Y = Top + flagSize;
        writer.Centred(d.IssuingBody, flag, Red);
        writer.Y += LinePitch * 1.5;
        writer.Centred(d.Number, writer.Font(BodySize), XColors.Black);
        writer.Y += 4 * Mm;
        writer.Graphics.DrawLine(new XPen(Red, 1.2), Left, writer.Y, Left + TextWidth, writer.Y);

        // 主体
        writer.Y += LinePitch * 1.5;
        var titleFont = writer.Font(TitleSize, bold: true);
        foreach (var line in writer.Wrap(d.Title, titleFont, TextWidth))
        {
            writer.NeedLine(TitleSize * 1.6);
            writer.Centred(line, titleFont, XColors.Black);
            writer.Y += TitleSize * 1.6;
        }

        var body = writer.Font(BodySize);
        writer.Y += LinePitch - (TitleSize * 1.6) + BodySize;
        if (!string.IsNullOrWhiteSpace(d.Addressee))
        {
            writer.Paragraph(d.Addressee + "：", body, indent: false);
        }

        foreach (var (label, value) in d.Fields)
        {
            writer.Paragraph($"{label}：{value}", body, indent: true);
        }

        foreach (var paragraph in d.Paragraphs)
        {
            foreach (var part in paragraph.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
            {
                if (part.Trim().Length > 0)
                {
                    writer.Paragraph(part.Trim(), body, indent: true);
                }
            }
        }

        // 落款: 成文日期 右空四字; the signing body centred over the date; the seal over both, the text a little below its centre.
        var date = chineseDate ? OfficialDate.Chinese(d.Date) : OfficialDate.Arabic(d.Date);
        writer.NeedLine((LinePitch * 3) + (SealDiameter / 2));
        writer.Y += LinePitch * 2;
        var dateRight = Left + TextWidth - (4 * BodySize);
        var dateWidth = writer.Width(date, body);
        var centre = dateRight - (dateWidth / 2);
        var signer = writer.Wrap(d.SigningBody, body, TextWidth / 2).ToList();
        var signerTop = writer.Y - BodySize;
        foreach (var line in signer)
        {
            writer.Graphics.DrawString(line, body, XBrushes.Black, centre - (writer.Width(line, body) / 2), writer.Y);
            writer.Y += LinePitch;
        }

        writer.Graphics.DrawString(date, body, XBrushes.Black, dateRight - dateWidth, writer.Y);
        var sealCentreY = ((signerTop + writer.Y) / 2) - (LinePitch * 0.3);
        var seal = new XPen(Red, 0.8) { DashStyle = XDashStyle.Dash };
        writer.Graphics.DrawEllipse(seal, centre - (SealDiameter / 2), sealCentreY - (SealDiameter / 2), SealDiameter, SealDiameter);
        var sealLabel = writer.Font(9);
        const string SealText = "（印章位置）";
        writer.Graphics.DrawString(SealText, sealLabel, new XSolidBrush(Red), centre - (writer.Width(SealText, sealLabel) / 2), sealCentreY - (SealDiameter / 2) + 14);
        writer.Y += LinePitch;

        // 附注: 居左空二字, in brackets.
        if (!string.IsNullOrWhiteSpace(d.Note))
        {
            writer.Y = Math.Max(writer.Y, sealCentreY + (SealDiameter / 2) + BodySize);
            writer.Paragraph($"（{d.Note}）", body, indent: true);
        }

        writer.Finish();
        using var stream = new MemoryStream();
        pdf.Save(stream, false);
        return stream.ToArray();
    }

    /// <summary>Text without controls (a line break is the caller's), characters beyond the BMP kept as they are: the embedded font maps what it has.</summary>
    internal static string Clean(string text)
    {
        var s = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            s.Append(char.IsControl(c) ? ' ' : c);
        }

        return s.ToString();
    }

    private sealed class Writer(PdfDocument pdf, string family, XPdfFontOptions options)
    {
        private readonly Dictionary<(double, bool), XFont> _fonts = [];
        private readonly Dictionary<(string, double), double> _widths = [];
        private XGraphics? _graphics;
        private int _pages;

        public double Y { get; set; }

        public XGraphics Graphics => _graphics ??= NewPage();

        public XFont Font(double size, bool bold = false)
        {
            if (!_fonts.TryGetValue((size, bold), out var font))
            {
                font = new XFont(family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, options);
                _fonts[(size, bold)] = font;
            }

            return font;
        }

        public double Width(string text, XFont font)
        {
            double width = 0;
            var e = System.Globalization.StringInfo.GetTextElementEnumerator(text);
            while (e.MoveNext())
            {
                var element = e.GetTextElement();
                var key = (element + (font.Bold ? "\u0001" : string.Empty), font.Size);
                if (!_widths.TryGetValue(key, out var w))
                {
                    w = Graphics.MeasureString(element, font).Width;
                    _widths[key] = w;
                }

                width += w;
            }

            return width;
        }

        public void Centred(string text, XFont font, XColor color) =>
            Graphics.DrawString(text, font, new XSolidBrush(color), Left + ((TextWidth - Width(text, font)) / 2), Y);

        /// <summary>A paragraph on the line grid: first line indented two characters when <paramref name="indent"/>.</summary>
        public void Paragraph(string text, XFont font, bool indent)
        {
            var first = true;
            foreach (var line in Wrap(Clean(text), font, TextWidth, indent ? 2 * font.Size : 0))
            {
                NeedLine(LinePitch);
                var x = Left + (first && indent ? 2 * font.Size : 0);
                Graphics.DrawString(line, font, XBrushes.Black, x, Y);
                Y += LinePitch;
                first = false;
            }
        }

        /// <summary>A new page when less than <paramref name="height"/> is left above the bottom of the 版心.</summary>
        public void NeedLine(double height)
        {
            if (Y + height - LinePitch > TextBottom)
            {
                _graphics?.Dispose();
                _graphics = NewPage();
                Y = Top + BodySize;
            }
        }

        /// <summary>Lines of at most <paramref name="width"/>: any two Chinese characters may part, Latin words stay whole, a closing mark never starts a line.</summary>
        public IEnumerable<string> Wrap(string text, XFont font, double width, double firstIndent = 0)
        {
            var units = new List<string>();
            var word = new StringBuilder();
            var e = System.Globalization.StringInfo.GetTextElementEnumerator(Clean(text));
            while (e.MoveNext())
            {
                var element = e.GetTextElement();
                if (element.Length == 1 && char.IsAsciiLetterOrDigit(element[0]))
                {
                    word.Append(element);
                    continue;
                }

                if (word.Length > 0)
                {
                    units.Add(word.ToString());
                    word.Clear();
                }

                units.Add(element);
            }

            if (word.Length > 0)
            {
                units.Add(word.ToString());
            }

            var line = new StringBuilder();
            double used = 0, limit = width - firstIndent;
            foreach (var unit in units)
            {
                var w = Width(unit, font);
                var hangs = unit.Length == 1 && NoLineStart.Contains(unit[0], StringComparison.Ordinal);
                if (line.Length > 0 && used + w > limit && !hangs)
                {
                    yield return line.ToString();
                    line.Clear();
                    used = 0;
                    limit = width;
                    if (unit == " ")
                    {
                        continue;
                    }
                }

                line.Append(unit);
                used += w;
            }

            if (line.Length > 0)
            {
                yield return line.ToString();
            }
        }

        public void Finish() => _graphics?.Dispose();

        private XGraphics NewPage()
        {
            var page = pdf.AddPage();
            page.Size = PageSize.A4;
            var g = XGraphics.FromPdfPage(page);
            _pages++;
            // 页码: "— n —", 4号, 7 mm under the 版心; odd pages 右空一字, even pages 左空一字.
            var font = Font(PageNumberSize);
            var number = $"— {_pages} —";
            var w = g.MeasureString(number, font).Width;
            var x = _pages % 2 == 1 ? Left + TextWidth - PageNumberSize - w : Left + PageNumberSize;
            g.DrawString(number, font, XBrushes.Black, x, TextBottom + (7 * Mm) + PageNumberSize);
            return g;
        }
    }
}
