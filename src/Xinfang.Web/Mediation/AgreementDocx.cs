using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Xinfang.Web.Reports;

namespace Xinfang.Web.Mediation;

/// <summary>
/// The 调解协议书 / 和解协议书 a session records (条例 Art. 33: 经调解、和解达成一致意见的，应当制作调解协议书或者和解协议书) as
/// a Word document the body prints for the parties to sign, in the annual report's style (<see cref="DocxWriter"/>): the
/// title in 宋体, the body in 三号仿宋, A4 with the official margins. It names the body, the kind, the day and place, the
/// items (numbers only), the people who took part and the terms; the parties sign on paper — the system keeps no signature.
/// </summary>
public static class AgreementDocx
{
    public const string ContentType = DocxWriter.ContentType;

    public static byte[] Write(MediationSessionView s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var a = s.Agreement ?? throw new InvalidOperationException("该调解没有协议书");
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = Styles();
            var body = new Body();
            body.Append(Paragraph(a.KindName, "Title"));
            body.Append(Paragraph($"{s.OrganizationName}{a.Number}", "Number"));
            body.Append(Paragraph($"调解机关：{s.OrganizationName}", null));
            body.Append(Paragraph($"调解方式：{s.KindText}", null));
            body.Append(Paragraph($"调解时间：{s.HeldOn:yyyy年M月d日}", null));
            body.Append(Paragraph($"调解地点：{s.Place}", null));
            if (s.Items.Count > 0)
            {
                body.Append(Paragraph($"涉及信访事项：{string.Join("、", s.Items.Select(i => i.Number))}", null));
            }

            if (s.Participants.Count > 0)
            {
                body.Append(Paragraph($"参加人员：{string.Join("；", s.Participants.Select(p => $"{p.Name}（{p.RoleName}）"))}", null));
            }

            body.Append(Paragraph("协议内容", "Heading1"));
            foreach (var line in a.Terms.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0))
            {
                body.Append(Paragraph(line, null));
            }

            body.Append(Paragraph($"调解结果：{s.OutcomeName}。{s.OutcomeNote}", null));
            body.Append(Paragraph("本协议经各方当事人签字（盖章）后生效，一式三份，当事人各执一份，调解机关存档一份。", null));
            body.Append(Paragraph("当事人（签字）：　　　　　　　　　　当事人（签字）：", null));
            body.Append(Paragraph("调解人员（签字）：", null));
            body.Append(Paragraph($"{s.OrganizationName}（盖章）", "Right"));
            body.Append(Paragraph($"{s.HeldOn:yyyy年M月d日}", "Right"));
            body.Append(new SectionProperties(
                new PageSize { Width = 11906, Height = 16838 }, // A4
                new PageMargin { Top = 1440, Bottom = 1440, Left = 1588, Right = 1474, Header = 851, Footer = 992, Gutter = 0 }));
            main.Document = new Document(body);
            main.Document.Save();
        }

        return stream.ToArray();
    }

    /// <summary>The text of a document's body, paragraph by paragraph (the tests read the .docx back through it).</summary>
    public static string TextOf(byte[] docx)
    {
        ArgumentNullException.ThrowIfNull(docx);
        using var stream = new MemoryStream(docx);
        using var document = WordprocessingDocument.Open(stream, false);
        var body = document.MainDocumentPart?.Document?.Body;
        return body is null ? string.Empty : string.Join("\n", body.Elements<Paragraph>().Select(p => p.InnerText));
    }

    private static Paragraph Paragraph(string text, string? style)
    {
        var p = new Paragraph();
        if (style is not null)
        {
            p.Append(new ParagraphProperties(new ParagraphStyleId { Val = style }));
        }

        p.Append(new Run(new DocumentFormat.OpenXml.Wordprocessing.Text(XlsxWriter.XmlSafe(text)) { Space = SpaceProcessingModeValues.Preserve }));
        return p;
    }

    private static Styles Styles()
    {
        static Style Paragraph(string id, string name, string size, bool bold, string font, JustificationValues? justify = null)
        {
            var props = new StyleRunProperties(
                new RunFonts { Ascii = "Times New Roman", HighAnsi = "Times New Roman", EastAsia = font },
                new FontSize { Val = size },
                new FontSizeComplexScript { Val = size });
            if (bold)
            {
                props.PrependChild(new Bold());
            }

            var paragraph = new StyleParagraphProperties(new SpacingBetweenLines { Before = "120", After = "120", Line = "360", LineRule = LineSpacingRuleValues.Auto });
            if (justify is { } j)
            {
                paragraph.Append(new Justification { Val = j });
            }

            return new Style(new StyleName { Val = name }, new PrimaryStyle(), paragraph, props)
            {
                Type = StyleValues.Paragraph,
                StyleId = id,
                Default = id == "Normal" ? true : null,
            };
        }

        return new Styles(
            Paragraph("Normal", "Normal", "32", bold: false, "仿宋"),      // 三号仿宋, the usual body of official documents
            Paragraph("Title", "Title", "44", bold: true, "宋体", JustificationValues.Center),
            Paragraph("Number", "Number", "32", bold: false, "仿宋", JustificationValues.Center),
            Paragraph("Right", "Right", "32", bold: false, "仿宋", JustificationValues.Right),
            Paragraph("Heading1", "heading 1", "32", bold: true, "黑体"));
    }
}
