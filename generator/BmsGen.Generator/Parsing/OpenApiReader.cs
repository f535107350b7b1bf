using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using BmsGen.Generator.Diagnostics;
using BmsGen.Generator.Model;
using DiagnosticDescriptor = Microsoft.CodeAnalysis.DiagnosticDescriptor;

namespace BmsGen.Generator.Parsing;

/// <summary>Reads the OpenAPI 3.0 subset documented in specs/README.md from a YAML tree.</summary>
internal sealed partial class OpenApiReader
{
    private const string SchemaRefPrefix = "#/components/schemas/";
    private static readonly string[] HttpMethods = { "get", "put", "post", "delete", "patch", "head", "options" };
    private static readonly string[] UnsupportedCombinators = { "allOf", "oneOf", "anyOf", "not" };

    /// <summary>JSON Schema 2020-12 keywords (OpenAPI 3.1) that change what a value may be; none is read yet.</summary>
    private static readonly string[] UnsupportedSchemaKeywords =
    {
        "const", "prefixItems", "if", "then", "else", "dependentSchemas", "dependentRequired", "unevaluatedProperties",
        "unevaluatedItems", "patternProperties", "propertyNames", "contains", "minContains", "maxContains", "$defs",
        "$dynamicRef", "$dynamicAnchor", "$anchor", "contentSchema",
    };

    private readonly SpecInput _input;
    private readonly List<DiagnosticInfo> _diagnostics;
    private readonly CancellationToken _cancellationToken;
    private readonly HashSet<string> _typeNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TypeModel> _types = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ComponentSchema> _components = new(StringComparer.Ordinal);
    private YamlMapping _root = null!;
    private int _schemaVisits;

    /// <summary>Bounds the work on hostile specs: YAML aliases can make a small file a huge tree of schemas.</summary>
    public const int MaxSchemaVisits = 50_000;

    /// <summary>Bounds the recursion through nested schemas and chains of <c>$ref</c>s.</summary>
    public const int MaxSchemaDepth = 100;

    /// <summary>
    /// The longest C# name taken from a spec. C# allows 512 characters; the emitters add prefixes and suffixes
    /// (<c>Read</c>, <c>Converter</c>, <c>TypeInfo</c>) of up to 32.
    /// </summary>
    public const int MaxNameLength = 480;

    /// <summary>The longest namespace, in UTF-8 bytes; with a type name it must stay within metadata's 1024.</summary>
    public const int MaxNamespaceLength = 500;

    private int _schemaDepth;

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

    private OperationModel? ReadOperation(string method, string wirePath, string? variant, YamlMapping operation, List<YamlMapping> sharedParameters, YamlScalar methodKey)
    {
        string? operationId = operation.GetString("operationId");
        if (operationId is null)
        {
            Report(SpecDiagnostics.MissingOperationId, methodKey, method.ToUpperInvariant(), wirePath + (variant is null ? string.Empty : "#" + variant));
            return null;
        }

        string pascalId = Identifiers.IsValidIdentifier(operationId) && char.IsUpper(operationId[0]) ? operationId : Identifiers.ToPascal(operationId);
        string methodName = pascalId + "Async";
        int errorsBefore = _diagnostics.Count;
        if (!CheckLength(methodName, operation["operationId"]!, "method"))
        {
            return null;
        }

        var parameters = new List<ParameterModel>();
        // The generated methods' own names (body, token, request, and the paging and job-waiting locals) are reserved.
        var parameterNames = new HashSet<string>(StringComparer.Ordinal) { "cancellationToken", "body", "request", "pageSize", "cursor", "page", "link", "waitOptions", "submitted" };
        var seenWire = new Dictionary<string, ParameterModel>(StringComparer.Ordinal);
        foreach (YamlMapping parameter in ReadParameterList(operation["parameters"]).Concat(sharedParameters))
        {
            ParameterModel? model = ReadParameter(parameter, pascalId, parameterNames);
            string key = model is null ? string.Empty : model.Location + ":" + model.WireName;
            if (model is not null && !seenWire.ContainsKey(key))
            {
                // Operation-level parameters come first, so they override path-level ones of the same name.
                seenWire.Add(key, model);
                parameters.Add(model);
            }
        }

        CheckPathParameters(wirePath, parameters, operation["parameters"] ?? methodKey);

        RequestBodyModel? body = null;
        if (operation["requestBody"] is YamlNode bodyNode)
        {
            body = ReadRequestBody(Deref(bodyNode, "requestBodies"), pascalId);
        }

        (TypeRef? response, bool responseMayBeEmpty) = ReadSuccessResponse(operation["responses"], pascalId, methodKey);
        string? service = operation["servers"] is YamlNode servers ? ReadService(servers, pascalId) : null;
        PagingModel? paging = operation["x-paging"] is YamlNode pagingNode ? ReadPaging(pagingNode, pascalId, operation, parameters, response) : null;
        if (_diagnostics.Count > errorsBefore)
        {
            return null;
        }

        var docRefs = new List<string>();
        if (operation["x-doc"] is YamlSequence docs)
        {
            docRefs.AddRange(docs.Items.OfType<YamlScalar>().Select(s => s.Value));
        }
        else if (operation.GetString("x-doc") is string singleDoc)
        {
            docRefs.Add(singleDoc);
        }

        if (operation["x-job"] is YamlNode jobNode)
        {
            _jobOperations.Add((pascalId, jobNode));
        }

        // Required parameters first, then optional ones, so the generated signature can default the optional ones.
        List<ParameterModel> ordered = parameters.Where(p => p.Required).Concat(parameters.Where(p => !p.Required)).ToList();
        return new OperationModel(
            pascalId,
            methodName,
            method.ToUpperInvariant(),
            wirePath,
            variant,
            operation.GetString("summary"),
            operation.GetString("description"),
            docRefs.ToImmutableEquatableArray(),
            operation.GetString("x-source"),
            operation.GetBoolean("deprecated"),
            operation.GetString("x-replaced-by"),
            operation.GetString("x-min-microversion"),
            ordered.ToImmutableEquatableArray(),
            body,
            response,
            responseMayBeEmpty,
            service,
            paging,
            Idempotent: operation.GetBoolean("x-idempotent"));
    }

    /// <summary>
    /// The service that serves an operation with its own <c>servers</c> (an IMS API documented among the ECS ones):
    /// the first label of the first server's host, <c>ims</c> in <c>https://ims.{region}.myhuaweicloud.com</c>. The
    /// client sends such a request to the endpoint its options give for that service.
    /// </summary>
    private string? ReadService(YamlNode servers, string operationId)
    {
        string? url = (servers as YamlSequence)?.Items.FirstOrDefault() is YamlMapping first ? first.GetString("url") : null;
        if (url is null)
        {
            Report(SpecDiagnostics.InvalidStructure, servers, $"The servers of {operationId} must be a list whose first entry has a url");
            return null;
        }

        int hostStart = url.IndexOf("://", StringComparison.Ordinal) is int scheme and >= 0 ? scheme + 3 : 0;
        int labelEnd = url.IndexOf('.', hostStart);
        string label = labelEnd < 0 ? string.Empty : url.Substring(hostStart, labelEnd - hostStart);
        if (label.Length == 0 || !char.IsLower(label[0]) || !label.All(c => char.IsLower(c) || char.IsDigit(c) || c == '-'))
        {
            Report(SpecDiagnostics.InvalidStructure, servers, $"The server url '{url}' of {operationId} must name its service as the first label of the host (https://ims.{{region}}.example.com)");
            return null;
        }

        return label;
    }

    private List<YamlMapping> ReadParameterList(YamlNode? node)
    {
        var result = new List<YamlMapping>();
        if (node is null)
        {
            return result;
        }

        if (node is not YamlSequence sequence)
        {
            Report(SpecDiagnostics.InvalidStructure, node, "'parameters' must be a list");
            return result;
        }

        foreach (YamlNode item in sequence.Items)
        {
            if (Deref(item, "parameters") is YamlMapping mapping)
            {
                result.Add(mapping);
            }
            else
            {
                Report(SpecDiagnostics.InvalidStructure, item, "A parameter must be a mapping");
            }
        }

        return result;
    }

    private ParameterModel? ReadParameter(YamlMapping parameter, string operationId, HashSet<string> parameterNames)
    {
        string? name = parameter.GetString("name");
        string? location = parameter.GetString("in");
        if (name is null || location is null)
        {
            Report(SpecDiagnostics.InvalidStructure, parameter, "A parameter needs 'name' and 'in'");
            return null;
        }

        ParameterLocation kind;
        switch (location)
        {
            case "path": kind = ParameterLocation.Path; break;
            case "query": kind = ParameterLocation.Query; break;
            case "header": kind = ParameterLocation.Header; break;
            default:
                Report(SpecDiagnostics.UnsupportedConstruct, parameter["in"], $"Parameter location '{location}'", "use path, query or header");
                return null;
        }

        TypeRef type = TypeRef.String;
        if (parameter["schema"] is YamlNode schema)
        {
            type = ResolveSchema(schema, operationId + Identifiers.ToPascal(name));
            TypeRef scalar = type.Kind == TypeKind.Array ? type.Element! : type;
            if (scalar.Kind is TypeKind.Object or TypeKind.Map or TypeKind.Any or TypeKind.Array)
            {
                Report(SpecDiagnostics.UnsupportedConstruct, schema, $"Parameter '{name}' of kind {scalar.Kind}", "parameters must be scalars or arrays of scalars");
                return null;
            }
        }

        bool required = kind == ParameterLocation.Path || parameter.GetBoolean("required");
        bool fromProject = kind == ParameterLocation.Path && name is "project_id" or "tenant_id";
        string clrName = Identifiers.MakeUnique(Identifiers.ToCamel(name), parameterNames);
        if (!CheckLength(clrName, parameter["name"]!, "parameter"))
        {
            return null;
        }

        return new ParameterModel(name, clrName, kind, type, required, fromProject, parameter.GetString("description"), parameter["schema"] is YamlNode constrained ? DescribeConstraints(PeekSchema(constrained)) : null);
    }

    private void CheckPathParameters(string wirePath, List<ParameterModel> parameters, YamlNode location)
    {
        var inTemplate = new List<string>();
        int start = 0;
        while ((start = wirePath.IndexOf('{', start)) >= 0)
        {
            int end = wirePath.IndexOf('}', start);
            if (end < 0)
            {
                Report(SpecDiagnostics.PathParameterMismatch, location, $"Path '{wirePath}' has an unclosed '{{'");
                return;
            }

            inTemplate.Add(wirePath.Substring(start + 1, end - start - 1));
            start = end + 1;
        }

        var declared = parameters.Where(p => p.Location == ParameterLocation.Path).Select(p => p.WireName).ToList();
        foreach (string name in inTemplate.Where(n => !declared.Contains(n)).Distinct())
        {
            Report(SpecDiagnostics.PathParameterMismatch, location, $"Path '{wirePath}' uses {{{name}}} but declares no path parameter '{name}'");
        }

        foreach (string name in declared.Where(n => !inTemplate.Contains(n)))
        {
            Report(SpecDiagnostics.PathParameterMismatch, location, $"Path parameter '{name}' does not appear in '{wirePath}'");
        }
    }

    private RequestBodyModel? ReadRequestBody(YamlNode? node, string operationId)
    {
        if (node is not YamlMapping body)
        {
            Report(SpecDiagnostics.InvalidStructure, node, $"The requestBody of {operationId} must be a mapping");
            return null;
        }

        YamlMapping? mediaType = ReadJsonMediaType(body["content"], operationId + " request body");
        if (mediaType?["schema"] is not YamlNode schema)
        {
            if (mediaType is not null)
            {
                Report(SpecDiagnostics.InvalidStructure, mediaType, $"The request body of {operationId} has no schema");
            }

            return null;
        }

        TypeRef type = ResolveSchema(schema, operationId + "Request");
        return new RequestBodyModel(type, body.GetBoolean("required"), body.GetString("description"));
    }

    /// <summary>
    /// The body type of the first 2xx response with content, and whether a success may come without a body: another
    /// 2xx has no content, or a 2xx is marked <c>x-body-optional: true</c> (Nova's createImage answers 202 with a
    /// body from microversion 2.45 on and without one before). The method then returns null for an empty success
    /// body instead of failing.
    /// </summary>
    private (TypeRef? Type, bool MayBeEmpty) ReadSuccessResponse(YamlNode? node, string operationId, YamlNode fallbackLocation)
    {
        if (node is not YamlMapping responses)
        {
            Report(SpecDiagnostics.InvalidStructure, node ?? fallbackLocation, $"{operationId} needs a 'responses' mapping");
            return (null, false);
        }

        TypeRef? type = null;
        bool withoutBody = false;
        foreach (KeyValuePair<YamlScalar, YamlNode> entry in responses.Entries)
        {
            string status = entry.Key.Value;
            if (!status.StartsWith("2", StringComparison.Ordinal))
            {
                continue;
            }

            if (Deref(entry.Value, "responses") is not YamlMapping response)
            {
                Report(SpecDiagnostics.InvalidStructure, entry.Value, $"Response {status} of {operationId} must be a mapping");
                return (null, false);
            }

            if (response["content"] is null)
            {
                withoutBody = true;
                continue;
            }

            withoutBody |= response.GetBoolean("x-body-optional");
            if (type is null)
            {
                YamlMapping? mediaType = ReadJsonMediaType(response["content"], $"{operationId} response {status}");
                type = mediaType?["schema"] is YamlNode schema ? ResolveSchema(schema, operationId + "Response") : null;
            }
        }

        return (type, type is not null && !type.IsValueType && withoutBody);
    }

    private YamlMapping? ReadJsonMediaType(YamlNode? node, string what)
    {
        if (node is not YamlMapping content || content.Entries.Count == 0)
        {
            Report(SpecDiagnostics.InvalidStructure, node, $"The content of {what} must map a media type to a schema");
            return null;
        }

        foreach (KeyValuePair<YamlScalar, YamlNode> entry in content.Entries)
        {
            if (entry.Key.Value.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            {
                return entry.Value as YamlMapping ?? ReportNull(entry.Value, $"The media type of {what} must be a mapping");
            }
        }

        Report(SpecDiagnostics.UnsupportedMediaType, content.Entries[0].Key, what, content.Entries[0].Key.Value);
        return null;
    }

    private YamlMapping? ReportNull(YamlNode node, string message)
    {
        Report(SpecDiagnostics.InvalidStructure, node, message);
        return null;
    }

    /// <summary>Follows a local <c>$ref</c> to <c>#/components/{kind}/Name</c>, or returns the node itself.</summary>
    private YamlNode? Deref(YamlNode node, string kind)
    {
        for (int hops = 0; node is YamlMapping mapping && mapping.GetString("$ref") is string reference; hops++)
        {
            string prefix = "#/components/" + kind + "/";
            if (hops > 16)
            {
                Report(SpecDiagnostics.CyclicReference, mapping["$ref"], reference);
                return null;
            }

            if (!reference.StartsWith(prefix, StringComparison.Ordinal))
            {
                Report(SpecDiagnostics.UnresolvedReference, mapping["$ref"], reference, $"expected a reference to '{prefix}<name>' in this file");
                return null;
            }

            YamlNode? target = (_root["components"] as YamlMapping)?[kind] is YamlMapping section ? section[reference.Substring(prefix.Length)] : null;
            if (target is null)
            {
                Report(SpecDiagnostics.UnresolvedReference, mapping["$ref"], reference, "no such component");
                return null;
            }

            node = target;
        }

        return node;
    }

    private TypeRef ResolveSchema(YamlNode node, string contextName, string? reservedName = null)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        if (++_schemaVisits > MaxSchemaVisits)
        {
            throw new YamlLoader.LoadException($"the spec expands to more than {MaxSchemaVisits} schemas (YAML aliases?)", node.Line, node.Column, tooComplex: true);
        }

        if (_schemaDepth >= MaxSchemaDepth)
        {
            throw new YamlLoader.LoadException($"schemas nest (through properties, items and $refs) deeper than {MaxSchemaDepth} levels", node.Line, node.Column, tooComplex: true);
        }

        _schemaDepth++;
        try
        {
            return ResolveSchemaCore(node, contextName, reservedName);
        }
        finally
        {
            _schemaDepth--;
        }
    }

    private TypeRef ResolveSchemaCore(YamlNode node, string contextName, string? reservedName)
    {

        if (node is not YamlMapping schema)
        {
            if (node is YamlScalar { Value: "true" or "True" })
            {
                return TypeRef.Any;
            }

            Report(SpecDiagnostics.InvalidStructure, node, "A schema must be a mapping");
            return TypeRef.Any;
        }

        if (schema.GetString("$ref") is string reference)
        {
            if (!reference.StartsWith(SchemaRefPrefix, StringComparison.Ordinal))
            {
                Report(SpecDiagnostics.UnresolvedReference, schema["$ref"], reference, $"only '{SchemaRefPrefix}<name>' references in the same file are supported");
                return TypeRef.Any;
            }

            string name = reference.Substring(SchemaRefPrefix.Length);
            if (!_components.TryGetValue(name, out ComponentSchema? component))
            {
                Report(SpecDiagnostics.UnresolvedReference, schema["$ref"], reference, "no such schema in components/schemas");
                return TypeRef.Any;
            }

            if (component.Resolving)
            {
                Report(SpecDiagnostics.CyclicReference, schema["$ref"], reference);
                return TypeRef.Any;
            }

            return ResolveComponent(name, component.Node);
        }

        foreach (string combinator in UnsupportedCombinators)
        {
            if (schema.ContainsKey(combinator))
            {
                Report(SpecDiagnostics.UnsupportedConstruct, schema[combinator], $"'{combinator}'", "describe one shape and note the alternatives in the description");
                return TypeRef.Any;
            }
        }

        foreach (string keyword in UnsupportedSchemaKeywords)
        {
            if (schema[keyword] is YamlNode unsupported)
            {
                Report(SpecDiagnostics.UnsupportedConstruct, unsupported, $"'{keyword}' (JSON Schema 2020-12, OpenAPI 3.1)", "describe the value with the OpenAPI 3.0 keywords");
                return TypeRef.Any;
            }
        }

        if (!TryReadType(schema, out string? type, out _))
        {
            return TypeRef.Any;
        }

        switch (type)
        {
            case "string":
                return schema["enum"] is YamlSequence values ? DefineEnum(NameFor(contextName, reservedName, schema), schema, values) : TypeRef.String;
            case "integer":
                return schema.GetString("format") == "int64" ? TypeRef.Int64 : TypeRef.Int32;
            case "number":
                return TypeRef.Double;
            case "boolean":
                return TypeRef.Boolean;
            case "array":
                if (schema["items"] is not YamlNode items)
                {
                    Report(SpecDiagnostics.InvalidStructure, schema, "An array schema needs 'items'");
                    return TypeRef.Any;
                }

                var array = new TypeRef(TypeKind.Array, Element: ResolveSchema(items, contextName + "Item"));
                return CheckShape(array, schema) ? array : TypeRef.Any;
            case "object":
            case null:
                return ResolveObject(schema, contextName, reservedName);
            default:
                Report(SpecDiagnostics.UnsupportedConstruct, schema["type"], $"Schema type '{type}'", "use string, integer, number, boolean, array or object");
                return TypeRef.Any;
        }
    }

    private TypeRef ResolveComponent(string name, YamlNode node)
    {
        ComponentSchema component = _components[name];
        if (component.Resolved is not null)
        {
            return component.Resolved;
        }

        // Object components are named before their properties resolve, so self-referencing models work.
        if (node is YamlMapping mapping && mapping["properties"] is YamlMapping)
        {
            component.Resolved = new TypeRef(TypeKind.Object, component.ClrName);
            DefineObject(component.ClrName, mapping);
            return component.Resolved;
        }

        component.Resolving = true;
        TypeRef resolved = ResolveSchema(node, component.ClrName, component.ClrName);
        component.Resolving = false;
        component.Resolved = resolved;
        return resolved;
    }

    private TypeRef ResolveObject(YamlMapping schema, string contextName, string? reservedName)
    {
        if (schema["properties"] is YamlMapping)
        {
            string name = NameFor(contextName, reservedName, schema);
            DefineObject(name, schema);
            return new TypeRef(TypeKind.Object, name);
        }

        YamlNode? additional = schema["additionalProperties"];
        if (additional is YamlMapping additionalSchema)
        {
            var map = new TypeRef(TypeKind.Map, Element: ResolveSchema(additionalSchema, contextName + "Value"));
            return CheckShape(map, schema) ? map : TypeRef.Any;
        }

        return additional is YamlScalar { Value: "true" or "True" } ? new TypeRef(TypeKind.Map, Element: TypeRef.Any) : TypeRef.Any;
    }

    /// <summary>Component schemas own their reserved name; inline schemas get a unique name from their context.</summary>
    private string NameFor(string contextName, string? reservedName, YamlNode at)
    {
        if (reservedName is not null)
        {
            return reservedName;
        }

        // A name that is too long is reported; the type keeps a short stand-in name so reading can go on.
        return CheckLength(contextName, at, "type") ? Identifiers.MakeUnique(contextName, _typeNames) : Identifiers.MakeUnique("TooLong", _typeNames);
    }

    /// <summary>
    /// Reads <c>type</c>: a name, or (OpenAPI 3.1) a list of one name and <c>'null'</c>. Reports anything else;
    /// <paramref name="nullable"/> tells whether null is allowed by <c>nullable: true</c> or the list.
    /// </summary>
    private bool TryReadType(YamlMapping schema, out string? type, out bool nullable)
    {
        nullable = schema.GetBoolean("nullable");
        type = null;
        switch (schema["type"])
        {
            case null:
                return true;
            case YamlScalar { IsNull: true }:
                Report(SpecDiagnostics.InvalidStructure, schema["type"], "'type' is empty; name a type such as string or object");
                return false;
            case YamlScalar scalar:
                type = scalar.Value;
                return true;
            case YamlSequence list:
                var names = new List<string>();
                foreach (YamlNode item in list.Items)
                {
                    if (item is not YamlScalar name || (name.IsNull && name.Value != "null"))
                    {
                        Report(SpecDiagnostics.InvalidStructure, item, "Every entry of a 'type' list must be a type name");
                        return false;
                    }

                    if (name.Value == "null")
                    {
                        nullable = true;
                    }
                    else
                    {
                        names.Add(name.Value);
                    }
                }

                if (names.Count == 0)
                {
                    Report(SpecDiagnostics.InvalidStructure, list, "A 'type' list must name a type besides 'null'");
                    return false;
                }

                if (names.Count > 1)
                {
                    Report(SpecDiagnostics.UnsupportedConstruct, list, $"The type list [{YamlLoader.Shorten(string.Join(", ", names))}]", "a value has one type, optionally with 'null'");
                    return false;
                }

                type = names[0];
                return true;
            default:
                Report(SpecDiagnostics.InvalidStructure, schema["type"], "'type' must be a type name or a list of them");
                return false;
        }
    }

    /// <summary>Whether a schema allows null: <c>nullable: true</c>, or <c>'null'</c> in its type list.</summary>
    private static bool IsNullable(YamlMapping? schema)
    {
        if (schema is null)
        {
            return false;
        }

        return schema.GetBoolean("nullable") || (schema["type"] is YamlSequence list && list.Items.OfType<YamlScalar>().Any(s => s.Value == "null"));
    }

    /// <summary>Reports a C# name longer than <see cref="MaxNameLength"/> at the spec node it comes from.</summary>
    private bool CheckLength(string name, YamlNode at, string what)
    {
        if (name.Length <= MaxNameLength)
        {
            return true;
        }

        Report(SpecDiagnostics.TooComplex, at, $"The {what} name '{YamlLoader.Shorten(name)}' is {name.Length} characters long; names taken from a spec are limited to {MaxNameLength}");
        return false;
    }

    /// <summary>
    /// The codec names its array and map helpers after their shape (<c>ReadArrayOfString</c>); a schema whose C# name is
    /// such a shape name would get a second method of the same name, so it is reported at the schema.
    /// </summary>
    private void CheckShapeNames(List<OperationModel> operations)
    {
        var shapes = new HashSet<string>(StringComparer.Ordinal);
        void Visit(TypeRef? type)
        {
            if (type is { Kind: TypeKind.Array or TypeKind.Map })
            {
                shapes.Add(ShapeName(type));
                Visit(type.Element);
            }
        }

        foreach (ObjectTypeModel type in _types.Values.OfType<ObjectTypeModel>())
        {
            foreach (PropertyModel property in type.Properties)
            {
                Visit(property.Type);
            }
        }

        foreach (OperationModel operation in operations)
        {
            Visit(operation.RequestBody?.Type);
            Visit(operation.ResponseType);
        }

        foreach (string name in _types.Keys.Where(shapes.Contains).OrderBy(n => n, StringComparer.Ordinal))
        {
            YamlNode? at = _components.Where(c => c.Value.ClrName == name).Select(c => (YamlNode?)c.Value.Node).FirstOrDefault();
            Report(SpecDiagnostics.DuplicateName, at, $"The schema name '{name}' is also the name the JSON code gives to a list or map shape the spec uses; rename the schema");
        }
    }

    private static string ShapeName(TypeRef type) => type.Kind switch
    {
        TypeKind.Object or TypeKind.Enum => type.Name!,
        TypeKind.Array => "ArrayOf" + ShapeName(type.Element!),
        TypeKind.Map => "MapOf" + ShapeName(type.Element!),
        TypeKind.Any => "Json",
        TypeKind.String or TypeKind.Int32 or TypeKind.Int64 or TypeKind.Double or TypeKind.Boolean => type.Kind.ToString(),
        _ => throw new InvalidOperationException($"Unknown type kind {type.Kind}."),
    };

    /// <summary>Array and map shapes get codec helpers named after them (<c>ArrayOfMapOfString</c>); their names are bounded too.</summary>
    private bool CheckShape(TypeRef shape, YamlNode at)
    {
        static int Length(TypeRef type) => type.Kind switch
        {
            TypeKind.Object or TypeKind.Enum => type.Name!.Length,
            TypeKind.Array => "ArrayOf".Length + Length(type.Element!),
            TypeKind.Map => "MapOf".Length + Length(type.Element!),
            _ => type.Kind.ToString().Length,
        };

        int length = Length(shape);
        if (length <= MaxNameLength)
        {
            return true;
        }

        Report(SpecDiagnostics.TooComplex, at, $"Arrays and maps nest so deep that their codec name is {length} characters long; the limit is {MaxNameLength}");
        return false;
    }

    private void DefineObject(string name, YamlMapping schema)
    {
        var required = new HashSet<string>(StringComparer.Ordinal);
        if (schema["required"] is YamlSequence requiredList)
        {
            foreach (YamlScalar item in requiredList.Items.OfType<YamlScalar>())
            {
                required.Add(item.Value);
            }
        }

        // Reserve the name before the properties resolve, so nested inline types cannot take it.
        _types[name] = new ObjectTypeModel(name, schema.GetString("description"), schema.GetBoolean("deprecated"), ImmutableEquatableArray<PropertyModel>.Empty);
        var properties = new List<PropertyModel>();
        // Members every class inherits from object are reserved, so a property never hides one.
        var propertyNames = new HashSet<string>(StringComparer.Ordinal) { name, "GetType", "ToString", "Equals", "GetHashCode", "MemberwiseClone", "ReferenceEquals", "Finalize" };
        // The codec's locals for the members: camelCase plus "Value", unique even where two C# names differ only in case.
        var localNames = new HashSet<string>(StringComparer.Ordinal);
        var declared = (YamlMapping)schema["properties"]!;
        foreach (KeyValuePair<YamlScalar, YamlNode> entry in declared.Entries)
        {
            string wireName = entry.Key.Value;
            string clrName = Identifiers.MakeUnique(Identifiers.ToPascal(wireName), propertyNames);
            if (!CheckLength(clrName, entry.Key, "property"))
            {
                continue;
            }

            TypeRef type = ResolveSchema(entry.Value, name + Identifiers.ToPascal(wireName));
            YamlMapping? propertySchema = PeekSchema(entry.Value);
            properties.Add(new PropertyModel(
                wireName,
                clrName,
                type,
                // A required member the API may send as null cannot be a non-nullable required property.
                required.Contains(wireName) && !IsNullable(propertySchema) && !IsNullable(entry.Value as YamlMapping),
                (entry.Value as YamlMapping)?.GetString("description") ?? propertySchema?.GetString("description"),
                DescribeConstraints(entry.Value as YamlMapping),
                (entry.Value as YamlMapping)?.GetBoolean("deprecated") ?? false,
                DefaultFor(type.Kind, propertySchema?.GetString("default")),
                Identifiers.MakeUnique(Identifiers.ToCamel(clrName).TrimStart('@') + "Value", localNames)));
        }

        foreach (string missing in required.Where(r => !declared.ContainsKey(r)))
        {
            Report(SpecDiagnostics.InvalidStructure, schema["required"], $"'{missing}' is listed as required but is not a property of {name}");
        }

        _types[name] = new ObjectTypeModel(name, schema.GetString("description"), schema.GetBoolean("deprecated"), properties.ToImmutableEquatableArray());
    }

    /// <summary>The schema a node is or refers to, without reporting: ResolveSchema has already reported a bad reference.</summary>
    private YamlMapping? PeekSchema(YamlNode node)
    {
        for (int hops = 0; hops < 16 && node is YamlMapping mapping && mapping.GetString("$ref") is string reference; hops++)
        {
            if (!reference.StartsWith(SchemaRefPrefix, StringComparison.Ordinal) || !_components.TryGetValue(reference.Substring(SchemaRefPrefix.Length), out ComponentSchema? component))
            {
                return null;
            }

            node = component.Node;
        }

        return node as YamlMapping;
    }

    private TypeRef DefineEnum(string name, YamlMapping schema, YamlSequence values)
    {
        var members = new List<EnumMemberModel>();
        var memberNames = new HashSet<string>(StringComparer.Ordinal) { name, "Value", "IsKnown", "Equals", "GetHashCode", "ToString" };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (YamlScalar value in values.Items.OfType<YamlScalar>())
        {
            if (value.IsNull || !seen.Add(value.Value))
            {
                continue;
            }

            string clr = Identifiers.ToPascal(value.Value, "Empty");
            if (clr.StartsWith("_", StringComparison.Ordinal))
            {
                clr = "Value" + clr.Substring(1);
            }

            if (!CheckLength(clr, value, "enum member"))
            {
                continue;
            }

            members.Add(new EnumMemberModel(value.Value, Identifiers.MakeUnique(clr, memberNames)));
        }

        _types[name] = new EnumTypeModel(name, schema.GetString("description"), members.ToImmutableEquatableArray());
        return new TypeRef(TypeKind.Enum, name);
    }

    /// <summary>
    /// The documented default of a scalar property, normalised to its invariant text, or null when the kind has no
    /// literal form or the text does not parse as that kind (the default then stays in the doc comment only).
    /// </summary>
    private static string? DefaultFor(TypeKind kind, string? text)
    {
        if (text is null)
        {
            return null;
        }

        const NumberStyles integer = NumberStyles.AllowLeadingSign;
        return kind switch
        {
            TypeKind.String or TypeKind.Enum => text,
            TypeKind.Boolean when bool.TryParse(text, out bool flag) => flag ? "true" : "false",
            TypeKind.Int32 when int.TryParse(text, integer, CultureInfo.InvariantCulture, out int value) => value.ToString(CultureInfo.InvariantCulture),
            TypeKind.Int64 when long.TryParse(text, integer, CultureInfo.InvariantCulture, out long value) => value.ToString(CultureInfo.InvariantCulture),
            TypeKind.Double when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && !double.IsNaN(value) && !double.IsInfinity(value) => value.ToString("R", CultureInfo.InvariantCulture),
            _ => null,
        };
    }

    private static string? DescribeConstraints(YamlMapping? schema)
    {
        if (schema is null)
        {
            return null;
        }

        var parts = new List<string>();
        void Add(string key, string label)
        {
            if (schema.GetString(key) is string value)
            {
                parts.Add(label + " " + value);
            }
        }

        Add("minLength", "Minimum length");
        Add("maxLength", "Maximum length");
        Add("minimum", "Minimum");
        Add("maximum", "Maximum");
        Add("minItems", "Minimum items");
        Add("maxItems", "Maximum items");
        Add("pattern", "Pattern");
        Add("default", "Default");
        Add("x-min-microversion", "Since Nova microversion");
        Add("format", "Format");
        return parts.Count == 0 ? null : string.Join("; ", parts) + ".";
    }

    private void Report(DiagnosticDescriptor descriptor, YamlNode? location, params object?[] args)
    {
        YamlNode at = location ?? _root ?? (YamlNode)new YamlScalar(string.Empty, false, 1, 1);
        object?[] shortened = args.Select(arg => arg is string text ? YamlLoader.Shorten(text, 200) : arg).ToArray();
        _diagnostics.Add(DiagnosticInfo.Create(descriptor, _input.FilePath, at.Line, at.Column, shortened));
    }

    private sealed class ComponentSchema
    {
        public ComponentSchema(string clrName, YamlNode node)
        {
            ClrName = clrName;
            Node = node;
        }

        public string ClrName { get; }

        public YamlNode Node { get; }

        public TypeRef? Resolved { get; set; }

        public bool Resolving { get; set; }
    }
}
