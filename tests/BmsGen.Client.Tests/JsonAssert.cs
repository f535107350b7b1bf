using System;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace BmsGen.Client.Tests;

/// <summary>
/// Semantic JSON equality: object members in any order, numbers by value, and a member whose value is null the
/// same as a missing member (the generated writers leave out null optional members).
/// </summary>
internal static class JsonAssert
{
    public static void Equivalent(JsonNode? expected, JsonNode? actual, string context)
    {
        string? difference = FindDifference(expected, actual, "$");
        Assert.True(difference is null, $"{context}: {difference}\nexpected: {expected?.ToJsonString()}\nactual:   {actual?.ToJsonString()}");
    }

    public static void Equivalent(JsonNode? expected, string actualJson, string context) =>
        Equivalent(expected, JsonNode.Parse(actualJson), context);

    private static string? FindDifference(JsonNode? expected, JsonNode? actual, string path)
    {
        switch (expected, actual)
        {
            case (null, null):
                return null;
            case (JsonObject e, JsonObject a):
                foreach (string key in e.Where(p => p.Value is not null).Select(p => p.Key).Union(a.Where(p => p.Value is not null).Select(p => p.Key)))
                {
                    string? inner = FindDifference(e[key], a[key], path + "." + key);
                    if (inner is not null)
                    {
                        return inner;
                    }
                }

                return null;
            case (JsonArray e, JsonArray a):
                if (e.Count != a.Count)
                {
                    return $"{path}: {e.Count} elements expected, {a.Count} found";
                }

                for (int i = 0; i < e.Count; i++)
                {
                    string? inner = FindDifference(e[i], a[i], $"{path}[{i}]");
                    if (inner is not null)
                    {
                        return inner;
                    }
                }

                return null;
            case (JsonValue e, JsonValue a):
                return ScalarEquals(e, a) ? null : $"{path}: expected {e.ToJsonString()}, found {a.ToJsonString()}";
            default:
                return $"{path}: expected {expected?.ToJsonString() ?? "nothing"}, found {actual?.ToJsonString() ?? "nothing"}";
        }
    }

    private static bool ScalarEquals(JsonValue expected, JsonValue actual)
    {
        JsonElement e = JsonSerializer.SerializeToElement(expected);
        JsonElement a = JsonSerializer.SerializeToElement(actual);
        if (e.ValueKind == JsonValueKind.Number && a.ValueKind == JsonValueKind.Number)
        {
            return decimal.Parse(e.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture) ==
                   decimal.Parse(a.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        return e.ValueKind == a.ValueKind && string.Equals(e.GetRawText(), a.GetRawText(), StringComparison.Ordinal)
            || (e.ValueKind == JsonValueKind.String && a.ValueKind == JsonValueKind.String && e.GetString() == a.GetString());
    }
}
