using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Xunit;

namespace BmsGen.Generator.Tests;

/// <summary>
/// The doc comments generated from this repository's specs speak to a Huawei Cloud user: they name source documents
/// by their titles, and the specs' curation records (which table or example said what, the internal numbering of
/// the source documents) stay out of them.
/// </summary>
public sealed class DocCommentTests
{
    /// <summary>Internal citation forms: "001 §4.3.1", "003 ch.5", "seed 004", "Table 4-16".</summary>
    private static readonly Regex SeedCitation = new(@"\b00[0-4] (§|ch\.|chapter\b)|\bseeds? 00[0-4]\b|\bthe seeds?\b|\bTable \d", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    public static TheoryData<string> RepositorySpecs()
    {
        var data = new TheoryData<string>();
        foreach (string path in Directory.GetFiles(SpecsDirectory(), "*.yaml").OrderBy(p => p, StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(path));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RepositorySpecs))]
    public void Generated_doc_comments_carry_no_internal_citations(string specFile)
    {
        IReadOnlyDictionary<string, string> sources = Generate(specFile);

        List<string> docLines = sources
            .SelectMany(source => source.Value.Split('\n').Select((line, index) => (source.Key, Line: index + 1, Text: line.Trim())))
            .Where(line => line.Text.StartsWith("///", StringComparison.Ordinal))
            .Select(line => $"{line.Key}:{line.Line}: {line.Text}")
            .ToList();
        Assert.NotEmpty(docLines);

        List<string> offending = docLines.Where(line => SeedCitation.IsMatch(line)).ToList();
        Assert.True(offending.Count == 0, $"{offending.Count} generated doc comment lines of {specFile} cite source documents by internal number:\n" + string.Join("\n", offending.Take(30)));
    }

    [Fact]
    public void Operation_remarks_name_the_cited_documents_by_title()
    {
        string client = Generate("bms-v1.yaml").Single(source => source.Key.EndsWith(".Client.g.cs", StringComparison.Ordinal)).Value;
        Assert.Contains("Documented in Bare Metal Server API Reference §4.3.1.", client, StringComparison.Ordinal);
    }

    /// <summary>
    /// Runs the generator over one of the repository's specs and returns its sources. The generated code is not
    /// compiled here (other tests do that); only its text is read.
    /// </summary>
    private static IReadOnlyDictionary<string, string> Generate(string specFile)
    {
        string text = File.ReadAllText(Path.Combine(SpecsDirectory(), specFile));
        Microsoft.CodeAnalysis.GeneratorDriver driver = GeneratorHarness.CreateDriver(new[] { new InMemoryText("/specs/" + specFile, text) });
        Microsoft.CodeAnalysis.GeneratorRunResult result = driver.RunGenerators(GeneratorHarness.CreateCompilation()).GetRunResult().Results.Single();

        Assert.Null(result.Exception);
        Assert.Empty(result.Diagnostics);
        return result.GeneratedSources.ToDictionary(source => source.HintName, source => source.SourceText.ToString());
    }

    private static string SpecsDirectory([CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", "..", "specs"));
}
