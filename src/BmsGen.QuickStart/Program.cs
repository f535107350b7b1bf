using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using BmsGen.Client.Bms;
using BmsGen.Runtime;
using BmsGen.Simulator;

// The quick start: a BMS lifecycle against the embedded simulator, through the generated BmsClient.
const string token = "quick-start-token";
await using BmsSimulator simulator = await BmsSimulator.StartAsync(new SimulatorOptions { AuthToken = token });
Console.WriteLine($"BMS simulator listening on {simulator.BaseAddress}");

using var http = new HttpClient { BaseAddress = simulator.BaseAddress };
var options = new BmsGenClientOptions { ProjectId = simulator.Options.ProjectId };
options.DefaultHeaders["X-Auth-Token"] = token;
var bms = new BmsClient(http, options);
using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
CancellationToken cancellationToken = timeout.Token;

ListBaremetalFlavorDetailExtendsResponse flavors = await bms.ListBaremetalFlavorDetailExtendsAsync(cancellationToken: cancellationToken);
Flavor flavor = flavors.Flavors!.First();
Console.WriteLine($"Flavors: {string.Join(", ", flavors.Flavors!.Select(f => f.Id))}; using {flavor.Id} ({flavor.OsExtraSpecs?.BaremetalDiskDetail})");

CreateBaremetalServersResponse created = await bms.CreateBaremetalServersAsync(
    new CreateBaremetalServersRequest
    {
        Server = new CreateServerSpec
        {
            Name = "quick-start",
            ImageRef = "8589958c-6bc7-40c6-b81b-3fe4cd2e3d85",
            FlavorRef = flavor.Id!,
            Vpcid = "5849fdf1-9d79-4589-80c2-fe557990c417",
            Nics = new[] { new CreateServerNic { SubnetId = "a5052101-11e1-4f3d-a5fa-f6ba6791219c" } },
            AvailabilityZone = "az1",
            Count = 2,
            Metadata = new System.Collections.Generic.Dictionary<string, string> { ["owner"] = "quick-start" },
        },
    },
    cancellationToken);
JobStatus createJob = await WaitForJobAsync(bms, created.JobId!, cancellationToken);
string[] serverIds = createJob.Entities!.SubJobs!.Select(s => s.Entities!.ServerId!).ToArray();
Console.WriteLine($"Create job {createJob.JobId}: {createJob.Status} with {serverIds.Length} servers");

ListBaremetalServerDetailsResponse listed = await bms.ListBaremetalServerDetailsAsync(name: "quick-start", status: ServerStatus.Active, cancellationToken: cancellationToken);
foreach (ServerDetail server in listed.Servers!)
{
    string address = server.Addresses!.Values.SelectMany(a => a).First().Addr!;
    Console.WriteLine($"  {server.Name,-18} {server.Status} power={server.OsExtStsPowerState} ip={address}");
}

string first = serverIds[0];
UpdateBaremetalServerResponse renamed = await bms.UpdateBaremetalServerAsync(
    first,
    new UpdateBaremetalServerRequest { Server = new UpdateBaremetalServerRequestServer { Name = "quick-start-renamed" } },
    cancellationToken);
Console.WriteLine($"Renamed {first} to {renamed.Server!.Name}");

JobIdResponse stop = await bms.BatchStopBaremetalServersAsync(
    new BatchStopBaremetalServersRequest
    {
        OsStop = new BatchStopBaremetalServersRequestOsStop { Type = PowerType.Hard, Servers = new[] { new ServerIdRef { Id = first } } },
    },
    cancellationToken);
JobStatus stopJob = await WaitForJobAsync(bms, stop.JobId!, cancellationToken);
ServerDetail stopped = (await bms.ShowBaremetalServerAsync(first, cancellationToken)).Server!;
Console.WriteLine($"Stop job {stopJob.JobId}: {stopJob.Status}; {stopped.Name} is {stopped.Status} (known status: {stopped.Status?.IsKnown})");

try
{
    await bms.ShowBaremetalServerAsync("00000000-0000-0000-0000-000000000000", cancellationToken);
}
catch (BmsGenApiException error)
{
    Console.WriteLine($"Expected error: {error.Message}");
}

Console.WriteLine("Quick start finished.");

static async Task<JobStatus> WaitForJobAsync(BmsClient bms, string jobId, CancellationToken cancellationToken)
{
    while (true)
    {
        JobStatus job = await bms.ShowJobAsync(jobId, cancellationToken);
        if (job.Status != JobState.Running && job.Status != JobState.Init)
        {
            return job.Status == JobState.Success
                ? job
                : throw new InvalidOperationException($"Job {jobId} ended {job.Status}: {job.FailReason ?? job.ErrorCode}");
        }

        await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
    }
}
