using System.Linq;
using System.Text.Json.Nodes;

namespace BmsGen.Client.Tests;

/// <summary>Builds a JSON value that fills every property of a schema (nested objects down to a depth limit).</summary>
internal static class SchemaSampler
{
    private const int MaxDepth = 6;

    public static JsonNode? Sample(SpecDocument spec, JsonNode schemaNode, int depth = 0)
    {
        JsonObject schema = spec.Resolve(schemaNode);
        string? type = (string?)schema["type"];
        if (schema["enum"] is JsonArray values && values.Count > 0)
        {
            return values.FirstOrDefault(v => v is not null)?.DeepClone();
        }

        switch (type)
        {
            case "string":
                return JsonValue.Create("sample");
            case "integer":
                return JsonValue.Create(7);
            case "number":
                return JsonValue.Create(1.5);
            case "boolean":
                return JsonValue.Create(true);
            case "array":
                return depth >= MaxDepth ? new JsonArray() : new JsonArray(Sample(spec, schema["items"]!, depth + 1));
        }

        if (schema["properties"] is JsonObject properties)
        {
            var result = new JsonObject();
            JsonArray? required = schema["required"] as JsonArray;
            foreach ((string name, JsonNode? property) in properties)
            {
                bool isRequired = required?.Any(r => (string?)r == name) == true;
                if (depth < MaxDepth || isRequired)
                {
                    result[name] = Sample(spec, property!, depth + 1);
                }
            }

            return result;
        }

        if (schema["additionalProperties"] is JsonObject additional)
        {
            return new JsonObject { ["key"] = depth >= MaxDepth ? null : Sample(spec, additional, depth + 1) };
        }

        return new JsonObject { ["free"] = "form" };
    }
}
