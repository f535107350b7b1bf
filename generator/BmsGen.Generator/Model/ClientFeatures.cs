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
    TypeRef JobType,
    string StatusProperty,
    bool StatusIsEnum,
    bool StatusRequired,
    string? ErrorCodeProperty,
    string? FailReasonProperty);

/// <summary>The names of the members a client generates beside an operation's own method, decided here once.</summary>
internal static class MemberNames
{
    /// <summary>The interface a client implements, so callers can mock it: <c>IBmsClient</c>.</summary>
    public static string Interface(string clientName) => "I" + clientName;

    /// <summary>The method that returns the status code, headers and request ID with the value.</summary>
    public static string WithResponse(string operationId) => operationId + "WithResponseAsync";

    /// <summary>The method that yields a paged list page by page.</summary>
    public static string Pages(string operationId) => operationId + "PagesAsync";

    /// <summary>The method that yields every item of a paged list, across pages, as the items arrive.</summary>
    public static string All(string operationId) => operationId + "AllAsync";

    /// <summary>The method that submits a job-starting operation and waits for its job to end.</summary>
    public static string AndWait(string operationId) => operationId + "AndWaitAsync";

    /// <summary>The method that polls a job until it ends: <c>ShowJob</c> gives <c>WaitForJobAsync</c>.</summary>
    public static string WaitFor(string pollOperationId) =>
        "WaitFor" + (pollOperationId.StartsWith("Show", System.StringComparison.Ordinal) && pollOperationId.Length > 4 ? pollOperationId.Substring(4) : pollOperationId) + "Async";

    /// <summary>The private method that builds an operation's request (shared by its methods).</summary>
    public static string RequestBuilder(string operationId) => "Create" + operationId + "Request";

    /// <summary>The private method that describes a paged operation to the runtime's paginator.</summary>
    public static string PagingDescriptor(string operationId) => operationId + "Paging";
}
