using System.Linq;
using Xunit;

namespace BmsGen.Generator.Tests;

/// <summary>A mandatory scalar with a documented default starts out set; a default that is no literal of its type stays in the docs.</summary>
public sealed class DefaultValueTests
{
    [Theory]
    [InlineData("boolean", "false", "public bool Flag { get => _flag.GetValueOrDefault(); init => _flag = value; }", "false")]
    [InlineData("integer", "-5", "public int Flag { get => _flag.GetValueOrDefault(); init => _flag = value; }", "-5")]
    [InlineData("number", "1", "public double Flag { get => _flag.GetValueOrDefault(); init => _flag = value; }", "1d")]
    [InlineData("number", "2.5E+20", "public double Flag { get => _flag.GetValueOrDefault(); init => _flag = value; }", "2.5E+20d")]
    [InlineData("boolean", "maybe", "public required bool Flag { get => _flag.GetValueOrDefault(); init => _flag = value; }", null)]
    [InlineData("integer", "1.5", "public required int Flag { get => _flag.GetValueOrDefault(); init => _flag = value; }", null)]
    [InlineData("number", "NaN", "public required double Flag { get => _flag.GetValueOrDefault(); init => _flag = value; }", null)]
    [InlineData("number", "Infinity", "public required double Flag { get => _flag.GetValueOrDefault(); init => _flag = value; }", null)]
    public void A_mandatory_scalar_starts_out_at_its_default_only_when_the_default_is_a_literal_of_its_type(string type, string defaultText, string expected, string? initial)
    {
        string spec = $$"""
            openapi: 3.0.3
            info: {title: Def, version: '1', x-client-name: DefClient, x-namespace: Def.Api}
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
                    '204': {description: No content}
            components:
              schemas:
                Thing:
                  type: object
                  required: [flag]
                  properties:
                    flag:
                      type: {{type}}
                      default: '{{defaultText}}'
            """;

        GeneratorRun run = GeneratorHarness.Run(spec);

        Assert.Null(run.Exception);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
        string models = run.Sources.Single(s => s.Key.EndsWith(".Models.g.cs", System.StringComparison.Ordinal)).Value;
        Assert.Contains(expected, models);

        // The default is set by the public constructor only: the reader's constructor leaves the member unset, so a
        // body that omits it is still an error.
        if (initial is null)
        {
            Assert.DoesNotMatch("_flag = (?!value)", models);
        }
        else
        {
            Assert.Contains("_flag = " + initial + ";", models);
        }
    }
}
