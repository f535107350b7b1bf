namespace BmsGen.Generator.Model;

internal enum TypeKind
{
    String,
    Int32,
    Int64,
    Double,
    Boolean,
    /// <summary>
    /// A date and time (<c>type: string, format: date-time</c>), carried as the text the service sent: a model
    /// property surfaces it as a <c>DateTimeOffset?</c> read leniently on access beside the text, a parameter as a
    /// <c>DateTimeOffset</c> sent in ISO 8601 UTC; array items, map values and bodies keep the text.
    /// </summary>
    DateTime,
    /// <summary>Free-form JSON, kept as a JsonElement.</summary>
    Any,
    /// <summary>A generated model class, named by <see cref="TypeRef.Name"/>.</summary>
    Object,
    /// <summary>A generated string-enum value type, named by <see cref="TypeRef.Name"/>.</summary>
    Enum,
    Array,
    Map,
}

/// <summary>A reference to a type as a property, parameter or body uses it.</summary>
internal sealed record TypeRef(TypeKind Kind, string? Name = null, TypeRef? Element = null)
{
    public static TypeRef String { get; } = new(TypeKind.String);
    public static TypeRef Int32 { get; } = new(TypeKind.Int32);
    public static TypeRef Int64 { get; } = new(TypeKind.Int64);
    public static TypeRef Double { get; } = new(TypeKind.Double);
    public static TypeRef Boolean { get; } = new(TypeKind.Boolean);
    public static TypeRef DateTime { get; } = new(TypeKind.DateTime);
    public static TypeRef Any { get; } = new(TypeKind.Any);

    /// <summary>Whether the value is carried as a value type (a date and time is carried as its text, a string).</summary>
    public bool IsValueType => Kind is TypeKind.Int32 or TypeKind.Int64 or TypeKind.Double or TypeKind.Boolean or TypeKind.Any or TypeKind.Enum;
}

/// <summary>A generated type: a model class or a string enum.</summary>
internal abstract record TypeModel(string Name, string? Description, bool Deprecated);

internal sealed record ObjectTypeModel(
    string Name,
    string? Description,
    bool Deprecated,
    ImmutableEquatableArray<PropertyModel> Properties)
    : TypeModel(Name, Description, Deprecated)
{
    /// <summary>The spec's <c>x-replaced-by</c> for a deprecated schema: what callers should use instead.</summary>
    public string? ReplacedBy { get; init; }
}

internal sealed record EnumTypeModel(
    string Name,
    string? Description,
    ImmutableEquatableArray<EnumMemberModel> Members)
    : TypeModel(Name, Description, false);

internal sealed record EnumMemberModel(string WireValue, string ClrName);

internal sealed record PropertyModel(
    string WireName,
    string ClrName,
    TypeRef Type,
    bool Required,
    string? Description,
    string? Remarks,
    bool Deprecated,
    string? DefaultValue = null,
    string LocalName = "")
{
    /// <summary>The name of the codec's local variable for this member: unique within its type, assigned by the reader.</summary>
    public string LocalName { get; init; } = LocalName.Length > 0 ? LocalName : ClrName.Substring(0, 1).ToLowerInvariant() + ClrName.Substring(1) + "Value";

    /// <summary>The spec's <c>x-replaced-by</c> for a deprecated property: what callers should use instead.</summary>
    public string? ReplacedBy { get; init; }

    /// <summary>
    /// For a date-time property, the member that holds the text as sent beside the <c>DateTimeOffset?</c> member
    /// <see cref="ClrName"/>: unique within its type, assigned by the reader. Null for every other kind.
    /// </summary>
    public string? TextName { get; init; }

    /// <summary>The member the codec reads into and writes from: the text member of a date-time property, the property itself otherwise.</summary>
    public string StorageName => TextName ?? ClrName;
}
