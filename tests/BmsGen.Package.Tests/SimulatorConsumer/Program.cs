using BmsGen.Client.Bms;
using BmsGen.Runtime;
using BmsGen.Runtime.Jobs;
using BmsGen.Simulator;

// The README's "Start the simulator in your tests", as a project that has only the two packages.
await using BmsSimulator simulator = await BmsSimulator.StartAsync(new SimulatorOptions { AuthToken = "test-token" });
using var http = new HttpClient { BaseAddress = simulator.BaseAddress };
var options = new BmsGenClientOptions { ProjectId = simulator.Options.ProjectId };
options.DefaultHeaders["X-Auth-Token"] = "test-token";
var bms = new BmsClient(http, options);
Console.WriteLine($"servers before: {(await bms.ListBaremetalServerDetailsAsync(limit: 10)).Servers?.Count}");

// A flavor, image, VPC, subnet and AZ the simulator serves, as src/BmsGen.QuickStart uses them.
JobStatus job = await bms.CreateBaremetalServersAndWaitAsync(
    new CreateBaremetalServersRequest
    {
        Server = new CreateServerSpec
        {
            Name = "lab-1",
            ImageRef = "8589958c-6bc7-40c6-b81b-3fe4cd2e3d85",
            FlavorRef = "physical.o2.medium",
            Vpcid = "5849fdf1-9d79-4589-80c2-fe557990c417",
            Nics = new[] { new CreateServerNic { SubnetId = "a5052101-11e1-4f3d-a5fa-f6ba6791219c" } },
            AvailabilityZone = "az1",
        },
    },
    new JobWaitOptions { InitialDelay = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromMilliseconds(500) });
string serverId = job.Entities!.SubJobs!.First().Entities!.ServerId!;
ServerDetail server = (await bms.ShowBaremetalServerAsync(serverId)).Server!;
Console.WriteLine($"created: {server.Name} {server.Status?.Value} (job {job.Status?.Value})");
Console.WriteLine($"servers after: {(await bms.ListBaremetalServerDetailsAsync(limit: 10)).Servers?.Count}");

var wrongOptions = new BmsGenClientOptions { ProjectId = simulator.Options.ProjectId };
wrongOptions.DefaultHeaders["X-Auth-Token"] = "wrong-token";
try
{
    await new BmsClient(http, wrongOptions).ListBaremetalServerDetailsAsync(limit: 10);
    Console.WriteLine("wrong token: accepted");
}
catch (BmsGenApiException error)
{
    Console.WriteLine($"wrong token: {(int)error.StatusCode}");
}
