using System;
using System.Collections.Generic;
using BmsGen.Generator.Model;

namespace BmsGen.Generator.Parsing;

/// <summary>
/// Reads <c>info.x-documents</c>, the map from the short keys that <c>x-doc</c> citations start with ("001" in
/// "001 §4.3.1") to the titles of the documents they name, and checks that every operation's citations use a
/// listed key, so the generated remarks can name each source by its title.
/// </summary>
internal static class DocumentTitles
{
    /// <summary>
    /// Returns the spec's document titles in key order. <paramref name="report"/> receives the node and message of
    /// every malformed entry and of every citation whose key the map does not list.
    /// </summary>
    public static ImmutableEquatableArray<DocumentTitle> Read(YamlMapping root, YamlMapping info, Action<YamlNode, string> report)
    {
        var titles = new SortedDictionary<string, string>(StringComparer.Ordinal);
        YamlNode? documents = info["x-documents"];
        if (documents is YamlMapping map)
        {
            foreach (KeyValuePair<YamlScalar, YamlNode> entry in map.Entries)
            {
                if (entry.Key.Value.Length == 0 || entry.Key.Value.IndexOf(' ') >= 0)
                {
                    report(entry.Key, $"The x-documents key '{entry.Key.Value}' must be one word, the way x-doc citations start");
                }
                else if (entry.Value is YamlScalar { IsNull: false } title && title.Value.Trim().Length > 0)
                {
                    titles[entry.Key.Value] = title.Value.Trim();
                }
                else
                {
                    report(entry.Value, $"The x-documents entry '{entry.Key.Value}' must map to the document's title");
                }
            }
        }
        else if (documents is not null)
        {
            report(documents, "'x-documents' must map citation keys to document titles ({\"001\": \"Bare Metal Server API Reference\"})");
        }

        if (root["paths"] is YamlMapping paths)
        {
            foreach (KeyValuePair<YamlScalar, YamlNode> path in paths.Entries)
            {
                if (path.Value is not YamlMapping pathItem)
                {
                    continue;
                }

                foreach (KeyValuePair<YamlScalar, YamlNode> operation in pathItem.Entries)
                {
                    if (operation.Value is YamlMapping mapping && mapping["x-doc"] is YamlNode citations)
                    {
                        CheckCitations(citations, titles, report);
                    }
                }
            }
        }

        var result = new List<DocumentTitle>();
        foreach (KeyValuePair<string, string> title in titles)
        {
            result.Add(new DocumentTitle(title.Key, title.Value));
        }

        return result.ToImmutableEquatableArray();
    }

    /// <summary>The key a citation starts with: the text before its first space ("001" in "001 §4.3.1").</summary>
    public static string KeyOf(string citation)
    {
        int space = citation.IndexOf(' ');
        return space < 0 ? citation : citation.Substring(0, space);
    }

    private static void CheckCitations(YamlNode citations, SortedDictionary<string, string> titles, Action<YamlNode, string> report)
    {
        IEnumerable<YamlNode> items = citations is YamlSequence sequence ? sequence.Items : new[] { citations };
        foreach (YamlNode item in items)
        {
            if (item is not YamlScalar { IsNull: false } citation)
            {
                continue;
            }

            string key = KeyOf(citation.Value);
            if (!titles.ContainsKey(key))
            {
                report(citation, titles.Count == 0
                    ? $"The x-doc citation '{citation.Value}' names the document '{key}', but info has no x-documents map from citation keys to document titles"
                    : $"The x-doc citation '{citation.Value}' names the document '{key}', which info.x-documents does not list (it lists {string.Join(", ", titles.Keys)})");
            }
        }
    }
}
