using Xunit;

namespace BmsGen.Generator.Tests;

public sealed class ParameterKindTests
{
    [Fact]
    public void Every_scalar_and_array_parameter_kind_and_primitive_bodies_compile()
    {
        GeneratorRun run = GeneratorHarness.Run(System.IO.File.ReadAllText(GeneratorHarness.SpecPath("all-parameter-kinds.yaml")));

        Assert.Null(run.Exception);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
        Assert.Contains("AllKindsAsync(int n, bool b, double d, long l,", run.Sources["Types.Api.TypesClient.Client.g.cs"]);
    }
}
