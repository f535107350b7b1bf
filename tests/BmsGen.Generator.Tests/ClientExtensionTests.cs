using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace BmsGen.Generator.Tests;

/// <summary>x-paging and x-job: what they generate, and the located BMSGEN014 error for each way to get them wrong.</summary>
public sealed class ClientExtensionTests
{
    // Line 8 holds the operation's x-paging; line 32 the x-job.
    private const string Spec = """
        openapi: 3.0.3
        info: {title: Ext, version: '1', x-client-name: ExtClient, x-namespace: Ext.Api}
        paths:
          /v1/servers:
            get:
              operationId: ListServers
              summary: List servers
              x-paging: PAGING
              parameters:
                - {name: limit, in: query, schema: {type: integer, default: 50}}
                - {name: offset, in: query, schema: {type: integer}}
                - {name: marker, in: query, schema: {type: string}}
                - {name: required_limit, in: query, required: true, schema: {type: integer}}
              responses:
                '200':
                  description: OK
                  content:
                    application/json:
                      schema:
                        type: object
                        properties:
                          count: {type: integer}
                          name: {type: string}
                          servers: {type: array, items: {type: object, properties: {id: {type: string}}}}
                          servers_links: {type: array, items: {type: object, properties: {rel: {type: string, enum: [next, self]}, href: {type: string}}}}
                          page_info: {type: object, properties: {next_marker: {type: string}, size: {type: integer}}}
          /v1/servers/delete:
            post:
              operationId: DeleteServers
              parameters:
                - {name: force, in: query, schema: {type: boolean}}
              x-job: JOB
              responses:
                '200':
                  description: OK
                  content:
                    application/json:
                      schema: {type: object, properties: {job_id: {type: string}}}
          /v1/jobs/{job_id}:
            get:
              operationId: ShowJob
              parameters:
                - {name: job_id, in: path, required: true, schema: {type: string}}
              responses:
                '200':
                  description: OK
                  content:
                    application/json:
                      schema: {type: object, properties: {status: {type: string}, error_code: {type: string}, fail_reason: {type: string}}}
          /v1/tasks/{id}:
            get:
              operationId: ShowTask
              parameters:
                - {name: id, in: path, required: true, schema: {type: string}}
              responses:
                '200':
                  description: OK
                  content:
                    application/json:
                      schema: {type: object, properties: {state: {type: string}}}
        """;

    private const string ValidPaging = "{style: page-number, items: servers, limit: limit, offset: offset, total: count}";

    [Theory]
    [InlineData("{style: page-number, items: servers, limit: limit, offset: offset, total: count}", "Style = global::BmsGen.Runtime.Paging.PagingStyle.PageNumber", "int? pageSize = limit ?? 50;")]
    [InlineData("{style: offset, items: servers, limit: limit, offset: offset}", "CreateRequest = cursor => CreateListServersRequest(requiredLimit, pageSize, cursor.Offset, marker)", "Start = new global::BmsGen.Runtime.Paging.PageCursor(null, offset)")]
    [InlineData("{style: marker, items: servers, limit: limit, marker: marker, next: servers_links}", "NextMarker: global::BmsGen.Runtime.Paging.PageLinks.NextMarker(page.ServersLinks, static link => link.Rel?.Value, static link => link.Href)", "Start = new global::BmsGen.Runtime.Paging.PageCursor(marker, null)")]
    [InlineData("{style: next-marker, items: servers, limit: limit, marker: marker, next: page_info.next_marker}", "NextMarker: page.PageInfo?.NextMarker", "CreateRequest = cursor => CreateListServersRequest(requiredLimit, pageSize, offset, cursor.Marker)")]
    public void Each_paging_style_generates_compiling_page_and_item_walks(string paging, string expected, string alsoExpected)
    {
        GeneratorRun run = GeneratorHarness.Run(Spec.Replace("PAGING", paging).Replace("JOB", "ShowJob"));

        Assert.Null(run.Exception);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
        string client = run.Sources.Single(s => s.Key.EndsWith(".Client.g.cs", System.StringComparison.Ordinal)).Value;
        Assert.Contains(expected, client);
        Assert.Contains(alsoExpected, client);
        Assert.Contains("IAsyncEnumerable<global::Ext.Api.ListServersResponse> ListServersPagesAsync(", client);
        Assert.Contains("IAsyncEnumerable<global::Ext.Api.ListServersResponseServersItem> ListServersAllAsync(", client);
    }

    [Fact]
    public void The_client_implements_a_generated_interface_that_carries_the_doc_comments()
    {
        GeneratorRun run = GeneratorHarness.Run(Spec.Replace("PAGING", ValidPaging).Replace("JOB", "ShowJob"));

        string client = run.Sources.Single(s => s.Key.EndsWith(".Client.g.cs", System.StringComparison.Ordinal)).Value;
        Assert.Empty(run.CompilationDiagnostics);
        Assert.Contains("public partial interface IExtClient", client);
        Assert.Contains("public sealed partial class ExtClient : IExtClient", client);
        string interfaceText = client.Substring(0, client.IndexOf("public sealed partial class", System.StringComparison.Ordinal));
        string classText = client.Substring(interfaceText.Length);
        Assert.Contains("/// <summary>List servers</summary>", interfaceText);
        Assert.DoesNotContain("/// <summary>List servers</summary>", classText);
        Assert.Equal(
            interfaceText.Split('\n').Count(l => l.TrimEnd().EndsWith(" cancellationToken = default);", System.StringComparison.Ordinal)),
            classText.Split('\n').Count(l => l.Trim() == "/// <inheritdoc/>"));
    }

    [Fact]
    public void x_job_generates_the_submit_and_wait_method_and_one_waiter_per_polling_operation()
    {
        GeneratorRun run = GeneratorHarness.Run(Spec.Replace("PAGING", ValidPaging).Replace("JOB", "ShowJob"));

        string client = run.Sources.Single(s => s.Key.EndsWith(".Client.g.cs", System.StringComparison.Ordinal)).Value;
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
        Assert.Contains("DeleteServersAndWaitAsync(bool? force = null, global::BmsGen.Runtime.Jobs.JobWaitOptions? waitOptions = null, global::System.Threading.CancellationToken cancellationToken = default)", client);
        Assert.Contains("new global::BmsGen.Runtime.Jobs.JobSnapshot(job.Status, job.ErrorCode, job.FailReason)", client);
        Assert.Equal(2, client.Split(" WaitForJobAsync(string jobId").Length - 1);
    }

    [Theory]
    [InlineData("{style: cursor, items: servers}", 8, "unknown style 'cursor'")]
    [InlineData("page-number", 8, "must be a mapping")]
    [InlineData("{style: page-number, items: name, limit: limit, offset: offset}", 8, "items 'name' must name an array property")]
    [InlineData("{style: page-number, items: servers, limit: size, offset: offset}", 8, "limit parameter 'size': the operation declares no such query parameter")]
    [InlineData("{style: page-number, items: servers, limit: required_limit, offset: offset}", 8, "limit parameter 'required_limit': it must be optional")]
    [InlineData("{style: offset, items: servers, limit: limit, offset: marker}", 8, "offset parameter 'marker': it must be of type integer")]
    [InlineData("{style: marker, items: servers, limit: limit, marker: offset, next: servers_links}", 8, "marker parameter 'offset': it must be of type string")]
    [InlineData("{style: marker, items: servers, limit: limit, marker: marker, next: page_info}", 8, "must lead to an array of links")]
    [InlineData("{style: marker, items: servers, limit: limit, marker: marker}", 8, "next '(missing)' must be a path")]
    [InlineData("{style: next-marker, items: servers, limit: limit, marker: marker, next: page_info.size}", 8, "must lead to a string")]
    [InlineData("{style: next-marker, items: servers, limit: limit, marker: marker, next: page_info.nope}", 8, "next 'page_info.nope' must be a path")]
    [InlineData("{style: page-number, items: servers, limit: limit, offset: offset, total: name}", 8, "total 'name' must be a path to an integer")]
    public void A_wrong_x_paging_is_reported_at_its_line(string paging, int line, string message)
    {
        AssertSingleError(Spec.Replace("PAGING", paging).Replace("JOB", "ShowJob"), line, message);
    }

    [Fact]
    public void x_paging_over_items_that_may_be_null_is_reported_at_its_line()
    {
        string spec = Spec.Replace("PAGING", ValidPaging).Replace("JOB", "ShowJob")
            .Replace("servers: {type: array, items: {type: object,", "servers: {type: array, items: {nullable: true, type: object,", System.StringComparison.Ordinal);

        AssertSingleError(spec, 8, "the items of 'servers' may be null, but a walk yields items, never null");
    }

    [Theory]
    [InlineData("ShowJobs", "must name the operation that polls the job, and 'ShowJobs' is none")]
    [InlineData("ShowTask", "ShowTask must take the job ID as its only required argument and answer a job with a string status")]
    [InlineData("ListServers", "ListServers must take the job ID")]
    public void A_wrong_x_job_is_reported_at_its_line(string job, string message)
    {
        AssertSingleError(Spec.Replace("PAGING", ValidPaging).Replace("JOB", job), 32, message);
    }

    [Fact]
    public void A_generated_method_name_that_clashes_with_another_operation_is_reported()
    {
        string spec = Spec.Replace("PAGING", ValidPaging).Replace("JOB", "ShowJob").Replace("operationId: ShowTask", "operationId: ListServersAll");

        GeneratorRun run = GeneratorHarness.Run(spec);

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("BMSGEN016", diagnostic.Id);
        Assert.Contains("ListServersAllAsync", diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    private static void AssertSingleError(string spec, int line, string message)
    {
        GeneratorRun run = GeneratorHarness.Run(spec);

        Assert.Null(run.Exception);
        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("BMSGEN014", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains(message, diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal(line, diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1);
        Assert.Empty(run.Sources);
    }
}
