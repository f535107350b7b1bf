using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace BmsGen.Generator.Tests;

/// <summary>A key that is neither OpenAPI's nor an x- extension is a located warning; the code is still emitted.</summary>
public sealed class UnknownKeyTests
{
    private const string Header = "openapi: 3.0.3\ninfo: {title: T, version: '1', x-client-name: TClient, x-namespace: T.Api}\n";

    public static TheoryData<string, string, string, int, int> Strays => new()
    {
        {
            "a description cut short by ', '",
            Header + "paths: {}\ncomponents:\n  schemas:\n    A:\n      type: object\n      properties:\n        n: {type: string, description: The name, null by default.}\n",
            "null by default.", 9, 50
        },
        { "a misspelt document key", Header + "paths: {}\ncomponent: {}\n", "component", 4, 1 },
        { "a 3.1 key in a 3.0 info", "openapi: 3.0.3\ninfo: {title: T, summary: S, x-client-name: TClient, x-namespace: T.Api}\npaths: {}\n", "summary", 2, 18 },
        {
            "an operation key",
            Header + "paths:\n  /a:\n    get:\n      operationId: A\n      summry: Typo\n      responses: {'204': {description: ok}}\n",
            "summry", 7, 7
        },
        {
            "a parameter key",
            Header + "paths:\n  /a:\n    get:\n      operationId: A\n      parameters:\n        - {name: q, in: query, requird: true, schema: {type: string}}\n      responses: {'204': {description: ok}}\n",
            "requird", 8, 32
        },
        {
            "a response key",
            Header + "paths:\n  /a:\n    get:\n      operationId: A\n      responses: {'204': {description: ok, contnet: {}}}\n",
            "contnet", 7, 44
        },
        {
            "a schema key inside items",
            Header + "paths: {}\ncomponents:\n  schemas:\n    A: {type: array, items: {type: string, maxLenght: 3}}\n",
            "maxLenght", 6, 44
        },
    };

    [Theory]
    [MemberData(nameof(Strays))]
    public void Unknown_key_is_a_warning_at_its_line_and_the_code_is_still_emitted(string description, string spec, string key, int line, int column)
    {
        GeneratorRun run = GeneratorHarness.Run(spec, "/specs/stray.yaml");

        Assert.Null(run.Exception);
        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("BMSGEN015", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.DefaultSeverity);
        Assert.True(diagnostic.IsWarningAsError, "the consumer's warnings-as-errors applies to it");
        Assert.Contains($"'{key}'", diagnostic.GetMessage());
        FileLinePositionSpan position = diagnostic.Location.GetLineSpan();
        Assert.Equal("/specs/stray.yaml", position.Path);
        Assert.True((line, column) == (position.StartLinePosition.Line + 1, position.StartLinePosition.Character + 1), $"{description}: expected ({line},{column}), got {position.StartLinePosition}");
        Assert.NotEmpty(run.Sources);
        Assert.True(run.CompilationDiagnostics.IsEmpty, string.Join("\n", run.CompilationDiagnostics));
    }

    [Fact]
    public void Extensions_and_names_chosen_by_the_author_are_not_keys_to_check()
    {
        string spec = "openapi: 3.1.0\ninfo: {title: T, summary: S, version: '1', x-client-name: TClient, x-namespace: T.Api, x-documents: {d: A Document Title}}\n" +
            "x-top: {anything: [1]}\npaths:\n  /a:\n    x-path-note: n\n    get:\n      operationId: A\n      x-doc: [d]\n      responses:\n        '200':\n          description: ok\n          x-body-optional: true\n" +
            "          content:\n            application/json:\n              schema:\n                type: object\n                $comment: c\n                properties:\n                  summry: {type: string, x-note: n}\n                  x-custom: {type: string}\n";

        GeneratorRun run = GeneratorHarness.Run(spec);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.True(run.CompilationDiagnostics.IsEmpty, string.Join("\n", run.CompilationDiagnostics));
    }
}
