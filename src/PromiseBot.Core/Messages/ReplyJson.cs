using System.Text.Json;
using PromiseBot.Core.Promises;

namespace PromiseBot.Core.Messages;

/// <summary>
/// The stored form of a <see cref="Reply"/> (the outbox keeps queued messages as this JSON, so a message written
/// before a restart or an upgrade is still read back). Every block and run carries a stable <c>type</c> name that is
/// independent of the C# type names; enums are stored by name. Changing a name breaks rows already queued: add new
/// names, never rename.
/// </summary>
public static class ReplyJson
{
    private const string TypeProperty = "type";

    public static string Serialize(Reply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("visibility", reply.Visibility.ToString());
            writer.WriteString("tone", reply.Tone.ToString());
            writer.WriteString("summary", reply.Summary);
            writer.WriteStartArray("blocks");
            foreach (var block in reply.Blocks)
            {
                WriteBlock(writer, block);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Reads what <see cref="Serialize"/> wrote. Throws <see cref="JsonException"/> for anything else.</summary>
    public static Reply Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return new Reply(
            ParseEnum<ReplyVisibility>(root, "visibility"),
            ParseEnum<ReplyTone>(root, "tone"),
            GetString(root, "summary"),
            Get(root, "blocks").EnumerateArray().Select(ReadBlock).ToArray());
    }

    private static void WriteBlock(Utf8JsonWriter writer, ReplyBlock block)
    {
        writer.WriteStartObject();
        switch (block)
        {
            case HeaderBlock header:
                writer.WriteString(TypeProperty, "header");
                writer.WriteString("text", header.Text);
                break;
            case TextBlock text:
                writer.WriteString(TypeProperty, "text");
                WriteRuns(writer, "runs", text.Runs);
                break;
            case ContextBlock context:
                writer.WriteString(TypeProperty, "context");
                WriteRuns(writer, "runs", context.Runs);
                break;
            case FieldsBlock fields:
                writer.WriteString(TypeProperty, "fields");
                writer.WriteStartArray("fields");
                foreach (var field in fields.Fields)
                {
                    writer.WriteStartObject();
                    writer.WriteString("label", field.Label);
                    WriteRuns(writer, "value", field.Value);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                break;
            case PromiseLineBlock line:
                writer.WriteString(TypeProperty, "promise_line");
                writer.WriteNumber("number", line.Number.Value);
                writer.WriteString("state", line.State.ToString());
                if (line.Version is { } version)
                {
                    writer.WriteNumber("version", version);
                }

                if (line.Acknowledgeable)
                {
                    writer.WriteBoolean("ack", true);
                }

                WriteRuns(writer, "runs", line.Runs);
                break;
            case DividerBlock:
                writer.WriteString(TypeProperty, "divider");
                break;
            case ApprovalPromptBlock approval:
                ApprovalPromptJson.Write(writer, approval);
                break;
            case PromiseOfferBlock offer:
                writer.WriteString(TypeProperty, "promise_offer");
                writer.WriteNumber("number", offer.Number.Value);
                writer.WriteString("offer", offer.Offer.ToString());
                if (offer.Due is { } offerDue)
                {
                    writer.WriteNumber("due", offerDue.ToUnixTimeMilliseconds());
                }

                if (offer.Version is { } offerVersion)
                {
                    writer.WriteNumber("version", offerVersion);
                }

                if (offer.Label is { } label)
                {
                    writer.WriteString("label", label);
                }

                break;
            case PromiseFormBlock form:
                writer.WriteString(TypeProperty, "promise_form");
                FormFieldsJson.Write(writer, FormValues(form.Values), form.Problems);
                break;
            case RecoveryPromptBlock prompt:
                writer.WriteString(TypeProperty, "recovery_prompt");
                writer.WriteNumber("number", prompt.Number.Value);
                break;
            case RecoveryFormBlock recoveryForm:
                RecoveryFormJson.Write(writer, recoveryForm);
                break;
            case FileBlock file:
                writer.WriteString(TypeProperty, "file");
                writer.WriteString("name", file.FileName);
                writer.WriteString("media_type", file.MediaType);
                writer.WriteString("title", file.Title);
                writer.WriteString("alt", file.AltText);
                writer.WriteBase64String("content", file.Content);
                if (file.Width is { } width)
                {
                    writer.WriteNumber("width", width);
                }

                if (file.Height is { } height)
                {
                    writer.WriteNumber("height", height);
                }

                break;
            case AcceptedFileBlock accepted:
                writer.WriteString(TypeProperty, "accepted_file");
                writer.WriteString("held", accepted.HeldFileId);
                writer.WriteString("name", accepted.FileName);
                writer.WriteString("upload_url", accepted.UploadUrl);
                writer.WriteString("content_url", accepted.ContentUrl);
                writer.WriteString("unique_id", accepted.UniqueId);
                writer.WriteString("file_type", accepted.FileType);
                break;
            default:
                throw new NotSupportedException($"ReplyJson does not know the block type {block.GetType().Name}.");
        }

        writer.WriteEndObject();
    }

    private static void WriteRuns(Utf8JsonWriter writer, string name, IReadOnlyList<TextRun> runs)
    {
        writer.WriteStartArray(name);
        foreach (var run in runs)
        {
            writer.WriteStartObject();
            switch (run)
            {
                case PlainRun plain:
                    writer.WriteString(TypeProperty, "plain");
                    writer.WriteString("text", plain.Text);
                    break;
                case RelativeTimeRun relative:
                    writer.WriteString(TypeProperty, "relative_time");
                    writer.WriteNumber("at", relative.At.ToUnixTimeMilliseconds());
                    writer.WriteString("text", relative.Text);
                    break;
                case BoldRun bold:
                    writer.WriteString(TypeProperty, "bold");
                    writer.WriteString("text", bold.Text);
                    break;
                case ItalicRun italic:
                    writer.WriteString(TypeProperty, "italic");
                    writer.WriteString("text", italic.Text);
                    break;
                case CodeRun code:
                    writer.WriteString(TypeProperty, "code");
                    writer.WriteString("text", code.Text);
                    break;
                case StrikeRun strike:
                    writer.WriteString(TypeProperty, "strike");
                    writer.WriteString("text", strike.Text);
                    break;
                case MentionRun mention:
                    writer.WriteString(TypeProperty, "mention");
                    writer.WriteString("user", mention.User.Value);
                    break;
                case LinkRun link:
                    writer.WriteString(TypeProperty, "link");
                    writer.WriteString("url", link.Url);
                    writer.WriteString("label", link.Label);
                    break;
                default:
                    throw new NotSupportedException($"ReplyJson does not know the run type {run.GetType().Name}.");
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static ReplyBlock ReadBlock(JsonElement element) => GetString(element, TypeProperty) switch
    {
        "header" => new HeaderBlock(GetString(element, "text")),
        "text" => new TextBlock(ReadRuns(Get(element, "runs"))),
        "context" => new ContextBlock(ReadRuns(Get(element, "runs"))),
        "fields" => new FieldsBlock(Get(element, "fields").EnumerateArray()
            .Select(f => new Field(GetString(f, "label"), ReadRuns(Get(f, "value"))))
            .ToArray()),
        "promise_line" => new PromiseLineBlock(
            new PromiseNumber(Get(element, "number").GetInt32()),
            ParseEnum<PromiseLineState>(element, "state"),
            ReadRuns(Get(element, "runs")),
            element.TryGetProperty("version", out var version) && version.TryGetInt32(out var v) ? v : null,
            element.TryGetProperty("ack", out var ack) && ack.ValueKind == JsonValueKind.True),
        "divider" => new DividerBlock(),
        "promise_offer" => new PromiseOfferBlock(new PromiseNumber(Get(element, "number").GetInt32()), ParseEnum<PromiseOffer>(element, "offer"))
        {
            Due = element.TryGetProperty("due", out var offerDue) && offerDue.TryGetInt64(out var dueMs) ? NodaTime.Instant.FromUnixTimeMilliseconds(dueMs) : null,
            Version = element.TryGetProperty("version", out var offerVersion) && offerVersion.TryGetInt32(out var ov) ? ov : null,
            Label = element.TryGetProperty("label", out var label) && label.ValueKind == JsonValueKind.String ? label.GetString() : null,
        },
        "promise_form" => ReadForm(element),
        "recovery_prompt" => new RecoveryPromptBlock(new PromiseNumber(Get(element, "number").GetInt32())),
        RecoveryFormJson.Type => RecoveryFormJson.Read(element),
        ApprovalPromptJson.Type => ApprovalPromptJson.Read(element),
        "file" => new FileBlock(
            GetString(element, "name"),
            GetString(element, "media_type"),
            GetString(element, "title"),
            GetString(element, "alt"),
            Get(element, "content").GetBytesFromBase64(),
            element.TryGetProperty("width", out var width) && width.TryGetInt32(out var w) ? w : null,
            element.TryGetProperty("height", out var height) && height.TryGetInt32(out var h) ? h : null),
        "accepted_file" => new AcceptedFileBlock(
            GetString(element, "held"),
            GetString(element, "name"),
            GetString(element, "upload_url"),
            GetString(element, "content_url"),
            GetString(element, "unique_id"),
            GetString(element, "file_type")),
        var other => throw new JsonException($"Unknown block type '{other}'."),
    };

    private static (string Name, string? Value)[] FormValues(PromiseFormValues values) =>
    [
        ("title", values.Title), ("due_date", values.DueDate), ("due_time", values.DueTime), ("customer", values.Customer),
        ("owner", values.Owner), ("backup", values.Backup), ("category", values.Category), ("aim", values.Aim), ("risk", values.Risk),
    ];

    private static PromiseFormBlock ReadForm(JsonElement element)
    {
        var (text, problems) = FormFieldsJson.Read<Commands.PromiseFormField>(element);
        return new PromiseFormBlock(
            new PromiseFormValues(text("title"), text("due_date"), text("due_time"), text("customer"), text("owner"), text("backup"), text("category"), text("aim"), text("risk")),
            problems);
    }

    private static TextRun[] ReadRuns(JsonElement array) => array.EnumerateArray().Select(ReadRun).ToArray();

    private static TextRun ReadRun(JsonElement element) => GetString(element, TypeProperty) switch
    {
        "plain" => new PlainRun(GetString(element, "text")),
        "relative_time" => new RelativeTimeRun(NodaTime.Instant.FromUnixTimeMilliseconds(Get(element, "at").GetInt64()), GetString(element, "text")),
        "bold" => new BoldRun(GetString(element, "text")),
        "italic" => new ItalicRun(GetString(element, "text")),
        "code" => new CodeRun(GetString(element, "text")),
        "strike" => new StrikeRun(GetString(element, "text")),
        "mention" => new MentionRun(new UserId(GetString(element, "user"))),
        "link" => new LinkRun(GetString(element, "url"), GetString(element, "label")),
        var other => throw new JsonException($"Unknown run type '{other}'."),
    };

    private static JsonElement Get(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value
            : throw new JsonException($"Missing property '{name}'.");

    private static string GetString(JsonElement element, string name) =>
        Get(element, name).GetString() ?? throw new JsonException($"Property '{name}' is null.");

    private static T ParseEnum<T>(JsonElement element, string name)
        where T : struct, Enum =>
        Enum.TryParse<T>(GetString(element, name), ignoreCase: false, out var value) && Enum.IsDefined(value)
            ? value
            : throw new JsonException($"Unknown {typeof(T).Name} '{GetString(element, name)}'.");
}
