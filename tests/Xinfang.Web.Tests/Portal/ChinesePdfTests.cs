using UglyToad.PdfPig;
using Xinfang.Web.Portal;
using Xinfang.Web.Portal.Pdf;

namespace Xinfang.Web.Tests.Portal;

/// <summary>The hand-written PDF writer (ADR 0073), read back with PdfPig: text that can be searched, lines that fit, pages that break.</summary>
public sealed class ChinesePdfTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void Chinese_and_Latin_text_reads_back_as_written()
    {
        var bytes = new ChinesePdf("测试", Now)
            .Heading("信访事项登记回执")
            .Table([("信访件编号", "330106XFJ-2026-000123"), ("查询码", "7CYAV4A27U")])
            .Paragraph("请登录 https://xinfang.example.gov.cn/track 查询。")
            .ToArray();

        using var pdf = PdfDocument.Open(bytes);
        var text = pdf.GetPage(1).Text;
        Assert.Contains("信访事项登记回执", text, StringComparison.Ordinal);
        Assert.Contains("330106XFJ-2026-000123", text, StringComparison.Ordinal);
        Assert.Contains("7CYAV4A27U", text, StringComparison.Ordinal);
        Assert.Contains("https://xinfang.example.gov.cn/track", text, StringComparison.Ordinal);
        Assert.Equal("测试", pdf.Information.Title);
        // Not embedded: the reader's own STSong-Light (every conforming reader ships the Adobe CJK fonts).
        Assert.All(pdf.GetPage(1).Letters, l => Assert.Contains("STSong-Light", l.FontName, StringComparison.Ordinal));
    }

    [Fact]
    public void A_long_text_wraps_inside_the_margins_and_breaks_onto_numbered_pages()
    {
        var sentence = "物业公司今年起每月加收停车管理费两百元，没有任何公示，请有关部门查处。Parking fee 200 yuan/month. ";
        var body = string.Concat(Enumerable.Repeat(sentence, 60));
        var bytes = new ChinesePdf("长文", Now).Heading("长文").Paragraph(body).ToArray();

        using var pdf = PdfDocument.Open(bytes);
        Assert.True(pdf.NumberOfPages >= 2, $"{pdf.NumberOfPages} page(s)");
        var all = string.Concat(pdf.GetPages().Select(p => p.Text));
        // Every character arrives, in order, whatever the line breaks (spaces at a break are dropped).
        Assert.Contains(Strip(sentence), Strip(all), StringComparison.Ordinal);
        Assert.Equal(60, CountOf(Strip(all), "请有关部门查处"));
        Assert.Contains($"第 1 页 共 {pdf.NumberOfPages} 页", all, StringComparison.Ordinal);
        foreach (var page in pdf.GetPages())
        {
            Assert.All(page.Letters, l =>
            {
                Assert.InRange(l.StartBaseLine.X, ChinesePdf.Margin - 1, ChinesePdf.PageWidth - ChinesePdf.Margin + 12); // a closing mark may hang
                Assert.InRange(l.StartBaseLine.Y, (ChinesePdf.Margin / 2) - 1, ChinesePdf.PageHeight - ChinesePdf.Margin);
            });
        }
    }

    [Theory]
    [InlineData("信访事项已登记，编号为330106XFJ-2026-000123。", 11, 100)]
    [InlineData("一二三四五六七八九十，一二三四五六七八九十。", 10, 100)]
    [InlineData("Supercalifragilisticexpialidocious-and-a-very-long-url-without-spaces", 11, 80)]
    public void Lines_fit_their_width_and_no_line_starts_with_a_closing_mark(string text, double size, double width)
    {
        var lines = ChinesePdf.Wrap(text, size, width);

        Assert.Equal(text.Replace(" ", string.Empty, StringComparison.Ordinal), string.Concat(lines).Replace(" ", string.Empty, StringComparison.Ordinal));
        Assert.All(lines, line =>
        {
            Assert.DoesNotMatch("^[，。、；：？！）》」』】”’]", line);
            // A closing mark may hang past the width by one character, nothing else.
            var body = line.TrimEnd('，', '。', '、', '；', '：', '？', '！');
            Assert.True(ChinesePdf.WidthOf(body, size) <= width + 0.01, $"'{line}' is {ChinesePdf.WidthOf(line, size)} wide");
        });
    }

    [Fact]
    public void Characters_the_font_cannot_encode_become_the_missing_character_mark_and_controls_spaces()
    {
        var bytes = new ChinesePdf("t", Now).Paragraph("张𠀀三\u0007四").ToArray();

        using var pdf = PdfDocument.Open(bytes);
        Assert.Contains("张〓三", pdf.GetPage(1).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_download_name_is_RFC_5987_encoded_with_an_ASCII_fallback()
    {
        var header = ReceiptPdf.ContentDisposition("登记回执-330106XFJ-2026-000001.pdf");

        Assert.StartsWith("attachment; filename=\"", header, StringComparison.Ordinal);
        Assert.Contains("filename*=UTF-8''%E7%99%BB%E8%AE%B0%E5%9B%9E%E6%89%A7-330106XFJ-2026-000001.pdf", header, StringComparison.Ordinal);
        Assert.True(header.All(c => c < 128));
    }

    private static string Strip(string s) => new(s.Where(c => !char.IsWhiteSpace(c)).ToArray());

    private static int CountOf(string s, string part)
    {
        var n = 0;
        for (var i = s.IndexOf(part, StringComparison.Ordinal); i >= 0; i = s.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }
}
