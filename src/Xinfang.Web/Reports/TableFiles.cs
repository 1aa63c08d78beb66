using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Xinfang.Web.Reports;

/// <summary>
/// A table as an .xlsx workbook, written with the Open XML SDK directly (ADR 0083: ClosedXML 0.95 is built
/// against Open XML SDK 2.x, and the .docx needs 3.x). One sheet: a bold title row naming organisation and
/// period, a bold header row, then the rows — text as inline strings, numbers as numbers, empty for "—".
/// </summary>
public static class XlsxWriter
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    // Style indexes into the stylesheet below: 0 plain, 1 bold (title and headers), 2 a decimal with one place.
    private const uint Bold = 1;
    private const uint OneDecimal = 2;

    public static byte[] Write(ReportTable table, string caption)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Stylesheet();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            var title = $"{caption} {table.Title}";
            data.Append(Row(1, [title], Bold));
            data.Append(Row(2, table.Headers.Cast<object?>().ToList(), Bold));
            uint n = 3;
            foreach (var row in table.Rows)
            {
                data.Append(Row(n++, row, 0));
            }

            var worksheet = new Worksheet();
            worksheet.Append(Columns(table));
            worksheet.Append(data);
            if (table.Headers.Count > 1)
            {
                worksheet.Append(new MergeCells(new MergeCell { Reference = $"A1:{Column(table.Headers.Count - 1)}1" }));
            }

            sheetPart.Worksheet = worksheet;
            var sheets = workbook.Workbook.AppendChild(new Sheets());
            sheets.Append(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = SheetName(table.Title) });
            workbook.Workbook.Save();
        }

        return stream.ToArray();
    }

    /// <summary>Column widths from the longest text in each column (a CJK character counts twice), 8 to 60.</summary>
    private static Columns Columns(ReportTable table)
    {
        var columns = new Columns();
        for (var c = 0; c < table.Headers.Count; c++)
        {
            var widest = table.Rows.Select(r => c < r.Count ? Width(Text(r[c])) : 0).Append(Width(table.Headers[c])).Max();
            var width = Math.Clamp(widest + 2, 8, 60);
            columns.Append(new Column { Min = (uint)(c + 1), Max = (uint)(c + 1), Width = width, CustomWidth = true });
        }

        return columns;
    }

    private static int Width(string text) => text.Sum(ch => ch > 0x2E80 ? 2 : 1);

    private static string Text(object? value) => value switch
    {
        null => string.Empty,
        decimal d => d.ToString("0.0", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static Row Row(uint index, IReadOnlyList<object?> values, uint style)
    {
        var row = new Row { RowIndex = index };
        for (var c = 0; c < values.Count; c++)
        {
            var reference = Column(c) + index.ToString(CultureInfo.InvariantCulture);
            row.Append(values[c] switch
            {
                null => new Cell { CellReference = reference, StyleIndex = style },
                long or int => new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(Convert.ToDecimal(values[c], CultureInfo.InvariantCulture)), StyleIndex = style },
                decimal d => new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(d), StyleIndex = style == 0 ? OneDecimal : style },
                var other => new Cell
                {
                    CellReference = reference,
                    DataType = CellValues.InlineString,
                    InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(XmlSafe(other.ToString() ?? string.Empty)) { Space = SpaceProcessingModeValues.Preserve }),
                    StyleIndex = style,
                },
            });
        }

        return row;
    }

    /// <summary>A, B, … Z, AA …</summary>
    internal static string Column(int index)
    {
        var name = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + (n - 1) % 26) + name;
        }

        return name;
    }

    /// <summary>Sheet names: at most 31 characters, none of []:*?/\ .</summary>
    private static string SheetName(string title)
    {
        var clean = new string(title.Where(c => c is not ('[' or ']' or ':' or '*' or '?' or '/' or '\\')).ToArray());
        return clean.Length == 0 ? "Sheet1" : clean.Length > 31 ? clean[..31] : clean;
    }

    /// <summary>Characters XML 1.0 cannot carry (control characters) are dropped rather than breaking the file.</summary>
    internal static string XmlSafe(string text) =>
        text.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r')) ? new string(text.Where(c => !char.IsControl(c) || c is '\t' or '\n' or '\r').ToArray()) : text;

    private static Stylesheet Stylesheet() => new(
        new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "0.0" }) { Count = 1 },
        new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "等线" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "等线" })) { Count = 2 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(
            new CellFormat { FontId = 0, FillId = 0, BorderId = 0 },
            new CellFormat { FontId = 1, FillId = 0, BorderId = 0, ApplyFont = true },
            new CellFormat { FontId = 0, FillId = 0, BorderId = 0, NumberFormatId = 164, ApplyNumberFormat = true }) { Count = 3 });
}

/// <summary>
/// A table as CSV for Excel on Chinese Windows: UTF-8 with a byte-order mark (without it Excel reads GBK and
/// the headers turn to mojibake), RFC 4180 quoting, CRLF line ends, and no formulas: a cell that starts with
/// = + - @ (or a tab or carriage return) gets a leading apostrophe, so a title such as "=HYPERLINK(…)" typed by
/// a petitioner stays text when a bureau opens the file (OWASP "CSV injection").
/// </summary>
public static class CsvWriter
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static byte[] Write(ReportTable table, string caption)
    {
        var text = new StringBuilder();
        Line(text, [$"{caption} {table.Title}"]);
        Line(text, table.Headers.Cast<object?>().ToList());
        foreach (var row in table.Rows)
        {
            Line(text, row);
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static void Line(StringBuilder text, IReadOnlyList<object?> cells)
    {
        text.AppendJoin(',', cells.Select(Cell));
        text.Append("\r\n");
    }

    /// <summary>One field: numbers as they are; text guarded against formulas, then quoted when it must be.</summary>
    public static string Cell(object? value)
    {
        switch (value)
        {
            case null:
                return string.Empty;
            case long or int:
                return Convert.ToString(value, CultureInfo.InvariantCulture)!;
            case decimal d:
                return d.ToString("0.0", CultureInfo.InvariantCulture);
        }

        var s = value.ToString() ?? string.Empty;
        if (s.Length > 0 && s[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            s = "'" + s;
        }

        return s.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
    }
}
