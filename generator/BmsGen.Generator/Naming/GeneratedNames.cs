using System;
using BmsGen.Generator.Model;

namespace BmsGen.Generator.Naming;

/// <summary>
/// The names of the members a client generates beside an operation's own method. The emitters call these; the
/// naming step reserves every name they give, so none can collide with another operation's.
/// </summary>
internal static class MemberNames
{
    /// <summary>The interface a client implements, so callers can mock it: <c>IBmsClient</c>.</summary>
    public static string Interface(string clientName) => "I" + clientName;

    /// <summary>The JsonSerializerContext beside a client: <c>BmsClientJsonContext</c>.</summary>
    public static string JsonContext(string clientName) => clientName + "JsonContext";

    /// <summary>The static class that holds a client's JSON readers and writers: <c>BmsClientJsonCodec</c>.</summary>
    public static string JsonCodec(string clientName) => clientName + "JsonCodec";

    /// <summary>The operation's own method: <c>ListServers</c> gives <c>ListServersAsync</c>.</summary>
    public static string Method(string operationName) => operationName + "Async";

    /// <summary>The method that returns the status code, headers and request ID with the value.</summary>
    public static string WithResponse(string operationName) => operationName + "WithResponseAsync";

    /// <summary>The method that yields a paged list page by page.</summary>
    public static string Pages(string operationName) => operationName + "PagesAsync";

    /// <summary>The method that yields every item of a paged list, across pages, as the items arrive.</summary>
    public static string All(string operationName) => operationName + "AllAsync";

    /// <summary>The method that submits a job-starting operation and waits for its job to end.</summary>
    public static string AndWait(string operationName) => operationName + "AndWaitAsync";

    /// <summary>The method that polls a job until it ends: <c>ShowJob</c> gives <c>WaitForJobAsync</c>.</summary>
    public static string WaitFor(string pollOperationName) =>
        "WaitFor" + (pollOperationName.StartsWith("Show", StringComparison.Ordinal) && pollOperationName.Length > 4 ? pollOperationName.Substring(4) : pollOperationName) + "Async";

    /// <summary>The private method that builds an operation's request (shared by its methods).</summary>
    public static string RequestBuilder(string operationName) => "Create" + operationName + "Request";

    /// <summary>The private method that describes a paged operation to the runtime's paginator.</summary>
    public static string PagingDescriptor(string operationName) => operationName + "Paging";

    /// <summary>The member beside a date-time property that keeps the text the service sent: <c>CreatedText</c>.</summary>
    public static string DateTimeText(string propertyName) => propertyName + "Text";
}

/// <summary>The names of the types generated beside a spec's own.</summary>
internal static class GeneratedTypeNames
{
    /// <summary>The variant of a discriminated oneOf/anyOf that keeps a value the spec does not map: <c>UnknownPet</c>.</summary>
    public static string Unknown(string discriminatedName) => "Unknown" + discriminatedName;
}

/// <summary>The members an undiscriminated oneOf/anyOf type declares per variant: <c>TryGetCat</c>, <c>AsCat</c>, <c>FromCat</c>.</summary>
internal static class UnionMemberNames
{
    public static string TryGet(string accessorName) => "TryGet" + accessorName;

    public static string As(string accessorName) => "As" + accessorName;

    public static string From(string accessorName) => "From" + accessorName;
}

/// <summary>
/// The names of the codec's members: per generated type a reader, a writer, a JsonConverter and a class of
/// pre-encoded property names (and per enumeration a field of its encoded values), and per array or map shape a reader and a writer named after the shape
/// (<c>ReadArrayOfString</c>). The naming step reserves every one of them.
/// </summary>
internal static class CodecNames
{
    public static string Read(string typeOrShapeName) => "Read" + typeOrShapeName;

    public static string Write(string typeOrShapeName) => "Write" + typeOrShapeName;

    public static string Converter(string typeName) => typeName + "Converter";

    public static string PropertyNames(string typeName) => typeName + "Names";

    /// <summary>The field of an enumeration's documented values, encoded once: <c>ServerStatusValues</c>.</summary>
    public static string EnumValues(string enumName) => enumName + "Values";

    /// <summary>
    /// The state class and part methods of a wide model. They hold <c>__</c>, which no name taken from a spec (nor an
    /// <c>x-csharp-name</c>) may hold, so they cannot collide with another type's members.
    /// </summary>
    public static string ReadState(string typeName) => typeName + "__ReadState";

    public static string ReadPart(string typeName, int index) => Read(typeName) + "__Part" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string CheckPart(string typeName, int index) => "Check" + typeName + "__Part" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string WriteMembers(string typeName) => Write(typeName) + "__Members";

    /// <summary>The part of an array or map shape's name before its element's: <c>ArrayOf</c>, <c>MapOfNullable</c>.</summary>
    public static string ShapePrefix(TypeRef shape) =>
        (shape.Kind == TypeKind.Array ? "ArrayOf" : "MapOf") + (shape.ElementNullable ? "Nullable" : string.Empty);

    public static string WriteItems(string shapeName) => Write(shapeName) + "__Items";

    public static string WriteEntries(string shapeName) => Write(shapeName) + "__Entries";

    public static string WritePart(string typeName, int index) => Write(typeName) + "__Part" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// A name fragment for per-shape codec helpers: <c>ArrayOfAddress</c>, <c>MapOfString</c>, and
    /// <c>ArrayOfNullableInt32</c> for items that may be null.
    /// </summary>
    public static string Shape(TypeRef type) => type.Kind switch
    {
        TypeKind.Object or TypeKind.Enum or TypeKind.Discriminated or TypeKind.Union => type.Name!,
        TypeKind.Array or TypeKind.Map => ShapePrefix(type) + Shape(type.Element!),
        TypeKind.Any => "Json",
        // A date and time is carried as its text: its lists and maps share the string shapes' helpers.
        TypeKind.DateTime => nameof(TypeKind.String),
        TypeKind.String or TypeKind.Int32 or TypeKind.Int64 or TypeKind.Double or TypeKind.Boolean => type.Kind.ToString(),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type.Kind, "Unknown type kind."),
    };

    /// <summary>
    /// The JsonSerializerContext property that gives a type's metadata: the type's name, or the name with
    /// <c>TypeInfo</c> where the context's own members take the name.
    /// </summary>
    public static string ContextProperty(string typeName) => ReservedNames.JsonContextMembers.Contains(typeName) ? typeName + "TypeInfo" : typeName;
}
