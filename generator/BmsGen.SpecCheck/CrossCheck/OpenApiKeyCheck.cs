using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace BmsGen.SpecCheck.CrossCheck;

/// <summary>
/// Walks the raw YAML of a spec and reports every mapping key that is neither an OpenAPI 3.0 field of the object it
/// sits in nor an <c>x-</c> extension. An OpenAPI reader (ours or NSwag) silently ignores such a key, so a
/// description cut short by an unquoted <c>", "</c> in a flow mapping (<c>{description: a, b: c}</c> makes a key
/// <c>b</c>) would otherwise go unnoticed.
/// </summary>
internal static class OpenApiKeyCheck
{
    private enum Kind
    {
        Root,
        Info,
        Contact,
        License,
        Server,
        ServerVariable,
        Paths,
        PathItem,
        Operation,
        Parameter,
        RequestBody,
        MediaType,
        Encoding,
        Responses,
        Response,
        Header,
        Example,
        Link,
        Components,
        Schema,
        Discriminator,
        Xml,
        ExternalDocs,
        Tag,
        SecurityScheme,
        OAuthFlows,
        OAuthFlow,
        Callback,
        // Containers and free content.
        MapOf,
        ListOf,
        Free,
    }

    private sealed record Shape(Kind Kind, Shape? Element = null)
    {
        public static Shape Of(Kind kind) => new(kind);

        public static Shape Map(Kind kind) => new(Kind.MapOf, new Shape(kind));

        public static Shape List(Kind kind) => new(Kind.ListOf, new Shape(kind));

        public static Shape Free { get; } = new(Kind.Free);
    }

    private static readonly Dictionary<Kind, Dictionary<string, Shape>> Fields = new()
    {
        [Kind.Root] = new()
        {
            ["openapi"] = Shape.Free, ["info"] = Shape.Of(Kind.Info), ["servers"] = Shape.List(Kind.Server),
            ["paths"] = Shape.Of(Kind.Paths), ["components"] = Shape.Of(Kind.Components), ["security"] = Shape.Free,
            ["tags"] = Shape.List(Kind.Tag), ["externalDocs"] = Shape.Of(Kind.ExternalDocs),
        },
        [Kind.Info] = new()
        {
            ["title"] = Shape.Free, ["description"] = Shape.Free, ["termsOfService"] = Shape.Free,
            ["contact"] = Shape.Of(Kind.Contact), ["license"] = Shape.Of(Kind.License), ["version"] = Shape.Free,
        },
        [Kind.Contact] = new() { ["name"] = Shape.Free, ["url"] = Shape.Free, ["email"] = Shape.Free },
        [Kind.License] = new() { ["name"] = Shape.Free, ["url"] = Shape.Free },
        [Kind.Server] = new() { ["url"] = Shape.Free, ["description"] = Shape.Free, ["variables"] = Shape.Map(Kind.ServerVariable) },
        [Kind.ServerVariable] = new() { ["enum"] = Shape.Free, ["default"] = Shape.Free, ["description"] = Shape.Free },
        [Kind.PathItem] = new()
        {
            ["$ref"] = Shape.Free, ["summary"] = Shape.Free, ["description"] = Shape.Free,
            ["get"] = Shape.Of(Kind.Operation), ["put"] = Shape.Of(Kind.Operation), ["post"] = Shape.Of(Kind.Operation),
            ["delete"] = Shape.Of(Kind.Operation), ["options"] = Shape.Of(Kind.Operation), ["head"] = Shape.Of(Kind.Operation),
            ["patch"] = Shape.Of(Kind.Operation), ["trace"] = Shape.Of(Kind.Operation),
            ["servers"] = Shape.List(Kind.Server), ["parameters"] = Shape.List(Kind.Parameter),
        },
        [Kind.Operation] = new()
        {
            ["tags"] = Shape.Free, ["summary"] = Shape.Free, ["description"] = Shape.Free,
            ["externalDocs"] = Shape.Of(Kind.ExternalDocs), ["operationId"] = Shape.Free,
            ["parameters"] = Shape.List(Kind.Parameter), ["requestBody"] = Shape.Of(Kind.RequestBody),
            ["responses"] = Shape.Of(Kind.Responses), ["callbacks"] = Shape.Map(Kind.Callback),
            ["deprecated"] = Shape.Free, ["security"] = Shape.Free, ["servers"] = Shape.List(Kind.Server),
        },
        [Kind.Parameter] = new()
        {
            ["$ref"] = Shape.Free, ["name"] = Shape.Free, ["in"] = Shape.Free, ["description"] = Shape.Free,
            ["required"] = Shape.Free, ["deprecated"] = Shape.Free, ["allowEmptyValue"] = Shape.Free,
            ["style"] = Shape.Free, ["explode"] = Shape.Free, ["allowReserved"] = Shape.Free,
            ["schema"] = Shape.Of(Kind.Schema), ["example"] = Shape.Free, ["examples"] = Shape.Map(Kind.Example),
            ["content"] = Shape.Map(Kind.MediaType),
        },
        [Kind.RequestBody] = new()
        {
            ["$ref"] = Shape.Free, ["description"] = Shape.Free, ["content"] = Shape.Map(Kind.MediaType), ["required"] = Shape.Free,
        },
        [Kind.MediaType] = new()
        {
            ["schema"] = Shape.Of(Kind.Schema), ["example"] = Shape.Free, ["examples"] = Shape.Map(Kind.Example),
            ["encoding"] = Shape.Map(Kind.Encoding),
        },
        [Kind.Encoding] = new()
        {
            ["contentType"] = Shape.Free, ["headers"] = Shape.Map(Kind.Header), ["style"] = Shape.Free,
            ["explode"] = Shape.Free, ["allowReserved"] = Shape.Free,
        },
        [Kind.Response] = new()
        {
            ["$ref"] = Shape.Free, ["description"] = Shape.Free, ["headers"] = Shape.Map(Kind.Header),
            ["content"] = Shape.Map(Kind.MediaType), ["links"] = Shape.Map(Kind.Link),
        },
        [Kind.Header] = new()
        {
            ["$ref"] = Shape.Free, ["description"] = Shape.Free, ["required"] = Shape.Free, ["deprecated"] = Shape.Free,
            ["allowEmptyValue"] = Shape.Free, ["style"] = Shape.Free, ["explode"] = Shape.Free,
            ["allowReserved"] = Shape.Free, ["schema"] = Shape.Of(Kind.Schema), ["example"] = Shape.Free,
            ["examples"] = Shape.Map(Kind.Example), ["content"] = Shape.Map(Kind.MediaType),
        },
        [Kind.Example] = new()
        {
            ["$ref"] = Shape.Free, ["summary"] = Shape.Free, ["description"] = Shape.Free, ["value"] = Shape.Free,
            ["externalValue"] = Shape.Free,
        },
        [Kind.Link] = new()
        {
            ["$ref"] = Shape.Free, ["operationRef"] = Shape.Free, ["operationId"] = Shape.Free, ["parameters"] = Shape.Free,
            ["requestBody"] = Shape.Free, ["description"] = Shape.Free, ["server"] = Shape.Of(Kind.Server),
        },
        [Kind.Components] = new()
        {
            ["schemas"] = Shape.Map(Kind.Schema), ["responses"] = Shape.Map(Kind.Response),
            ["parameters"] = Shape.Map(Kind.Parameter), ["examples"] = Shape.Map(Kind.Example),
            ["requestBodies"] = Shape.Map(Kind.RequestBody), ["headers"] = Shape.Map(Kind.Header),
            ["securitySchemes"] = Shape.Map(Kind.SecurityScheme), ["links"] = Shape.Map(Kind.Link),
            ["callbacks"] = Shape.Map(Kind.Callback),
        },
        [Kind.Schema] = new()
        {
            ["$ref"] = Shape.Free, ["title"] = Shape.Free, ["multipleOf"] = Shape.Free, ["maximum"] = Shape.Free,
            ["exclusiveMaximum"] = Shape.Free, ["minimum"] = Shape.Free, ["exclusiveMinimum"] = Shape.Free,
            ["maxLength"] = Shape.Free, ["minLength"] = Shape.Free, ["pattern"] = Shape.Free, ["maxItems"] = Shape.Free,
            ["minItems"] = Shape.Free, ["uniqueItems"] = Shape.Free, ["maxProperties"] = Shape.Free,
            ["minProperties"] = Shape.Free, ["required"] = Shape.Free, ["enum"] = Shape.Free, ["type"] = Shape.Free,
            ["allOf"] = Shape.List(Kind.Schema), ["oneOf"] = Shape.List(Kind.Schema), ["anyOf"] = Shape.List(Kind.Schema),
            ["not"] = Shape.Of(Kind.Schema), ["items"] = Shape.Of(Kind.Schema), ["properties"] = Shape.Map(Kind.Schema),
            // A Boolean additionalProperties is legal too; a mapping is checked as a schema.
            ["additionalProperties"] = Shape.Of(Kind.Schema),
            ["description"] = Shape.Free, ["format"] = Shape.Free, ["default"] = Shape.Free, ["nullable"] = Shape.Free,
            ["discriminator"] = Shape.Of(Kind.Discriminator), ["readOnly"] = Shape.Free, ["writeOnly"] = Shape.Free,
            ["xml"] = Shape.Of(Kind.Xml), ["externalDocs"] = Shape.Of(Kind.ExternalDocs), ["example"] = Shape.Free,
            ["deprecated"] = Shape.Free,
        },
        [Kind.Discriminator] = new() { ["propertyName"] = Shape.Free, ["mapping"] = Shape.Free },
        [Kind.Xml] = new()
        {
            ["name"] = Shape.Free, ["namespace"] = Shape.Free, ["prefix"] = Shape.Free, ["attribute"] = Shape.Free,
            ["wrapped"] = Shape.Free,
        },
        [Kind.ExternalDocs] = new() { ["description"] = Shape.Free, ["url"] = Shape.Free },
        [Kind.Tag] = new() { ["name"] = Shape.Free, ["description"] = Shape.Free, ["externalDocs"] = Shape.Of(Kind.ExternalDocs) },
        [Kind.SecurityScheme] = new()
        {
            ["$ref"] = Shape.Free, ["type"] = Shape.Free, ["description"] = Shape.Free, ["name"] = Shape.Free,
            ["in"] = Shape.Free, ["scheme"] = Shape.Free, ["bearerFormat"] = Shape.Free, ["flows"] = Shape.Of(Kind.OAuthFlows),
            ["openIdConnectUrl"] = Shape.Free,
        },
        [Kind.OAuthFlows] = new()
        {
            ["implicit"] = Shape.Of(Kind.OAuthFlow), ["password"] = Shape.Of(Kind.OAuthFlow),
            ["clientCredentials"] = Shape.Of(Kind.OAuthFlow), ["authorizationCode"] = Shape.Of(Kind.OAuthFlow),
        },
        [Kind.OAuthFlow] = new()
        {
            ["authorizationUrl"] = Shape.Free, ["tokenUrl"] = Shape.Free, ["refreshUrl"] = Shape.Free, ["scopes"] = Shape.Free,
        },
    };

    /// <summary>Returns one problem per unknown key, each as <c>file(line,column): message</c>.</summary>
    public static IReadOnlyList<string> Check(string filePath, string yaml)
    {
        var problems = new List<string>();
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException exception)
        {
            problems.Add($"{filePath}({exception.Start.Line},{exception.Start.Column}): the YAML does not load: {exception.Message}");
            return problems;
        }

        if (stream.Documents.Count != 1)
        {
            problems.Add($"{filePath}(1,1): a spec holds exactly one YAML document, found {stream.Documents.Count}");
            return problems;
        }

        Walk(stream.Documents[0].RootNode, Shape.Of(Kind.Root), "$", filePath, problems);
        return problems;
    }

    private static void Walk(YamlNode node, Shape shape, string where, string filePath, List<string> problems)
    {
        switch (shape.Kind)
        {
            case Kind.Free:
                return;
            case Kind.ListOf:
                if (node is YamlSequenceNode sequence)
                {
                    int index = 0;
                    foreach (YamlNode item in sequence.Children)
                    {
                        Walk(item, shape.Element!, $"{where}[{index++}]", filePath, problems);
                    }
                }

                return;
            case Kind.MapOf:
                if (node is YamlMappingNode map)
                {
                    foreach (KeyValuePair<YamlNode, YamlNode> entry in map.Children)
                    {
                        string key = ((YamlScalarNode)entry.Key).Value ?? string.Empty;
                        if (!IsExtension(key))
                        {
                            Walk(entry.Value, shape.Element!, where + "." + key, filePath, problems);
                        }
                    }
                }

                return;
            case Kind.Paths:
                WalkNamed(node, where, filePath, problems, _ => Shape.Of(Kind.PathItem));
                return;
            case Kind.Responses:
                WalkNamed(node, where, filePath, problems, key => key == "default" || (key.Length == 3 && (char.IsDigit(key[0]) || key.EndsWith("XX", StringComparison.Ordinal))) ? Shape.Of(Kind.Response) : null);
                return;
            case Kind.Callback:
                WalkNamed(node, where, filePath, problems, _ => Shape.Of(Kind.PathItem));
                return;
            default:
                Dictionary<string, Shape> fields = Fields.TryGetValue(shape.Kind, out Dictionary<string, Shape>? known)
                    ? known
                    : throw new InvalidOperationException($"No field table for the OpenAPI object kind {shape.Kind}.");
                WalkNamed(node, where, filePath, problems, key => fields.TryGetValue(key, out Shape? field) ? field : null, shape.Kind.ToString());
                return;
        }
    }

    private static void WalkNamed(YamlNode node, string where, string filePath, List<string> problems, Func<string, Shape?> fieldShape, string? objectName = null)
    {
        if (node is not YamlMappingNode mapping)
        {
            return;
        }

        foreach (KeyValuePair<YamlNode, YamlNode> entry in mapping.Children)
        {
            string key = (entry.Key as YamlScalarNode)?.Value ?? string.Empty;
            if (IsExtension(key))
            {
                continue;
            }

            if (fieldShape(key) is not Shape shape)
            {
                string objectKind = objectName is null ? string.Empty : $" {Describe(objectName)}";
                problems.Add($"{filePath}({entry.Key.Start.Line},{entry.Key.Start.Column}): key '{key}' at {where} is neither an OpenAPI 3.0 field of the{objectKind} object nor an x- extension (a value cut short by an unquoted ', ' or ': ' in a flow mapping?)");
                continue;
            }

            Walk(entry.Value, shape, where + "." + key, filePath, problems);
        }
    }

    private static string Describe(string kind) => string.Concat(kind.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private static bool IsExtension(string key) => key.StartsWith("x-", StringComparison.Ordinal);
}
