using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace BmsGen.Client.Tests;

/// <summary>Pins the specs to the seeds: every documented operation section is implemented and cited.</summary>
public sealed class ChecklistTests
{
    private static readonly Lazy<IReadOnlyList<ChecklistRow>> Rows = new(ReadChecklist);

    /// <summary>The seeds with detailed sections; the coverage test runs once per seed, so a failure names the seed.</summary>
    public static TheoryData<string> SeedsWithDetailedSections => new(Rows.Value.Where(r => r.Detailed).Select(r => r.Seed).Distinct().Order());

    [Theory]
    [MemberData(nameof(SeedsWithDetailedSections))]
    public void Every_detailed_section_of_a_seed_is_cited_by_an_operation_with_the_same_method_path_and_action(string seed)
    {
        var missing = new List<string>();
        List<ChecklistRow> rows = Rows.Value.Where(r => r.Detailed && r.Seed == seed).ToList();
        foreach (ChecklistRow row in rows)
        {
            // A row naming several actions (operate_type=add_member|remove_member) needs one operation per action.
            string?[] actions = row.Actions.Count == 0 ? [null] : [.. row.Actions];
            foreach (string? action in actions)
            {
                bool covered = SpecCatalog.Operations.Any(operation =>
                    operation.DocRefs.Contains(row.Citation) &&
                    operation.Method == row.Method &&
                    NormalizePath(operation.WirePath) == NormalizePath(row.Path) &&
                    operation.Variant == action);
                if (!covered)
                {
                    missing.Add($"{row.Citation} {row.Method} {row.Path} {action}");
                }
            }
        }

        Assert.True(missing.Count == 0, $"{missing.Count} of {rows.Count} detailed sections of seed {seed} are not covered:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Every_operation_cites_a_checklist_section_or_names_its_source()
    {
        var citations = new HashSet<string>(Rows.Value.SelectMany(r => r.AlsoCitableAs), StringComparer.Ordinal);
        citations.UnionWith(Rows.Value.Select(r => r.Citation));
        var problems = new List<string>();
        foreach (SpecOperation operation in SpecCatalog.Operations)
        {
            List<string> docs = operation.DocRefs.ToList();
            string? source = (string?)operation.Node["x-source"];
            if (docs.Count == 0 && source is null)
            {
                problems.Add($"{operation}: neither x-doc nor x-source");
            }

            problems.AddRange(docs.Where(d => !citations.Contains(d)).Select(d => $"{operation}: cites '{d}', which is not a checklist section"));
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static string NormalizePath(string path) =>
        Regex.Replace(path.Split('?')[0].Trim().TrimEnd('/'), "\\{[^}]*\\}", "{}");

    private static IReadOnlyList<ChecklistRow> ReadChecklist()
    {
        string path = Path.Combine(SpecCatalog.SeedsDirectory, "endpoint-checklist.tsv");
        Assert.True(File.Exists(path), $"The seed checklist is expected at {path} (the shared/ folder next to the repository).");
        return File.ReadAllLines(path)
            .Skip(1)
            .Where(line => line.Length > 0)
            .Select(line => line.Split('\t'))
            .Select(columns => new ChecklistRow(
                Seed: columns[0],
                Citation: $"{columns[0]} §{Section(columns[1])}",
                AlsoCitableAs: Regex.Matches(columns[1], "(?:(\\d{3}) §)?([0-9]+(?:\\.[0-9]+)*|表[0-9]+)")
                    .Select(m => $"{(m.Groups[1].Success ? m.Groups[1].Value : columns[0])} §{m.Groups[2].Value}")
                    .ToList(),
                Method: columns[3].Trim(),
                Path: columns[4].Trim(),
                Actions: columns[5].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(a => a.Contains('=') ? a[(a.IndexOf('=') + 1)..].Trim() : a)
                    .ToList(),
                Detailed: columns[9].Trim() != "n"))
            .ToList();
    }

    /// <summary>The section number; prose sections ("7.8 (permissions table only)", "002 表2 … + 表1") are also citable by each number or table they name.</summary>
    private static string Section(string section) => section.Trim().Split(' ')[0];

    private sealed record ChecklistRow(string Seed, string Citation, IReadOnlyList<string> AlsoCitableAs, string Method, string Path, IReadOnlyList<string> Actions, bool Detailed);
}
