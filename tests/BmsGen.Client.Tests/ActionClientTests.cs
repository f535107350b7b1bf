using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using BmsGen.Client.Ecs.Stack;
using BmsGen.Client.Nova.Servers;
using BmsGen.Runtime;
using RichardSzalay.MockHttp;
using Xunit;

namespace BmsGen.Client.Tests;

/// <summary>Hand-written checks of server actions whose bodies depend on the microversion or on documented defaults.</summary>
public sealed class ActionClientTests
{
    private const string Project = "bbf1946d374b44a0a2a95533562ba954";
    private const string ActionUri = $"https://ecs.example.com/v2.1/{Project}/servers/53206ed0/action";

    [Fact]
    public async Task NovaCreateServerImage_returns_null_for_the_empty_202_of_microversions_before_2_45()
    {
        var handler = new MockHttpMessageHandler();
        handler.Expect(HttpMethod.Post, ActionUri)
            .WithContent("""{"createImage":{"name":"new-image-name"}}""")
            .Respond(req => new HttpResponseMessage(HttpStatusCode.Accepted) { Content = new StringContent(string.Empty) });

        NovaCreateServerImageResponse? response = await NovaClient(handler, microversion: null)
            .NovaCreateServerImageAsync("53206ed0", new NovaCreateServerImageRequest { CreateImage = new NovaCreateServerImageOption { Name = "new-image-name" } });

        handler.VerifyNoOutstandingExpectation();
        Assert.Null(response);
    }

    [Fact]
    public async Task NovaCreateServerImage_reads_the_image_id_from_microversion_2_45()
    {
        var handler = new MockHttpMessageHandler();
        handler.Expect(HttpMethod.Post, ActionUri)
            .WithHeaders("X-OpenStack-Nova-API-Version", "2.45")
            .Respond(HttpStatusCode.Accepted, "application/json", """{"image_id":"0e7761f2-1a4f-4f0c-8b34-1a7b4c1d2e3f"}""");

        NovaCreateServerImageResponse? response = await NovaClient(handler, microversion: "2.45")
            .NovaCreateServerImageAsync("53206ed0", new NovaCreateServerImageRequest { CreateImage = new NovaCreateServerImageOption { Name = "new-image-name" } });

        handler.VerifyNoOutstandingExpectation();
        Assert.Equal("0e7761f2-1a4f-4f0c-8b34-1a7b4c1d2e3f", response?.ImageId);
    }

    [Fact]
    public async Task CloneServer_sends_the_documented_default_of_a_mandatory_flag_the_caller_left_unset()
    {
        var handler = new MockHttpMessageHandler();
        handler.Expect(HttpMethod.Post, $"https://ecs.example.com/v1/{Project}/cloudservers/53206ed0/action")
            .WithContent("""{"os-clone":{"name":"copy","power_on":false}}""")
            .Respond("application/json", """{"job_id":"ff8080817b56b4a6017b5dd3c8d80010"}""");
        var client = new EcsStackClient(new HttpClient(handler) { BaseAddress = new("https://ecs.example.com/") }, new BmsGenClientOptions { ProjectId = Project });

        JobIdResponse response = await client.CloneServerAsync("53206ed0", new CloneServerRequest { OsClone = new CloneServerOption { Name = "copy" } });

        handler.VerifyNoOutstandingExpectation();
        Assert.Equal("ff8080817b56b4a6017b5dd3c8d80010", response.JobId);
    }

    private static NovaServersClient NovaClient(MockHttpMessageHandler handler, string? microversion) =>
        new(new HttpClient(handler) { BaseAddress = new("https://ecs.example.com/") }, new BmsGenClientOptions { ProjectId = Project, NovaMicroversion = microversion });
}
