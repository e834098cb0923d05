using System.Globalization;
using System.Text;
using CsvHelper;

namespace PromiseBot.Testing;

/// <summary>Reads an exported CSV back with CsvHelper, the way a spreadsheet user's tools would.</summary>
public static class TestCsv
{
    /// <summary>The header row and each data row as a header → field map.</summary>
    public static (string[] Header, List<Dictionary<string, string>> Rows) Read(byte[] csv)
    {
        using var reader = new StreamReader(new MemoryStream(csv), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var parser = new CsvReader(reader, CultureInfo.InvariantCulture);
        parser.Read();
        parser.ReadHeader();
        var header = parser.HeaderRecord!;
        var rows = new List<Dictionary<string, string>>();
        while (parser.Read())
        {
            rows.Add(header.ToDictionary(h => h, h => parser.GetField(h)!));
        }

        return (header, rows);
    }
}
