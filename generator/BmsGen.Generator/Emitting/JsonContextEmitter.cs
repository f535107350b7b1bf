using BmsGen.Generator.Model;

namespace BmsGen.Generator.Emitting;

/// <summary>
/// Emits a JsonSerializerContext whose type infos wrap the generated converters, so the models work with
/// JsonSerializer and the HttpClient JSON extensions in trimmed and reflection-free apps.
/// </summary>
internal static class JsonContextEmitter
{
    private static readonly System.Collections.Generic.HashSet<string> ReservedMembers = new(System.StringComparer.Ordinal)
    {
        "Default", "Options", "GetTypeInfo", "GeneratedSerializerOptions", "Create", "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone",
    };

    public static string Emit(SpecModel spec)
    {
        string name = spec.ClientName + "JsonContext";
        string codec = TypeNames.CodecName(spec);
        var writer = new SourceWriter();
        EmitterHeader.Write(writer, spec);
        writer.WriteLine($"namespace {spec.Namespace}");
        writer.OpenBlock();
        writer.WriteLine($$"""
            /// <summary>
            /// Type metadata for the {{spec.ClientName}} models, backed by the generated reflection-free converters.
            /// Pass a typed property (<c>Default.ServerDetail</c>) to JsonSerializer for trimming-safe calls, or use <see cref="Default"/>'s <c>Options</c>, or add the context to a TypeInfoResolverChain.
            /// </summary>
            {{TypeNames.GeneratedCodeAttribute}}
            public sealed partial class {{name}} : global::System.Text.Json.Serialization.JsonSerializerContext, global::System.Text.Json.Serialization.Metadata.IJsonTypeInfoResolver
            {
                /// <summary>A shared instance bound to default options.</summary>
                public static {{name}} Default { get; } = new {{name}}(new global::System.Text.Json.JsonSerializerOptions());

                /// <summary>Creates a context bound to <paramref name="options"/>.</summary>
                public {{name}}(global::System.Text.Json.JsonSerializerOptions? options)
                    : base(options)
                {
                }

                /// <inheritdoc/>
                protected override global::System.Text.Json.JsonSerializerOptions? GeneratedSerializerOptions => null;

                /// <inheritdoc/>
                public override global::System.Text.Json.Serialization.Metadata.JsonTypeInfo? GetTypeInfo(global::System.Type type) => Create(type, Options);

                global::System.Text.Json.Serialization.Metadata.JsonTypeInfo? global::System.Text.Json.Serialization.Metadata.IJsonTypeInfoResolver.GetTypeInfo(global::System.Type type, global::System.Text.Json.JsonSerializerOptions options) =>
                    Create(type, options);
            """);
        writer.Indent();
        foreach (TypeModel type in spec.Types)
        {
            string clr = TypeNames.ClrType(TypeNames.RefTo(type), spec.Namespace);
            string property = ReservedMembers.Contains(type.Name) ? type.Name + "TypeInfo" : type.Name;
            writer.WriteLine($$"""

                private global::System.Text.Json.Serialization.Metadata.JsonTypeInfo<{{clr}}>? _{{property}};

                /// <summary>Metadata for <see cref="{{clr}}"/>, for the trimming-safe JsonSerializer overloads.</summary>
                public global::System.Text.Json.Serialization.Metadata.JsonTypeInfo<{{clr}}> {{property}} =>
                    _{{property}} ??= (global::System.Text.Json.Serialization.Metadata.JsonTypeInfo<{{clr}}>)Options.GetTypeInfo(typeof({{clr}}));
                """);
        }

        writer.Unindent();
        writer.WriteLine($$"""

                private static global::System.Text.Json.Serialization.Metadata.JsonTypeInfo? Create(global::System.Type type, global::System.Text.Json.JsonSerializerOptions options)
                {
            """);
        writer.Indent();
        writer.Indent();
        foreach (TypeModel type in spec.Types)
        {
            string clr = TypeNames.ClrType(TypeNames.RefTo(type), spec.Namespace);
            writer.WriteLine($$"""
                if (type == typeof({{clr}}))
                {
                    return global::System.Text.Json.Serialization.Metadata.JsonMetadataServices.CreateValueInfo<{{clr}}>(options, new global::{{spec.Namespace}}.{{codec}}.{{type.Name}}Converter());
                }

                """);
        }

        writer.WriteLine("return null;");
        writer.CloseBlock();
        writer.CloseBlock();
        writer.CloseBlock();
        return writer.ToString();
    }
}
