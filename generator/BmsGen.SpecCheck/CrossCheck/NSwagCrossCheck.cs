using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BmsGen.Generator.Model;
using BmsGen.Generator.Naming;
using BmsGen.Generator.Parsing;
using NJsonSchema;
using NSwag;

namespace BmsGen.SpecCheck.CrossCheck;

/// <summary>
/// Reads a spec a second time with NSwag, an OpenAPI reader that shares no code with the generator's, and compares
/// what NSwag read with the generator's model one for one: the same operations at the same methods and paths, the
/// same parameters (location, wire name, required, scalar kind), the same request and response body shapes, and the
/// same properties (wire name, required, kind, enum values) on every schema, recursively. Whatever the generator's
/// reader misreads shows up as a difference.
/// </summary>
internal static class NSwagCrossCheck
{
    /// <summary>Loads <paramref name="yaml"/> with NSwag; a spec NSwag cannot load is reported as a problem.</summary>
    public static async Task<(OpenApiDocument? Document, string? Problem)> LoadAsync(string filePath, string yaml, CancellationToken cancellationToken)
    {
        try
        {
            OpenApiDocument document = await OpenApiYamlDocument.FromYamlAsync(yaml, filePath, SchemaType.OpenApi3, null, cancellationToken).ConfigureAwait(false);
            return (document, null);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return (null, $"{filePath}: NSwag cannot load the spec: {exception.GetType().Name}: {exception.Message}");
        }
    }

    /// <summary>Every difference between NSwag's reading and the generator's model, each naming the operation or schema.</summary>
    public static IReadOnlyList<string> Compare(OpenApiDocument document, SpecModel model)
    {
        var comparer = new Comparer(model);
        comparer.CompareOperations(document);
        comparer.CompareComponents(document);
        return comparer.Problems;
    }

    private sealed class Comparer
    {
        private readonly SpecModel _model;
        private readonly Dictionary<string, TypeModel> _types;
        private readonly HashSet<(JsonSchema, string)> _visited = new();

        public Comparer(SpecModel model)
        {
            _model = model;
            _types = model.Types.ToDictionary(t => t.Name, StringComparer.Ordinal);
        }

        public List<string> Problems { get; } = new();

        private string File => System.IO.Path.GetFileName(_model.FilePath);

        public void CompareOperations(OpenApiDocument document)
        {
            var modelOperations = _model.Operations.ToDictionary(o => o.OperationId, StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (KeyValuePair<string, OpenApiPathItem> path in document.Paths)
            {
                foreach (KeyValuePair<string, OpenApiOperation> entry in path.Value)
                {
                    OpenApiOperation operation = entry.Value;
                    string method = entry.Key.ToUpperInvariant();
                    string id = operation.OperationId ?? "(no operationId)";
                    string where = $"{File}: {method} {path.Key} ({id})";
                    if (!modelOperations.TryGetValue(PascalId(id), out OperationModel? modelOperation))
                    {
                        Problems.Add($"{where}: NSwag reads this operation; the generator's model has no operation {PascalId(id)}");
                        continue;
                    }

                    seen.Add(modelOperation.OperationId);
                    string modelPath = modelOperation.PathTemplate + (modelOperation.Variant is null ? string.Empty : "#" + modelOperation.Variant);
                    if (modelOperation.HttpMethod != method || modelPath != path.Key)
                    {
                        Problems.Add($"{where}: the generator's model has it at {modelOperation.HttpMethod} {modelPath}");
                    }

                    if (modelOperation.Deprecated != operation.IsDeprecated)
                    {
                        Problems.Add($"{where}: deprecated is {operation.IsDeprecated} for NSwag, {modelOperation.Deprecated} in the generator's model");
                    }

                    CompareParameters(where, operation, modelOperation);
                    CompareRequestBody(where, operation, modelOperation);
                    CompareResponse(where, operation, modelOperation);
                }
            }

            foreach (OperationModel missing in _model.Operations.Where(o => !seen.Contains(o.OperationId)))
            {
                Problems.Add($"{File}: the generator's model has {missing.OperationId} ({missing.HttpMethod} {missing.PathTemplate}), which NSwag does not read");
            }
        }

        public void CompareComponents(OpenApiDocument document)
        {
            foreach (KeyValuePair<string, JsonSchema> entry in document.Components.Schemas)
            {
                // The schema's x-csharp-name, when it has a usable one, is its type's name (as the generator's reader takes it).
                string? chosen = entry.Value.ExtensionData is { } extensions && extensions.TryGetValue(NameRules.OverrideKey, out object? value) ? value as string : null;
                string name = NameRules.Type(entry.Key, chosen);
                string where = $"{File}: components/schemas/{entry.Key}";
                JsonSchema schema = entry.Value.ActualSchema;
                // Only object and enum schemas become types; the others are spelt out where they are used.
                TypeRef? expected = ExpectedRef(schema, name);
                if (expected is null || expected.Kind is not (TypeKind.Object or TypeKind.Enum))
                {
                    continue;
                }

                if (!_types.ContainsKey(name))
                {
                    Problems.Add($"{where}: NSwag reads a {expected.Kind} schema; the generator's model has no type {name}");
                    continue;
                }

                CompareSchema(where, schema, expected with { Name = name });
            }
        }

        private void CompareParameters(string where, OpenApiOperation operation, OperationModel modelOperation)
        {
            var modelParameters = modelOperation.Parameters.ToDictionary(p => Key(p.Location.ToString(), p.WireName), StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            // NSwag lists the request body among the parameters; it is compared on its own.
            foreach (OpenApiParameter parameter in operation.ActualParameters.Select(p => p.ActualParameter).Where(p => p.Kind != OpenApiParameterKind.Body))
            {
                string location = parameter.Kind switch
                {
                    OpenApiParameterKind.Path => nameof(ParameterLocation.Path),
                    OpenApiParameterKind.Query => nameof(ParameterLocation.Query),
                    OpenApiParameterKind.Header => nameof(ParameterLocation.Header),
                    _ => parameter.Kind.ToString(),
                };
                string key = Key(location, parameter.Name);
                if (!seen.Add(key))
                {
                    continue;
                }

                if (!modelParameters.TryGetValue(key, out ParameterModel? modelParameter))
                {
                    Problems.Add($"{where}: parameter {location.ToLowerInvariant()} '{parameter.Name}' is read by NSwag but not in the generator's model");
                    continue;
                }

                if (parameter.IsRequired != modelParameter.Required)
                {
                    Problems.Add($"{where}: parameter '{parameter.Name}' is required={parameter.IsRequired} for NSwag, required={modelParameter.Required} in the generator's model");
                }

                JsonSchema? schema = parameter.Schema?.ActualSchema;
                if (schema is not null)
                {
                    CompareSchema($"{where} parameter '{parameter.Name}'", schema, modelParameter.Type);
                }
            }

            foreach (string missing in modelParameters.Keys.Where(k => !seen.Contains(k)))
            {
                Problems.Add($"{where}: parameter {missing} is in the generator's model but NSwag does not read it");
            }
        }

        private void CompareRequestBody(string where, OpenApiOperation operation, OperationModel modelOperation)
        {
            OpenApiRequestBody? body = operation.RequestBody?.ActualRequestBody;
            JsonSchema? schema = body is not null && body.Content.TryGetValue("application/json", out OpenApiMediaType? media) ? media.Schema?.ActualSchema : null;
            if (schema is null != modelOperation.RequestBody is null)
            {
                Problems.Add($"{where}: NSwag reads {(schema is null ? "no" : "a")} JSON request body, the generator's model {(modelOperation.RequestBody is null ? "none" : "one")}");
                return;
            }

            if (schema is not null)
            {
                if (body!.IsRequired != modelOperation.RequestBody!.Required)
                {
                    Problems.Add($"{where}: the request body is required={body.IsRequired} for NSwag, required={modelOperation.RequestBody.Required} in the generator's model");
                }

                CompareSchema($"{where} request body", schema, modelOperation.RequestBody.Type);
            }
        }

        private void CompareResponse(string where, OpenApiOperation operation, OperationModel modelOperation)
        {
            // The method's return type is the first 2xx response with JSON content (specs/README.md).
            JsonSchema? schema = operation.Responses
                .Where(r => r.Key.Length == 3 && r.Key[0] == '2')
                .OrderBy(r => r.Key, StringComparer.Ordinal)
                .Select(r => r.Value.ActualResponse)
                .Select(r => r.Content.TryGetValue("application/json", out OpenApiMediaType? media) ? media.Schema?.ActualSchema : null)
                .FirstOrDefault(s => s is not null);
            if (schema is null != modelOperation.ResponseType is null)
            {
                Problems.Add($"{where}: NSwag reads {(schema is null ? "no" : "a")} JSON success body, the generator's model {(modelOperation.ResponseType is null ? "none" : "one")}");
                return;
            }

            if (schema is not null)
            {
                CompareSchema($"{where} response", schema, modelOperation.ResponseType!);
            }
        }

        private void CompareSchema(string where, JsonSchema schema, TypeRef type)
        {
            schema = schema.ActualSchema;
            if (!_visited.Add((schema, type.Name ?? type.Kind.ToString())))
            {
                return;
            }

            // NJsonSchema reads allOf, oneOf and anyOf as inheritance or not at all; the generator's own tests cover them.
            if (schema.AllOf.Count > 0 || schema.OneOf.Count > 0 || schema.AnyOf.Count > 0)
            {
                return;
            }

            TypeRef? expected = ExpectedRef(schema, type.Name);
            if (expected is null)
            {
                Problems.Add($"{where}: NSwag reads a schema of type '{schema.Type}' that matches no kind the generator knows");
                return;
            }

            // NJsonSchema reads "properties: {}" as no properties at all; the generator makes an empty model of it.
            bool emptyObject = expected.Kind == TypeKind.Any && type.Kind == TypeKind.Object && schema.Properties.Count == 0
                && type.Name is not null && _types.TryGetValue(type.Name, out TypeModel? empty) && empty is ObjectTypeModel { Properties.Count: 0 };
            // NJsonSchema cannot tell "additionalProperties: true" from leaving it out.
            bool anyMap = expected.Kind == TypeKind.Any && type is { Kind: TypeKind.Map, Element.Kind: TypeKind.Any };
            if (expected.Kind != type.Kind && !emptyObject && !anyMap)
            {
                Problems.Add($"{where}: NSwag reads a {expected.Kind}, the generator's model a {type.Kind}");
                return;
            }

            switch (type.Kind)
            {
                case TypeKind.String:
                case TypeKind.DateTime:
                case TypeKind.Int32:
                case TypeKind.Int64:
                case TypeKind.Double:
                case TypeKind.Boolean:
                case TypeKind.Any:
                    return;
                case TypeKind.Object when emptyObject:
                case TypeKind.Map when anyMap:
                    return;
                case TypeKind.Array:
                    if (schema.Item is null || type.Element is null)
                    {
                        Problems.Add($"{where}: an array without an item schema");
                        return;
                    }

                    CompareSchema(where + "[]", schema.Item, type.Element);
                    return;
                case TypeKind.Map:
                    CompareSchema(where + "{}", schema.AdditionalPropertiesSchema!, type.Element!);
                    return;
                case TypeKind.Enum:
                    CompareEnum(where, schema, type);
                    return;
                case TypeKind.Object:
                    CompareObject(where, schema, type);
                    return;
                case TypeKind.Discriminated:
                case TypeKind.Union:
                    // NJsonSchema models oneOf/anyOf as inheritance or not at all; there is nothing to line up.
                    return;
                default:
                    throw new InvalidOperationException($"Unknown type kind {type.Kind}.");
            }
        }

        private void CompareEnum(string where, JsonSchema schema, TypeRef type)
        {
            if (type.Name is null || !_types.TryGetValue(type.Name, out TypeModel? model) || model is not EnumTypeModel enumModel)
            {
                Problems.Add($"{where}: the generator's model has no enum type {type.Name}");
                return;
            }

            var nswagValues = schema.Enumeration.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty).ToList();
            var modelValues = enumModel.Members.Select(m => m.WireValue).ToList();
            if (!nswagValues.SequenceEqual(modelValues, StringComparer.Ordinal))
            {
                Problems.Add($"{where}: enum {type.Name} has [{string.Join(", ", nswagValues)}] for NSwag, [{string.Join(", ", modelValues)}] in the generator's model");
            }
        }

        private void CompareObject(string where, JsonSchema schema, TypeRef type)
        {
            if (type.Name is null || !_types.TryGetValue(type.Name, out TypeModel? model) || model is not ObjectTypeModel objectModel)
            {
                Problems.Add($"{where}: the generator's model has no object type {type.Name}");
                return;
            }

            where = $"{File}: schema {type.Name}";
            var modelProperties = objectModel.Properties.ToDictionary(p => p.WireName, StringComparer.Ordinal);
            foreach (KeyValuePair<string, JsonSchemaProperty> property in schema.Properties)
            {
                if (!modelProperties.TryGetValue(property.Key, out PropertyModel? modelProperty))
                {
                    Problems.Add($"{where}: property '{property.Key}' is read by NSwag but not in the generator's model");
                    continue;
                }

                // A required member the API may send as null is optional in the model (specs/README.md, nullable).
                bool required = schema.RequiredProperties.Contains(property.Key) && !property.Value.IsNullable(SchemaType.OpenApi3);
                if (required != modelProperty.Required)
                {
                    Problems.Add($"{where}: property '{property.Key}' is required={required} for NSwag, required={modelProperty.Required} in the generator's model");
                }

                CompareSchema($"{where}.{property.Key}", property.Value, modelProperty.Type);
            }

            foreach (string missing in modelProperties.Keys.Where(k => !schema.Properties.ContainsKey(k)))
            {
                Problems.Add($"{where}: property '{missing}' is in the generator's model but NSwag does not read it");
            }
        }

        /// <summary>The kind the generator should have made of a schema NSwag read (specs/README.md, Schemas).</summary>
        private static TypeRef? ExpectedRef(JsonSchema schema, string? name)
        {
            JsonObjectType type = schema.Type & ~JsonObjectType.Null;
            if (schema.Enumeration.Count > 0 && type == JsonObjectType.String)
            {
                return new TypeRef(TypeKind.Enum, name);
            }

            return type switch
            {
                JsonObjectType.String => schema.Format == "date-time" ? TypeRef.DateTime : TypeRef.String,
                JsonObjectType.Integer => schema.Format == "int64" ? TypeRef.Int64 : TypeRef.Int32,
                JsonObjectType.Number => TypeRef.Double,
                JsonObjectType.Boolean => TypeRef.Boolean,
                JsonObjectType.Array => new TypeRef(TypeKind.Array),
                JsonObjectType.Object or JsonObjectType.None when schema.Properties.Count > 0 => new TypeRef(TypeKind.Object, name),
                JsonObjectType.Object or JsonObjectType.None when schema.AdditionalPropertiesSchema is not null => new TypeRef(TypeKind.Map),
                JsonObjectType.Object or JsonObjectType.None => TypeRef.Any,
                _ => null,
            };
        }

        private static string Key(string location, string name) => location + ":" + name;

        private static string PascalId(string operationId) =>
            Identifiers.IsValidIdentifier(operationId) && char.IsUpper(operationId[0]) ? operationId : Identifiers.ToPascal(operationId);
    }
}
