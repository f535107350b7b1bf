using System;
using System.Collections.Generic;
using System.Linq;
using BmsGen.Generator.Diagnostics;
using BmsGen.Generator.Model;
using BmsGen.Generator.Naming;

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

        // Enter the type before the properties resolve, so a property can refer back to it.
        _types[name] = new ObjectTypeModel(name, schema.GetString("description"), schema.GetBoolean("deprecated"), ImmutableEquatableArray<PropertyModel>.Empty);
        _objectsInProgress.Add(name);
        var properties = new List<PropertyModel>();
        var declared = (YamlMapping)schema["properties"]!;
        foreach (KeyValuePair<YamlScalar, YamlNode> entry in declared.Entries)
        {
            string wireName = entry.Key.Value;
            NameOrigin origin = Origin("property", entry.Key, entry.Value as YamlMapping);
            string clrName = NameRules.Property(wireName, origin.Override);
            if (!CheckLength(clrName, entry.Key, "property"))
            {
                continue;
            }

            // The property's x-csharp-name names the property; an inline type in it is named after the property.
            YamlMapping? outer = _propertySchema;
            _propertySchema = entry.Value as YamlMapping;
            TypeRef type = ResolveSchema(entry.Value, ProposedName(name) + clrName);
            _propertySchema = outer;
            YamlMapping? propertySchema = PeekSchema(entry.Value);
            bool nullable = IsNullable(propertySchema) || IsNullable(entry.Value as YamlMapping);
            properties.Add(new PropertyModel(
                wireName,
                clrName,
                type,
                // A required member the API may send as null cannot be a non-nullable required property.
                required.Contains(wireName) && !nullable,
                (entry.Value as YamlMapping)?.GetString("description") ?? propertySchema?.GetString("description"),
                SchemaFacts.DescribeConstraints(entry.Value as YamlMapping),
                (entry.Value as YamlMapping)?.GetBoolean("deprecated") ?? false,
                SchemaFacts.DefaultFor(type.Kind, propertySchema?.GetString("default")))
            {
                ReplacedBy = (entry.Value as YamlMapping)?.GetString("x-replaced-by"),
                Origin = origin,
                SendsNull = required.Contains(wireName) && nullable,
            });
        }

        // A date-time property keeps the text as sent in a member beside it (Created, CreatedText); the naming step
        // claims that name among the model's members like any other.
        for (int index = 0; index < properties.Count; index++)
        {
            if (properties[index].Type.Kind == TypeKind.DateTime)
            {
                properties[index] = properties[index] with { TextName = MemberNames.DateTimeText(properties[index].ClrName) };
            }
        }

        foreach (string missing in required.Where(r => !declared.ContainsKey(r)))
        {
            Report(SpecDiagnostics.InvalidStructure, schema["required"], $"'{missing}' is listed as required but is not a property of {name}");
        }

        _objectsInProgress.Remove(name);
        _types[name] = new ObjectTypeModel(name, schema.GetString("description"), schema.GetBoolean("deprecated"), properties.ToImmutableEquatableArray())
        {
            ReplacedBy = schema.GetString("x-replaced-by"),
            Origin = TypeOrigin(name),
        };
    }

    private TypeRef DefineEnum(string name, YamlMapping schema, YamlSequence values)
    {
        var members = new List<EnumMemberModel>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        YamlMapping? chosenNames = EnumOverrides(schema, values);
        foreach (YamlScalar value in values.Items.OfType<YamlScalar>())
        {
            if (value.IsNull || !seen.Add(value.Value))
            {
                continue;
            }

            YamlScalar? chosen = chosenNames?.Entries.FirstOrDefault(e => e.Key.Value == value.Value).Value as YamlScalar;
            NameOrigin origin = chosen is null
                ? new NameOrigin("enum value", value.Value, value.Line, value.Column)
                : new NameOrigin("enum value", value.Value, value.Line, value.Column, chosen.Value, chosen.Line, chosen.Column);
            string clr = NameRules.EnumMember(value.Value, origin.Override);
            if (!CheckLength(clr, value, "enum member"))
            {
                continue;
            }

            members.Add(new EnumMemberModel(value.Value, clr) { Origin = origin });
        }

        _types[name] = new EnumTypeModel(name, schema.GetString("description"), members.ToImmutableEquatableArray()) { Origin = TypeOrigin(name) };
        return new TypeRef(TypeKind.Enum, name);
    }

    /// <summary>
    /// The enum's <c>x-csharp-enum-names</c>: a mapping of its values to the C# names of their members. An entry for a
    /// value the enum does not list is reported.
    /// </summary>
    private YamlMapping? EnumOverrides(YamlMapping schema, YamlSequence values)
    {
        YamlNode? node = schema[NameRules.EnumOverrideKey];
        if (node is null)
        {
            return null;
        }

        if (node is not YamlMapping mapping)
        {
            Report(SpecDiagnostics.InvalidStructure, node, $"'{NameRules.EnumOverrideKey}' must map enum values to C# names");
            return null;
        }

        var listed = new HashSet<string>(values.Items.OfType<YamlScalar>().Select(v => v.Value), StringComparer.Ordinal);
        foreach (KeyValuePair<YamlScalar, YamlNode> entry in mapping.Entries)
        {
            if (!listed.Contains(entry.Key.Value) || entry.Value is not YamlScalar)
            {
                Report(SpecDiagnostics.InvalidStructure, entry.Key, $"'{NameRules.EnumOverrideKey}' names '{entry.Key.Value}', which is not a value of the enum, or does not map it to a name");
            }
        }

        return mapping;
    }
}
