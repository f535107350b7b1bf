using System.Collections.Generic;
using System.Linq;
using BmsGen.Generator.Diagnostics;
using BmsGen.Generator.Model;
using BmsGen.Generator.Naming;

namespace BmsGen.Generator.Parsing;

/// <summary>Operation and path-item parameters, and the check that they match the path template.</summary>
internal sealed partial class OpenApiReader
{
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

    private ParameterModel? ReadParameter(YamlMapping parameter, string operationId)
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
            if (scalar.Kind is not (TypeKind.String or TypeKind.Int32 or TypeKind.Int64 or TypeKind.Double or TypeKind.Boolean or TypeKind.Enum or TypeKind.DateTime))
            {
                Report(SpecDiagnostics.UnsupportedConstruct, schema, $"Parameter '{name}' of kind {scalar.Kind}", "parameters must be scalars or arrays of scalars");
                return null;
            }
        }

        bool required = kind == ParameterLocation.Path || parameter.GetBoolean("required");
        bool fromProject = kind == ParameterLocation.Path && name is "project_id" or "tenant_id";
        NameOrigin origin = Origin("parameter", name, parameter["name"]!, parameter);
        string clrName = NameRules.Parameter(name, origin.Override);
        if (!CheckLength(clrName, parameter["name"]!, "parameter"))
        {
            return null;
        }

        return new ParameterModel(name, clrName, kind, type, required, fromProject, parameter.GetString("description"), parameter["schema"] is YamlNode constrained ? SchemaFacts.DescribeConstraints(PeekSchema(constrained)) : null)
        {
            Origin = origin,
        };
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
}
