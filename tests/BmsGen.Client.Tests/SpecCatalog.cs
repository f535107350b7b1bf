using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace BmsGen.Client.Tests;

/// <summary>The specs under specs/, read as JSON trees, for table-driven tests over every operation and example.</summary>
internal static class SpecCatalog
{
    private static readonly Lazy<IReadOnlyList<SpecDocument>> Documents = new(LoadAll);

    public static string SpecsDirectory => Metadata("BmsGenSpecsDir");

    /// <summary>The inventory of documented operation sections, kept next to the specs it checks.</summary>
    public static string ChecklistPath => Path.Combine(SpecsDirectory, "endpoint-checklist.tsv");

    public static IReadOnlyList<SpecDocument> Specs => Documents.Value;

    public static IEnumerable<SpecOperation> Operations => Specs.SelectMany(s => s.Operations);

    public static SpecOperation Operation(string operationId) => Operations.Single(o => o.OperationId == operationId);

    private static string Metadata(string key) =>
        typeof(SpecCatalog).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    private static IReadOnlyList<SpecDocument> LoadAll() =>
        Directory.GetFiles(SpecsDirectory, "*.yaml").OrderBy(p => p, StringComparer.Ordinal).Select(Load).ToList();

    private static SpecDocument Load(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        var root = (JsonObject)ToJson(stream.Documents[0].RootNode)!;
        return new SpecDocument(Path.GetFileName(path), root);
    }

    /// <summary>YAML → JSON with YAML 1.2 core-schema typing of plain scalars; quoted scalars stay strings.</summary>
    public static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, ToJson(c.Value)))),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new InvalidOperationException($"Unsupported YAML node {node.GetType().Name} at {node.Start}"),
    };

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        string value = scalar.Value ?? string.Empty;
        if (scalar.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(value);
        }

        if (value is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        if (value is "true" or "True" or "TRUE")
        {
            return JsonValue.Create(true);
        }

        if (value is "false" or "False" or "FALSE")
        {
            return JsonValue.Create(false);
        }

        if (Regex.IsMatch(value, "^-?(0|[1-9][0-9]*)$"))
        {
            return long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out long integer)
                ? JsonValue.Create(integer)
                : JsonNode.Parse(value);
        }

        if (Regex.IsMatch(value, "^-?(0|[1-9][0-9]*)(\\.[0-9]*)?([eE][-+]?[0-9]+)?$"))
        {
            return JsonNode.Parse(value);
        }

        return JsonValue.Create(value);
    }
}

internal sealed class SpecDocument
{
    public SpecDocument(string fileName, JsonObject root)
    {
        FileName = fileName;
        Root = root;
        JsonObject info = root["info"]!.AsObject();
        string clientName = (string)info["x-client-name"]!;
        string ns = (string)info["x-namespace"]!;
        ClientType = Type.GetType($"{ns}.{clientName}, BmsGen.Client", throwOnError: true)!;
        ContextType = Type.GetType($"{ns}.{clientName}JsonContext, BmsGen.Client", throwOnError: true)!;
        Operations = ReadOperations().ToList();
    }

    public string FileName { get; }

    public JsonObject Root { get; }

    public Type ClientType { get; }

    public Type ContextType { get; }

    public IReadOnlyList<SpecOperation> Operations { get; }

    /// <summary>Follows <c>$ref</c>s to components.</summary>
    public JsonObject Resolve(JsonNode node)
    {
        JsonObject current = node.AsObject();
        for (int hops = 0; current["$ref"] is JsonNode reference; hops++)
        {
            if (hops > 32)
            {
                throw new InvalidOperationException($"{FileName}: $ref loop at {reference}");
            }

            string[] parts = ((string)reference!).TrimStart('#', '/').Split('/');
            JsonNode target = Root;
            foreach (string part in parts)
            {
                target = target[part] ?? throw new InvalidOperationException($"{FileName}: unresolved {reference}");
            }

            current = target.AsObject();
        }

        return current;
    }

    private IEnumerable<SpecOperation> ReadOperations()
    {
        foreach ((string pathKey, JsonNode? pathItem) in Root["paths"]!.AsObject())
        {
            int hash = pathKey.IndexOf('#');
            string wirePath = hash < 0 ? pathKey : pathKey[..hash];
            string? variant = hash < 0 ? null : pathKey[(hash + 1)..];
            List<JsonObject> shared = pathItem!["parameters"]?.AsArray().Select(p => Resolve(p!)).ToList() ?? new();
            foreach ((string method, JsonNode? operation) in pathItem.AsObject())
            {
                if (method is not ("get" or "put" or "post" or "delete" or "patch" or "head" or "options"))
                {
                    continue;
                }

                List<JsonObject> parameters = operation!["parameters"]?.AsArray().Select(p => Resolve(p!)).ToList() ?? new();
                foreach (JsonObject inherited in shared)
                {
                    if (!parameters.Any(p => (string?)p["name"] == (string?)inherited["name"] && (string?)p["in"] == (string?)inherited["in"]))
                    {
                        parameters.Add(inherited);
                    }
                }

                yield return new SpecOperation(this, method.ToUpperInvariant(), wirePath, variant, operation.AsObject(), parameters);
            }
        }
    }
}

internal sealed class SpecOperation
{
    public SpecOperation(SpecDocument spec, string method, string wirePath, string? variant, JsonObject node, IReadOnlyList<JsonObject> parameters)
    {
        Spec = spec;
        Method = method;
        WirePath = wirePath;
        Variant = variant;
        Node = node;
        Parameters = parameters;
        OperationId = (string)node["operationId"]!;
        ClientMethod = spec.ClientType.GetMethod(OperationId + "Async")
            ?? throw new InvalidOperationException($"{spec.FileName}: {spec.ClientType.Name} has no method {OperationId}Async");
        RequestSchema = JsonMedia(node["requestBody"] is JsonNode body ? spec.Resolve(body) : null)?["schema"];
        (SuccessStatus, ResponseSchema, ResponseMedia) = SuccessResponse();
    }

    public SpecDocument Spec { get; }

    public string Method { get; }

    public string WirePath { get; }

    public string? Variant { get; }

    public JsonObject Node { get; }

    public IReadOnlyList<JsonObject> Parameters { get; }

    public string OperationId { get; }

    public MethodInfo ClientMethod { get; }

    public JsonNode? RequestSchema { get; }

    public int SuccessStatus { get; }

    public JsonNode? ResponseSchema { get; }

    public JsonObject? ResponseMedia { get; }

    public IEnumerable<string> DocRefs => Node["x-doc"]?.AsArray().Select(d => (string)d!) ?? Enumerable.Empty<string>();

    public Type? RequestType => ClientMethod.GetParameters().SingleOrDefault(p => p.Name == "body")?.ParameterType;

    public Type? ResponseType => ClientMethod.ReturnType.IsGenericType ? ClientMethod.ReturnType.GetGenericArguments()[0] : null;

    public IEnumerable<(string Name, JsonNode Value)> RequestExamples => Examples(RequestMedia);

    public IEnumerable<(string Name, JsonNode Value)> ResponseExamples => Examples(ResponseMedia);

    /// <summary>The summaries of the request examples and of the examples of every response, success or not.</summary>
    public IEnumerable<string> RequestExampleSummaries => Summaries(RequestMedia);

    /// <inheritdoc cref="RequestExampleSummaries"/>
    public IEnumerable<string> ResponseExampleSummaries =>
        Node["responses"]!.AsObject().SelectMany(r => Summaries(JsonMedia(r.Value is null ? null : Spec.Resolve(r.Value))));

    public override string ToString() => $"{Spec.FileName} {OperationId}";

    private JsonObject? RequestMedia => JsonMedia(Node["requestBody"] is JsonNode body ? Spec.Resolve(body) : null);

    private static IEnumerable<string> Summaries(JsonObject? media) =>
        media?["examples"] is JsonObject examples
            ? examples.Select(e => (string?)e.Value?["summary"] ?? string.Empty)
            : Enumerable.Empty<string>();

    private static IEnumerable<(string, JsonNode)> Examples(JsonObject? media)
    {
        if (media?["examples"] is JsonObject examples)
        {
            foreach ((string name, JsonNode? example) in examples)
            {
                if (example?["value"] is JsonNode value)
                {
                    yield return (name, value);
                }
            }
        }
        else if (media?["example"] is JsonNode single)
        {
            yield return ("example", single);
        }
    }

    private static JsonObject? JsonMedia(JsonObject? holder) =>
        holder?["content"]?.AsObject().FirstOrDefault(c => c.Key.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)).Value?.AsObject();

    private (int, JsonNode?, JsonObject?) SuccessResponse()
    {
        foreach ((string status, JsonNode? response) in Node["responses"]!.AsObject())
        {
            if (status.StartsWith('2'))
            {
                JsonObject resolved = Spec.Resolve(response!);
                JsonObject? media = JsonMedia(resolved);
                int code = int.TryParse(status, out int parsed) ? parsed : 200;
                return (code, media?["schema"], media);
            }
        }

        return (200, null, null);
    }
}
