using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace ZaloOA.PoliceDesk.Statistics;

/// <summary>One worksheet: a bold header row, then rows of strings and numbers.</summary>
public sealed record XlsxSheet(string Name, IReadOnlyList<string> Headers, IEnumerable<IReadOnlyList<object?>> Rows);

/// <summary>
/// Writes .xlsx workbooks with the Open XML SDK's streaming writer, one row at a time. Text goes in
/// as inline strings (never a formula, whatever it starts with; control characters XML cannot hold
/// are dropped), numbers as numbers; times are text in Vietnam time, as on the pages.
/// </summary>
public static class Xlsx
{
    /// <summary>The content type of .xlsx.</summary>
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Writes the workbook to <paramref name="destination"/> (left open).</summary>
    public static void Write(Stream destination, IEnumerable<XlsxSheet> sheets)
    {
        ArgumentNullException.ThrowIfNull(sheets);
        using var document = SpreadsheetDocument.Create(destination, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        var styles = workbook.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = new Stylesheet(
            new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
            new Borders(new Border()) { Count = 1 },
            new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true }) { Count = 2 });
        var list = new Sheets();
        uint sheetId = 1;
        foreach (var sheet in sheets)
        {
            var part = workbook.AddNewPart<WorksheetPart>();
            using (var writer = OpenXmlWriter.Create(part))
            {
                writer.WriteStartElement(new Worksheet());
                writer.WriteStartElement(new SheetData());
                WriteRow(writer, sheet.Headers, header: true);
                foreach (var row in sheet.Rows)
                {
                    WriteRow(writer, row, header: false);
                }

                writer.WriteEndElement();
                writer.WriteEndElement();
            }

            list.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = sheetId++, Name = SheetName(sheet.Name) });
        }

        workbook.Workbook = new Workbook(list);
        workbook.Workbook.Save();
    }

    private static void WriteRow(OpenXmlWriter writer, IReadOnlyList<object?> cells, bool header)
    {
        writer.WriteStartElement(new Row());
        foreach (var value in cells)
        {
            var cell = value switch
            {
                null => new Cell(),
                int or long or double or decimal => new Cell { CellValue = new CellValue(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)), DataType = CellValues.Number },
                _ => new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(Clean(value.ToString())) { Space = SpaceProcessingModeValues.Preserve }) },
            };
            if (header)
            {
                cell.StyleIndex = 1;
            }

            writer.WriteElement(cell);
        }

        writer.WriteEndElement();
    }

    private static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var clean = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\t' or '\n' or '\r' || (c >= ' ' && c != '\uFFFE' && c != '\uFFFF'))
            {
                clean.Append(c);
            }
        }

        // Excel's cell limit.
        return clean.Length > 32767 ? clean.ToString(0, 32767) : clean.ToString();
    }

    // Excel: at most 31 characters, none of []:*?/\.
    private static string SheetName(string name)
    {
        var clean = new string([.. name.Where(c => c is not ('[' or ']' or ':' or '*' or '?' or '/' or '\\'))]);
        return clean.Length > 31 ? clean[..31] : clean;
    }
}
