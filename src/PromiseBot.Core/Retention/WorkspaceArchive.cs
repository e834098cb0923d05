using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using NodaTime;
using NodaTime.Text;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Retention;

/// <summary>
/// <c>export all</c>'s zip: <c>manifest.json</c> (the workspace, when, and every file with its row count), one CSV per
/// table under <c>tables/</c> (a header row of the stored column names, then the rows as stored: instants are UTC Unix
/// milliseconds, flags 0/1; UTF-8 with a byte-order mark, formula-looking fields prefixed with <c>'</c> as in
/// <c>export</c>), and each batch of the retention archive as <c>retention-archive/batch-{id}.json</c>.
/// </summary>
public static class WorkspaceArchive
{
    public const string ManifestName = "manifest.json";
    public const string TablesFolder = "tables/";
    public const string ArchiveFolder = "retention-archive/";

    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape };

    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    private static readonly JsonWriterOptions JsonOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Build(WorkspaceId workspace, Instant exportedAt, IReadOnlyList<WorkspaceTable> tables, IReadOnlyList<RetentionArchive> archives)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(archives);
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var table in tables)
            {
                using var entry = zip.CreateEntry(TablesFolder + table.Name + ".csv", CompressionLevel.Optimal).Open();
                WriteCsv(entry, table);
            }

            foreach (var archive in archives)
            {
                using var entry = zip.CreateEntry(ArchiveFolder + BatchName(archive), CompressionLevel.Optimal).Open();
                entry.Write(archive.Json);
            }

            using var manifest = zip.CreateEntry(ManifestName, CompressionLevel.Optimal).Open();
            WriteManifest(manifest, workspace, exportedAt, tables, archives);
        }

        return stream.ToArray();
    }

    /// <summary>"batch-3.json".</summary>
    public static string BatchName(RetentionArchive archive)
    {
        ArgumentNullException.ThrowIfNull(archive);
        return "batch-" + archive.Id.ToString(CultureInfo.InvariantCulture) + ".json";
    }

    private static void WriteCsv(Stream output, WorkspaceTable table)
    {
        using var text = new StreamWriter(output, Utf8WithBom, bufferSize: 64 * 1024, leaveOpen: true);
        using var csv = new CsvWriter(text, Configuration);
        foreach (var column in table.Columns)
        {
            csv.WriteField(column);
        }

        csv.NextRecord();
        foreach (var row in table.Rows)
        {
            foreach (var value in row)
            {
                csv.WriteField(Field(value));
            }

            csv.NextRecord();
        }
    }

    private static string Field(object? value) => value switch
    {
        null => "",
        byte[] bytes => Convert.ToBase64String(bytes),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static void WriteManifest(Stream output, WorkspaceId workspace, Instant exportedAt, IReadOnlyList<WorkspaceTable> tables, IReadOnlyList<RetentionArchive> archives)
    {
        using var json = new Utf8JsonWriter(output, JsonOptions);
        json.WriteStartObject();
        json.WriteString("workspace", workspace.Value);
        json.WriteString("exported_at", InstantPattern.ExtendedIso.Format(exportedAt));
        json.WriteString("format", "tables/*.csv: each table's rows as stored (instants in UTC Unix milliseconds, flags 0/1); retention-archive/*.json: promises the retention job deleted, with their rows, one batch per file");
        json.WriteStartArray("tables");
        foreach (var table in tables)
        {
            json.WriteStartObject();
            json.WriteString("file", TablesFolder + table.Name + ".csv");
            json.WriteNumber("rows", table.Rows.Count);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("retention_archive");
        foreach (var archive in archives)
        {
            json.WriteStartObject();
            json.WriteString("file", ArchiveFolder + BatchName(archive));
            json.WriteString("archived_at", InstantPattern.ExtendedIso.Format(archive.ArchivedAt));
            json.WriteString("closed_before", InstantPattern.ExtendedIso.Format(archive.ClosedBefore));
            json.WriteNumber("promises", archive.Promises);
            json.WriteNumber("first_number", archive.FirstNumber);
            json.WriteNumber("last_number", archive.LastNumber);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
