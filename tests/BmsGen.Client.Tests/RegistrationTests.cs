using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using BmsGen.Client.Bms;
using BmsGen.Runtime;
using BmsGen.Runtime.Authentication;
using BmsGen.Runtime.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;
using Xunit;

namespace BmsGen.Client.Tests;

/// <summary>The generated clients plug into the runtime's registration and pipeline as they are.</summary>
public sealed class RegistrationTests
{
    [Fact]
    public async Task A_generated_client_registers_with_its_constructor_and_sends_signed_requests_to_the_region()
    {
        var handler = new MockHttpMessageHandler();
        handler.Expect(HttpMethod.Get, "https://bms.cn-north-4.myhuaweicloud.com/v1/proj-1/baremetalservers/s-1")
            .With(request => request.Headers.TryGetValues("Authorization", out var values) && values.Single().StartsWith("SDK-HMAC-SHA256 Access=AK-1", StringComparison.Ordinal))
            .WithHeaders("X-Project-Id", "proj-1")
            .Respond("application/json", "{\"server\":{\"id\":\"s-1\",\"name\":\"bms-1\"}}");
        var services = new ServiceCollection();
        services.AddBmsGenClient<BmsClient>(options =>
        {
            options.Region = "cn-north-4";
            options.Credentials.AccessKey = "AK-1";
            options.Credentials.SecretKey = "SK-1";
            options.Credentials.ProjectId = "proj-1";
        }).ConfigurePrimaryHttpMessageHandler(() => handler);
        using ServiceProvider provider = services.BuildServiceProvider();

        ShowBaremetalServerResponse response = await provider.GetRequiredService<BmsClient>().ShowBaremetalServerAsync("s-1");

        Assert.Equal("bms-1", response.Server!.Name);
        handler.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public async Task A_generated_create_is_sent_once_through_the_resilient_pipeline()
    {
        var handler = new MockHttpMessageHandler();
        MockedRequest create = handler.When(HttpMethod.Post, "https://bms.example.com/v1/proj-1/baremetalservers").Respond(HttpStatusCode.ServiceUnavailable);
        var options = new BmsGenConnectionOptions { Endpoint = new Uri("https://bms.example.com/") };
        options.Client.ProjectId = "proj-1";
        options.Resilience.BaseDelay = TimeSpan.Zero;
        BmsClient client = BmsGenPipeline.CreateClient(options, (http, clientOptions) => new BmsClient(http, clientOptions), primaryHandler: handler);

        CreateBaremetalServersRequest body = System.Text.Json.JsonSerializer.Deserialize<CreateBaremetalServersRequest>(
            "{\"server\":{\"imageRef\":\"i\",\"flavorRef\":\"f\",\"name\":\"n\",\"vpcid\":\"v\",\"nics\":[{\"subnet_id\":\"s\"}],\"availability_zone\":\"az\"}}",
            BmsClientJsonContext.Default.Options)!;

        BmsGenApiException error = await Assert.ThrowsAsync<BmsGenApiException>(() => client.CreateBaremetalServersAsync(body));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal(1, handler.GetMatchCount(create));
    }
}
