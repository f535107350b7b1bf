using System.Linq;
using Xunit;

namespace BmsGen.Generator.Tests;

/// <summary>How the success responses of an operation decide its return type.</summary>
public sealed class SuccessResponseTests
{
    [Theory]
    [InlineData("'202': {description: Accepted, content: {application/json: {schema: {$ref: '#/components/schemas/Image'}}}}", "Task<global::Resp.Api.Image>", "SendAsync")]
    [InlineData("'202': {description: Accepted, x-body-optional: true, content: {application/json: {schema: {$ref: '#/components/schemas/Image'}}}}", "Task<global::Resp.Api.Image?>", "SendAllowingEmptyAsync")]
    [InlineData("'200': {description: OK, content: {application/json: {schema: {$ref: '#/components/schemas/Image'}}}}\n        '204': {description: No content}", "Task<global::Resp.Api.Image?>", "SendAllowingEmptyAsync")]
    [InlineData("'204': {description: No content}", "Task CreateImageAsync", "SendAsync")]
    public void A_success_body_is_nullable_only_where_a_success_may_come_without_one(string responses, string returnType, string transportCall)
    {
        string spec = $$"""
            openapi: 3.0.3
            info: {title: Resp, version: '1', x-client-name: RespClient, x-namespace: Resp.Api}
            paths:
              /images:
                post:
                  operationId: CreateImage
                  responses:
                    {{responses}}
            components:
              schemas:
                Image:
                  type: object
                  properties:
                    image_id: {type: string}
            """;

        GeneratorRun run = GeneratorHarness.Run(spec);

        Assert.Null(run.Exception);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
        string client = run.Sources.Single(s => s.Key.EndsWith(".Client.g.cs", System.StringComparison.Ordinal)).Value;
        Assert.Contains(returnType, client);
        Assert.Contains($"_transport.{transportCall}", client);
    }
}
