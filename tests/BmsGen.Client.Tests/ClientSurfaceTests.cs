using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Reflection;
using System.Threading.Tasks;
using BmsGen.Client.Bms;
using BmsGen.Runtime;
using RichardSzalay.MockHttp;
using Xunit;

namespace BmsGen.Client.Tests;

/// <summary>The interface each client implements, and the raw-response methods beside the typed ones.</summary>
public sealed class ClientSurfaceTests
{
    public static TheoryData<string> ClientTypes => new()
    {
        typeof(BmsClient).FullName!,
        typeof(BmsGen.Client.Ecs.EcsClient).FullName!,
        typeof(BmsGen.Client.Ecs.Stack.EcsStackClient).FullName!,
        typeof(BmsGen.Client.Nova.Servers.NovaServersClient).FullName!,
        typeof(BmsGen.Client.Nova.Resources.NovaResourcesClient).FullName!,
    };

    [Theory]
    [MemberData(nameof(ClientTypes))]
    public void Every_public_method_of_a_client_is_declared_by_its_interface(string clientName)
    {
        Type client = typeof(BmsClient).Assembly.GetType(clientName)!;
        Type contract = client.Assembly.GetType(client.Namespace + ".I" + client.Name)!;

        Assert.NotNull(contract);
        Assert.True(contract.IsInterface);
        Assert.Contains(contract, client.GetInterfaces());
        InterfaceMapping map = client.GetInterfaceMap(contract);
        IEnumerable<string> declared = client.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName)
            .Select(m => m.Name);
        Assert.Equal(declared.OrderBy(n => n, StringComparer.Ordinal), map.TargetMethods.Select(m => m.Name).OrderBy(n => n, StringComparer.Ordinal));
        Assert.All(contract.GetMethods(), m => Assert.EndsWith("Async", m.Name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Callers_can_substitute_the_interface_for_the_client()
    {
        IBmsClient bms = DispatchProxy.Create<IBmsClient, CannedBms>();

        ShowBaremetalServerResponse response = await ServerNameOf(bms);

        Assert.Equal("canned", response.Server!.Name);

        static Task<ShowBaremetalServerResponse> ServerNameOf(IBmsClient client) => client.ShowBaremetalServerAsync("s1");
    }

    [Fact]
    public async Task WithResponse_returns_the_value_with_the_status_headers_and_request_id()
    {
        var handler = new MockHttpMessageHandler();
        handler.Expect(HttpMethod.Get, "https://bms.example.com/v1/proj-1/baremetalservers/s1")
            .Respond(HttpStatusCode.OK, new[] { new KeyValuePair<string, string>("X-Request-Id", "req-42"), new KeyValuePair<string, string>("X-Rate-Remaining", "7") }, "application/json", """{"server":{"id":"s1","name":"web"}}""");
        var client = new BmsClient(new HttpClient(handler) { BaseAddress = ClientHarness.Endpoint }, new BmsGenClientOptions { ProjectId = "proj-1" });

        ApiResponse<ShowBaremetalServerResponse> response = await client.ShowBaremetalServerWithResponseAsync("s1");

        handler.VerifyNoOutstandingExpectation();
        Assert.Equal("web", response.Value.Server!.Name);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("req-42", response.RequestId);
        Assert.Equal("7", response.Headers.GetValues("X-Rate-Remaining").Single());
        Assert.Equal("application/json", response.ContentHeaders.ContentType!.MediaType);
        Assert.Equal("ShowBaremetalServer", response.OperationId);
    }

    [Fact]
    public async Task WithResponse_of_a_bodyless_operation_returns_its_status_and_request_id()
    {
        var handler = new MockHttpMessageHandler();
        handler.Expect(HttpMethod.Delete, "https://bms.example.com/v1/proj-1/baremetalservers/s1/os-server-password")
            .Respond(HttpStatusCode.Accepted, new[] { new KeyValuePair<string, string>("X-Openstack-Request-Id", "req-7") }, "application/json", string.Empty);
        var client = new BmsClient(new HttpClient(handler) { BaseAddress = ClientHarness.Endpoint }, new BmsGenClientOptions { ProjectId = "proj-1" });

        ApiResponse response = await client.DeleteBaremetalServerPasswordWithResponseAsync("s1");

        handler.VerifyNoOutstandingExpectation();
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("req-7", response.RequestId);
    }

    [Fact]
    public async Task WithResponse_still_throws_the_api_exception_for_an_error_status()
    {
        var handler = new MockHttpMessageHandler();
        handler.Expect(HttpMethod.Get, "https://bms.example.com/v1/proj-1/baremetalservers/s1")
            .Respond(HttpStatusCode.NotFound, new[] { new KeyValuePair<string, string>("X-Request-Id", "req-9") }, "application/json", """{"error":{"code":"BMS.0404","message":"no such server"}}""");
        var client = new BmsClient(new HttpClient(handler) { BaseAddress = ClientHarness.Endpoint }, new BmsGenClientOptions { ProjectId = "proj-1" });

        BmsGenApiException error = await Assert.ThrowsAsync<BmsGenApiException>(() => client.ShowBaremetalServerWithResponseAsync("s1"));

        Assert.Equal("BMS.0404", error.ErrorCode);
        Assert.Equal("req-9", error.RequestId);
    }

    /// <summary>A stand-in built at run time over the interface, as mocking libraries build theirs.</summary>
    public class CannedBms : DispatchProxy
    {
        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            targetMethod?.Name == nameof(IBmsClient.ShowBaremetalServerAsync)
                ? Task.FromResult(new ShowBaremetalServerResponse { Server = new ServerDetail { Id = (string)args![0]!, Name = "canned" } })
                : throw new NotSupportedException(targetMethod?.Name);
    }
}
