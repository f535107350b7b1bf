using System;
using System.Reflection;
using BmsGen.Generator.Model;

namespace BmsGen.Generator.Emitting;

/// <summary>C# spellings of model type references, shared by the emitters.</summary>
internal static class TypeNames
{
    public const string Runtime = "global::BmsGen.Runtime";
    public const string JsonRead = "global::BmsGen.Runtime.Json.JsonRead";

    /// <summary>The reader every generated reader reads with.</summary>
    public const string JsonSpanReader = "global::BmsGen.Runtime.Json.JsonSpanReader";
    public const string JsonDateTime = "global::BmsGen.Runtime.Json.JsonDateTime";
    public const string DateTimeOffset = "global::System.DateTimeOffset";
    public const string Json = "global::System.Text.Json";

    /// <summary>The generator's version as built (the package version, without source-control metadata).</summary>
    public static readonly string GeneratorVersion = ReadGeneratorVersion();

    public static readonly string GeneratedCodeAttribute = $"[global::System.CodeDom.Compiler.GeneratedCode(\"BmsGen.Generator\", \"{GeneratorVersion}\")]";

    private static string ReadGeneratorVersion()
    {
        Assembly assembly = typeof(TypeNames).Assembly;
        string? informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (!string.IsNullOrEmpty(informational))
        {
            int metadata = informational!.IndexOf('+');
            return metadata < 0 ? informational : informational.Substring(0, metadata);
        }

        return assembly.GetName().Version?.ToString() ?? "0.0.0";
    }

    /// <summary>
    /// The type that carries a value of <paramref name="type"/> in models, codecs and bodies. A date and time is
    /// carried as its text (<c>string</c>); model properties and parameters add the <see cref="DateTimeOffset"/> view.
    /// </summary>
    public static string ClrType(TypeRef type, string ns) => type.Kind switch
    {
        TypeKind.String or TypeKind.DateTime => "string",
        TypeKind.Int32 => "int",
        TypeKind.Int64 => "long",
        TypeKind.Double => "double",
        TypeKind.Boolean => "bool",
        TypeKind.Any => Json + ".JsonElement",
        TypeKind.Object or TypeKind.Enum or TypeKind.Discriminated or TypeKind.Union => $"global::{ns}.{type.Name}",
        TypeKind.Array => $"global::System.Collections.Generic.IReadOnlyList<{ElementType(type, ns)}>",
        TypeKind.Map => $"global::System.Collections.Generic.IReadOnlyDictionary<string, {ElementType(type, ns)}>",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type.Kind, null),
    };

    /// <summary>The reference to a generated type, of the kind its model is.</summary>
    public static TypeRef RefTo(TypeModel type) => type switch
    {
        ObjectTypeModel => new TypeRef(TypeKind.Object, type.Name),
        EnumTypeModel => new TypeRef(TypeKind.Enum, type.Name),
        DiscriminatedTypeModel => new TypeRef(TypeKind.Discriminated, type.Name),
        UnionTypeModel => new TypeRef(TypeKind.Union, type.Name),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type.GetType().Name, "Unknown type model."),
    };

    public static string Nullable(TypeRef type, string ns) => ClrType(type, ns) + "?";

    /// <summary>The type of an array's items or a map's values, nullable when the spec lets them be null.</summary>
    public static string ElementType(TypeRef shape, string ns) =>
        shape.ElementNullable ? Nullable(shape.Element!, ns) : ClrType(shape.Element!, ns);

    /// <summary>Whether <paramref name="type"/> is an array or map whose items, at any depth, are dates and times carried as text.</summary>
    public static bool HoldsDateTimeText(TypeRef type) =>
        type.Kind is TypeKind.Array or TypeKind.Map && (type.Element!.Kind == TypeKind.DateTime || HoldsDateTimeText(type.Element!));
}
