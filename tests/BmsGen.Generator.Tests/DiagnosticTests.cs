using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Xunit;

namespace BmsGen.Generator.Tests;

/// <summary>Every kind of bad spec ends in a located BMSGEN error, never a crash, a hang or a silent skip.</summary>
public sealed class DiagnosticTests
{
    private const string Header = "openapi: 3.0.3\ninfo: {title: T, version: '1', x-client-name: TClient, x-namespace: T.Api}\n";

    public static TheoryData<string, string, string, int> BadSpecs => new()
    {
        { "YAML syntax", Header + "paths:\n  /a: {get: [unclosed\n", "BMSGEN001", 5 },
        { "duplicate key", Header + "paths: {}\npaths: {}\n", "BMSGEN001", 4 },
        { "OpenAPI 2", "swagger: '2.0'\nopenapi: 2.0\ninfo: {title: T}\npaths: {}\n", "BMSGEN002", 2 },
        { "not a mapping", "- just\n- a list\n", "BMSGEN002", 1 },
        {
            "unresolvable $ref",
            Header + "paths:\n  /a:\n    get:\n      operationId: A\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/Missing'}\n",
            "BMSGEN003", 12
        },
        {
            "external $ref",
            Header + "paths:\n  /a:\n    get:\n      operationId: A\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: 'common.yaml#/components/schemas/X'}\n",
            "BMSGEN003", 12
        },
        {
            "duplicate operationId",
            Header + "paths:\n  /a:\n    get: {operationId: Same, responses: {'204': {description: ok}}}\n  /b:\n    get: {operationId: Same, responses: {'204': {description: ok}}}\n",
            "BMSGEN004", 7
        },
        {
            "not",
            Header + "paths: {}\ncomponents:\n  schemas:\n    A:\n      not: {type: object}\n",
            "BMSGEN005", 7
        },
        {
            "cookie parameter",
            Header + "paths:\n  /a:\n    get:\n      operationId: A\n      parameters:\n        - {name: c, in: cookie, schema: {type: string}}\n      responses: {'204': {description: ok}}\n",
            "BMSGEN005", 8
        },
        { "missing operationId", Header + "paths:\n  /a:\n    get: {responses: {'204': {description: ok}}}\n", "BMSGEN006", 5 },
        { "invalid client name", "openapi: 3.0.3\ninfo: {title: T, x-client-name: 'My Client'}\npaths: {}\n", "BMSGEN007", 2 },
        {
            "undeclared path parameter",
            Header + "paths:\n  /a/{id}:\n    get: {operationId: A, responses: {'204': {description: ok}}}\n",
            "BMSGEN008", 5
        },
        {
            "cyclic $ref",
            Header + "paths: {}\ncomponents:\n  schemas:\n    A: {$ref: '#/components/schemas/B'}\n    B: {$ref: '#/components/schemas/A'}\n",
            "BMSGEN009", 7
        },
        {
            "non-JSON body",
            Header + "paths:\n  /a:\n    post:\n      operationId: A\n      requestBody:\n        content:\n          text/plain: {schema: {type: string}}\n      responses: {'204': {description: ok}}\n",
            "BMSGEN011", 9
        },
        {
            "names that collide in C#",
            Header + "paths: {}\ncomponents:\n  schemas:\n    server: {type: object, properties: {a: {type: string}}}\n    Server: {type: object, properties: {b: {type: string}}}\n",
            "BMSGEN016", 7
        },
        {
            "a property named like a date-time property's text member",
            Header + "paths: {}\ncomponents:\n  schemas:\n    A:\n      type: object\n      properties:\n        created_text: {type: string}\n        created: {type: string, format: date-time}\n",
            "BMSGEN016", 10
        },
        { "unknown schema type", Header + "paths: {}\ncomponents:\n  schemas:\n    A: {type: file}\n", "BMSGEN005", 6 },
        {
            "x-doc citation of an unlisted document",
            "openapi: 3.0.3\ninfo:\n  title: T\n  x-documents: {'001': Reference}\npaths:\n  /a:\n    get:\n      operationId: A\n      x-doc:\n        - 001 §1\n        - 009 §2\n      responses: {'204': {description: ok}}\n",
            "BMSGEN002", 11
        },
        {
            "x-doc citation without x-documents",
            Header + "paths:\n  /a:\n    get:\n      operationId: A\n      x-doc: ['001 §1']\n      responses: {'204': {description: ok}}\n",
            "BMSGEN002", 7
        },
        { "x-documents that is not a map", "openapi: 3.0.3\ninfo:\n  title: T\n  x-documents: [Reference]\npaths: {}\n", "BMSGEN002", 4 },
    };

    [Theory]
    [MemberData(nameof(BadSpecs))]
    public void Bad_spec_is_reported_with_id_file_and_line(string description, string spec, string expectedId, int expectedLine)
    {
        GeneratorRun run = GeneratorHarness.Run(spec, "/specs/bad.yaml");

        Assert.Null(run.Exception);
        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics.Where(d => d.Id == expectedId));
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        FileLinePositionSpan position = diagnostic.Location.GetLineSpan();
        Assert.Equal("/specs/bad.yaml", position.Path);
        Assert.True(expectedLine == position.StartLinePosition.Line + 1, $"{description}: expected line {expectedLine}, got {position.StartLinePosition.Line + 1}: {diagnostic.GetMessage()}");
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void Deep_nesting_is_reported_not_overflowed()
    {
        var text = new StringBuilder(Header + "x:\n");
        for (int i = 0; i < 10_000; i++)
        {
            text.Append('[');
        }

        GeneratorRun run = GeneratorHarness.Run(text.ToString());

        Assert.Null(run.Exception);
        Assert.Contains(run.GeneratorDiagnostics, d => d.Id is "BMSGEN010" or "BMSGEN001");
    }

    [Fact]
    public void Alias_bomb_is_reported_not_expanded()
    {
        var text = new StringBuilder(Header + "paths: {}\ncomponents:\n  schemas:\n    L0: &l0 {type: object, properties: {a: {type: string}}}\n");
        for (int i = 1; i < 40; i++)
        {
            text.Append($"    L{i}: &l{i} {{type: object, properties: {{a: *l{i - 1}, b: *l{i - 1}}}}}\n");
        }

        GeneratorRun run = GeneratorHarness.Run(text.ToString());

        Assert.Null(run.Exception);
        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("BMSGEN010", diagnostic.Id);
    }

    [Fact]
    public void Binary_garbage_is_a_syntax_error()
    {
        GeneratorRun run = GeneratorHarness.Run("\0\u0001\u0002{[}]::\u00ff\n\t- :");

        Assert.Null(run.Exception);
        Assert.NotEmpty(run.GeneratorDiagnostics);
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void Empty_file_is_reported()
    {
        GeneratorRun run = GeneratorHarness.Run(string.Empty);

        Assert.Equal("BMSGEN002", Assert.Single(run.GeneratorDiagnostics).Id);
    }

    [Fact]
    public void Self_referencing_object_schema_is_allowed()
    {
        GeneratorRun run = GeneratorHarness.Run(Header + "paths: {}\ncomponents:\n  schemas:\n    Node: {type: object, properties: {children: {type: array, items: {$ref: '#/components/schemas/Node'}}}}\n");

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
    }
}
