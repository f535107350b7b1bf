namespace BmsGen.Generator.Model;

/// <summary>Everything the emitters need from one spec file; free of YAML, NSwag and Roslyn objects.</summary>
internal sealed record SpecModel(
    string FilePath,
    string Namespace,
    string ClientName,
    string Title,
    string? Description,
    string? Version,
    ImmutableEquatableArray<OperationModel> Operations,
    ImmutableEquatableArray<TypeModel> Types,
    ImmutableEquatableArray<DocumentTitle>? Documents = null);

/// <summary>One entry of <c>info.x-documents</c>: the key <c>x-doc</c> citations start with, and the document's title.</summary>
internal sealed record DocumentTitle(string Key, string Title);

internal sealed record OperationModel(
    string OperationId,
    string MethodName,
    string HttpMethod,
    string PathTemplate,
    string? Variant,
    string? Summary,
    string? Description,
    ImmutableEquatableArray<string> DocRefs,
    string? Source,
    bool Deprecated,
    string? ReplacedBy,
    string? MinMicroversion,
    ImmutableEquatableArray<ParameterModel> Parameters,
    RequestBodyModel? RequestBody,
    TypeRef? ResponseType,
    bool ResponseMayBeEmpty,
    string? Service = null,
    PagingModel? Paging = null,
    JobModel? Job = null,
    bool Idempotent = false)
{
    /// <summary>
    /// The C# name the operation's members are named after (<c>ListServers</c> gives <c>ListServersAsync</c>,
    /// <c>ListServersPagesAsync</c>, …): the PascalCase operationId, or its <c>x-csharp-name</c>.
    /// </summary>
    public string ClrName { get; init; } = OperationId;

    /// <summary>Where the name comes from; null once the naming step has assigned the names.</summary>
    public NameOrigin? Origin { get; init; }
}

internal enum ParameterLocation
{
    Path,
    Query,
    Header,
}

internal sealed record ParameterModel(
    string WireName,
    string ClrName,
    ParameterLocation Location,
    TypeRef Type,
    bool Required,
    bool FromProjectOption,
    string? Description,
    string? Remarks = null)
{
    /// <summary>Where the name comes from; null once the naming step has assigned the names.</summary>
    public NameOrigin? Origin { get; init; }
}

internal sealed record RequestBodyModel(TypeRef Type, bool Required, string? Description);
