using System;
using System.Collections.Generic;
using System.Linq;
using BmsGen.Generator.Diagnostics;
using BmsGen.Generator.Model;

namespace BmsGen.Generator.Parsing;

/// <summary>The generated types a schema declares: model classes with their properties, and string enums.</summary>
internal sealed partial class OpenApiReader
{
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
        _objectsInProgress.Add(name);
        var properties = new List<PropertyModel>();
        // Members every class inherits from object are reserved, so a property never hides one.
        var propertyNames = new HashSet<string>(StringComparer.Ordinal) { name, "GetType", "ToString", "Equals", "GetHashCode", "MemberwiseClone", "ReferenceEquals", "Finalize" };
        // The codec's locals for the members: camelCase plus "Value", unique even where two C# names differ only in case.
        var localNames = new HashSet<string>(StringComparer.Ordinal);
        var declared = (YamlMapping)schema["properties"]!;
        var keys = new List<YamlScalar>();
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
            keys.Add(entry.Key);
            properties.Add(new PropertyModel(
                wireName,
                clrName,
                type,
                // A required member the API may send as null cannot be a non-nullable required property.
                required.Contains(wireName) && !IsNullable(propertySchema) && !IsNullable(entry.Value as YamlMapping),
                (entry.Value as YamlMapping)?.GetString("description") ?? propertySchema?.GetString("description"),
                SchemaFacts.DescribeConstraints(entry.Value as YamlMapping),
                (entry.Value as YamlMapping)?.GetBoolean("deprecated") ?? false,
                SchemaFacts.DefaultFor(type.Kind, propertySchema?.GetString("default")),
                Identifiers.MakeUnique(Identifiers.ToCamel(clrName).TrimStart('@') + "Value", localNames))
            {
                ReplacedBy = (entry.Value as YamlMapping)?.GetString("x-replaced-by"),
            });
        }

        // A date-time property keeps the text as sent in a member beside it (Created, CreatedText), named once every
        // property has its name, so that a spec property of that name is reported whichever comes first.
        for (int index = 0; index < properties.Count; index++)
        {
            if (properties[index].Type.Kind != TypeKind.DateTime)
            {
                continue;
            }

            string textName = properties[index].ClrName + "Text";
            if (!propertyNames.Add(textName))
            {
                Report(SpecDiagnostics.DuplicateName, keys[index], $"The date-time property '{properties[index].WireName}' of {name} keeps the text it was sent as in the member {textName}, which {name} already uses for another member; rename that property");
                textName = Identifiers.MakeUnique(textName, propertyNames);
            }

            properties[index] = properties[index] with { TextName = textName };
        }

        foreach (string missing in required.Where(r => !declared.ContainsKey(r)))
        {
            Report(SpecDiagnostics.InvalidStructure, schema["required"], $"'{missing}' is listed as required but is not a property of {name}");
        }

        _objectsInProgress.Remove(name);
        _types[name] = new ObjectTypeModel(name, schema.GetString("description"), schema.GetBoolean("deprecated"), properties.ToImmutableEquatableArray())
        {
            ReplacedBy = schema.GetString("x-replaced-by"),
        };
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
}
