using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Xunit;

namespace BmsGen.Client.Tests;

/// <summary>
/// specs/endpoint-checklist.tsv is a copy of the inventory of documented operation sections the specs were curated
/// from; these tests keep it well-formed and unchanged in the facts the coverage tests rely on.
/// </summary>
public sealed class ChecklistFileTests
{
    private static readonly string[] Header =
        ["seed", "section", "title", "method", "path", "action", "family", "req_example", "resp_example", "detailed", "notes"];

    private static readonly HashSet<string> Methods = new(StringComparer.Ordinal) { "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD" };

    private static readonly HashSet<string> Documents = new(StringComparer.Ordinal) { "001", "002", "003", "004" };

    private static IReadOnlyList<string[]> DataRows()
    {
        string[] lines = File.ReadAllLines(SpecCatalog.ChecklistPath, Encoding.UTF8);
        Assert.Equal(Header, lines[0].Split('\t'));
        return lines.Skip(1).Select(line => line.Split('\t')).ToList();
    }

    [Fact]
    public void Has_one_row_of_eleven_columns_per_documented_section()
    {
        IReadOnlyList<string[]> rows = DataRows();

        Assert.Equal(344, rows.Count);
        var problems = new List<string>();
        for (int i = 0; i < rows.Count; i++)
        {
            string[] c = rows[i];
            int line = i + 2;
            if (c.Length != Header.Length)
            {
                problems.Add($"line {line}: {c.Length} columns, expected {Header.Length}");
                continue;
            }

            if (!Documents.Contains(c[0])) problems.Add($"line {line}: document '{c[0]}'");
            if (c[1].Trim().Length == 0) problems.Add($"line {line}: empty section");
            if (!Methods.Contains(c[3].Trim())) problems.Add($"line {line}: method '{c[3]}'");
            if (!c[4].Trim().StartsWith('/')) problems.Add($"line {line}: path '{c[4]}'");
            foreach ((int column, string name) in new[] { (7, "req_example"), (8, "resp_example"), (9, "detailed") })
            {
                if (c[column].Trim() is not ("y" or "n")) problems.Add($"line {line}: {name} '{c[column]}'");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Matches_the_inventory_it_was_copied_from_row_for_row_in_section_method_path_and_action()
    {
        // SHA-256 over "section\tmethod\tpath\taction" of every data row, in order, joined by '\n', taken from the
        // inventory when it was copied here. Editing, adding, dropping or reordering a row changes it.
        const string Expected = "6f4d391907884332c34d24ed7d49989666d4ae7023b73bab490e9d877a40f353";

        string keys = string.Join("\n", DataRows().Select(c => string.Join("\t", c[1], c[3], c[4], c[5])));
        string actual = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(keys)));

        Assert.Equal(Expected, actual);
    }
}
