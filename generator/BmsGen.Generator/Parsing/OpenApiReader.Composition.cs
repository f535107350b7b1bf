using System;
using System.Collections.Generic;
using System.Linq;
using BmsGen.Generator.Diagnostics;
using BmsGen.Generator.Model;
using BmsGen.Generator.Naming;

namespace BmsGen.Generator.Parsing;

/// <summary>
/// <c>allOf</c>, <c>oneOf</c> and <c>anyOf</c>:
/// <list type="bullet">
/// <item><c>allOf</c> of exactly one <c>$ref</c> and nothing else is an alias of the referenced schema (its own
/// description documents the property that uses it).</item>
/// <item><c>allOf</c> with exactly one <c>$ref</c> to an object schema plus inline parts (or properties beside
/// <c>allOf</c>) is inheritance: the model derives from the referenced one and adds the inline members.</item>
/// <item><c>allOf</c> with no or several <c>$ref</c> parts is composition: one model with every part's members
/// (C# has single inheritance, so named parts are copied).</item>
/// <item>A property defined by two parts with different types, and a required entry that names no member, are
/// located errors; required lists are united.</item>
/// <item><c>oneOf</c>/<c>anyOf</c> with a <c>discriminator</c>: an abstract class whose variants (named object
/// schemas) derive from it; values the spec does not map read as an Unknown… variant that keeps the JSON.</item>
/// <item><c>oneOf</c>/<c>anyOf</c> without one: a class that keeps the JSON and reads it as each variant on request.</item>
/// </list>
/// <c>not</c>, a discriminator outside oneOf/anyOf and nested combinators inside an allOf part are reported.
/// </summary>
internal sealed partial class OpenApiReader
{
    /// <summary>Object models whose members are being resolved: an allOf part or variant that refers back to one of them is reported.</summary>
    private readonly HashSet<string> _objectsInProgress = new(StringComparer.Ordinal);

    /// <summary>Variants of discriminated oneOf/anyOf types, completed once every schema is resolved.</summary>
    private readonly Dictionary<string, VariantUse> _variantUses = new(StringComparer.Ordinal);

    /// <summary>allOf inheritance: derived model, base model, and the $ref part that names the base.</summary>
    private readonly List<(string Derived, string Base, YamlNode At)> _allOfBases = new();

    /// <summary>Whether a schema is an allOf, oneOf or anyOf (alone: other mixes are reported when it resolves).</summary>
    private static bool IsComposite(YamlMapping schema) =>
        (schema.ContainsKey("allOf") ? 1 : 0) + (schema.ContainsKey("oneOf") ? 1 : 0) + (schema.ContainsKey("anyOf") ? 1 : 0) == 1 && !schema.ContainsKey("not");

    /// <summary>
    /// Resolves a component that is an allOf, oneOf or anyOf under its own name. The name is bound before the
    /// parts resolve, so a part's member may refer back to the component (a tree of nodes).
    /// </summary>
    private bool TryResolveCompositeComponent(ComponentSchema component, YamlMapping schema, out TypeRef resolved)
    {
        resolved = TypeRef.Any;
        if (!IsComposite(schema) && (schema.ContainsKey("not") || schema.ContainsKey("discriminator")))
        {
            // An object component with properties takes a shorter path; what it cannot carry is reported here.
            component.Resolved = TypeRef.Any;
            return TryResolveComposite(schema, component.ClrName, component.ClrName, out resolved);
        }

        if (!IsComposite(schema) || IsAllOfAlias(schema) || schema.ContainsKey("$ref"))
        {
            // A $ref beside the combinator wins, as everywhere else; an alias resolves through the cycle check.
            return false;
        }

        TypeKind kind = schema.ContainsKey("allOf") ? TypeKind.Object : schema.ContainsKey("discriminator") ? TypeKind.Discriminated : TypeKind.Union;
        component.Resolved = new TypeRef(kind, component.ClrName);
        ResolveSchema(schema, component.ClrName, component.ClrName);
        resolved = component.Resolved;
        return true;
    }

    /// <summary>
    /// Resolves <c>not</c>, <c>allOf</c>, <c>oneOf</c> and <c>anyOf</c>, and reports a discriminator that stands
    /// outside them. False when the schema has none of them.
    /// </summary>
    private bool TryResolveComposite(YamlMapping schema, string contextName, string? reservedName, out TypeRef result)
    {
        result = TypeRef.Any;
        if (schema["not"] is YamlNode not)
        {
            Report(SpecDiagnostics.UnsupportedConstruct, not, "'not'", "describe the values that are allowed, and note the excluded ones in the description");
            return true;
        }

        YamlScalar[] combinators = schema.Entries.Select(e => e.Key).Where(k => k.Value is "allOf" or "oneOf" or "anyOf").ToArray();
        if (combinators.Length == 0)
        {
            if (schema["discriminator"] is YamlNode discriminator)
            {
                Report(SpecDiagnostics.UnsupportedConstruct, discriminator, "A discriminator beside no oneOf or anyOf", "list the variants under oneOf (each a $ref to an object schema) with the discriminator beside it");
                return true;
            }

            return false;
        }

        if (combinators.Length > 1)
        {
            Report(SpecDiagnostics.UnsupportedConstruct, combinators[1], $"'{combinators[0].Value}' and '{combinators[1].Value}' in one schema", "name the inner part in components/schemas and refer to it");
            return true;
        }

        YamlNode parts = schema[combinators[0].Value]!;
        result = combinators[0].Value == "allOf"
            ? ResolveAllOf(schema, parts, contextName, reservedName)
            : ResolveOneOf(schema, parts, combinators[0].Value, contextName, reservedName);
        return true;
    }

    private static bool IsAllOfAlias(YamlMapping schema) =>
        schema["allOf"] is YamlSequence { Items.Count: 1 } parts && parts.Items[0] is YamlMapping only && only.ContainsKey("$ref")
        && !schema.ContainsKey("properties") && !schema.ContainsKey("required") && !schema.ContainsKey("additionalProperties") && !schema.ContainsKey("discriminator");

    private TypeRef ResolveAllOf(YamlMapping schema, YamlNode partsNode, string contextName, string? reservedName)
    {
        if (partsNode is not YamlSequence parts || parts.Items.Count == 0)
        {
            Report(SpecDiagnostics.InvalidStructure, partsNode, "'allOf' must be a non-empty list of schemas");
            return TypeRef.Any;
        }

        if (IsAllOfAlias(schema))
        {
            // An alias: the wrapper exists to give a $ref its own description, which the using property shows.
            return ResolveSchema(parts.Items[0], contextName);
        }

        if (schema["discriminator"] is YamlNode discriminator)
        {
            Report(SpecDiagnostics.UnsupportedConstruct, discriminator, "A discriminator beside allOf", "list the variants under oneOf (each a $ref to an object schema) with the discriminator beside it");
            return TypeRef.Any;
        }

        if (!CheckComposedType(schema, "A schema with allOf"))
        {
            return TypeRef.Any;
        }

        string name = NameFor(contextName, reservedName, schema);
        _objectsInProgress.Add(name);
        try
        {
            return DefineAllOf(name, schema, parts);
        }
        finally
        {
            _objectsInProgress.Remove(name);
        }
    }

    private TypeRef DefineAllOf(string name, YamlMapping schema, YamlSequence parts)
    {
        var named = new List<(YamlMapping Part, ObjectTypeModel Model)>();
        var inline = new List<YamlMapping> { schema };
        foreach (YamlNode item in parts.Items)
        {
            if (item is not YamlMapping part)
            {
                Report(SpecDiagnostics.InvalidStructure, item, $"An allOf part of {name} must be a schema (a mapping)");
                continue;
            }

            if (part.GetString("$ref") is string reference)
            {
                int before = _diagnostics.Count;
                TypeRef type = ResolveSchema(part, name);
                if (type.Kind == TypeKind.Object && _objectsInProgress.Contains(type.Name!))
                {
                    Report(SpecDiagnostics.UnsupportedConstruct, part["$ref"], $"The allOf part '{reference}' of {name}, whose own members refer back to {name},", "a model cannot contain itself through its base; name the shared members in a third schema that both use");
                    continue;
                }

                if (type.Kind != TypeKind.Object || !_types.TryGetValue(type.Name!, out TypeModel? model) || model is not ObjectTypeModel objectModel)
                {
                    if (_diagnostics.Count == before)
                    {
                        Report(SpecDiagnostics.UnsupportedConstruct, part["$ref"], $"The allOf part '{reference}' of {name}, which is not an object schema,", "compose object schemas (with 'properties') only");
                    }

                    continue;
                }

                named.Add((part, objectModel));
                continue;
            }

            YamlScalar? nested = part.Entries.Select(e => e.Key).FirstOrDefault(k => k.Value is "allOf" or "oneOf" or "anyOf" or "not" or "discriminator");
            if (nested is not null)
            {
                Report(SpecDiagnostics.UnsupportedConstruct, nested, $"'{nested.Value}' inside an allOf part of {name}", "name the part in components/schemas and refer to it with $ref");
                continue;
            }

            if (CheckComposedType(part, "An allOf part"))
            {
                inline.Add(part);
            }
        }

        // The inline members, with the existing object rules, from a schema that gathers the inline parts.
        var gathered = new YamlMapping(schema.Line, schema.Column);
        var declared = new YamlMapping(schema.Line, schema.Column);
        var required = new List<YamlScalar>();
        var requiredAt = new Dictionary<string, YamlScalar>(StringComparer.Ordinal);
        var inlineWire = new Dictionary<string, YamlScalar>(StringComparer.Ordinal);
        string? description = schema.GetString("description");
        foreach (YamlMapping part in inline)
        {
            description ??= part.GetString("description");
            if (part["properties"] is YamlMapping properties)
            {
                foreach (KeyValuePair<YamlScalar, YamlNode> entry in properties.Entries)
                {
                    if (inlineWire.ContainsKey(entry.Key.Value))
                    {
                        Report(SpecDiagnostics.InvalidStructure, entry.Key, $"Property '{entry.Key.Value}' of {name} is defined by two allOf parts (first at line {inlineWire[entry.Key.Value].Line}); define it once");
                        continue;
                    }

                    inlineWire.Add(entry.Key.Value, entry.Key);
                    declared.Add(entry.Key, entry.Value);
                }
            }
            else if (part["properties"] is YamlNode wrong)
            {
                Report(SpecDiagnostics.InvalidStructure, wrong, "'properties' must be a mapping of names to schemas");
            }

            if (part["required"] is YamlSequence list)
            {
                foreach (YamlScalar entry in list.Items.OfType<YamlScalar>())
                {
                    if (!requiredAt.ContainsKey(entry.Value))
                    {
                        requiredAt.Add(entry.Value, entry);
                    }
                }
            }
        }

        var requiredList = new YamlSequence(schema.Line, schema.Column);
        foreach (KeyValuePair<string, YamlScalar> entry in requiredAt.Where(r => inlineWire.ContainsKey(r.Key)))
        {
            requiredList.Items.Add(entry.Value);
        }

        gathered.Add(Key("properties", schema), declared);
        gathered.Add(Key("required", schema), requiredList);
        CopyScalar(schema, gathered, "deprecated");
        CopyScalar(schema, gathered, "x-replaced-by");
        if (description is not null)
        {
            gathered.Add(Key("description", schema), new YamlScalar(description, true, schema.Line, schema.Column));
        }

        DefineObject(name, gathered);
        var own = (ObjectTypeModel)_types[name];

        ObjectTypeModel? baseModel = named.Count == 1 ? named[0].Model : null;
        var inherited = new List<PropertyModel>();
        var copied = new List<PropertyModel>();
        var byWire = new Dictionary<string, (PropertyModel Property, YamlNode At, bool Inherited)>(StringComparer.Ordinal);
        foreach ((YamlMapping part, ObjectTypeModel model) in named)
        {
            bool isBase = ReferenceEquals(model, baseModel);
            foreach (PropertyModel property in model.AllProperties)
            {
                if (byWire.TryGetValue(property.WireName, out var earlier))
                {
                    if (earlier.Property.Type != property.Type)
                    {
                        Report(SpecDiagnostics.InvalidStructure, part["$ref"], $"Property '{property.WireName}' of {name} is {Describe(earlier.Property.Type)} in one allOf part and {Describe(property.Type)} in '{part.GetString("$ref")}'; give it one type");
                    }

                    continue;
                }

                byWire.Add(property.WireName, (property, part["$ref"]!, isBase));
                (isBase ? inherited : copied).Add(property);
            }
        }

        var ownProperties = new List<PropertyModel>();
        foreach (PropertyModel property in own.Properties)
        {
            YamlScalar at = inlineWire[property.WireName];
            if (byWire.TryGetValue(property.WireName, out var part))
            {
                if (part.Property.Type != property.Type)
                {
                    Report(SpecDiagnostics.InvalidStructure, at, $"Property '{property.WireName}' of {name} is {Describe(property.Type)} here and {Describe(part.Property.Type)} in an allOf part that $ref names; give it one type");
                }
                else if (property.Required && !part.Property.Required)
                {
                    MakeRequired(name, part.Property, at, part.Inherited, inherited, copied);
                }

                continue;
            }

            ownProperties.Add(property);
        }

        foreach (KeyValuePair<string, YamlScalar> entry in requiredAt.Where(r => !inlineWire.ContainsKey(r.Key)))
        {
            if (!byWire.TryGetValue(entry.Key, out var part))
            {
                Report(SpecDiagnostics.InvalidStructure, entry.Value, $"'{entry.Key}' is listed as required but is not a property of {name} or of its allOf parts");
            }
            else if (!part.Property.Required)
            {
                MakeRequired(name, part.Property, entry.Value, part.Inherited, inherited, copied);
            }
        }

        // The naming step checks the members' C# names (inherited, copied and own together) and gives the codec's locals.
        _types[name] = own with
        {
            BaseName = baseModel?.Name,
            InheritedProperties = inherited.ToImmutableEquatableArray(),
            Properties = copied.Concat(ownProperties).ToImmutableEquatableArray(),
        };

        if (baseModel is not null)
        {
            _allOfBases.Add((name, baseModel.Name, named[0].Part["$ref"]!));
        }

        return new TypeRef(TypeKind.Object, name);
    }

    /// <summary>A required entry of a derived or composed schema for a member a part declares optional.</summary>
    private void MakeRequired(string name, PropertyModel property, YamlNode at, bool inheritedMember, List<PropertyModel> inherited, List<PropertyModel> copied)
    {
        if (inheritedMember)
        {
            Report(SpecDiagnostics.UnsupportedConstruct, at, $"Requiring '{property.WireName}' in {name} when its allOf base declares it optional", "list it as required in the base, or compose more than one named part");
            return;
        }

        int index = copied.IndexOf(property);
        if (index >= 0)
        {
            copied[index] = property with { Required = true };
        }
    }

    /// <summary>An allOf (or a part of one) must describe an object: no type or <c>type: object</c>, no additionalProperties.</summary>
    private bool CheckComposedType(YamlMapping schema, string what)
    {
        if (!TryReadType(schema, out string? type, out _))
        {
            return false;
        }

        if (type is not (null or "object"))
        {
            Report(SpecDiagnostics.UnsupportedConstruct, schema["type"], $"{what} of type '{type}'", "allOf composes object schemas only");
            return false;
        }

        if (schema["additionalProperties"] is YamlNode additional && additional is not YamlScalar { Value: "false" or "False" })
        {
            Report(SpecDiagnostics.UnsupportedConstruct, additional, $"'additionalProperties' in {what.Substring(0, 1).ToLowerInvariant() + what.Substring(1)}", "compose models with declared properties; keep a free-form map in a property of its own");
            return false;
        }

        return true;
    }

    private TypeRef ResolveOneOf(YamlMapping schema, YamlNode variantsNode, string keyword, string contextName, string? reservedName)
    {
        if (variantsNode is not YamlSequence variants || variants.Items.Count == 0)
        {
            Report(SpecDiagnostics.InvalidStructure, variantsNode, $"'{keyword}' must be a non-empty list of schemas");
            return TypeRef.Any;
        }

        YamlScalar? beside = schema.Entries.Select(e => e.Key).FirstOrDefault(k => k.Value is "properties" or "additionalProperties" or "items" or "enum" or "required");
        if (beside is not null)
        {
            Report(SpecDiagnostics.UnsupportedConstruct, beside, $"'{beside.Value}' beside '{keyword}'", "move the shared members into each variant (or into a base the variants name in allOf)");
            return TypeRef.Any;
        }

        if (!TryReadType(schema, out string? type, out _))
        {
            return TypeRef.Any;
        }

        if (schema["discriminator"] is YamlNode discriminator)
        {
            if (type is not (null or "object"))
            {
                Report(SpecDiagnostics.UnsupportedConstruct, schema["type"], $"A discriminated '{keyword}' of type '{type}'", "a discriminator selects among object schemas");
                return TypeRef.Any;
            }

            return DefineDiscriminated(schema, variants, keyword, discriminator, NameFor(contextName, reservedName, schema));
        }

        if (type is not null)
        {
            Report(SpecDiagnostics.UnsupportedConstruct, schema["type"], $"'type' beside '{keyword}'", "give each variant its type");
            return TypeRef.Any;
        }

        return DefineUnion(schema, variants, keyword, NameFor(contextName, reservedName, schema));
    }

    private TypeRef DefineDiscriminated(YamlMapping schema, YamlSequence variants, string keyword, YamlNode discriminatorNode, string name)
    {
        string? propertyName = (discriminatorNode as YamlMapping)?.GetString("propertyName");
        if (propertyName is null || propertyName.Length == 0)
        {
            Report(SpecDiagnostics.InvalidStructure, discriminatorNode, "A discriminator must be a mapping with 'propertyName' (and optionally 'mapping')");
            return TypeRef.Any;
        }

        // The naming step checks that no other type takes this name.
        string unknownName = GeneratedTypeNames.Unknown(name);
        if (!CheckLength(unknownName, schema, "type"))
        {
            return TypeRef.Any;
        }

        // Variants by component key, in the order listed.
        var byKey = new Dictionary<string, (string TypeName, YamlNode At)>(StringComparer.Ordinal);
        foreach (YamlNode item in variants.Items)
        {
            if (item is not YamlMapping variant || variant.GetString("$ref") is not string reference)
            {
                Report(SpecDiagnostics.UnsupportedConstruct, item, $"An inline variant of the discriminated {keyword} {name}", "name each variant in components/schemas and list it with $ref");
                continue;
            }

            int before = _diagnostics.Count;
            TypeRef type = ResolveSchema(variant, name);
            if (type.Kind != TypeKind.Object)
            {
                if (_diagnostics.Count == before)
                {
                    Report(SpecDiagnostics.UnsupportedConstruct, variant["$ref"], $"The variant '{reference}' of {name}, which is not an object schema,", "a discriminator selects among object schemas (with 'properties')");
                }

                continue;
            }

            byKey[reference.Substring(SchemaRefPrefix.Length)] = (type.Name!, variant["$ref"]!);
        }

        var cases = new List<DiscriminatorCase>();
        var values = new HashSet<string>(StringComparer.Ordinal);
        if (discriminatorNode is YamlMapping discriminator && discriminator["mapping"] is YamlNode mappingNode)
        {
            if (mappingNode is not YamlMapping mapping)
            {
                Report(SpecDiagnostics.InvalidStructure, mappingNode, "A discriminator's 'mapping' must map values to schema names or '#/components/schemas/…' references");
                return TypeRef.Any;
            }

            foreach (KeyValuePair<YamlScalar, YamlNode> entry in mapping.Entries)
            {
                string? target = (entry.Value as YamlScalar)?.Value;
                string key = target is not null && target.StartsWith(SchemaRefPrefix, StringComparison.Ordinal) ? target.Substring(SchemaRefPrefix.Length) : target ?? string.Empty;
                if (!byKey.TryGetValue(key, out var variant))
                {
                    Report(SpecDiagnostics.InvalidStructure, entry.Value, $"The discriminator value '{entry.Key.Value}' of {name} maps to '{target}', which is not one of its {keyword} variants");
                    continue;
                }

                values.Add(entry.Key.Value);
                cases.Add(new DiscriminatorCase(entry.Key.Value, variant.TypeName));
            }
        }

        // A variant that no mapping entry names is selected by its schema name.
        foreach (KeyValuePair<string, (string TypeName, YamlNode At)> variant in byKey)
        {
            if (!cases.Any(c => c.TypeName == variant.Value.TypeName) && values.Add(variant.Key))
            {
                cases.Add(new DiscriminatorCase(variant.Key, variant.Value.TypeName));
            }
        }

        foreach (KeyValuePair<string, (string TypeName, YamlNode At)> variant in byKey)
        {
            List<string> selecting = cases.Where(c => c.TypeName == variant.Value.TypeName).Select(c => c.Value).ToList();
            if (_variantUses.TryGetValue(variant.Value.TypeName, out VariantUse? earlier))
            {
                Report(SpecDiagnostics.UnsupportedConstruct, variant.Value.At, $"'{variant.Key}' as a variant of both {earlier.UnionName} and {name}", "a model derives from one discriminated type; give the second its own schema (allOf of the first)");
                continue;
            }

            _variantUses.Add(variant.Value.TypeName, new VariantUse(name, propertyName!, selecting, variant.Value.At));
        }

        _types[name] = new DiscriminatedTypeModel(name, schema.GetString("description"), schema.GetBoolean("deprecated"), propertyName!, cases.ToImmutableEquatableArray(), unknownName) { Origin = TypeOrigin(name) };
        return new TypeRef(TypeKind.Discriminated, name);
    }

    private TypeRef DefineUnion(YamlMapping schema, YamlSequence variants, string keyword, string name)
    {
        var members = new List<UnionVariantModel>();
        int index = 0;
        foreach (YamlNode item in variants.Items)
        {
            index++;
            int before = _diagnostics.Count;
            TypeRef type = ResolveSchema(item, name + "Option" + index.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (type.Kind == TypeKind.Any)
            {
                if (_diagnostics.Count == before)
                {
                    Report(SpecDiagnostics.UnsupportedConstruct, item, $"A variant of {name} that allows any JSON", $"a {keyword} variant needs a type; the {name} type keeps the JSON already");
                }

                continue;
            }

            string accessor = CodecNames.Shape(type);
            if (members.Any(m => m.AccessorName == accessor))
            {
                // The same type twice (integer with two formats, a repeated $ref): one accessor reads both.
                continue;
            }

            if (!CheckLength("TryGet" + accessor, item, "accessor"))
            {
                continue;
            }

            members.Add(new UnionVariantModel(accessor, type));
        }

        _types[name] = new UnionTypeModel(name, schema.GetString("description"), schema.GetBoolean("deprecated"), keyword == "anyOf", members.ToImmutableEquatableArray()) { Origin = TypeOrigin(name) };
        return new TypeRef(TypeKind.Union, name);
    }

    /// <summary>
    /// Completes what needs every schema resolved: each discriminated variant derives from its discriminated type
    /// and carries its discriminator (a declared property starts out set to its value; otherwise the writer adds it);
    /// each allOf base becomes an open class.
    /// </summary>
    private void FinishComposites()
    {
        var bases = new HashSet<string>(_allOfBases.Select(b => b.Base), StringComparer.Ordinal);
        foreach (KeyValuePair<string, VariantUse> entry in _variantUses)
        {
            VariantUse use = entry.Value;
            var variant = (ObjectTypeModel)_types[entry.Key];
            if (variant.BaseName is not null || bases.Contains(variant.Name))
            {
                string relation = variant.BaseName is not null ? "derives from " + variant.BaseName : "is the allOf base of " + _allOfBases.First(b => b.Base == variant.Name).Derived;
                Report(SpecDiagnostics.UnsupportedConstruct, use.At, $"{variant.Name} as a variant of {use.UnionName}: it {relation} through allOf, and a class has one base", "make the variant its own schema (its members copied by an allOf of two named parts)");
                continue;
            }

            PropertyModel? declared = variant.Properties.FirstOrDefault(p => p.WireName == use.PropertyName);
            if (declared is null)
            {
                if (use.Values.Count > 1)
                {
                    Report(SpecDiagnostics.UnsupportedConstruct, use.At, $"Several discriminator values ({string.Join(", ", use.Values)}) for {variant.Name}, which does not declare '{use.PropertyName}'", $"declare '{use.PropertyName}' in {variant.Name} so the value read is the value written");
                    continue;
                }

                _types[entry.Key] = variant with { BaseName = use.UnionName, Tag = new DiscriminatorTag(use.PropertyName, use.Values[0]) };
                continue;
            }

            if (declared.Type.Kind is not (TypeKind.String or TypeKind.Enum))
            {
                Report(SpecDiagnostics.InvalidStructure, use.At, $"The discriminator '{use.PropertyName}' of {use.UnionName} is {Describe(declared.Type)} in {variant.Name}; a discriminator is a string");
                continue;
            }

            PropertyModel tagged = declared with { Required = true, DefaultValue = declared.DefaultValue ?? use.Values[0] };
            _types[entry.Key] = variant with
            {
                BaseName = use.UnionName,
                Properties = variant.Properties.Select(p => ReferenceEquals(p, declared) ? tagged : p).ToImmutableEquatableArray(),
            };
        }

        foreach (string name in bases)
        {
            if (_types[name] is ObjectTypeModel model && !_variantUses.ContainsKey(name))
            {
                _types[name] = model with { IsBase = true };
            }
        }
    }

    private static string Describe(TypeRef type) => type.Kind switch
    {
        TypeKind.Object or TypeKind.Enum or TypeKind.Discriminated or TypeKind.Union => type.Name!,
        TypeKind.Array => "an array of " + Describe(type.Element!),
        TypeKind.Map => "a map of " + Describe(type.Element!),
        TypeKind.Any => "any JSON",
        TypeKind.String => "a string",
        TypeKind.DateTime => "a date and time",
        TypeKind.Int32 => "an int32 integer",
        TypeKind.Int64 => "an int64 integer",
        TypeKind.Double => "a number",
        TypeKind.Boolean => "a boolean",
        _ => throw new InvalidOperationException($"Unknown type kind {type.Kind}."),
    };

    private static YamlScalar Key(string text, YamlNode at) => new(text, false, at.Line, at.Column);

    private static void CopyScalar(YamlMapping from, YamlMapping to, string key)
    {
        if (from[key] is YamlNode value)
        {
            to.Add(Key(key, value), value);
        }
    }

    private sealed class VariantUse
    {
        public VariantUse(string unionName, string propertyName, List<string> values, YamlNode at)
        {
            UnionName = unionName;
            PropertyName = propertyName;
            Values = values;
            At = at;
        }

        public string UnionName { get; }

        public string PropertyName { get; }

        public List<string> Values { get; }

        public YamlNode At { get; }
    }
}
