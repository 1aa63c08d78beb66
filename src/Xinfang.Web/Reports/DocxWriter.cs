using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Xinfang.Web.Reports;

/// <summary>
/// The annual report as a Word document a bureau edits: real heading styles (标题 1/2, so Word's navigation pane
/// and outline work), body paragraphs in 仿宋, tables with borders and a bold header row, and every placeholder
/// 【请填写：…】 highlighted yellow so none is left in by mistake.
/// </summary>
public static class DocxWriter
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static byte[] Write(AnnualReport report)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = Styles();
            var body = new Body();
            body.Append(Paragraph(report.Title, "Title"));
            foreach (var block in report.Blocks)
            {
                switch (block)
                {
                    case ReportHeading h:
                        body.Append(Paragraph(h.Text, h.Level <= 2 ? "Heading1" : "Heading2"));
                        break;
                    case ReportParagraph p:
                        body.Append(Paragraph(p.Text, null));
                        break;
                    case ReportTableBlock t:
                        body.Append(Paragraph(t.Table.Title, "Heading2"));
                        body.Append(Table(t.Table));
                        body.Append(new Paragraph());
                        break;
                }
            }

            body.Append(new SectionProperties(
                new PageSize { Width = 11906, Height = 16838 }, // A4
                new PageMargin { Top = 1440, Bottom = 1440, Left = 1588, Right = 1474, Header = 851, Footer = 992, Gutter = 0 }));
            main.Document = new Document(body);
            main.Document.Save();
        }

        return stream.ToArray();
    }

    private static Paragraph Paragraph(string text, string? style)
    {
        var p = new Paragraph();
        if (style is not null)
        {
            p.Append(new ParagraphProperties(new ParagraphStyleId { Val = style }));
        }

        // Placeholders as their own runs, highlighted: the bureau sees at a glance what is still to write.
        var at = 0;
        while (at < text.Length)
        {
            var start = text.IndexOf(AnnualReport.PlaceholderStart, at, StringComparison.Ordinal);
            if (start < 0)
            {
                p.Append(Run(text[at..], highlight: false));
                break;
            }

            if (start > at)
            {
                p.Append(Run(text[at..start], highlight: false));
            }

            var end = text.IndexOf('】', start);
            end = end < 0 ? text.Length : end + 1;
            p.Append(Run(text[start..end], highlight: true));
            at = end;
        }

        return p;
    }

    private static Run Run(string text, bool highlight, bool bold = false)
    {
        var run = new Run();
        if (highlight || bold)
        {
            var props = new RunProperties();
            if (bold)
            {
                props.Append(new Bold());
            }

            if (highlight)
            {
                props.Append(new Highlight { Val = HighlightColorValues.Yellow });
            }

            run.Append(props);
        }

        run.Append(new DocumentFormat.OpenXml.Wordprocessing.Text(XlsxWriter.XmlSafe(text)) { Space = SpaceProcessingModeValues.Preserve });
        return run;
    }

    private static Table Table(ReportTable t)
    {
        var table = new Table(new TableProperties(
            new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
            new TableBorders(
                new TopBorder { Val = BorderValues.Single, Size = 4 },
                new BottomBorder { Val = BorderValues.Single, Size = 4 },
                new LeftBorder { Val = BorderValues.Single, Size = 4 },
                new RightBorder { Val = BorderValues.Single, Size = 4 },
                new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 },
                new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 })));
        table.Append(Row(t.Headers.Cast<object?>().ToList(), header: true));
        foreach (var row in t.Rows)
        {
            table.Append(Row(row, header: false));
        }

        if (t.Rows.Count == 0)
        {
            table.Append(Row(t.Headers.Select((_, n) => n == 0 ? "（无）" : (object?)string.Empty).ToList(), header: false));
        }

        return table;
    }

    private static TableRow Row(IReadOnlyList<object?> cells, bool header)
    {
        var row = new TableRow();
        if (header)
        {
            row.Append(new TableRowProperties(new TableHeader()));
        }

        foreach (var cell in cells)
        {
            var text = header ? cell?.ToString() ?? string.Empty : AnnualReport.Text(cell);
            row.Append(new TableCell(new Paragraph(Run(text, highlight: false, bold: header))));
        }

        return row;
    }

    private static Styles Styles()
    {
        static Style Paragraph(string id, string name, string size, bool bold, string font, JustificationValues? justify = null, int? outline = null)
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

            if (outline is { } level)
            {
                paragraph.Append(new OutlineLevel { Val = level });
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
            Paragraph("Heading1", "heading 1", "32", bold: true, "黑体", outline: 0),
            Paragraph("Heading2", "heading 2", "28", bold: true, "楷体", outline: 1));
    }
}
