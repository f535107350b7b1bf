using System;
using System.Net.Http;
using System.Threading.Tasks;
using BmsGen.Client.Nova.Resources;
using BmsGen.Runtime;
using RichardSzalay.MockHttp;
using Xunit;

namespace BmsGen.Client.Tests;

/// <summary>The IMS operations documented among the ECS ones reach the IMS endpoint through the same client.</summary>
public sealed class ServiceEndpointClientTests
{
    [Fact]
    public async Task ListWholeServerSnapshots_goes_to_the_configured_ims_endpoint_while_the_rest_stays_on_ecs()
    {
        var handler = new MockHttpMessageHandler();
        handler.Expect(HttpMethod.Get, "https://ims.cn-north-4.example.com/v2/images")
            .WithExactQueryString("__snapshot_from_instance=53206ed0")
            .Respond("application/json", """{"images":[{"id":"7d9c1e0a","name":"full-snapshot"}]}""");
        handler.Expect(HttpMethod.Get, "https://ecs.cn-north-4.example.com/v2.1/proj-1/os-availability-zone")
            .Respond("application/json", """{"availabilityZoneInfo":[]}""");
        var options = new BmsGenClientOptions { ProjectId = "proj-1" };
        options.ServiceEndpoints["ims"] = new Uri("https://ims.cn-north-4.example.com/");
        var client = new NovaResourcesClient(new HttpClient(handler) { BaseAddress = new Uri("https://ecs.cn-north-4.example.com/") }, options);

        ListWholeServerSnapshotsResponse snapshots = await client.ListWholeServerSnapshotsAsync(snapshotFromInstance: "53206ed0");
        await client.NovaListAvailabilityZonesAsync();

        handler.VerifyNoOutstandingExpectation();
        Assert.Equal("full-snapshot", Assert.Single(snapshots.Images!).Name);
    }
}
