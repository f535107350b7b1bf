using System.Linq;
using Xunit;

namespace BmsGen.Generator.Tests;

/// <summary>Operations with their own servers are sent to that service's endpoint.</summary>
public sealed class ServiceEndpointTests
{
    private const string Spec = """
        openapi: 3.0.3
        info: {title: Svc, version: '1', x-client-name: SvcClient, x-namespace: Svc.Api}
        servers:
          - url: https://ecs.{region}.example.com
        paths:
          /v2/images:
            get:
              operationId: ListImages
              servers:
                - url: SERVER_URL
              responses:
                '204': {description: No content}
          /v1/servers:
            get:
              operationId: ListServers
              responses:
                '204': {description: No content}
        """;

    [Fact]
    public void An_operation_with_its_own_server_names_the_service_of_its_host()
    {
        GeneratorRun run = GeneratorHarness.Run(Spec.Replace("SERVER_URL", "https://ims.{region}.myhuaweicloud.com"));

        Assert.Null(run.Exception);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
        string client = run.Sources.Single(s => s.Key.EndsWith(".Client.g.cs", System.StringComparison.Ordinal)).Value;
        Assert.Contains("\"/v2/images\") { Service = \"ims\" };", client);
        Assert.Contains("\"/v1/servers\");", client);
    }

    [Theory]
    [InlineData("https://{endpoint}/v2")]
    [InlineData("localhost")]
    public void A_server_url_without_a_service_label_is_reported_where_it_is(string url)
    {
        GeneratorRun run = GeneratorHarness.Run(Spec.Replace("SERVER_URL", url));

        Assert.Null(run.Exception);
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Contains("first label of the host", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(9, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
    }
}
