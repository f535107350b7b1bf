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

    /// <summary>
    /// Printed examples that are deliberately not in the specs, each with the reason; the operation's description
    /// says the same.
    /// </summary>
    private static readonly Dictionary<string, string> ExamplesLeftOut = new()
    {
        ["004 §5.14.4 response"] = "the printed 200 example is an HTTP envelope ({code: 204, message: null, header: {...}}), not a body",
    };

    [Theory]
    [MemberData(nameof(SeedsWithDetailedSections))]
    public void Every_example_a_detailed_section_prints_is_in_the_spec_with_a_summary_citing_the_section(string seed)
    {
        var missing = new List<string>();
        foreach (ChecklistRow row in Rows.Value.Where(r => r.Detailed && r.Seed == seed))
        {
            List<SpecOperation> citing = SpecCatalog.Operations.Where(o => o.DocRefs.Contains(row.Citation)).ToList();
            // "003 §5.1.1" must not match a summary citing "003 §5.1.10".
            var cites = new Regex(Regex.Escape(row.Citation) + "(?![0-9])");
            foreach ((bool printed, string kind, Func<SpecOperation, IEnumerable<string>> summaries) in new (bool, string, Func<SpecOperation, IEnumerable<string>>)[]
            {
                (row.PrintsRequestExample, "request", o => o.RequestExampleSummaries),
                (row.PrintsResponseExample, "response", o => o.ResponseExampleSummaries),
            })
            {
                string key = $"{row.Citation} {kind}";
                if (printed && !ExamplesLeftOut.ContainsKey(key) && !citing.SelectMany(summaries).Any(cites.IsMatch))
                {
                    missing.Add($"{key} example (cited by: {string.Join(", ", citing)})");
                }
            }
        }

        Assert.True(missing.Count == 0, $"{missing.Count} printed examples of seed {seed} are in no spec:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Every_example_summary_cites_its_section_and_says_what_was_repaired()
    {
        var citation = new Regex("[0-9]{3} §[0-9]");
        List<string> problems = SpecCatalog.Operations
            .SelectMany(o => o.RequestExampleSummaries.Concat(o.ResponseExampleSummaries).Select(summary => (Operation: o, Summary: summary)))
            .Where(e => !citation.IsMatch(e.Summary) || !e.Summary.Contains("repaired: ", StringComparison.Ordinal))
            .Select(e => $"{e.Operation}: '{e.Summary}'")
            .ToList();

        Assert.True(problems.Count == 0, "Example summaries must cite the section and say what was repaired (\"repaired: nothing\" when nothing was):\n" + string.Join("\n", problems));
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
        string path = SpecCatalog.ChecklistPath;
        Assert.True(File.Exists(path), $"The endpoint checklist is expected at {path}.");
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
                PrintsRequestExample: columns[7].Trim() == "y",
                PrintsResponseExample: columns[8].Trim() == "y",
                Detailed: columns[9].Trim() != "n"))
            .ToList();
    }

    /// <summary>The section number; prose sections ("7.8 (permissions table only)", "002 表2 … + 表1") are also citable by each number or table they name.</summary>
    private static string Section(string section) => section.Trim().Split(' ')[0];

    private sealed record ChecklistRow(string Seed, string Citation, IReadOnlyList<string> AlsoCitableAs, string Method, string Path, IReadOnlyList<string> Actions, bool PrintsRequestExample, bool PrintsResponseExample, bool Detailed);
}
