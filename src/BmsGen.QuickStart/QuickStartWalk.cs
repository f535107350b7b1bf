using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BmsGen.Client.Bms;
using EcsStackClient = BmsGen.Client.Ecs.Stack.EcsStackClient;
using ListServersDetailsResponse = BmsGen.Client.Ecs.Stack.ListServersDetailsResponse;
using BmsGen.Client.Nova.Servers;
using BmsGen.Runtime;
using BmsGen.Runtime.DependencyInjection;
using BmsGen.Runtime.Jobs;

namespace BmsGen.QuickStart;

/// <summary>The walk: list BMSs page by page, show one, create one and wait, stop and start it, attach a volume, see it through Nova and ECS.</summary>
internal sealed class QuickStartWalk
{
    private const int PageSize = 3;
    private readonly QuickStartOptions _settings;
    private readonly BmsClient _bms;
    private readonly NovaServersClient _nova;
    private readonly EcsStackClient _ecs;
    private readonly JobWaitOptions _wait;

    public QuickStartWalk(QuickStartOptions settings)
    {
        _settings = settings;
        _bms = BmsGenPipeline.CreateClient(Connection(settings, "bms", settings.BmsEndpoint!), (http, options) => new BmsClient(http, options));
        _nova = BmsGenPipeline.CreateClient(Connection(settings, "ecs", settings.EcsEndpoint!), (http, options) => new NovaServersClient(http, options));
        _ecs = BmsGenPipeline.CreateClient(Connection(settings, "ecs", settings.EcsEndpoint!), (http, options) => new EcsStackClient(http, options));
        _wait = new JobWaitOptions
        {
            InitialDelay = TimeSpan.FromMilliseconds(settings.Simulated ? 100 : 2000),
            MaxDelay = TimeSpan.FromSeconds(settings.Simulated ? 1 : 30),
            Progress = (jobId, job) => Console.WriteLine($"   job {jobId[..Math.Min(8, jobId.Length)]}…: {job.Status}"),
        };
    }

    /// <summary>The runtime's pipeline for one service: AK/SK signing with X-Project-Id, retries on 429/502/503/504 for idempotent calls, diagnostics.</summary>
    private static BmsGenConnectionOptions Connection(QuickStartOptions settings, string service, Uri endpoint)
    {
        var connection = new BmsGenConnectionOptions { Service = service, Endpoint = endpoint };
        connection.Credentials.AccessKey = settings.AccessKey;
        connection.Credentials.SecretKey = settings.SecretKey;
        connection.Credentials.ProjectId = settings.ProjectId;
        return connection;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Console.WriteLine($"\n1. Bare metal servers, {PageSize} per page (offset is the page number), through ListBaremetalServerDetailsPagesAsync:");
        ServerDetail? any = null;
        int total = 0;
        int page = 0;
        await foreach (ListBaremetalServerDetailsResponse listed in _bms.ListBaremetalServerDetailsPagesAsync(limit: PageSize, cancellationToken: cancellationToken))
        {
            IReadOnlyList<ServerDetail> servers = listed.Servers ?? Array.Empty<ServerDetail>();
            total = listed.Count ?? total;
            if (servers.Count == 0)
            {
                break;
            }

            Console.WriteLine($"   page {++page}: {string.Join(", ", servers.Select(s => $"{s.Name} ({s.Status?.Value})"))}");
            any ??= servers.FirstOrDefault();
            if (page == 3)
            {
                Console.WriteLine("   … (stopping after 3 pages)");
                break;
            }
        }

        Console.WriteLine($"   {total} bare metal servers in all");
        int streamed = 0;
        var statuses = new SortedDictionary<string, int>(StringComparer.Ordinal);
        await foreach (ServerDetail listedServer in _bms.ListBaremetalServerDetailsAllAsync(limit: 1000, cancellationToken: cancellationToken))
        {
            streamed++;
            string status = listedServer.Status?.Value ?? "?";
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
        }

        Console.WriteLine($"   ListBaremetalServerDetailsAllAsync streamed {streamed}, one at a time: {string.Join(", ", statuses.Select(s => $"{s.Value} {s.Key}"))}");
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

        Console.WriteLine("\n3. Create a bare metal server and wait for its job (CreateBaremetalServersAndWaitAsync):");
        JobStatus createJob = await _bms.CreateBaremetalServersAndWaitAsync(new CreateBaremetalServersRequest
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
        }, _wait, cancellationToken);
        string serverId = createJob.Entities!.SubJobs!.First().Entities!.ServerId!;
        ServerDetail server = (await _bms.ShowBaremetalServerAsync(serverId, cancellationToken)).Server!;
        Console.WriteLine($"   {server.Name} ({serverId}) is {server.Status?.Value}");

        Console.WriteLine("\n4. Stop it, then start it:");
        await _bms.BatchStopBaremetalServersAndWaitAsync(new BatchStopBaremetalServersRequest
        {
            OsStop = new BatchStopBaremetalServersRequestOsStop { Type = PowerType.Soft, Servers = new[] { new ServerIdRef { Id = serverId } } },
        }, _wait, cancellationToken);
        Console.WriteLine($"   now {(await _bms.ShowBaremetalServerAsync(serverId, cancellationToken)).Server!.Status?.Value}");
        await _bms.BatchStartBaremetalServersAndWaitAsync(new BatchStartBaremetalServersRequest
        {
            OsStart = new BatchStartBaremetalServersRequestOsStart { Servers = new[] { new ServerIdRef { Id = serverId } } },
        }, _wait, cancellationToken);
        Console.WriteLine($"   now {(await _bms.ShowBaremetalServerAsync(serverId, cancellationToken)).Server!.Status?.Value}");

        if (_settings.Volume is { } volumeId)
        {
            Console.WriteLine($"\n5. Attach volume {volumeId}:");
            await _bms.AttachBaremetalServerVolumeAndWaitAsync(serverId, new AttachBaremetalServerVolumeRequest
            {
                VolumeAttachment = new AttachBaremetalServerVolumeRequestVolumeAttachment { VolumeId = volumeId },
            }, _wait, cancellationToken);
            ListBaremetalServerVolumeAttachmentsResponse volumes = await _bms.ListBaremetalServerVolumeAttachmentsAsync(serverId, cancellationToken);
            Console.WriteLine($"   attached: {string.Join(", ", (volumes.VolumeAttachments ?? Array.Empty<VolumeAttachment>()).Select(v => $"{v.VolumeId} at {v.Device}"))}");
        }

        Console.WriteLine("\n6. The same server through the other APIs:");
        int novaSeen = 0;
        NovaServerDetail? found = null;
        await foreach (NovaServerDetail candidate in _nova.NovaListServersDetailsAllAsync(limit: PageSize, cancellationToken: cancellationToken))
        {
            novaSeen++;
            if (candidate.Id == serverId)
            {
                found = candidate;
                break;
            }
        }

        Console.WriteLine(found is null
            ? $"   Nova: not found among {novaSeen} servers"
            : $"   Nova (newest first, {PageSize} per page by marker, NovaListServersDetailsAllAsync): {found.Name} is {found.Status?.Value}, server {novaSeen} of the walk");
        ListServersDetailsResponse ecs = await _ecs.ListServersDetailsAsync(offset: 1, limit: PageSize, cancellationToken: cancellationToken);
        int ecsCount = ecs.Count ?? 0;
        Console.WriteLine($"   ECS first page: {string.Join(", ", (ecs.Servers ?? Array.Empty<BmsGen.Client.Ecs.Stack.CloudServerDetail>()).Select(s => s.Name))}");
        Console.WriteLine($"   ECS: {ecsCount} elastic cloud servers; a bare metal server is not among them, as on the real cloud");
    }
}
