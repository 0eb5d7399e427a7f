using System.Text;
using System.Text.Json;

namespace ZaloOA.PoliceDesk.Units.Import;

/// <summary>The two formats a hierarchy file comes in.</summary>
public enum UnitFileKind
{
    /// <summary>Comma-separated (or semicolon-separated, as some spreadsheet locales save), UTF-8, a header row.</summary>
    Csv,

    /// <summary><c>{"units": [...]}</c>, UTF-8.</summary>
    Json,
}

/// <summary>A file that cannot be read as a hierarchy at all (not a single bad row).</summary>
public sealed class UnitFileException(int line, string message) : Exception(message)
{
    /// <summary>The line (CSV) or 0 when the whole file is unreadable.</summary>
    public int Line { get; } = line;
}

/// <summary>Reads and writes hierarchy files; rows are validated by <see cref="UnitImporter"/>.</summary>
public static class UnitFileFormat
{
    /// <summary>The CSV header, in the order files are written.</summary>
    public static readonly IReadOnlyList<string> CsvColumns = ["code", "name", "level", "level_name", "parent", "hotlines", "address"];

    private static readonly string[] RequiredColumns = ["code", "name", "level", "parent"];

    /// <summary>The format a file name says (<c>.json</c> or <c>.csv</c>); null for anything else.</summary>
    public static UnitFileKind? KindOf(string fileName) => Path.GetExtension(fileName).ToUpperInvariant() switch
    {
        ".CSV" => UnitFileKind.Csv,
        ".JSON" => UnitFileKind.Json,
        _ => null,
    };

    /// <summary>Reads the rows of a file.</summary>
    /// <exception cref="UnitFileException">The file is not a hierarchy file (bad JSON, no header, an unclosed quote).</exception>
    public static async Task<IReadOnlyList<UnitRow>> ReadAsync(Stream content, UnitFileKind kind, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (kind == UnitFileKind.Json)
        {
            UnitFile? file;
            try
            {
                file = await JsonSerializer.DeserializeAsync(content, UnitFileJsonContext.Default.UnitFile, cancellationToken);
            }
            catch (JsonException ex)
            {
                throw new UnitFileException((int)(ex.LineNumber ?? 0) + 1, $"Tệp JSON không hợp lệ (dòng {(ex.LineNumber ?? 0) + 1}): cần dạng {{\"units\": [{{\"code\": ..., \"name\": ..., \"level\": ..., \"parent\": ...}}]}}.");
            }

            return file?.Units.Select((r, i) => (r ?? new UnitRow()) with { Line = i + 1 }).ToList()
                ?? throw new UnitFileException(0, "Tệp JSON rỗng: cần dạng {\"units\": [...]}.");
        }

        using var reader = new StreamReader(content, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var text = await reader.ReadToEndAsync(cancellationToken);
        return ReadCsv(text);
    }

    /// <summary>Writes the rows as CSV (UTF-8 with a byte-order mark, so spreadsheet programs read Vietnamese correctly).</summary>
    public static async Task WriteCsvAsync(Stream destination, IEnumerable<UnitRow> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        await using var writer = new StreamWriter(destination, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true) { NewLine = "\n" };
        await writer.WriteLineAsync(string.Join(',', CsvColumns));
        foreach (var r in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string?[] cells = [r.Code, r.Name, r.Level, r.LevelName, r.Parent, r.Hotlines, r.Address];
            await writer.WriteLineAsync(string.Join(',', cells.Select(Quote)));
        }
    }

    /// <summary>Writes the rows as JSON.</summary>
    public static Task WriteJsonAsync(Stream destination, IEnumerable<UnitRow> rows, CancellationToken cancellationToken = default) =>
        JsonSerializer.SerializeAsync(destination, new UnitFile { Units = [.. rows] }, UnitFileJsonContext.Default.UnitFile, cancellationToken);

    private static string Quote(string? cell)
    {
        cell ??= "";
        return cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
    }

    /// <summary>RFC 4180: quoted cells may hold separators, quotes ("" for one) and line breaks.</summary>
    private static List<UnitRow> ReadCsv(string text)
    {
        var records = SplitRecords(text);
        var header = records.FirstOrDefault(r => r.Cells.Any(c => c.Length > 0));
        if (header.Cells is null)
        {
            throw new UnitFileException(0, "Tệp CSV rỗng: dòng đầu phải là tiêu đề " + string.Join(',', CsvColumns) + ".");
        }

        var columns = header.Cells.Select((name, index) => (Name: name.Trim().ToLowerInvariant(), Index: index))
            .GroupBy(c => c.Name).ToDictionary(g => g.Key, g => g.First().Index, StringComparer.Ordinal);
        var missing = RequiredColumns.Where(c => !columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            throw new UnitFileException(header.Line, $"Dòng tiêu đề thiếu cột {string.Join(", ", missing)} (cần: {string.Join(',', CsvColumns)}).");
        }

        string? Cell(string[] cells, string column) =>
            columns.TryGetValue(column, out var i) && i < cells.Length && cells[i].Trim() is { Length: > 0 } v ? v : null;

        var rows = new List<UnitRow>();
        foreach (var (line, cells) in records.SkipWhile(r => r.Line != header.Line).Skip(1))
        {
            if (cells.All(c => c.Trim().Length == 0))
            {
                continue;
            }

            rows.Add(new UnitRow
            {
                Line = line,
                Code = Cell(cells, "code") ?? "",
                Name = Cell(cells, "name") ?? "",
                Level = Cell(cells, "level") ?? "",
                LevelName = Cell(cells, "level_name"),
                Parent = Cell(cells, "parent"),
                Hotlines = Cell(cells, "hotlines"),
                Address = Cell(cells, "address"),
            });
        }

        return rows;
    }

    private static List<(int Line, string[] Cells)> SplitRecords(string text)
    {
        // The separator is the header's: a comma, or a semicolon when the header has no comma.
        var firstLine = text.AsSpan()[..Math.Max(0, text.IndexOf('\n', StringComparison.Ordinal) is var n and >= 0 ? n : text.Length)];
        var separator = firstLine.Contains(',') || !firstLine.Contains(';') ? ',' : ';';
        var records = new List<(int, string[])>();
        var cells = new List<string>();
        var cell = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    cell.Append(c);
                }
            }
            else if (c == '"' && cell.Length == 0)
            {
                quoted = true;
            }
            else if (c == separator)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                cells.Add(cell.ToString());
                cell.Clear();
                records.Add((recordLine, [.. cells]));
                cells.Clear();
                line++;
                recordLine = line;
            }
            else
            {
                cell.Append(c);
            }
        }

        if (quoted)
        {
            throw new UnitFileException(recordLine, $"Dòng {recordLine}: dấu ngoặc kép (\") mở mà không đóng.");
        }

        if (cell.Length > 0 || cells.Count > 0)
        {
            cells.Add(cell.ToString());
            records.Add((recordLine, [.. cells]));
        }

        return records;
    }
}
