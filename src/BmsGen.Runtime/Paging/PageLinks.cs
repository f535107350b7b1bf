using System;
using System.Collections.Generic;

namespace BmsGen.Runtime.Paging;

/// <summary>Reads the next-page marker out of OpenStack <c>*_links</c> arrays.</summary>
public static class PageLinks
{
    /// <summary>
    /// The <c>marker</c> query parameter of the <c>rel="next"</c> link among <paramref name="links"/>, or null when
    /// there is no next link (the last page) or it carries no marker.
    /// </summary>
    public static string? NextMarker<TLink>(IReadOnlyList<TLink>? links, Func<TLink, string?> rel, Func<TLink, string?> href)
    {
        if (links is null)
        {
            return null;
        }

        foreach (TLink link in links)
        {
            if (string.Equals(rel(link), "next", StringComparison.OrdinalIgnoreCase))
            {
                return MarkerOf(href(link));
            }
        }

        return null;
    }

    /// <summary>The unescaped value of the <c>marker</c> query parameter of a URL, or null.</summary>
    public static string? MarkerOf(string? url)
    {
        int query = url?.IndexOf('?') ?? -1;
        if (query < 0)
        {
            return null;
        }

        int end = url!.IndexOf('#', query);
        foreach (string pair in url.Substring(query + 1, (end < 0 ? url.Length : end) - query - 1).Split('&'))
        {
            if (pair.StartsWith("marker=", StringComparison.Ordinal))
            {
                string value = Uri.UnescapeDataString(pair.Substring("marker=".Length).Replace('+', ' '));
                return value.Length == 0 ? null : value;
            }
        }

        return null;
    }
}
