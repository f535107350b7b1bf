using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace BmsGen.Generator.Tests;

public sealed class IncrementalityTests
{
    [Fact]
    public void A_comment_only_spec_edit_leaves_every_output_cached()
    {
        (GeneratorDriver driver, CSharpCompilation compilation, AdditionalText[] specs) = RunTwoSpecs();
        AdditionalText original = specs[1];
        var edited = new InMemoryText(original.Path, original.GetText()!.ToString().Replace("summary: Show a server", "summary: Show a server  # reworded later"));

        driver = driver.ReplaceAdditionalText(original, edited).RunGenerators(compilation);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();

        // The text changed, so its input is new; the model parsed from it is equal, so nothing downstream re-runs.
        IncrementalStepRunReason[] parse = result.TrackedSteps[BmsGenGenerator.TrackingNames.ParseResults].SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();
        Assert.Equal(new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }, parse);
        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    [Fact]
    public void Editing_one_spec_leaves_the_other_specs_outputs_cached()
    {
        (GeneratorDriver driver, CSharpCompilation compilation, AdditionalText[] specs) = RunTwoSpecs();
        AdditionalText original = specs[1];
        var edited = new InMemoryText(original.Path, original.GetText()!.ToString().Replace("summary: Show a server", "summary: Show one server"));

        driver = driver.ReplaceAdditionalText(original, edited).RunGenerators(compilation);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();

        IncrementalStepRunReason[] parse = result.TrackedSteps[BmsGenGenerator.TrackingNames.ParseResults].SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();
        Assert.Equal(new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Modified }, parse);
        IncrementalStepRunReason[] outputs = result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();
        Assert.Equal(new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Modified }, outputs);
        Assert.Contains(result.GeneratedSources, s => s.HintName.StartsWith("Other.Api.OtherClient", System.StringComparison.Ordinal));
        Assert.Contains(result.GeneratedSources, s => s.SourceText.ToString().Contains("Show one server"));
    }

    [Fact]
    public void Parsing_the_same_text_twice_gives_equal_models()
    {
        var input = new Model.SpecInput("/specs/a.yaml", File.ReadAllText(GeneratorHarness.SpecPath("servers-mini.yaml")), null, null);

        Model.SpecParseResult first = Parsing.SpecParser.Parse(input, default);
        Model.SpecParseResult second = Parsing.SpecParser.Parse(input with { }, default);

        Assert.NotNull(first.Model);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }

    private static AdditionalText[] Specs()
    {
        string mini = File.ReadAllText(GeneratorHarness.SpecPath("servers-mini.yaml"));
        return new AdditionalText[]
        {
            new InMemoryText("/specs/other.yaml", mini.Replace("x-client-name: MiniClient", "x-client-name: OtherClient").Replace("x-namespace: Mini.Api", "x-namespace: Other.Api")),
            new InMemoryText("/specs/mini.yaml", mini),
        };
    }

    private static (GeneratorDriver Driver, CSharpCompilation Compilation, AdditionalText[] Specs) RunTwoSpecs()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation();
        AdditionalText[] specs = Specs();
        GeneratorDriver driver = GeneratorHarness.CreateDriver(specs).RunGenerators(compilation);
        Assert.Equal(8, driver.GetRunResult().GeneratedTrees.Length);
        return (driver, compilation, specs);
    }
}
