using System;
using System.IO;
using System.Linq;
using BmsGen.Generator.Model;
using BmsGen.SpecCheck.Reference;
using Xunit;

namespace BmsGen.SpecCheck.Tests;

/// <summary>The Markdown references under specs/reference, rendered from the generator's model with Scriban.</summary>
public sealed class ReferenceTests
{
    public static TheoryData<string> SpecFiles() => Specs.Files();

    [Theory]
    [MemberData(nameof(SpecFiles))]
    public void Committed_reference_is_the_one_the_spec_renders_today(string specFile)
    {
        SpecModel model = Specs.Parse(specFile, Specs.Read(specFile));
        string path = Path.Combine(Specs.ReferenceDirectory, ReferenceRenderer.FileName(model));
        Assert.True(File.Exists(path), $"specs/reference/{ReferenceRenderer.FileName(model)} is missing; run: {ReferenceRenderer.Command}");

        string rendered = ReferenceRenderer.Render(model, specFile);

        // Compared line by line so a failure names the first stale line.
        string[] expected = rendered.Split('\n');
        string[] committed = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        int first = Enumerable.Range(0, Math.Min(expected.Length, committed.Length)).FirstOrDefault(i => expected[i] != committed[i], -1);
        Assert.True(
            first < 0 && expected.Length == committed.Length,
            $"specs/reference/{ReferenceRenderer.FileName(model)} is out of date with specs/{specFile} " +
            (first < 0 ? $"({committed.Length} lines committed, {expected.Length} rendered)" : $"from line {first + 1}: committed '{committed[first]}', rendered '{expected[first]}'") +
            $"; regenerate with: {ReferenceRenderer.Command}");
    }

    [Fact]
    public void Reference_lists_every_operation_with_its_signature_parameters_limits_and_source()
    {
        SpecModel model = Specs.Parse("ecs-hcs.yaml", Specs.Read("ecs-hcs.yaml"));

        string reference = ReferenceRenderer.Render(model, "ecs-hcs.yaml");

        foreach (OperationModel operation in model.Operations)
        {
            Assert.Contains($"\n## {operation.OperationId}\n", reference, StringComparison.Ordinal);
            Assert.Contains($"**{operation.HttpMethod}** `{operation.PathTemplate}`", reference, StringComparison.Ordinal);
        }

        Assert.Contains("Task<ListServersV1Dot0Response> ListServersV1Dot0Async(", reference, StringComparison.Ordinal);
        Assert.Contains("int? offset = null", reference, StringComparison.Ordinal);
        Assert.Contains("| `offset` (`offset`) | query | `int` | no | Minimum 0; Default 1. |", reference, StringComparison.Ordinal);
        Assert.Contains("- Source: Elastic Cloud Server API Reference (Huawei Cloud Stack) §5.2.14.", reference, StringComparison.Ordinal);
        Assert.DoesNotContain("004 §", reference.Split('\n').Where(l => l.StartsWith("- Source:", StringComparison.Ordinal)).Aggregate(string.Empty, string.Concat), StringComparison.Ordinal);
    }

    [Fact]
    public void Reference_says_when_an_operation_is_deprecated_and_what_replaces_it()
    {
        SpecModel model = Specs.Parse("ecs.yaml", Specs.Read("ecs.yaml"));

        string reference = ReferenceRenderer.Render(model, "ecs.yaml");

        string section = reference.Substring(reference.IndexOf("\n## UpdateServerAutoRecovery\n", StringComparison.Ordinal));
        section = section.Substring(0, section.IndexOf("\n## ", 1, StringComparison.Ordinal) is int end and > 0 ? end : section.Length);
        Assert.Contains("- **Deprecated**", section, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{{ Model.Clinet }}")]
    [InlineData("{{ for op in Model.Operations }}{{ op.Signatur }}{{ end }}")]
    [InlineData("{{ for op in Model.Operations }}{{ op.Body.Type }}{{ end }}")]
    public void A_misspelt_or_missing_member_fails_the_rendering_instead_of_rendering_empty(string template)
    {
        SpecModel model = Specs.Parse("ecs.yaml", Specs.Read("ecs.yaml"));

        InvalidOperationException exception = Assert.Throws<InvalidOperationException>(() => ReferenceRenderer.Render(model, "ecs.yaml", template));

        Assert.StartsWith("The reference template failed:", exception.Message, StringComparison.Ordinal);
    }
}
