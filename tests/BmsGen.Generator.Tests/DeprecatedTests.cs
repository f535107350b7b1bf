using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace BmsGen.Generator.Tests;

/// <summary>
/// <c>deprecated: true</c> on a schema or a property becomes <c>[Obsolete]</c> naming <c>x-replaced-by</c>; the
/// generated codec and context still build under warnings-as-errors, while a caller's use is warned about.
/// </summary>
public sealed class DeprecatedTests
{
    /// <summary>The deprecated scenario; its snapshot shows each [Obsolete] and the docs of the required deprecated member.</summary>
    private static readonly string Spec = System.IO.File.ReadAllText(GeneratorHarness.SpecPath("deprecated.yaml"));

    [Fact]
    public void A_caller_using_a_deprecated_property_or_model_gets_CS0618_naming_the_replacement()
    {
        const string consumer = """
            namespace Consumer
            {
                public static class Program
                {
                    public static int Read(Scenarios.Deprecated.Thing thing) => (thing.Size ?? 0) + (thing.Capacity ?? 0) + thing.Kind.Length;

                    public static string? Name(Scenarios.Deprecated.OldThing old) => old.Name;
                }
            }
            """;
        GeneratorDriver driver = GeneratorHarness.CreateDriver(new[] { new InMemoryText("/specs/dep.yaml", Spec) });
        driver.RunGeneratorsAndUpdateCompilation(GeneratorHarness.CreateCompilation(consumer), out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);

        Assert.Empty(generatorDiagnostics);
        Diagnostic[] diagnostics = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
        // Only the caller's file is warned about: the generated files suppress the warnings they cause themselves.
        Assert.All(diagnostics, d => Assert.Equal("Program.cs", d.Location.SourceTree?.FilePath));
        Assert.All(diagnostics, d => Assert.Equal("CS0618", d.Id));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("The size field is deprecated; use capacity instead.", System.StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("The OldThing model is deprecated; use Thing instead.", System.StringComparison.Ordinal));
        Assert.Equal(2, diagnostics.Length);
    }
}
