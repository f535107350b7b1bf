using System.Linq;
using BmsGen.Generator.Model;

namespace BmsGen.Generator.Emitting;

/// <summary>The model side of allOf inheritance and of oneOf/anyOf types.</summary>
internal static partial class ModelEmitter
{
    /// <summary>A model another derives from through allOf stays open; every other model class is sealed.</summary>
    private static string ClassModifiers(ObjectTypeModel type) => type.IsBase ? string.Empty : "sealed ";

    private static string BaseClause(ObjectTypeModel type, SpecModel spec) =>
        type.BaseName is null ? string.Empty : $" : global::{spec.Namespace}.{type.BaseName}";

    private static void EmitDiscriminated(SourceWriter writer, SpecModel spec, DiscriminatedTypeModel type)
    {
        string codec = $"global::{spec.Namespace}.{TypeNames.CodecName(spec)}";
        string variants = string.Join(", ", type.Cases.Select(c => c.TypeName).Distinct());
        writer.WriteDocElement("summary", type.Description ?? $"One of {variants}.");
        writer.WriteLine("/// <remarks>");
        writer.WriteLine($"/// The JSON property <c>{CSharpText.DocText(type.PropertyName)}</c> tells the variants apart, wherever it appears in the object:");
        writer.WriteLine("/// <list type=\"bullet\">");
        foreach (DiscriminatorCase variant in type.Cases)
        {
            writer.WriteLine($"/// <item><c>{CSharpText.DocText(variant.Value)}</c>: <see cref=\"global::{spec.Namespace}.{variant.TypeName}\"/></item>");
        }

        writer.WriteLine("/// </list>");
        writer.WriteLine($"/// Any other value, or none, reads as <see cref=\"global::{spec.Namespace}.{type.UnknownName}\"/>, which keeps the JSON.");
        writer.WriteLine("/// </remarks>");
        writer.WriteLine($"[global::System.Text.Json.Serialization.JsonConverter(typeof({codec}.{type.Name}Converter))]");
        writer.WriteLine(TypeNames.GeneratedCodeAttribute);
        WriteObsolete(writer, type.Deprecated, "The " + type.Name + " model", null);
        writer.WriteLine($"public abstract partial class {type.Name}");
        writer.OpenBlock();
        writer.WriteLine($"/// <summary>Only the generated variants derive from {type.Name}.</summary>");
        writer.WriteLine($"private protected {type.Name}()");
        writer.OpenBlock();
        writer.CloseBlock();
        writer.CloseBlock();
        writer.WriteLine();

        string unknown = type.UnknownName;
        writer.WriteLine($"/// <summary>A {type.Name} whose <c>{CSharpText.DocText(type.PropertyName)}</c> this client does not know, or that has none: the JSON object as received, written back unchanged.</summary>");
        writer.WriteLine(TypeNames.GeneratedCodeAttribute);
        WriteObsolete(writer, type.Deprecated, "The " + type.Name + " model", null);
        writer.WriteLine($"public sealed partial class {unknown} : global::{spec.Namespace}.{type.Name}");
        writer.OpenBlock();
        writer.WriteLine($$"""
            /// <summary>Wraps a JSON object.</summary>
            /// <exception cref="global::System.ArgumentException"><paramref name="json"/> is not a JSON object.</exception>
            public {{unknown}}(global::System.Text.Json.JsonElement json)
            {
                if (json.ValueKind != global::System.Text.Json.JsonValueKind.Object)
                {
                    throw new global::System.ArgumentException("A {{type.Name}} is a JSON object.", nameof(json));
                }

                Json = json;
            }

            /// <summary>The JSON object as received.</summary>
            public global::System.Text.Json.JsonElement Json { get; }

            /// <summary>The <c>{{CSharpText.DocText(type.PropertyName)}}</c> value as received; null when the object has none or it is not a string.</summary>
            public string? Discriminator =>
                Json.TryGetProperty({{SourceWriter.Utf8Literal(type.PropertyName)}}, out global::System.Text.Json.JsonElement value) && value.ValueKind == global::System.Text.Json.JsonValueKind.String ? value.GetString() : null;
            """);
        writer.CloseBlock();
    }

    private static void EmitUnion(SourceWriter writer, SpecModel spec, UnionTypeModel type)
    {
        string codec = $"global::{spec.Namespace}.{TypeNames.CodecName(spec)}";
        string name = type.Name;
        string variants = string.Join(", ", type.Variants.Select(v => v.AccessorName));
        writer.WriteDocElement("summary", type.Description ?? (type.AnyOf ? $"Any of {variants}." : $"One of {variants}."));
        writer.WriteDocElement(
            "remarks",
            "The JSON is kept as received and written back unchanged. The TryGet methods read it as one variant each "
            + "(with the client's usual leniency: a number in a string reads as a number), the From methods build the value from a variant.");
        writer.WriteLine($"[global::System.Text.Json.Serialization.JsonConverter(typeof({codec}.{name}Converter))]");
        writer.WriteLine(TypeNames.GeneratedCodeAttribute);
        WriteObsolete(writer, type.Deprecated, "The " + name + " model", null);
        writer.WriteLine($"public sealed partial class {name}");
        writer.OpenBlock();
        writer.WriteLine($$"""
            /// <summary>Wraps JSON as received (or built by a From method).</summary>
            /// <exception cref="global::System.ArgumentException"><paramref name="json"/> holds no value (a default JsonElement).</exception>
            public {{name}}(global::System.Text.Json.JsonElement json)
            {
                if (json.ValueKind == global::System.Text.Json.JsonValueKind.Undefined)
                {
                    throw new global::System.ArgumentException("The JSON element holds no value.", nameof(json));
                }

                Json = json;
            }

            /// <summary>The JSON as received.</summary>
            public global::System.Text.Json.JsonElement Json { get; }
            """);
        foreach (UnionVariantModel variant in type.Variants)
        {
            string clr = TypeNames.ClrType(variant.Type, spec.Namespace);
            string accessor = variant.AccessorName;
            string tryRead = variant.Type.IsValueType
                ? $"{TypeNames.Runtime}.Json.JsonUnion.TryReadValue(Json, {JsonEmitter.ReaderMethod(variant.Type, codec)}, out value)"
                : $"{TypeNames.Runtime}.Json.JsonUnion.TryRead(Json, {JsonEmitter.ReaderMethod(variant.Type, codec)}, out value)";
            string outDecl = variant.Type.IsValueType ? $"out {clr}" : $"[global::System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out {clr}?";
            string write = $"static (writer, item) => {JsonEmitter.WriteStatement(variant.Type, "item", codec).TrimEnd(';')}";
            string doc = CSharpText.DocText(TypeNames.ShapeName(variant.Type));
            writer.WriteLine($$"""

                /// <summary>Reads the JSON as {{doc}}; false when it is not one.</summary>
                public bool TryGet{{accessor}}({{outDecl}} value) =>
                    {{tryRead}};

                /// <summary>The JSON read as {{doc}}.</summary>
                /// <exception cref="global::System.InvalidOperationException">The JSON is not {{doc}}.</exception>
                public {{clr}} As{{accessor}}() =>
                    TryGet{{accessor}}(out {{clr}}{{(variant.Type.IsValueType ? string.Empty : "?")}} value) ? value : throw new global::System.InvalidOperationException("The {{name}} JSON is not {{doc}}.");

                /// <summary>A {{name}} holding the JSON of <paramref name="value"/>.</summary>
                public static {{name}} From{{accessor}}({{clr}} value) =>
                    new {{name}}({{TypeNames.Runtime}}.Json.JsonUnion.ToElement(value, {{write}}));
                """);
        }

        writer.CloseBlock();
    }
}
