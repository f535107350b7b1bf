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
    /// <summary>
    /// A <c>oneOf</c>/<c>anyOf</c> with a <c>discriminator</c>: an abstract class named by <see cref="TypeRef.Name"/>
    /// whose variants derive from it, read by the discriminator's value.
    /// </summary>
    Discriminated,
    /// <summary>
    /// A <c>oneOf</c>/<c>anyOf</c> without a discriminator: a class named by <see cref="TypeRef.Name"/> that keeps the
    /// JSON as received and reads it as each variant on request.
    /// </summary>
    Union,
}

/// <summary>A reference to a type as a property, parameter or body uses it.</summary>
/// <param name="Kind">What kind of type it is.</param>
/// <param name="Name">The generated type's name, for the kinds that name one.</param>
/// <param name="Element">An array's item type or a map's value type.</param>
/// <param name="ElementNullable">
/// For an array or map, whether its items or values may be JSON null (<c>nullable: true</c> or a type list with
/// <c>'null'</c> on <c>items</c> or <c>additionalProperties</c>). Never set for free-form items, which keep a null as
/// a JsonElement of kind Null.
/// </param>
internal sealed record TypeRef(TypeKind Kind, string? Name = null, TypeRef? Element = null, bool ElementNullable = false)
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

/// <summary>
/// A generated type: a model class, a string enum, or a oneOf/anyOf type. Until the naming step has checked it,
/// <see cref="Name"/> is the reader's key for the type: the proposed C# name, followed by <c>#</c> and a number when
/// another type already proposed that name (the naming step reports every such pair; a model that reaches the
/// emitters has none).
/// </summary>
internal abstract record TypeModel(string Name, string? Description, bool Deprecated)
{
    /// <summary>Where the name comes from; null once the naming step has assigned the names.</summary>
    public NameOrigin? Origin { get; init; }
}

internal sealed record ObjectTypeModel(
    string Name,
    string? Description,
    bool Deprecated,
    ImmutableEquatableArray<PropertyModel> Properties)
    : TypeModel(Name, Description, Deprecated)
{
    /// <summary>The spec's <c>x-replaced-by</c> for a deprecated schema: what callers should use instead.</summary>
    public string? ReplacedBy { get; init; }

    /// <summary>
    /// The class this one derives from: the named part of an <c>allOf</c> (an object model), or the discriminated
    /// oneOf/anyOf this model is a variant of. Null for a model that derives from nothing.
    /// </summary>
    public string? BaseName { get; init; }

    /// <summary>The members declared by the base models (base first), which the codec reads and writes with <see cref="Properties"/>.</summary>
    public ImmutableEquatableArray<PropertyModel> InheritedProperties { get; init; } = ImmutableEquatableArray<PropertyModel>.Empty;

    /// <summary>Whether another model derives from this one through <c>allOf</c>, so the class is not sealed.</summary>
    public bool IsBase { get; init; }

    /// <summary>
    /// For a variant of a discriminated oneOf/anyOf that does not declare the discriminator property itself: the
    /// property and the value the writer puts first.
    /// </summary>
    public DiscriminatorTag? Tag { get; init; }

    /// <summary>Every member the codec reads and writes: the inherited ones, then the model's own.</summary>
    public System.Collections.Generic.IEnumerable<PropertyModel> AllProperties => System.Linq.Enumerable.Concat(InheritedProperties, Properties);
}

/// <summary>A discriminator property and the value that selects one variant.</summary>
internal sealed record DiscriminatorTag(string WireName, string Value);

/// <summary>
/// A <c>oneOf</c>/<c>anyOf</c> with a <c>discriminator</c>: an abstract class; every variant is an object model that
/// derives from it, and <see cref="UnknownName"/> keeps, as raw JSON, an object whose discriminator value the spec
/// does not map (or that has none).
/// </summary>
internal sealed record DiscriminatedTypeModel(
    string Name,
    string? Description,
    bool Deprecated,
    string PropertyName,
    ImmutableEquatableArray<DiscriminatorCase> Cases,
    string UnknownName)
    : TypeModel(Name, Description, Deprecated);

/// <summary>One discriminator value and the object model it selects; several values may select one model.</summary>
internal sealed record DiscriminatorCase(string Value, string TypeName);

/// <summary>
/// A <c>oneOf</c>/<c>anyOf</c> without a discriminator: a class that keeps the JSON as received and offers a typed
/// accessor and a factory per variant.
/// </summary>
internal sealed record UnionTypeModel(
    string Name,
    string? Description,
    bool Deprecated,
    bool AnyOf,
    ImmutableEquatableArray<UnionVariantModel> Variants)
    : TypeModel(Name, Description, Deprecated);

/// <summary>One variant of an undiscriminated oneOf/anyOf: its type and the name its accessors carry (<c>TryGetCat</c>).</summary>
internal sealed record UnionVariantModel(string AccessorName, TypeRef Type);

internal sealed record EnumTypeModel(
    string Name,
    string? Description,
    ImmutableEquatableArray<EnumMemberModel> Members)
    : TypeModel(Name, Description, false);

internal sealed record EnumMemberModel(string WireValue, string ClrName)
{
    /// <summary>Where the name comes from; null once the naming step has assigned the names.</summary>
    public NameOrigin? Origin { get; init; }
}

internal sealed record PropertyModel(
    string WireName,
    string ClrName,
    TypeRef Type,
    bool Required,
    string? Description,
    string? Remarks,
    bool Deprecated,
    string? DefaultValue = null)
{
    /// <summary>The name of the codec's local variable for this member, unique within its type; assigned by the naming step.</summary>
    public string LocalName { get; init; } = string.Empty;

    /// <summary>Where the name comes from; null once the naming step has assigned the names.</summary>
    public NameOrigin? Origin { get; init; }

    /// <summary>
    /// The name of the model's internal field that holds this member's value (set directly by the codec's reader):
    /// unique within its type, as the member names are.
    /// </summary>
    public string FieldName { get; init; } = "_" + ClrName.TrimStart('@').Substring(0, 1).ToLowerInvariant() + ClrName.TrimStart('@').Substring(1);

    /// <summary>The spec's <c>x-replaced-by</c> for a deprecated property: what callers should use instead.</summary>
    public string? ReplacedBy { get; init; }

    /// <summary>
    /// The spec lists the member as required but lets it be null: the property is nullable (a null and an absent
    /// member read alike), and the writer sends a null as JSON null instead of leaving the member out.
    /// </summary>
    public bool SendsNull { get; init; }

    /// <summary>
    /// For a date-time property, the member that holds the text as sent beside the <c>DateTimeOffset?</c> member
    /// <see cref="ClrName"/>: unique within its type, assigned by the reader. Null for every other kind.
    /// </summary>
    public string? TextName { get; init; }

    /// <summary>The member the codec reads into and writes from: the text member of a date-time property, the property itself otherwise.</summary>
    public string StorageName => TextName ?? ClrName;
}
