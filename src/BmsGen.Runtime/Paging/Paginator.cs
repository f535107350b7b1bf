using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Threading;
using BmsGen.Runtime.Json;

namespace BmsGen.Runtime.Paging;

/// <summary>
/// Walks a paged list operation page after page, by the style its spec declares. Generated clients call it from
/// their <c>…PagesAsync</c> and <c>…AllAsync</c> methods. A walk always ends: on an empty page, on a page shorter
/// than the page size (offset styles), when the page names no next marker or one already seen (marker styles), or
/// once the items reach the total a page reports.
/// </summary>
public static class Paginator
{
    /// <summary>The pages of a list, each read whole, one request per page.</summary>
    public static async IAsyncEnumerable<TPage> PagesAsync<TPage, TItem>(
        ApiTransport transport,
        PagedOperation<TPage, TItem> operation,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where TPage : class
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(operation);
        var walk = new PageWalk<TPage, TItem>(operation);
        do
        {
            TPage page = await transport.SendAsync(operation.CreateRequest(walk.Cursor), operation.ReadPage, cancellationToken).ConfigureAwait(false);
            yield return page;
            cancellationToken.ThrowIfCancellationRequested();
            if (!walk.Advance(operation.Items(page)?.Count ?? 0, operation.Facts?.Invoke(page) ?? default))
            {
                yield break;
            }
        }
        while (true);
    }

    /// <summary>
    /// Every item of a list across its pages, read from each response as it arrives: the items of a page are parsed
    /// one at a time from the body stream, so memory holds one item (and the page's few other fields), never a page.
    /// </summary>
    public static async IAsyncEnumerable<TItem> ItemsAsync<TPage, TItem>(
        ApiTransport transport,
        PagedOperation<TPage, TItem> operation,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where TPage : class
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(operation);
        var walk = new PageWalk<TPage, TItem>(operation);
        do
        {
            // Disposed after the response, as the transport does with the requests it reads whole.
            using ApiRequest request = operation.CreateRequest(walk.Cursor);
            int count;
            PageFacts facts;
            using (HttpResponseMessage response = await transport.SendCheckedAsync(request, cancellationToken).ConfigureAwait(false))
            {
                Stream body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                using var items = new JsonItemStream<TPage, TItem>(operation, response.StatusCode, body, transport.Options.MaxResponseBytes);
                while (await items.MoveNextAsync(cancellationToken).ConfigureAwait(false))
                {
                    yield return items.Current;
                }

                count = items.ItemCount;
                facts = operation.Facts?.Invoke(items.ReadRest()) ?? default;
            }

            if (!walk.Advance(count, facts))
            {
                yield break;
            }
        }
        while (true);
    }
}

/// <summary>The cursor of a walk and the rules that end it.</summary>
internal sealed class PageWalk<TPage, TItem>
    where TPage : class
{
    private readonly PagedOperation<TPage, TItem> _operation;
    private readonly HashSet<string> _markers = new(StringComparer.Ordinal);
    private readonly bool _fromFirstPage;
    private long _seen;

    public PageWalk(PagedOperation<TPage, TItem> operation)
    {
        _operation = operation;
        PageCursor start = operation.Start;
        switch (operation.Style)
        {
            case PagingStyle.Marker:
            case PagingStyle.NextMarker:
                _fromFirstPage = start.Marker is null;
                if (start.Marker is { } marker)
                {
                    _markers.Add(marker);
                }

                break;
            case PagingStyle.PageNumber:
                // The page number starts at 1; some lists answer only a count when offset is left out.
                start = start with { Offset = start.Offset is null or < 1 ? 1 : start.Offset };
                _fromFirstPage = start.Offset == 1;
                break;
            case PagingStyle.Offset:
                _fromFirstPage = start.Offset is null or 0;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation.Style, "Unknown paging style.");
        }

        Cursor = start;
    }

    public PageCursor Cursor { get; private set; }

    /// <summary>Moves the cursor past a page of <paramref name="count"/> items; false when that page was the last.</summary>
    public bool Advance(int count, PageFacts facts)
    {
        if (count == 0)
        {
            return false;
        }

        _seen += count;
        if (_fromFirstPage && facts.Total is long total && _seen >= total)
        {
            return false;
        }

        switch (_operation.Style)
        {
            case PagingStyle.Marker:
            case PagingStyle.NextMarker:
                // A marker seen before would fetch a page already walked: the list ends here rather than loop.
                if (string.IsNullOrEmpty(facts.NextMarker) || !_markers.Add(facts.NextMarker))
                {
                    return false;
                }

                Cursor = Cursor with { Marker = facts.NextMarker };
                return true;
            case PagingStyle.PageNumber:
                if (_operation.PageSize is int pageSize && count < pageSize)
                {
                    return false;
                }

                Cursor = Cursor with { Offset = checked(Cursor.Offset!.Value + 1) };
                return true;
            case PagingStyle.Offset:
                if (_operation.PageSize is int size && count < size)
                {
                    return false;
                }

                Cursor = Cursor with { Offset = checked((Cursor.Offset ?? 0) + count) };
                return true;
            default:
                throw new ArgumentOutOfRangeException(nameof(_operation.Style), _operation.Style, "Unknown paging style.");
        }
    }
}
