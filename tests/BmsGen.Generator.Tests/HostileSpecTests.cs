using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Xunit;

namespace BmsGen.Generator.Tests;

/// <summary>
/// Specs written to break the generator (alias cycles, megabyte names, line separators and control characters,
/// huge enums and models) end in generated code that compiles under the consumer's settings, or in a located
/// BMSGEN diagnostic; never in a crash, a hang or a C# error.
/// </summary>
public sealed class HostileSpecTests
{
    private const string Header = "openapi: 3.0.3\ninfo: {title: T, version: '1', x-client-name: TClient, x-namespace: T.Api}\n";

    public static TheoryData<string, string, string, int> Refused => new()
    {
        { "alias cycle through items", Header + "paths: {}\ncomponents:\n  schemas:\n    CycArr: &c {type: array, items: *c}\n", "BMSGEN001", 6 },
        { "alias cycle through properties", Header + "paths: {}\ncomponents:\n  schemas:\n    CycObj: &o\n      type: object\n      properties:\n        self: *o\n", "BMSGEN001", 9 },
        { "alias cycle through additionalProperties", Header + "paths: {}\ncomponents:\n  schemas:\n    CycMap: &m {type: object, additionalProperties: *m}\n", "BMSGEN001", 6 },
        { "unclosed flow mapping", Header + "paths: {}\ncomponents:\n  schemas:\n    A: {type: object\n    B: {type: string}\n", "BMSGEN001", 6 },
        { "empty type list", Header + "paths: {}\ncomponents:\n  schemas:\n    A:\n      type: []\n", "BMSGEN002", 7 },
        { "type as a mapping", Header + "paths: {}\ncomponents:\n  schemas:\n    A:\n      type: {a: b}\n", "BMSGEN002", 7 },
        { "two types besides null", Header + "paths: {}\ncomponents:\n  schemas:\n    A:\n      type: [string, integer]\n", "BMSGEN005", 7 },
        { "overlong operationId", Header + "paths:\n  /a:\n    get:\n      operationId: " + new string('a', 2000) + "\n      responses: {'204': {description: ok}}\n", "BMSGEN010", 6 },
        { "overlong property name", Header + "paths: {}\ncomponents:\n  schemas:\n    A:\n      properties:\n        " + new string('p', 600) + ": {type: string}\n", "BMSGEN010", 8 },
        { "overlong enum value", Header + "paths: {}\ncomponents:\n  schemas:\n    A: {type: string, enum: [" + new string('e', 1_000_000) + "]}\n", "BMSGEN010", 6 },
        { "overlong schema name", Header + "paths: {}\ncomponents:\n  schemas:\n    " + new string('S', 1000) + ": {type: object, properties: {a: {type: string}}}\n", "BMSGEN010", 6 },
        { "megabyte x-namespace", "openapi: 3.0.3\ninfo:\n  title: T\n  x-namespace: " + string.Join(".", Enumerable.Repeat("Abcdefgh", 120_000)) + "\npaths: {}\n", "BMSGEN010", 4 },
        { "x-namespace with a line separator", "openapi: 3.0.3\ninfo:\n  title: T\n  x-namespace: \"A.\\u2028B\"\npaths: {}\n", "BMSGEN007", 4 },
        {
            "a schema named like a codec helper",
            Header + "paths: {}\ncomponents:\n  schemas:\n    A: {type: object, properties: {tags: {type: array, items: {type: string}}}}\n    ArrayOfString: {type: object, properties: {a: {type: string}}}\n",
            "BMSGEN013", 7
        },
        { "OpenAPI 3.1 webhooks", "openapi: 3.1.0\ninfo: {title: T, x-client-name: TClient, x-namespace: T.Api}\npaths: {}\nwebhooks: {}\n", "BMSGEN005", 4 },
        { "OpenAPI 3.1 const", "openapi: 3.1.0\ninfo: {title: T, x-client-name: TClient, x-namespace: T.Api}\npaths: {}\ncomponents:\n  schemas:\n    A: {type: string, const: x}\n", "BMSGEN005", 6 },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Hostile_spec_is_refused_at_its_line(string description, string spec, string expectedId, int expectedLine)
    {
        GeneratorRun run = GeneratorHarness.Run(spec, "/specs/hostile.yaml");

        Assert.Null(run.Exception);
        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.True(expectedId == diagnostic.Id, $"{description}: expected {expectedId}, got {diagnostic.Id}: {diagnostic.GetMessage()}");
        FileLinePositionSpan position = diagnostic.Location.GetLineSpan();
        Assert.Equal("/specs/hostile.yaml", position.Path);
        Assert.True(expectedLine == position.StartLinePosition.Line + 1, $"{description}: expected line {expectedLine}, got {position.StartLinePosition.Line + 1}: {diagnostic.GetMessage()}");
        Assert.True(diagnostic.GetMessage().Length < 2000, $"{description}: the message repeats the hostile text");
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void Deep_ref_chains_are_refused_not_overflowed()
    {
        var text = new StringBuilder(Header + "paths: {}\ncomponents:\n  schemas:\n");
        for (int i = 0; i < 20_000; i++)
        {
            text.Append($"    S{i}: {{type: object, properties: {{next: {{$ref: '#/components/schemas/S{i + 1}'}}}}}}\n");
        }

        text.Append("    S20000: {type: string}\n");

        GeneratorRun run = GeneratorHarness.Run(text.ToString());

        Assert.Null(run.Exception);
        Assert.Equal("BMSGEN010", Assert.Single(run.GeneratorDiagnostics).Id);
    }

    [Fact]
    public void Aliases_that_nest_past_the_depth_limit_are_refused()
    {
        var text = new StringBuilder(Header + "paths: {}\nx-deep:\n  a0: &a0 " + new string('[', 100) + new string(']', 100) + "\n");
        for (int i = 1; i < 10; i++)
        {
            text.Append($"  a{i}: &a{i} {new string('[', 100)}*a{i - 1}{new string(']', 100)}\n");
        }

        GeneratorRun run = GeneratorHarness.Run(text.ToString());

        Assert.Null(run.Exception);
        Assert.Equal("BMSGEN010", Assert.Single(run.GeneratorDiagnostics).Id);
    }

    [Fact]
    public void Separators_control_characters_and_markup_in_any_text_compile_with_doc_comments_checked()
    {
        const string nasty = "a\\u2028b\\u2029c\\u0085d\\u0001e\\u001fg\\u007fh<i>&j]]>k\\\"l\\\\m */ n";
        string spec = Header + $$$"""
            paths:
              "/a/{id}":
                get:
                  operationId: GetA
                  summary: "{{{nasty}}}"
                  description: "{{{nasty}}}"
                  parameters:
                    - {name: id, in: path, required: true, description: "{{{nasty}}}", schema: {type: string}}
                    - {name: "{{{nasty}}}", in: query, description: "{{{nasty}}}", schema: {type: string, enum: ["{{{nasty}}}", x]}}
                    - {name: "X-{{{nasty}}}", in: header, schema: {type: string}}
                  responses:
                    '200':
                      description: ok
                      content:
                        application/json:
                          schema: {$ref: '#/components/schemas/A'}
            components:
              schemas:
                A:
                  description: "{{{nasty}}}"
                  type: object
                  required: ["{{{nasty}}}"]
                  properties:
                    "{{{nasty}}}": {type: string, description: "{{{nasty}}}", default: "{{{nasty}}}", pattern: "{{{nasty}}}"}
                    kind: {type: string, enum: ["{{{nasty}}}", "\u2028", "\u0085"], description: "{{{nasty}}}"}
            """;

        GeneratorRun run = GeneratorHarness.Run(spec);

        Assert.Null(run.Exception);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.True(run.CompilationDiagnostics.IsEmpty, string.Join("\n", run.CompilationDiagnostics));
        Assert.NotEmpty(run.Sources);
        Assert.All(run.Sources.Values, source => Assert.DoesNotContain(source, c => c is '\u2028' or '\u2029' or '\u0085' or '\u0001'));
    }

    [Fact]
    public void A_ten_thousand_value_enum_compiles()
    {
        string values = string.Join(", ", Enumerable.Range(0, 10_000).Select(i => "v" + i));
        GeneratorRun run = GeneratorHarness.Run(Header + "paths: {}\ncomponents:\n  schemas:\n    Big: {type: string, enum: [" + values + "]}\n");

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.True(run.CompilationDiagnostics.IsEmpty, string.Join("\n", run.CompilationDiagnostics.Take(5)));
        Assert.Contains("public static Big V9999 { get; }", run.Sources["T.Api.TClient.Models.g.cs"]);
    }

    [Fact]
    public void A_model_with_twenty_thousand_properties_compiles()
    {
        var text = new StringBuilder(Header + "paths: {}\ncomponents:\n  schemas:\n    Wide:\n      type: object\n      required: [p0]\n      properties:\n");
        for (int i = 0; i < 20_000; i++)
        {
            text.Append("        p").Append(i).Append(": {type: ").Append(i % 3 == 0 ? "integer" : "string").Append("}\n");
        }

        GeneratorRun run = GeneratorHarness.Run(text.ToString());

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.True(run.CompilationDiagnostics.IsEmpty, string.Join("\n", run.CompilationDiagnostics.Take(5)));
        Assert.Contains("public int? P19998 { get; init; }", run.Sources["T.Api.TClient.Models.g.cs"]);
    }

    [Fact]
    public void Names_that_differ_only_in_case_get_distinct_codec_locals()
    {
        GeneratorRun run = GeneratorHarness.Run(Header + "paths: {}\ncomponents:\n  schemas:\n    A:\n      type: object\n      properties:\n        IPAddress: {type: string}\n        ip_address: {type: string}\n");

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.True(run.CompilationDiagnostics.IsEmpty, string.Join("\n", run.CompilationDiagnostics));
        Assert.Contains("public string? IPAddress { get; init; }", run.Sources["T.Api.TClient.Models.g.cs"]);
        Assert.Contains("public string? IpAddress { get; init; }", run.Sources["T.Api.TClient.Models.g.cs"]);
    }
}
