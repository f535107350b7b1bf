using System;
using System.Collections.Generic;
using System.Text.Json;

namespace BmsGen.Runtime;

/// <summary>
/// The code and message of an error body, in any of the shapes the documented APIs use:
/// <c>{"error":{"code","message"}}</c> (ECS/BMS), <c>{"error_code","error_msg"}</c> (gateway/IAM style),
/// <c>{"itemNotFound":{"code","message"}}</c> (Nova faults, one wrapper key named after the fault) and
/// <c>{"code","message"}</c>; plus the per-item failures of a batch request (<c>"internalError": [{"id",
/// "error_code", "error_message"}]</c>, 003 §10.4.1) beside any of them.
/// </summary>
internal readonly record struct ApiError(string? Code, string? Message, IReadOnlyList<BmsGenItemError>? ItemErrors = null)
{
    public static ApiError Parse(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return default;
        }

        try
        {
            var reader = new Utf8JsonReader(body);
            using JsonDocument document = JsonDocument.ParseValue(ref reader);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return default;
            }

            return CodeAndMessage(root) with { ItemErrors = ItemErrorsOf(root) };
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException)
        {
            // Not JSON, or strings that are not valid UTF-8 (GetString refuses them): no code or message to show.
            return default;
        }
    }

    private static ApiError CodeAndMessage(JsonElement root)
    {
        if (FromObject(root, "error_code", "error_msg") is { } gateway)
        {
            return gateway;
        }

        if (FromObject(root, "code", "message") is { } flat)
        {
            return flat;
        }

        // A single wrapper object: "error" for ECS/BMS, the fault name ("itemNotFound", "badRequest") for Nova.
        foreach (JsonProperty property in root.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Object &&
                (FromObject(property.Value, "code", "message") ?? FromObject(property.Value, "error_code", "error_msg")) is { } wrapped)
            {
                return wrapped.Code is null && property.Name != "error" ? wrapped with { Code = property.Name } : wrapped;
            }
        }

        return default;
    }

    private static IReadOnlyList<BmsGenItemError>? ItemErrorsOf(JsonElement root)
    {
        if (!root.TryGetProperty("internalError", out JsonElement items) || items.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var errors = new List<BmsGenItemError>(items.GetArrayLength());
        foreach (JsonElement item in items.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object)
            {
                errors.Add(new BmsGenItemError(
                    Text(item, "id"),
                    Text(item, "error_code") ?? Text(item, "code"),
                    Text(item, "error_message") ?? Text(item, "message")));
            }
        }

        return errors;
    }

    private static ApiError? FromObject(JsonElement element, string codeName, string messageName)
    {
        string? code = Text(element, codeName);
        string? message = Text(element, messageName);
        return code is null && message is null ? null : new ApiError(code, message);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;
}
