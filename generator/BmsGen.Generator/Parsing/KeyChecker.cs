using System;
using System.Collections.Generic;
using System.Threading;
using BmsGen.Generator.Diagnostics;
using BmsGen.Generator.Model;

namespace BmsGen.Generator.Parsing;

/// <summary>
/// Warns about every key that is neither an OpenAPI key of the object it stands in nor an <c>x-</c> extension.
/// An unknown key is most often text that YAML cut off: an unquoted <c>, </c> or <c>: </c> inside a flow mapping
/// ends a description early and makes the rest a key of its own. Walks each node once per kind of object, so
/// aliases cannot make the walk grow.
/// </summary>
internal sealed class KeyChecker
{
    private enum Kind
    {
        Document,
        Info,
        Contact,
        License,
        Server,
        ServerVariable,
        PathItem,
        Operation,
        ExternalDocs,
        Parameter,
        Header,
        RequestBody,
        MediaType,
        Encoding,
        Response,
        Example,
        Link,
        Components,
        SecurityScheme,
        OAuthFlows,
        OAuthFlow,
        Tag,
        Schema,
        Discriminator,
        Xml,
    }

    private static readonly Dictionary<Kind, string[]> Keys30 = new()
    {
        [Kind.Document] = new[] { "openapi", "info", "servers", "paths", "components", "security", "tags", "externalDocs" },
        [Kind.Info] = new[] { "title", "description", "termsOfService", "contact", "license", "version" },
        [Kind.Contact] = new[] { "name", "url", "email" },
        [Kind.License] = new[] { "name", "url" },
        [Kind.Server] = new[] { "url", "description", "variables" },
        [Kind.ServerVariable] = new[] { "enum", "default", "description" },
        [Kind.PathItem] = new[] { "$ref", "summary", "description", "get", "put", "post", "delete", "options", "head", "patch", "trace", "servers", "parameters" },
        [Kind.Operation] = new[] { "tags", "summary", "description", "externalDocs", "operationId", "parameters", "requestBody", "responses", "callbacks", "deprecated", "security", "servers" },
        [Kind.ExternalDocs] = new[] { "description", "url" },
        [Kind.Parameter] = new[] { "name", "in", "description", "required", "deprecated", "allowEmptyValue", "style", "explode", "allowReserved", "schema", "example", "examples", "content" },
        [Kind.Header] = new[] { "description", "required", "deprecated", "allowEmptyValue", "style", "explode", "allowReserved", "schema", "example", "examples", "content" },
        [Kind.RequestBody] = new[] { "description", "content", "required" },
        [Kind.MediaType] = new[] { "schema", "example", "examples", "encoding" },
        [Kind.Encoding] = new[] { "contentType", "headers", "style", "explode", "allowReserved" },
        [Kind.Response] = new[] { "description", "headers", "content", "links" },
        [Kind.Example] = new[] { "summary", "description", "value", "externalValue" },
        [Kind.Link] = new[] { "operationRef", "operationId", "parameters", "requestBody", "description", "server" },
        [Kind.Components] = new[] { "schemas", "responses", "parameters", "examples", "requestBodies", "headers", "securitySchemes", "links", "callbacks" },
        [Kind.SecurityScheme] = new[] { "type", "description", "name", "in", "scheme", "bearerFormat", "flows", "openIdConnectUrl" },
        [Kind.OAuthFlows] = new[] { "implicit", "password", "clientCredentials", "authorizationCode" },
        [Kind.OAuthFlow] = new[] { "authorizationUrl", "tokenUrl", "refreshUrl", "scopes" },
        [Kind.Tag] = new[] { "name", "description", "externalDocs" },
        [Kind.Schema] = new[]
        {
            "$ref", "title", "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength", "minLength", "pattern",
            "maxItems", "minItems", "uniqueItems", "maxProperties", "minProperties", "required", "enum", "type", "allOf", "oneOf", "anyOf",
            "not", "items", "properties", "additionalProperties", "description", "format", "default", "nullable", "discriminator",
            "readOnly", "writeOnly", "xml", "externalDocs", "example", "deprecated",
        },
        [Kind.Discriminator] = new[] { "propertyName", "mapping" },
        [Kind.Xml] = new[] { "name", "namespace", "prefix", "attribute", "wrapped" },
    };

    /// <summary>What OpenAPI 3.1 adds. Keywords the reader does not support are known here and refused there, with a clearer message.</summary>
    private static readonly Dictionary<Kind, string[]> Added31 = new()
    {
        [Kind.Document] = new[] { "webhooks", "jsonSchemaDialect" },
        [Kind.Info] = new[] { "summary" },
        [Kind.License] = new[] { "identifier" },
        [Kind.Components] = new[] { "pathItems" },
        [Kind.Schema] = new[]
        {
            "$schema", "$id", "$comment", "examples", "contentMediaType", "contentEncoding", "const", "prefixItems", "if", "then", "else",
            "dependentSchemas", "dependentRequired", "unevaluatedProperties", "unevaluatedItems", "patternProperties", "propertyNames",
            "contains", "minContains", "maxContains", "$defs", "$dynamicRef", "$dynamicAnchor", "$anchor", "contentSchema",
        },
    };

    private static readonly Dictionary<Kind, string> Names = new()
    {
        [Kind.Document] = "the document",
        [Kind.Info] = "info",
        [Kind.Contact] = "a contact",
        [Kind.License] = "a license",
        [Kind.Server] = "a server",
        [Kind.ServerVariable] = "a server variable",
        [Kind.PathItem] = "a path item",
        [Kind.Operation] = "an operation",
        [Kind.ExternalDocs] = "externalDocs",
        [Kind.Parameter] = "a parameter",
        [Kind.Header] = "a header",
        [Kind.RequestBody] = "a request body",
        [Kind.MediaType] = "a media type",
        [Kind.Encoding] = "an encoding",
        [Kind.Response] = "a response",
        [Kind.Example] = "an example",
        [Kind.Link] = "a link",
        [Kind.Components] = "components",
        [Kind.SecurityScheme] = "a security scheme",
        [Kind.OAuthFlows] = "OAuth flows",
        [Kind.OAuthFlow] = "an OAuth flow",
        [Kind.Tag] = "a tag",
        [Kind.Schema] = "a schema",
        [Kind.Discriminator] = "a discriminator",
        [Kind.Xml] = "xml",
    };

    private static readonly string[] Methods = { "get", "put", "post", "delete", "options", "head", "patch", "trace" };

    private readonly SpecInput _input;
    private readonly List<DiagnosticInfo> _diagnostics;
    private readonly CancellationToken _cancellationToken;
    private readonly bool _is31;
    private readonly string _version;
    private readonly Dictionary<Kind, HashSet<string>> _known = new();
    private readonly HashSet<(YamlNode Node, Kind Kind)> _visited = new();

    private KeyChecker(SpecInput input, List<DiagnosticInfo> diagnostics, bool is31, CancellationToken cancellationToken)
    {
        _input = input;
        _diagnostics = diagnostics;
        _is31 = is31;
        _version = is31 ? "3.1" : "3.0";
        _cancellationToken = cancellationToken;
        foreach (KeyValuePair<Kind, string[]> entry in Keys30)
        {
            var keys = new HashSet<string>(entry.Value, StringComparer.Ordinal);
            if (is31 && Added31.TryGetValue(entry.Key, out string[]? added))
            {
                keys.UnionWith(added);
            }

            _known[entry.Key] = keys;
        }
    }

    public static void Check(YamlMapping root, SpecInput input, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        bool is31 = root.GetString("openapi") is string version && version.StartsWith("3.1", StringComparison.Ordinal);
        new KeyChecker(input, diagnostics, is31, cancellationToken).Visit(root, Kind.Document);
    }

    private void Visit(YamlNode? node, Kind kind)
    {
        if (node is not YamlMapping mapping || !_visited.Add((node, kind)))
        {
            return;
        }

        _cancellationToken.ThrowIfCancellationRequested();

        // A reference object stands for the object it names; in 3.0 its other keys are ignored, so only a schema
        // (whose description next to a $ref this generator reads) goes on to be checked.
        if (kind != Kind.Schema && mapping.ContainsKey("$ref") && kind != Kind.PathItem)
        {
            return;
        }

        HashSet<string> known = _known[kind];
        foreach (KeyValuePair<YamlScalar, YamlNode> entry in mapping.Entries)
        {
            string key = entry.Key.Value;
            if (key.StartsWith("x-", StringComparison.Ordinal))
            {
                continue;
            }

            if (!known.Contains(key))
            {
                _diagnostics.Add(DiagnosticInfo.Create(SpecDiagnostics.UnknownKey, _input.FilePath, entry.Key.Line, entry.Key.Column, YamlLoader.Shorten(key), Names[kind], _version));
                continue;
            }

            VisitValue(kind, key, entry.Value);
        }
    }

    private void VisitValue(Kind kind, string key, YamlNode value)
    {
        switch (kind)
        {
            case Kind.Document:
                switch (key)
                {
                    case "info": Visit(value, Kind.Info); break;
                    case "servers": VisitList(value, Kind.Server); break;
                    case "paths": VisitMap(value, Kind.PathItem); break;
                    case "webhooks": VisitMap(value, Kind.PathItem); break;
                    case "components": Visit(value, Kind.Components); break;
                    case "tags": VisitList(value, Kind.Tag); break;
                    case "externalDocs": Visit(value, Kind.ExternalDocs); break;
                }

                break;
            case Kind.Info:
                switch (key)
                {
                    case "contact": Visit(value, Kind.Contact); break;
                    case "license": Visit(value, Kind.License); break;
                }

                break;
            case Kind.Server:
                if (key == "variables")
                {
                    VisitMap(value, Kind.ServerVariable);
                }

                break;
            case Kind.PathItem:
                if (Array.IndexOf(Methods, key) >= 0)
                {
                    Visit(value, Kind.Operation);
                }
                else if (key == "servers")
                {
                    VisitList(value, Kind.Server);
                }
                else if (key == "parameters")
                {
                    VisitList(value, Kind.Parameter);
                }

                break;
            case Kind.Operation:
                switch (key)
                {
                    case "externalDocs": Visit(value, Kind.ExternalDocs); break;
                    case "parameters": VisitList(value, Kind.Parameter); break;
                    case "requestBody": Visit(value, Kind.RequestBody); break;
                    case "responses": VisitMap(value, Kind.Response); break;
                    case "callbacks": VisitCallbacks(value); break;
                    case "servers": VisitList(value, Kind.Server); break;
                }

                break;
            case Kind.Parameter:
            case Kind.Header:
                switch (key)
                {
                    case "schema": Visit(value, Kind.Schema); break;
                    case "examples": VisitMap(value, Kind.Example); break;
                    case "content": VisitMap(value, Kind.MediaType); break;
                }

                break;
            case Kind.RequestBody:
                if (key == "content")
                {
                    VisitMap(value, Kind.MediaType);
                }

                break;
            case Kind.MediaType:
                switch (key)
                {
                    case "schema": Visit(value, Kind.Schema); break;
                    case "examples": VisitMap(value, Kind.Example); break;
                    case "encoding": VisitMap(value, Kind.Encoding); break;
                }

                break;
            case Kind.Encoding:
                if (key == "headers")
                {
                    VisitMap(value, Kind.Header);
                }

                break;
            case Kind.Response:
                switch (key)
                {
                    case "headers": VisitMap(value, Kind.Header); break;
                    case "content": VisitMap(value, Kind.MediaType); break;
                    case "links": VisitMap(value, Kind.Link); break;
                }

                break;
            case Kind.Link:
                if (key == "server")
                {
                    Visit(value, Kind.Server);
                }

                break;
            case Kind.Components:
                switch (key)
                {
                    case "schemas": VisitMap(value, Kind.Schema); break;
                    case "responses": VisitMap(value, Kind.Response); break;
                    case "parameters": VisitMap(value, Kind.Parameter); break;
                    case "examples": VisitMap(value, Kind.Example); break;
                    case "requestBodies": VisitMap(value, Kind.RequestBody); break;
                    case "headers": VisitMap(value, Kind.Header); break;
                    case "securitySchemes": VisitMap(value, Kind.SecurityScheme); break;
                    case "links": VisitMap(value, Kind.Link); break;
                    case "callbacks": VisitCallbacks(value); break;
                    case "pathItems": VisitMap(value, Kind.PathItem); break;
                }

                break;
            case Kind.SecurityScheme:
                if (key == "flows")
                {
                    Visit(value, Kind.OAuthFlows);
                }

                break;
            case Kind.OAuthFlows:
                Visit(value, Kind.OAuthFlow);
                break;
            case Kind.Tag:
                if (key == "externalDocs")
                {
                    Visit(value, Kind.ExternalDocs);
                }

                break;
            case Kind.Schema:
                VisitSchemaValue(key, value);
                break;
            case Kind.Contact:
            case Kind.License:
            case Kind.ServerVariable:
            case Kind.ExternalDocs:
            case Kind.Example:
            case Kind.OAuthFlow:
            case Kind.Discriminator:
            case Kind.Xml:
                // Values of these objects are scalars or free-form maps.
                break;
            default:
                throw new InvalidOperationException($"No key rules for {kind}.");
        }
    }

    private void VisitSchemaValue(string key, YamlNode value)
    {
        switch (key)
        {
            case "items":
            case "not":
            case "additionalProperties":
            case "if":
            case "then":
            case "else":
            case "contains":
            case "propertyNames":
            case "unevaluatedItems":
            case "unevaluatedProperties":
            case "contentSchema":
                Visit(value, Kind.Schema);
                break;
            case "allOf":
            case "oneOf":
            case "anyOf":
            case "prefixItems":
                VisitList(value, Kind.Schema);
                break;
            case "properties":
            case "patternProperties":
            case "dependentSchemas":
            case "$defs":
                VisitMap(value, Kind.Schema);
                break;
            case "discriminator":
                Visit(value, Kind.Discriminator);
                break;
            case "xml":
                Visit(value, Kind.Xml);
                break;
            case "externalDocs":
                Visit(value, Kind.ExternalDocs);
                break;
        }
    }

    private void VisitCallbacks(YamlNode value)
    {
        if (value is YamlMapping callbacks)
        {
            foreach (KeyValuePair<YamlScalar, YamlNode> callback in callbacks.Entries)
            {
                if (!callback.Key.Value.StartsWith("x-", StringComparison.Ordinal))
                {
                    VisitMap(callback.Value, Kind.PathItem);
                }
            }
        }
    }

    /// <summary>The values of a map whose keys are names the author chooses (paths, status codes, property names).</summary>
    private void VisitMap(YamlNode value, Kind kind)
    {
        if (value is not YamlMapping map)
        {
            return;
        }

        foreach (KeyValuePair<YamlScalar, YamlNode> entry in map.Entries)
        {
            // Property names are data, so 'x-…' is a property there; elsewhere it is an extension.
            if (entry.Key.Value.StartsWith("x-", StringComparison.Ordinal) && kind != Kind.Schema)
            {
                continue;
            }

            Visit(entry.Value, kind);
        }
    }

    private void VisitList(YamlNode value, Kind kind)
    {
        if (value is YamlSequence list)
        {
            foreach (YamlNode item in list.Items)
            {
                Visit(item, kind);
            }
        }
    }
}
