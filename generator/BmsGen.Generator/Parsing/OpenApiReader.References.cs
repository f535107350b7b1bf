using System;
using BmsGen.Generator.Diagnostics;
using BmsGen.Generator.Model;

namespace BmsGen.Generator.Parsing;

/// <summary>Following <c>$ref</c>s: to any component kind, to component schemas while typing, and quietly for a peek.</summary>
internal sealed partial class OpenApiReader
{
    private const string SchemaRefPrefix = "#/components/schemas/";

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

    /// <summary>Follows a schema's <c>$ref</c> to its component under <c>#/components/schemas</c>, reporting a bad or cyclic one.</summary>
    private TypeRef ResolveSchemaReference(YamlMapping schema, string reference)
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

    private TypeRef ResolveComponent(string name, YamlNode node)
    {
        ComponentSchema component = _components[name];
        if (component.Resolved is not null)
        {
            return component.Resolved;
        }

        if (node is YamlMapping composite && TryResolveCompositeComponent(component, composite, out TypeRef resolvedComposite))
        {
            return resolvedComposite;
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
