namespace BmsGen.Generator.Model;

/// <summary>How a list operation pages (<c>x-paging: {style: …}</c>).</summary>
internal enum PagingStyle
{
    /// <summary><c>marker</c>: limit and marker, the next marker in the <c>rel="next"</c> link of a <c>*_links</c> array.</summary>
    Marker,
    /// <summary><c>next-marker</c>: limit and marker, the next marker named by the page (<c>page_info.next_marker</c>).</summary>
    NextMarker,
    /// <summary><c>page-number</c>: offset is the page number, starting at 1.</summary>
    PageNumber,
    /// <summary><c>offset</c>: offset is the index of the first item.</summary>
    Offset,
}

/// <summary>
/// A paged list operation's <c>x-paging</c>, resolved against its parameters and response model. Property paths
/// are C# property names from the page type down.
/// </summary>
internal sealed record PagingModel(
    PagingStyle Style,
    string ItemsWireName,
    string ItemsProperty,
    TypeRef ItemType,
    string LimitParameter,
    int? DefaultLimit,
    string CursorParameter,
    ImmutableEquatableArray<string> NextPath,
    string? LinkRelProperty,
    bool LinkRelIsEnum,
    bool LinkRelRequired,
    string? LinkHrefProperty,
    ImmutableEquatableArray<string> TotalPath);

/// <summary>
/// An operation that starts an asynchronous job (<c>x-job: ShowJob</c>): the property of its response that holds the
/// job ID, and the polling operation with the fields of its response that tell how the job ended.
/// </summary>
internal sealed record JobModel(
    string JobIdProperty,
    string PollOperationId,
    string PollClrName,
    TypeRef JobType,
    string StatusProperty,
    bool StatusIsEnum,
    bool StatusRequired,
    string? ErrorCodeProperty,
    string? FailReasonProperty);
