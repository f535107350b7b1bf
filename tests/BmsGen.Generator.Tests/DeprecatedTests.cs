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
    private const string Spec = """
        openapi: 3.0.3
        info: {title: Dep, version: '1', x-client-name: DepClient, x-namespace: Dep.Api}
        paths:
          /things:
            post:
              operationId: CreateThing
              requestBody:
                required: true
                content:
                  application/json:
                    schema: {$ref: '#/components/schemas/Thing'}
              responses:
                '200':
                  description: The old shape.
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/OldThing'}
        components:
          schemas:
            Thing:
              type: object
              required: [kind]
              properties:
                size: {type: integer, deprecated: true, x-replaced-by: capacity}
                kind: {type: string, deprecated: true, x-replaced-by: type}
                legacy: {type: string, deprecated: true}
                capacity: {type: integer}
            OldThing:
              type: object
              deprecated: true
              x-replaced-by: Thing
              properties:
                name: {type: string}
        """;

    [Fact]
    public void Deprecated_schemas_and_properties_are_obsolete_and_the_generated_code_still_builds_under_warnings_as_errors()
    {
        GeneratorRun run = GeneratorHarness.Run(Spec);

        Assert.Null(run.Exception);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
        string models = run.Sources.Single(s => s.Key.EndsWith(".Models.g.cs", System.StringComparison.Ordinal)).Value;
        string[] lines = models.Split('\n').Select(l => l.Trim()).ToArray();
        AssertDeclaredAfter(lines, "[global::System.Obsolete(\"The size field is deprecated; use capacity instead.\")]", "public int? Size { get; init; }");
        AssertDeclaredAfter(lines, "[global::System.Obsolete(\"The legacy field is deprecated.\")]", "public string? Legacy { get; init; }");
        AssertDeclaredAfter(lines, "[global::System.Obsolete(\"The OldThing model is deprecated; use Thing instead.\")]", "public sealed partial class OldThing");
        // A required member cannot be [Obsolete] in a type that is not (CS9042): its docs say it instead.
        Assert.Contains("/// <remarks>JSON name: kind. This field is deprecated; use type instead.</remarks>", lines);
        Assert.Equal("public required string Kind { get; init; }", lines[System.Array.IndexOf(lines, "/// <remarks>JSON name: kind. This field is deprecated; use type instead.</remarks>") + 1]);
        Assert.Equal(3, lines.Count(line => line.StartsWith("[global::System.Obsolete(", System.StringComparison.Ordinal)));
        Assert.DoesNotContain(lines, line => line.Contains("Obsolete", System.StringComparison.Ordinal) && line.Contains("Capacity", System.StringComparison.Ordinal));
    }

    private static void AssertDeclaredAfter(string[] lines, string attribute, string declaration)
    {
        int at = System.Array.IndexOf(lines, attribute);
        Assert.True(at >= 0, "missing " + attribute);
        Assert.Equal(declaration, lines[at + 1]);
    }

    [Fact]
    public void A_caller_using_a_deprecated_property_or_model_gets_CS0618_naming_the_replacement()
    {
        const string consumer = """
            namespace Consumer
            {
                public static class Program
                {
                    public static int Read(Dep.Api.Thing thing) => (thing.Size ?? 0) + (thing.Capacity ?? 0) + thing.Kind.Length;

                    public static string? Name(Dep.Api.OldThing old) => old.Name;
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
