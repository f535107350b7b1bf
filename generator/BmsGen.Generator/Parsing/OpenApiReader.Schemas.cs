using System.Collections.Generic;
using System.Linq;
using BmsGen.Generator.Diagnostics;
using BmsGen.Generator.Model;

namespace BmsGen.Generator.Parsing;

/// <summary>Schema typing: a schema node becomes a <see cref="TypeRef"/>, within the bounds that keep hostile specs cheap.</summary>
internal sealed partial class OpenApiReader
{
    /// <summary>JSON Schema 2020-12 keywords (OpenAPI 3.1) that change what a value may be; none is read yet.</summary>
    private static readonly string[] UnsupportedSchemaKeywords =
    {
        "const", "prefixItems", "if", "then", "else", "dependentSchemas", "dependentRequired", "unevaluatedProperties",
        "unevaluatedItems", "patternProperties", "propertyNames", "contains", "minContains", "maxContains", "$defs",
        "$dynamicRef", "$dynamicAnchor", "$anchor", "contentSchema",
    };

    /// <summary>Bounds the work on hostile specs: YAML aliases can make a small file a huge tree of schemas.</summary>
    public const int MaxSchemaVisits = 50_000;

    /// <summary>Bounds the recursion through nested schemas and chains of <c>$ref</c>s.</summary>
    public const int MaxSchemaDepth = 100;

    private int _schemaDepth;

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
            return ResolveSchemaReference(schema, reference);
        }

        if (TryResolveComposite(schema, contextName, reservedName, out TypeRef composite))
        {
            return composite;
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
                return schema["enum"] is YamlSequence values ? DefineEnum(NameFor(contextName, reservedName, schema), schema, values)
                    : schema.GetString("format") == "date-time" ? TypeRef.DateTime
                    : TypeRef.String;
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

                TypeRef item = ResolveSchema(items, contextName + "Item");
                var array = new TypeRef(TypeKind.Array, Element: item, ElementNullable: AllowsNullElement(items, item));
                return CheckShape(array, schema) ? array : TypeRef.Any;
            case "object":
            case null:
                return ResolveObject(schema, contextName, reservedName);
            default:
                Report(SpecDiagnostics.UnsupportedConstruct, schema["type"], $"Schema type '{type}'", "use string, integer, number, boolean, array or object");
                return TypeRef.Any;
        }
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
            TypeRef value = ResolveSchema(additionalSchema, contextName + "Value");
            var map = new TypeRef(TypeKind.Map, Element: value, ElementNullable: AllowsNullElement(additionalSchema, value));
            return CheckShape(map, schema) ? map : TypeRef.Any;
        }

        return additional is YamlScalar { Value: "true" or "True" } ? new TypeRef(TypeKind.Map, Element: TypeRef.Any) : TypeRef.Any;
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

    /// <summary>
    /// Whether the items or values an array or map schema declares with <paramref name="element"/> may be null, there
    /// or in the schema it refers to; free-form items keep a null as a JsonElement instead.
    /// </summary>
    private bool AllowsNullElement(YamlNode element, TypeRef type) =>
        type.Kind != TypeKind.Any && (IsNullable(element as YamlMapping) || IsNullable(PeekSchema(element)));

    /// <summary>Whether a schema allows null: <c>nullable: true</c>, or <c>'null'</c> in its type list.</summary>
    private static bool IsNullable(YamlMapping? schema)
    {
        if (schema is null)
        {
            return false;
        }

        return schema.GetBoolean("nullable") || (schema["type"] is YamlSequence list && list.Items.OfType<YamlScalar>().Any(s => s.Value == "null"));
    }
}
