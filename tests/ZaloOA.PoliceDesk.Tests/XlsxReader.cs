using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>Reads an exported workbook back with the Open XML SDK: sheet name → rows of cell texts.</summary>
internal static class XlsxReader
{
    public static Dictionary<string, List<List<string>>> Read(byte[] xlsx)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), isEditable: false);
        var workbook = document.WorkbookPart!;
        var result = new Dictionary<string, List<List<string>>>(StringComparer.Ordinal);
        foreach (var sheet in workbook.Workbook.Sheets!.Elements<Sheet>())
        {
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!.Value!);
            result[sheet.Name!.Value!] = [.. part.Worksheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(Text).ToList())];
        }

        return result;
    }

    private static string Text(Cell cell) => cell.DataType?.Value == CellValues.InlineString
        ? cell.InlineString?.InnerText ?? ""
        : cell.CellValue?.Text ?? "";
}
