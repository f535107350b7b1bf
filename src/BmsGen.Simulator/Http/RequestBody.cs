using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using BmsGen.Simulator.State;
using Microsoft.AspNetCore.Http;

namespace BmsGen.Simulator.Http;

/// <summary>
/// Reads request bodies strictly: a body that is not JSON, a member of the wrong JSON type or a missing required
/// member is refused as an invalid request naming the member (<c>server.name must be a string</c>), never a 500.
/// </summary>
internal static class RequestBody
{
    public static async Task<JsonObject> ReadObjectAsync(HttpContext context)
    {
        JsonNode? node;
        try
        {
            node = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException error)
        {
            throw SimulatorFault.Invalid($"the body is not valid JSON ({error.Message})");
        }

        return node as JsonObject ?? throw SimulatorFault.Invalid("the body must be a JSON object");
    }

    public static JsonObject Obj(this JsonObject parent, string name, string path) =>
        parent.OptObj(name, path) ?? throw Missing(path, name, "an object");

    public static JsonObject? OptObj(this JsonObject parent, string name, string path) => parent[name] switch
    {
        null => null,
        JsonObject value => value,
        _ => throw Wrong(path, name, "an object"),
    };

    public static JsonArray Arr(this JsonObject parent, string name, string path) =>
        parent.OptArr(name, path) ?? throw Missing(path, name, "an array");

    public static JsonArray? OptArr(this JsonObject parent, string name, string path) => parent[name] switch
    {
        null => null,
        JsonArray value => value,
        _ => throw Wrong(path, name, "an array"),
    };

    public static string Str(this JsonObject parent, string name, string path)
    {
        string? value = parent.OptStr(name, path);
        return string.IsNullOrEmpty(value) ? throw Missing(path, name, "a non-empty string") : value;
    }

    public static string? OptStr(this JsonObject parent, string name, string path) => parent[name] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => throw Wrong(path, name, "a string"),
    };

    public static int? OptInt(this JsonObject parent, string name, string path) => parent[name] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.Number && value.TryGetValue(out int number) => number,
        _ => throw Wrong(path, name, "an integer"),
    };

    public static bool? OptBool(this JsonObject parent, string name, string path) => parent[name] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False => value.GetValue<bool>(),
        _ => throw Wrong(path, name, "true or false"),
    };

    /// <summary>A JSON object whose members are all strings.</summary>
    public static Dictionary<string, string> StringMap(this JsonObject map, string path)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach ((string key, JsonNode? value) in map)
        {
            result[key] = value is JsonValue v && v.GetValueKind() == JsonValueKind.String
                ? v.GetValue<string>()
                : throw SimulatorFault.Invalid($"{path}.{key} must be a string");
        }

        return result;
    }

    /// <summary>The objects of an array, each checked to be an object.</summary>
    public static IEnumerable<(JsonObject Item, string Path)> Objects(this JsonArray array, string path)
    {
        for (int i = 0; i < array.Count; i++)
        {
            string itemPath = $"{path}[{i}]";
            yield return (array[i] as JsonObject ?? throw SimulatorFault.Invalid($"{itemPath} must be an object"), itemPath);
        }
    }

    /// <summary>The strings of an array, each checked to be a string.</summary>
    public static List<string> Strings(this JsonArray array, string path)
    {
        var result = new List<string>(array.Count);
        for (int i = 0; i < array.Count; i++)
        {
            result.Add(array[i] is JsonValue v && v.GetValueKind() == JsonValueKind.String
                ? v.GetValue<string>()
                : throw SimulatorFault.Invalid($"{path}[{i}] must be a string"));
        }

        return result;
    }

    /// <summary>The booleans of an array, each checked to be true or false.</summary>
    public static List<bool> Bools(this JsonArray array, string path)
    {
        var result = new List<bool>(array.Count);
        for (int i = 0; i < array.Count; i++)
        {
            result.Add(array[i] is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False
                ? v.GetValue<bool>()
                : throw SimulatorFault.Invalid($"{path}[{i}] must be true or false"));
        }

        return result;
    }

    /// <summary>The <c>id</c> members of an array of <c>{"id": ...}</c> objects; at least one.</summary>
    public static List<string> Ids(this JsonArray array, string path, string member = "id")
    {
        var ids = new List<string>(array.Count);
        foreach ((JsonObject item, string itemPath) in array.Objects(path))
        {
            ids.Add(item.Str(member, itemPath));
        }

        return ids.Count > 0 ? ids : throw SimulatorFault.Invalid($"{path} must not be empty");
    }

    private static SimulatorFault Missing(string path, string name, string expected) =>
        SimulatorFault.Invalid($"{path}.{name} is required and must be {expected}");

    private static SimulatorFault Wrong(string path, string name, string expected) =>
        SimulatorFault.Invalid($"{path}.{name} must be {expected}");
}
