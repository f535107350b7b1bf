using System;
using System.Collections.Generic;
using System.Linq;
using BmsGen.Generator.Diagnostics;
using BmsGen.Generator.Model;
using BmsGen.Generator.Naming;

namespace BmsGen.Generator.Parsing;

/// <summary>
/// The names the reader proposes (type keys, and where each name stands in the spec) and the limits on names. The
/// naming step (<see cref="NameAssigner"/>) decides whether they can be kept.
/// </summary>
internal sealed partial class OpenApiReader
{
    /// <summary>
    /// The longest C# name taken from a spec. C# allows 512 characters; the emitters add prefixes and suffixes
    /// (<c>Read</c>, <c>Converter</c>, <c>TypeInfo</c>) of up to 32.
    /// </summary>
    public const int MaxNameLength = 480;

    /// <summary>The origins of the types' names, by type key.</summary>
    private readonly Dictionary<string, NameOrigin> _typeOrigins = new(StringComparer.Ordinal);

    /// <summary>The schema of the property being read, whose <c>x-csharp-name</c> names the property, not a type.</summary>
    private YamlMapping? _propertySchema;

    /// <summary>
    /// Component schemas own their reserved name; an inline schema is named by its <c>x-csharp-name</c>, or after
    /// its place (<c>ServerAddresses</c>): the naming step reports one that another type already has.
    /// </summary>
    private string NameFor(string contextName, string? reservedName, YamlMapping schema)
    {
        if (reservedName is not null)
        {
            return reservedName;
        }

        NameOrigin origin = ReferenceEquals(schema, _propertySchema)
            ? new NameOrigin("inline schema", contextName, schema.Line, schema.Column)
            : Origin("inline schema", contextName, schema, schema);
        string proposed = NameRules.Type(contextName, origin.Override);

        // A name that is too long is reported; the type keeps a stand-in key, without an origin, so reading can go on.
        return CheckLength(proposed, schema, "type") ? TypeKey(proposed, origin) : TypeKey("TooLong", null);
    }

    /// <summary>
    /// A key for a new type: its proposed name, or the name followed by <c>#</c> and a number when another type has
    /// proposed it already (the naming step reports the pair).
    /// </summary>
    private string TypeKey(string proposed, NameOrigin? origin)
    {
        string key = proposed;
        for (int n = 2; !_typeNames.Add(key); n++)
        {
            key = proposed + "#" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (origin is not null)
        {
            _typeOrigins[key] = origin;
        }

        return key;
    }

    /// <summary>The name a type proposed, for naming the types inside it: its key without the number.</summary>
    private static string ProposedName(string key) => key.IndexOf('#') is int hash and >= 0 ? key.Substring(0, hash) : key;

    private NameOrigin? TypeOrigin(string key) => _typeOrigins.TryGetValue(key, out NameOrigin? origin) ? origin : null;

    /// <summary>Where a name from the spec stands, with the <c>x-csharp-name</c> of <paramref name="holder"/> when it has one.</summary>
    private static NameOrigin Origin(string kind, YamlScalar name, YamlMapping? holder) => Origin(kind, name.Value, name, holder);

    private static NameOrigin Origin(string kind, string specName, YamlNode at, YamlMapping? holder)
    {
        YamlNode? chosen = holder?[NameRules.OverrideKey];
        return chosen is YamlScalar { IsNull: false } scalar
            ? new NameOrigin(kind, specName, at.Line, at.Column, scalar.Value, scalar.Line, scalar.Column)
            : chosen is not null
                ? new NameOrigin(kind, specName, at.Line, at.Column, string.Empty, chosen.Line, chosen.Column)
                : new NameOrigin(kind, specName, at.Line, at.Column);
    }

    /// <summary>Reports a C# name longer than <see cref="MaxNameLength"/> at the spec node it comes from.</summary>
    private bool CheckLength(string name, YamlNode at, string what)
    {
        if (name.Length <= MaxNameLength)
        {
            return true;
        }

        Report(SpecDiagnostics.TooComplex, at, $"The {what} name '{YamlLoader.Shorten(name)}' is {name.Length} characters long; names taken from a spec are limited to {MaxNameLength}");
        return false;
    }

    /// <summary>Array and map shapes get codec helpers named after them (<c>ArrayOfMapOfString</c>); their names are bounded too.</summary>
    private bool CheckShape(TypeRef shape, YamlNode at)
    {
        static int Length(TypeRef type) => type.Kind switch
        {
            TypeKind.Object or TypeKind.Enum or TypeKind.Discriminated or TypeKind.Union => type.Name!.Length,
            TypeKind.Array or TypeKind.Map => CodecNames.ShapePrefix(type).Length + Length(type.Element!),
            _ => type.Kind.ToString().Length,
        };

        int length = Length(shape);
        if (length <= MaxNameLength)
        {
            return true;
        }

        Report(SpecDiagnostics.TooComplex, at, $"Arrays and maps nest so deep that their codec name is {length} characters long; the limit is {MaxNameLength}");
        return false;
    }
}
