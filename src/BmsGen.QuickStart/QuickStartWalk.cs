using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using BmsGen.Client.Bms;
using EcsStackClient = BmsGen.Client.Ecs.Stack.EcsStackClient;
using ListServersDetailsResponse = BmsGen.Client.Ecs.Stack.ListServersDetailsResponse;
using BmsGen.Client.Nova.Servers;
using BmsGen.Runtime;
using BmsGen.Runtime.Authentication;

namespace BmsGen.QuickStart;

/// <summary>The walk: list BMSs page by page, show one, create one and wait, stop and start it, attach a volume, see it through Nova and ECS.</summary>
internal sealed class QuickStartWalk
{
    private const int PageSize = 3;
    private readonly QuickStartOptions _settings;
    private readonly BmsClient _bms;
    private readonly NovaServersClient _nova;
    private readonly EcsStackClient _ecs;

    public QuickStartWalk(QuickStartOptions settings)
    {
        _settings = settings;
        var credentials = new AkSkCredentials(settings.AccessKey!, settings.SecretKey!);
        var options = new BmsGenClientOptions { ProjectId = settings.ProjectId };
        _bms = new BmsClient(Signed(settings.BmsEndpoint!, credentials), options);
        _nova = new NovaServersClient(Signed(settings.EcsEndpoint!, credentials), options);
        _ecs = new EcsStackClient(Signed(settings.EcsEndpoint!, credentials), options);
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Console.WriteLine($"\n1. Bare metal servers, {PageSize} per page (offset is the page number):");
        ServerDetail? any = null;
        int total = 0;
        for (int page = 1; page <= 3; page++)
        {
            ListBaremetalServerDetailsResponse listed = await _bms.ListBaremetalServerDetailsAsync(limit: PageSize, offset: page, cancellationToken: cancellationToken);
            IReadOnlyList<ServerDetail> servers = listed.Servers ?? Array.Empty<ServerDetail>();
            total = listed.Count ?? servers.Count;
            if (servers.Count == 0)
            {
                break;
            }

            Console.WriteLine($"   page {page}: {string.Join(", ", servers.Select(s => $"{s.Name} ({s.Status?.Value})"))}");
            any ??= servers.FirstOrDefault();
            if (servers.Count < PageSize)
            {
                break;
            }
        }

        Console.WriteLine($"   {total} bare metal servers in all");
        if (any is not null)
        {
            ServerDetail shown = (await _bms.ShowBaremetalServerAsync(any.Id!, cancellationToken)).Server!;
            string address = shown.Addresses?.Values.SelectMany(a => a).FirstOrDefault()?.Addr ?? "-";
            Console.WriteLine($"\n2. Show {shown.Name}: {shown.Status?.Value}, flavor {shown.Flavor?.Id}, AZ {shown.OsExtAzAvailabilityZone}, IP {address}");
        }

        if (!_settings.CanCreate)
        {
            Console.WriteLine("\nTo create, stop, start and attach, pass --flavor, --image, --vpc, --subnet and --az (a real server is billed).");
            return;
        }

        Console.WriteLine("\n3. Create a bare metal server and wait for its job:");
        CreateBaremetalServersResponse created = await _bms.CreateBaremetalServersAsync(new CreateBaremetalServersRequest
        {
            Server = new CreateServerSpec
            {
                Name = "quick-start",
                ImageRef = _settings.Image!,
                FlavorRef = _settings.Flavor!,
                Vpcid = _settings.Vpc!,
                Nics = new[] { new CreateServerNic { SubnetId = _settings.Subnet! } },
                AvailabilityZone = _settings.AvailabilityZone!,
                Metadata = new Dictionary<string, string> { ["owner"] = "quick-start" },
            },
        }, cancellationToken);
        JobStatus createJob = await WaitAsync(created.JobId!, cancellationToken);
        string serverId = createJob.Entities!.SubJobs!.First().Entities!.ServerId!;
        ServerDetail server = (await _bms.ShowBaremetalServerAsync(serverId, cancellationToken)).Server!;
        Console.WriteLine($"   {server.Name} ({serverId}) is {server.Status?.Value}");

        Console.WriteLine("\n4. Stop it, then start it:");
        JobIdResponse stop = await _bms.BatchStopBaremetalServersAsync(new BatchStopBaremetalServersRequest
        {
            OsStop = new BatchStopBaremetalServersRequestOsStop { Type = PowerType.Soft, Servers = new[] { new ServerIdRef { Id = serverId } } },
        }, cancellationToken);
        await WaitAsync(stop.JobId!, cancellationToken);
        Console.WriteLine($"   now {(await _bms.ShowBaremetalServerAsync(serverId, cancellationToken)).Server!.Status?.Value}");
        JobIdResponse start = await _bms.BatchStartBaremetalServersAsync(new BatchStartBaremetalServersRequest
        {
            OsStart = new BatchStartBaremetalServersRequestOsStart { Servers = new[] { new ServerIdRef { Id = serverId } } },
        }, cancellationToken);
        await WaitAsync(start.JobId!, cancellationToken);
        Console.WriteLine($"   now {(await _bms.ShowBaremetalServerAsync(serverId, cancellationToken)).Server!.Status?.Value}");

        if (_settings.Volume is { } volumeId)
        {
            Console.WriteLine($"\n5. Attach volume {volumeId}:");
            JobIdResponse attach = await _bms.AttachBaremetalServerVolumeAsync(serverId, new AttachBaremetalServerVolumeRequest
            {
                VolumeAttachment = new AttachBaremetalServerVolumeRequestVolumeAttachment { VolumeId = volumeId },
            }, cancellationToken);
            await WaitAsync(attach.JobId!, cancellationToken);
            ListBaremetalServerVolumeAttachmentsResponse volumes = await _bms.ListBaremetalServerVolumeAttachmentsAsync(serverId, cancellationToken);
            Console.WriteLine($"   attached: {string.Join(", ", (volumes.VolumeAttachments ?? Array.Empty<VolumeAttachment>()).Select(v => $"{v.VolumeId} at {v.Device}"))}");
        }

        Console.WriteLine("\n6. The same server through the other APIs:");
        NovaServersDetailsPage nova = await FindThroughNovaAsync(serverId, cancellationToken);
        Console.WriteLine($"   Nova (newest first, marker paging): {nova.Server?.Name} is {nova.Server?.Status?.Value}, tags [{string.Join(", ", nova.Server?.Tags ?? Array.Empty<string>())}] (page {nova.Pages})");
        ListServersDetailsResponse ecs = await _ecs.ListServersDetailsAsync(offset: 1, limit: PageSize, cancellationToken: cancellationToken);
        Console.WriteLine($"   ECS: {ecs.Count} elastic cloud servers; a bare metal server is not among them, as on the real cloud");
    }

    private async Task<NovaServersDetailsPage> FindThroughNovaAsync(string serverId, CancellationToken cancellationToken)
    {
        string? marker = null;
        for (int page = 1; page <= 20; page++)
        {
            NovaListServersDetailsResponse listed = await _nova.NovaListServersDetailsAsync(limit: PageSize, marker: marker, cancellationToken: cancellationToken);
            NovaServerDetail? found = listed.Servers?.FirstOrDefault(s => s.Id == serverId);
            if (found is not null || listed.ServersLinks is not { Count: > 0 } || listed.Servers is not { Count: > 0 })
            {
                return new NovaServersDetailsPage(found, page);
            }

            marker = listed.Servers[^1].Id;
        }

        return new NovaServersDetailsPage(null, 20);
    }

    private async Task<JobStatus> WaitAsync(string jobId, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(_settings.Simulated ? 150 : 5000);
        while (true)
        {
            JobStatus job = await _bms.ShowJobAsync(jobId, cancellationToken);
            Console.WriteLine($"   job {jobId[..8]}… {job.JobType?.Value}: {job.Status?.Value}");
            if (job.Status == JobState.Success)
            {
                return job;
            }

            if (job.Status == JobState.Fail)
            {
                throw new InvalidOperationException($"Job {jobId} failed: {job.FailReason ?? job.ErrorCode}");
            }

            await Task.Delay(delay, cancellationToken);
        }
    }

    private static HttpClient Signed(Uri endpoint, AkSkCredentials credentials) =>
        new(new AkSkSigningHandler(credentials) { InnerHandler = new HttpClientHandler() }) { BaseAddress = endpoint };

    private sealed record NovaServersDetailsPage(NovaServerDetail? Server, int Pages);
}
