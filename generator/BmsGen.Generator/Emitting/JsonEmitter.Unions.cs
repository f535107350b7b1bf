using System.Collections.Generic;
using System.Linq;
using BmsGen.Generator.Model;
using BmsGen.Generator.Naming;

namespace BmsGen.Generator.Emitting;

/// <summary>The codec side of allOf inheritance and of oneOf/anyOf types, kept apart from the object reader and writer.</summary>
internal static partial class JsonEmitter
{
    /// <summary>A method group that reads <paramref name="type"/> (a <c>JsonValueReader</c>), qualified for use outside the codec.</summary>
    internal static string ReaderMethod(TypeRef type, string codec) => type.Kind switch
    {
        TypeKind.String or TypeKind.DateTime => $"{TypeNames.JsonRead}.String",
        TypeKind.Int32 => $"{TypeNames.JsonRead}.Int32",
        TypeKind.Int64 => $"{TypeNames.JsonRead}.Int64",
        TypeKind.Double => $"{TypeNames.JsonRead}.Double",
        TypeKind.Boolean => $"{TypeNames.JsonRead}.Boolean",
        TypeKind.Any => $"{TypeNames.JsonRead}.Element",
        TypeKind.Object or TypeKind.Enum or TypeKind.Array or TypeKind.Map or TypeKind.Discriminated or TypeKind.Union => $"{codec}.{CodecNames.Read(CodecNames.Shape(type))}",
        _ => throw new System.ArgumentOutOfRangeException(nameof(type), type.Kind, null),
    };

    /// <summary>
    /// A model that others derive from through allOf writes a derived instance with the derived writer, so that a
    /// Dog passed where a Pet is expected keeps its own members.
    /// </summary>
    private static void WriteDerivedDispatch(SourceWriter writer, SpecModel spec, ObjectTypeModel type)
    {
        if (!type.IsBase)
        {
            return;
        }

        List<ObjectTypeModel> derived = spec.Types.OfType<ObjectTypeModel>().Where(t => t.BaseName == type.Name).ToList();
        writer.WriteLine("switch (value)");
        writer.OpenBlock();
        for (int index = 0; index < derived.Count; index++)
        {
            string local = "derived" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
            writer.WriteLine($"case global::{spec.Namespace}.{derived[index].Name} {local}:");
            writer.Indent();
            writer.WriteLine($"{CodecNames.Write(derived[index].Name)}(writer, {local});");
            writer.WriteLine("return;");
            writer.Unindent();
        }

        writer.CloseBlock();
        writer.WriteLine();
    }

    /// <summary>A variant of a discriminated oneOf that does not declare the discriminator writes it first.</summary>
    private static void WriteTag(SourceWriter writer, ObjectTypeModel type)
    {
        if (type.Tag is { } tag)
        {
            writer.WriteLine($"writer.WriteString({SourceWriter.Utf8Literal(tag.WireName)}, {SourceWriter.Literal(tag.Value)});");
        }
    }

    private static void EmitDiscriminatedCodec(SourceWriter writer, SpecModel spec, DiscriminatedTypeModel type)
    {
        string clr = TypeNames.ClrType(new TypeRef(TypeKind.Discriminated, type.Name), spec.Namespace);
        string unknown = $"global::{spec.Namespace}.{type.UnknownName}";
        writer.WriteLine($"/// <summary>Reads a {type.Name}: the variant its {CSharpText.DocText(type.PropertyName)} names, wherever that property appears; an unknown or missing value keeps the JSON. Returns null for a JSON null.</summary>");
        writer.WriteLine($"public static {clr}? {CodecNames.Read(type.Name)}(ref {Reader} reader)");
        writer.OpenBlock();
        writer.WriteLine($$"""
            if (reader.TokenType == global::System.Text.Json.JsonTokenType.Null)
            {
                return null;
            }

            {{TypeNames.JsonRead}}.ExpectStartObject(ref reader, "{{type.Name}}");
            """);

        // The discriminator is looked up on a copy of the reader, which shares the buffer, so the variant then reads
        // the object from its start whatever the position of the discriminator in it.
        writer.WriteLine($"if ({Runtime}.JsonUnion.TryFindDiscriminator(reader, {SourceWriter.Utf8Literal(type.PropertyName)}, out global::System.ReadOnlySpan<byte> tag))");
        writer.OpenBlock();
        EmitUtf8Switch(writer, "tag", type.Cases, c => c.Value, (_, c) => writer.WriteLine($"return {CodecNames.Read(c.TypeName)}(ref reader);"));
        writer.CloseBlock();
        writer.WriteLine();
        writer.WriteLine($"return new {unknown}({Runtime}.JsonRead.ElementOf(ref reader));");
        writer.CloseBlock();
        writer.WriteLine();

        writer.WriteLine($"/// <summary>Writes a {type.Name} as its variant, with its {CSharpText.DocText(type.PropertyName)}; an unknown variant as the JSON it was read from.</summary>");
        writer.WriteLine($"public static void {CodecNames.Write(type.Name)}({Writer} writer, {clr} value)");
        writer.OpenBlock();
        writer.WriteLine("switch (value)");
        writer.OpenBlock();
        foreach (string variant in type.Cases.Select(c => c.TypeName).Distinct())
        {
            writer.WriteLine($"case global::{spec.Namespace}.{variant} {Identifiers(variant)}:");
            writer.Indent();
            writer.WriteLine($"{CodecNames.Write(variant)}(writer, {Identifiers(variant)});");
            writer.WriteLine("return;");
            writer.Unindent();
        }

        writer.WriteLine($"case {unknown} unknown:");
        writer.Indent();
        writer.WriteLine("unknown.Json.WriteTo(writer);");
        writer.WriteLine("return;");
        writer.Unindent();
        writer.WriteLine("default:");
        writer.Indent();
        writer.WriteLine($"throw new global::System.ArgumentException(\"Only the generated variants derive from {type.Name}.\", nameof(value));");
        writer.Unindent();
        writer.CloseBlock();
        writer.CloseBlock();

        static string Identifiers(string typeName) => "variant" + typeName;
    }

    private static void EmitUnionCodec(SourceWriter writer, SpecModel spec, UnionTypeModel type)
    {
        string clr = TypeNames.ClrType(new TypeRef(TypeKind.Union, type.Name), spec.Namespace);
        writer.WriteLine($$"""
            /// <summary>Reads a {{type.Name}} as the JSON it is; returns null for a JSON null.</summary>
            public static {{clr}}? {{CodecNames.Read(type.Name)}}(ref {{Reader}} reader) =>
                reader.TokenType == global::System.Text.Json.JsonTokenType.Null ? null : new {{clr}}({{Runtime}}.JsonRead.ElementOf(ref reader));

            /// <summary>Writes a {{type.Name}}'s JSON unchanged.</summary>
            public static void {{CodecNames.Write(type.Name)}}({{Writer}} writer, {{clr}} value) => value.Json.WriteTo(writer);
            """);
    }
}
