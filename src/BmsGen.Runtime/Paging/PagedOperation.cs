using System;
using System.Collections.Generic;
using BmsGen.Runtime.Json;

namespace BmsGen.Runtime.Paging;

/// <summary>How a list operation pages, as its spec's <c>x-paging</c> declares it.</summary>
public enum PagingStyle
{
    /// <summary>
    /// <c>limit</c> and <c>marker</c>; the next page's marker is the <c>marker</c> query parameter of the page's
    /// <c>rel="next"</c> link (Nova's <c>servers_links</c>). No next link: last page.
    /// </summary>
    Marker,

    /// <summary><c>limit</c> and <c>marker</c>; the page names the next marker itself (ECS <c>page_info.next_marker</c>). None: last page.</summary>
    NextMarker,

    /// <summary>
    /// <c>offset</c> is the page number, starting at 1, and <c>limit</c> the page size (the BMS and ECS detail lists).
    /// A page shorter than the page size is the last.
    /// </summary>
    PageNumber,

    /// <summary><c>offset</c> is the index of the first item, and <c>limit</c> the page size. A page shorter than the page size is the last.</summary>
    Offset,
}

/// <summary>Where a page starts: the marker or the offset (page number or item index) to send.</summary>
/// <param name="Marker">The marker query parameter, or null to send none.</param>
/// <param name="Offset">The offset query parameter, or null to send none.</param>
public readonly record struct PageCursor(string? Marker, int? Offset);

/// <summary>What a page says about the walk beyond its items.</summary>
/// <param name="NextMarker">The marker of the next page (marker styles), or null when the page names none.</param>
/// <param name="Total">The total number of items the list holds, when the page reports it.</param>
public readonly record struct PageFacts(string? NextMarker = null, long? Total = null);

/// <summary>
/// One paged list operation as generated code describes it to <see cref="Paginator"/>: how to build the request
/// for a page, how to read a page and its items, and what a page says about the next one.
/// </summary>
/// <typeparam name="TPage">The operation's response type.</typeparam>
/// <typeparam name="TItem">The type of the items of the page's item array.</typeparam>
public sealed class PagedOperation<TPage, TItem>
    where TPage : class
{
    /// <summary>The spec's operationId, used in errors.</summary>
    public required string OperationId { get; init; }

    public required PagingStyle Style { get; init; }

    /// <summary>Where the walk starts: the caller's marker or offset, or nothing for the first page.</summary>
    public PageCursor Start { get; init; }

    /// <summary>The page size sent as <c>limit</c> (the caller's, else the documented default), or null when neither is known.</summary>
    public int? PageSize { get; init; }

    /// <summary>Builds the request for the page at a cursor.</summary>
    public required Func<PageCursor, ApiRequest> CreateRequest { get; init; }

    /// <summary>Reads a whole page.</summary>
    public required JsonValueReader<TPage> ReadPage { get; init; }

    /// <summary>The wire name of the page's item array (<c>servers</c>).</summary>
    public required string ItemsProperty { get; init; }

    /// <summary>The items of a page read whole.</summary>
    public required Func<TPage, IReadOnlyList<TItem>?> Items { get; init; }

    /// <summary>Reads one item of the item array.</summary>
    public required JsonValueReader<TItem> ReadItem { get; init; }

    /// <summary>The next marker and the total a page reports; null when the page reports neither.</summary>
    public Func<TPage, PageFacts>? Facts { get; init; }
}
