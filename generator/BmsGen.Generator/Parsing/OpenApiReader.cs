using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using BmsGen.Generator.Diagnostics;
using BmsGen.Generator.Model;
using DiagnosticDescriptor = Microsoft.CodeAnalysis.DiagnosticDescriptor;

namespace BmsGen.Generator.Parsing;

/// <summary>
/// Reads the OpenAPI 3.0 subset documented in specs/README.md from a YAML tree. This part walks the document
/// (info, components, paths, path items) and holds the reader's shared state; the other parts read one concern each.
/// </summary>
internal sealed partial class OpenApiReader
{
    private static readonly string[] HttpMethods = { "get", "put", "post", "delete", "patch", "head", "options" };

    private readonly SpecInput _input;
    private readonly List<DiagnosticInfo> _diagnostics;
    private readonly CancellationToken _cancellationToken;
    private readonly HashSet<string> _typeNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TypeModel> _types = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ComponentSchema> _components = new(StringComparer.Ordinal);
    private YamlMapping _root = null!;
    private int _schemaVisits;

    /// <summary>The longest namespace, in UTF-8 bytes; with a type name it must stay within metadata's 1024.</summary>
    public const int MaxNamespaceLength = 500;

    public OpenApiReader(SpecInput input, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        _input = input;
        _diagnostics = diagnostics;
        _cancellationToken = cancellationToken;
    }

    public SpecModel? Read(YamlNode? rootNode)
    {
        if (rootNode is not YamlMapping root)
        {
            Report(SpecDiagnostics.InvalidStructure, rootNode, "The spec must be a mapping with 'openapi', 'info' and 'paths'");
            return null;
        }

        _root = root;
        string? version = root.GetString("openapi");
        if (version is null || !(version.StartsWith("3.0", StringComparison.Ordinal) || version.StartsWith("3.1", StringComparison.Ordinal)))
        {
            Report(SpecDiagnostics.InvalidStructure, root["openapi"] ?? root, $"'openapi' must be a 3.0 or 3.1 version, found '{version ?? "(missing)"}'");
            return null;
        }

        if (root["webhooks"] is YamlNode webhooks)
        {
            Report(SpecDiagnostics.UnsupportedConstruct, webhooks, "'webhooks' (OpenAPI 3.1)", "the generated client only calls the API; it does not receive requests");
        }

        var info = root["info"] as YamlMapping;
        if (info is null)
        {
            Report(SpecDiagnostics.InvalidStructure, root, "'info' is missing");
            return null;
        }

        string title = info.GetString("title") ?? "Api";
        (string clientName, string ns) = SpecNames.Resolve(_input, info.GetString("x-client-name"), info.GetString("x-namespace"));
        if (CheckLength(clientName, info["x-client-name"] ?? info, "client") && !Identifiers.IsValidIdentifier(clientName))
        {
            Report(SpecDiagnostics.InvalidName, info["x-client-name"] ?? info, "Client name", clientName, "type name");
        }

        if (Encoding.UTF8.GetByteCount(ns) > MaxNamespaceLength)
        {
            Report(SpecDiagnostics.TooComplex, info["x-namespace"] ?? info, $"The namespace '{YamlLoader.Shorten(ns)}' is {Encoding.UTF8.GetByteCount(ns)} UTF-8 bytes long; the limit is {MaxNamespaceLength}");
        }
        else if (!Identifiers.IsValidNamespace(ns))
        {
            Report(SpecDiagnostics.InvalidName, info["x-namespace"] ?? info, "Namespace", ns, "namespace");
        }

        if (_diagnostics.Count > 0)
        {
            return null;
        }

        _typeNames.Add(clientName);
        _typeNames.Add(MemberNames.Interface(clientName));
        _typeNames.Add(clientName + "JsonContext");
        _typeNames.Add(clientName + "JsonCodec");
        RegisterComponents(root);
        ImmutableEquatableArray<DocumentTitle> documents = DocumentTitles.Read(root, info, (node, message) => Report(SpecDiagnostics.InvalidStructure, node, message));

        var operations = new List<OperationModel>();
        if (root["paths"] is not YamlMapping paths)
        {
            Report(SpecDiagnostics.InvalidStructure, root["paths"] ?? root, "'paths' must be a mapping of path templates to path items");
            return null;
        }

        var operationIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var methodNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (KeyValuePair<YamlScalar, YamlNode> path in paths.Entries)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            ReadPathItem(path.Key, path.Value, operations, operationIds, methodNames);
        }

        ResolveJobs(operations, methodNames);

        // Components nobody references are still part of the spec's public surface.
        foreach (string name in _components.Keys.ToList())
        {
            ResolveComponent(name, _components[name].Node);
        }

        FinishComposites();
        CheckShapeNames(operations);
        return new SpecModel(
            _input.FilePath,
            ns,
            clientName,
            title,
            info.GetString("description"),
            info.GetString("version"),
            operations.ToImmutableEquatableArray(),
            _types.Values.OrderBy(t => t.Name, StringComparer.Ordinal).ToImmutableEquatableArray(),
            documents);
    }

    private void RegisterComponents(YamlMapping root)
    {
        if (root["components"] is not YamlMapping components || components["schemas"] is not YamlMapping schemas)
        {
            return;
        }

        foreach (KeyValuePair<YamlScalar, YamlNode> entry in schemas.Entries)
        {
            string clrName = Identifiers.ToPascal(entry.Key.Value);
            if (!CheckLength(clrName, entry.Key, "schema"))
            {
                continue;
            }

            if (!_typeNames.Add(clrName))
            {
                Report(SpecDiagnostics.DuplicateName, entry.Key, $"Schema '{entry.Key.Value}' maps to the C# name '{clrName}', which another schema or the client already uses");
                continue;
            }

            _components[entry.Key.Value] = new ComponentSchema(clrName, entry.Value);
        }
    }

    private void ReadPathItem(YamlScalar key, YamlNode value, List<OperationModel> operations, Dictionary<string, int> operationIds, HashSet<string> methodNames)
    {
        string rawPath = key.Value;
        int hash = rawPath.IndexOf('#');
        string wirePath = hash >= 0 ? rawPath.Substring(0, hash) : rawPath;
        string? variant = hash >= 0 ? rawPath.Substring(hash + 1) : null;
        if (!wirePath.StartsWith("/", StringComparison.Ordinal) || variant is { Length: 0 })
        {
            Report(SpecDiagnostics.InvalidStructure, key, $"Path '{rawPath}' must start with '/' (and a '#' must be followed by a variant name)");
            return;
        }

        if (value is not YamlMapping pathItem)
        {
            Report(SpecDiagnostics.InvalidStructure, value, $"Path '{rawPath}' must map to a path item");
            return;
        }

        if (pathItem.ContainsKey("$ref"))
        {
            Report(SpecDiagnostics.UnsupportedConstruct, pathItem["$ref"], "A path item $ref", "write the operations inline");
            return;
        }

        List<YamlMapping> sharedParameters = ReadParameterList(pathItem["parameters"]);
        foreach (KeyValuePair<YamlScalar, YamlNode> entry in pathItem.Entries)
        {
            string method = entry.Key.Value;
            if (Array.IndexOf(HttpMethods, method) < 0)
            {
                if (method is "trace")
                {
                    Report(SpecDiagnostics.UnsupportedConstruct, entry.Key, "The TRACE method", "it has no use in these APIs");
                }

                continue;
            }

            if (entry.Value is not YamlMapping operation)
            {
                Report(SpecDiagnostics.InvalidStructure, entry.Value, $"{method.ToUpperInvariant()} {rawPath} must be a mapping");
                continue;
            }

            OperationModel? model = ReadOperation(method, wirePath, variant, operation, sharedParameters, entry.Key);
            if (model is null)
            {
                continue;
            }

            YamlNode idNode = operation["operationId"]!;
            if (operationIds.TryGetValue(model.OperationId, out int firstLine))
            {
                Report(SpecDiagnostics.DuplicateOperationId, idNode, model.OperationId, firstLine);
                continue;
            }

            operationIds.Add(model.OperationId, idNode.Line);
            if (!methodNames.Add(model.MethodName))
            {
                Report(SpecDiagnostics.DuplicateName, idNode, $"operationId '{model.OperationId}' maps to the method name '{model.MethodName}', which another operation already uses");
                continue;
            }

            if (ReserveMemberNames(model, methodNames, idNode))
            {
                operations.Add(model);
            }
        }
    }

    private void Report(DiagnosticDescriptor descriptor, YamlNode? location, params object?[] args)
    {
        YamlNode at = location ?? _root ?? (YamlNode)new YamlScalar(string.Empty, false, 1, 1);
        object?[] shortened = args.Select(arg => arg is string text ? YamlLoader.Shorten(text, 200) : arg).ToArray();
        _diagnostics.Add(DiagnosticInfo.Create(descriptor, _input.FilePath, at.Line, at.Column, shortened));
    }
}
