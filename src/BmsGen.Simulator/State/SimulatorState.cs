using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;

namespace BmsGen.Simulator.State;

/// <summary>Which API asked for a job; decides the job and sub-job types it shows.</summary>
internal enum JobFamily
{
    Bms,
    Ecs,
    Nova,
}

/// <summary>What a job does to its servers.</summary>
internal enum JobKind
{
    Create,
    Start,
    Stop,
    Reboot,
    Delete,
    Reinstall,
    ChangeOs,
    Resize,
    AttachVolume,
    DetachVolume,
    AddNics,
    DeleteNics,
    Migrate,
}

/// <summary>A create request, whichever API sent it.</summary>
internal sealed record CreateServersCommand(
    string Name,
    string FlavorId,
    string ImageId,
    string AvailabilityZone,
    string VpcId,
    IReadOnlyList<string> SubnetIds,
    IReadOnlyDictionary<string, string> Metadata,
    IReadOnlyList<KeyValuePair<string, string>> Tags,
    int Count,
    string? KeyName,
    string Description,
    bool PowerOn,
    string? ServerGroupId);

/// <summary>A key pair (Nova os-keypairs).</summary>
internal sealed record SimKeypair(string Name, string PublicKey, string? PrivateKey, string Fingerprint, string Type, string CreatedAt, int Id);

/// <summary>A server group (ECS and Nova os-server-groups).</summary>
internal sealed class SimServerGroup
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required IReadOnlyList<string> Policies { get; init; }

    public List<string> Members { get; } = new();
}

/// <summary>
/// The simulated cloud of one project: servers, flavors, jobs, key pairs, server groups and quotas, consistent across
/// the BMS, ECS and Nova APIs. One reader-writer lock guards it: lists and reads share it, changes (and job status
/// queries, which advance jobs) take it alone. Jobs advance one step per status query, so runs are deterministic.
/// Methods other than <see cref="Reading"/> and <see cref="Writing"/> expect the caller to hold the lock.
/// </summary>
internal sealed class SimulatorState : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, SimServer> _servers = new(StringComparer.Ordinal);
    private readonly ServerIndex _all = new();
    private readonly ServerIndex _bareMetal = new();
    private readonly ServerIndex _elastic = new();
    private readonly Dictionary<string, SimJob> _jobs = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, SimKeypair> _keypairs = new(StringComparer.Ordinal);
    private readonly List<SimServerGroup> _serverGroups = new();
    private readonly HashSet<string> _attachedVolumes = new(StringComparer.Ordinal);
    private readonly SimulatorOptions _options;
    private readonly Random _random;
    private long _sequence;
    private int _hosts;
    private int _keypairIds;

    public SimulatorState(SimulatorOptions options)
    {
        _options = options;
        _random = new Random(options.RandomSeed);
        Flavors = new[]
        {
            new SimFlavor("physical.o2.medium", 32, 196608, 800, ServerKind.BareMetal, "2*800G SSD"),
            new SimFlavor("physical.s4.3xlarge", 64, 524288, 3200, ServerKind.BareMetal, "2*1600G NVMe"),
            new SimFlavor("s6.large.2", 2, 4096, 0, ServerKind.Elastic, string.Empty),
            new SimFlavor("s6.xlarge.2", 4, 8192, 0, ServerKind.Elastic, string.Empty),
            new SimFlavor("c6.2xlarge.4", 8, 32768, 0, ServerKind.Elastic, string.Empty),
        };
        Seed(options.SeedServers);
    }

    public IReadOnlyList<SimFlavor> Flavors { get; }

    public SimulatorOptions Options => _options;

    public int InstancesUsed => _servers.Count;

    public int CoresUsed { get; private set; }

    public int RamUsed { get; private set; }

    public IReadOnlyList<SimServerGroup> ServerGroups => _serverGroups;

    public IEnumerable<SimKeypair> Keypairs => _keypairs.Values;

    public int KeypairCount => _keypairs.Count;

    /// <summary>Holds the shared (read) lock until disposed.</summary>
    public LockScope Reading()
    {
        _lock.EnterReadLock();
        return new LockScope(_lock, write: false);
    }

    /// <summary>Holds the exclusive (write) lock until disposed.</summary>
    public LockScope Writing()
    {
        _lock.EnterWriteLock();
        return new LockScope(_lock, write: true);
    }

    /// <summary>The servers of one kind (null: all), in creation order.</summary>
    public ServerIndex Index(ServerKind? kind) => kind switch
    {
        null => _all,
        ServerKind.BareMetal => _bareMetal,
        ServerKind.Elastic => _elastic,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown server kind."),
    };

    public SimServer? Find(string id) => _servers.TryGetValue(id, out SimServer? server) ? server : null;

    public SimServer Get(string id) => Find(id) ?? throw new SimulatorFault(FaultKind.ServerNotFound, id);

    /// <summary>Reads a server for a status query: its pending job advances one step first (needs the write lock).</summary>
    public SimServer Poll(string id)
    {
        SimServer server = Get(id);
        server.PendingJob?.Advance(_options.JobPollsToComplete, Now());
        return Find(id) ?? throw new SimulatorFault(FaultKind.ServerNotFound, id);
    }

    public SimFlavor? FindFlavor(string id) => Flavors.FirstOrDefault(f => f.Id == id);

    public SimJob? PollJob(string id)
    {
        if (!_jobs.TryGetValue(id, out SimJob? job))
        {
            return null;
        }

        job.Advance(_options.JobPollsToComplete, Now());
        return job;
    }

    public (SimJob Job, IReadOnlyList<SimServer> Servers) CreateServers(CreateServersCommand command, JobFamily family, int maxCount)
    {
        SimFlavor flavor = FindFlavor(command.FlavorId) ?? throw new SimulatorFault(FaultKind.FlavorNotFound, command.FlavorId);
        if (family == JobFamily.Bms && flavor.Kind != ServerKind.BareMetal)
        {
            throw new SimulatorFault(FaultKind.FlavorNotAllowed, $"flavor {flavor.Id} is not a bare metal flavor");
        }

        if (family == JobFamily.Ecs && flavor.Kind != ServerKind.Elastic)
        {
            throw new SimulatorFault(FaultKind.FlavorNotAllowed, $"flavor {flavor.Id} is a bare metal flavor; create bare metal servers through the BMS API");
        }

        if (command.Count < 1 || command.Count > maxCount)
        {
            throw new SimulatorFault(FaultKind.CountOutOfRange, $"count must be 1 to {maxCount}, not {command.Count}");
        }

        if (command.KeyName is { } keyName && !_keypairs.ContainsKey(keyName))
        {
            throw new SimulatorFault(FaultKind.KeypairNotFound, keyName);
        }

        SimServerGroup? group = null;
        if (command.ServerGroupId is { } groupId)
        {
            group = FindServerGroup(groupId) ?? throw new SimulatorFault(FaultKind.ServerGroupNotFound, groupId);
        }

        CheckQuota(flavor, command.Count);
        string now = Now();
        string reservation = "r-" + NewHex(8);
        var servers = new List<SimServer>(command.Count);
        for (int i = 0; i < command.Count; i++)
        {
            string name = command.Count == 1 ? command.Name : string.Create(CultureInfo.InvariantCulture, $"{command.Name}-{i + 1:D4}");
            SimServer server = AddServer(name, flavor, command.ImageId, command.AvailabilityZone, command.VpcId, command.SubnetIds, now, reservation);
            server.Description = command.Description;
            server.KeyName = command.KeyName;
            foreach ((string key, string value) in command.Metadata)
            {
                server.Metadata[key] = value;
            }

            server.Tags.AddRange(command.Tags);
            if (group is not null)
            {
                group.Members.Add(server.Id);
                server.ServerGroupId = group.Id;
            }

            servers.Add(server);
        }

        bool powerOn = command.PowerOn;
        SimJob job = AddJob(family, JobKind.Create, servers.Select(s => s.Id).ToList(), null, (_, server) =>
        {
            if (powerOn)
            {
                SetPower(server, "ACTIVE", "active", 1);
            }
            else
            {
                SetPower(server, "SHUTOFF", "stopped", 4);
            }
        });
        return (job, servers);
    }

    /// <summary>Starts, stops or reboots servers; every server is checked before any changes.</summary>
    public SimJob Power(IReadOnlyList<string> ids, JobKind kind, bool hard, JobFamily family)
    {
        var servers = ids.Select(Get).ToList();
        foreach (SimServer server in servers)
        {
            CheckIdle(server, kind);
            if (kind == JobKind.Start && server.Status != "SHUTOFF")
            {
                throw new SimulatorFault(FaultKind.AlreadyRunning, server.Id);
            }

            if (kind is JobKind.Stop or JobKind.Reboot && server.Status == "SHUTOFF")
            {
                throw new SimulatorFault(FaultKind.AlreadyStopped, server.Id);
            }
        }

        foreach (SimServer server in servers)
        {
            switch (kind)
            {
                case JobKind.Start:
                    server.TaskState = "powering-on";
                    break;
                case JobKind.Stop:
                    server.TaskState = "powering-off";
                    break;
                case JobKind.Reboot:
                    server.TaskState = hard ? "reboot_started_hard" : "rebooting";
                    server.Status = hard ? "HARD_REBOOT" : "REBOOT";
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a power action.");
            }
        }

        return AddJob(family, kind, ids, null, (_, server) =>
        {
            if (kind == JobKind.Stop)
            {
                SetPower(server, "SHUTOFF", "stopped", 4);
            }
            else
            {
                SetPower(server, "ACTIVE", "active", 1);
            }
        });
    }

    public SimJob Delete(IReadOnlyList<string> ids, JobFamily family)
    {
        var servers = ids.Select(Get).ToList();
        foreach (SimServer server in servers)
        {
            CheckIdle(server, JobKind.Delete);
            server.TaskState = "deleting";
        }

        return AddJob(family, JobKind.Delete, ids, null, (_, server) => RemoveServer(server));
    }

    /// <summary>Deletes a server at once (Nova DELETE answers 204 and the server is gone).</summary>
    public void DeleteNow(string id)
    {
        SimServer server = Get(id);
        if (server.Locked)
        {
            throw new SimulatorFault(FaultKind.Locked, id);
        }

        server.PendingJob?.Finish(Now());
        RemoveServer(server);
    }

    public SimJob Rebuild(string id, string? imageId, JobKind kind, JobFamily family)
    {
        SimServer server = Get(id);
        CheckIdle(server, kind);
        bool wasRunning = server.Status == "ACTIVE";
        server.Status = "REBUILD";
        server.TaskState = "rebuilding";
        return AddJob(family, kind, new[] { id }, null, (_, s) =>
        {
            if (imageId is not null)
            {
                s.ImageId = imageId;
            }

            if (wasRunning || family == JobFamily.Nova)
            {
                SetPower(s, "ACTIVE", "active", 1);
            }
            else
            {
                SetPower(s, "SHUTOFF", "stopped", 4);
            }
        });
    }

    public SimJob Resize(string id, string flavorId, JobFamily family)
    {
        SimServer server = Get(id);
        CheckIdle(server, JobKind.Resize);
        SimFlavor flavor = FindFlavor(flavorId) ?? throw new SimulatorFault(FaultKind.FlavorNotFound, flavorId);
        if (flavor.Kind != server.Flavor.Kind)
        {
            throw new SimulatorFault(FaultKind.FlavorNotAllowed, $"flavor {flavor.Id} cannot be used for server {id}");
        }

        if (flavor.Id == server.Flavor.Id)
        {
            throw new SimulatorFault(FaultKind.SameFlavor, flavor.Id);
        }

        CheckQuota(flavor, 0, server.Flavor);
        string status = server.Status;
        server.Status = "RESIZE";
        server.TaskState = "resize_prep";
        return AddJob(family, JobKind.Resize, new[] { id }, null, (_, s) =>
        {
            ChangeFlavor(s, flavor);
            if (family == JobFamily.Nova)
            {
                s.Status = "VERIFY_RESIZE";
                s.TaskState = string.Empty;
                s.VmState = "resized";
            }
            else
            {
                s.Status = status;
                s.TaskState = string.Empty;
            }
        });
    }

    public void ConfirmResize(string id, bool revert)
    {
        SimServer server = Get(id);
        if (server.Status != "VERIFY_RESIZE" || server.PreviousFlavor is null)
        {
            throw new SimulatorFault(FaultKind.NotResized, id);
        }

        if (revert)
        {
            ChangeFlavor(server, server.PreviousFlavor);
        }

        server.PreviousFlavor = null;
        SetPower(server, "ACTIVE", "active", 1);
    }

    public SimJob AttachVolume(string id, string volumeId, string? device, JobFamily family)
    {
        SimServer server = Get(id);
        CheckIdle(server, JobKind.AttachVolume);
        if (!_attachedVolumes.Add(volumeId))
        {
            throw new SimulatorFault(FaultKind.VolumeAlreadyAttached, volumeId);
        }

        string chosen = device ?? NextDevice(server);
        var volume = new SimVolume(volumeId, chosen);
        if (family == JobFamily.Nova)
        {
            server.Volumes.Add(volume);
            server.Updated = Now();
        }

        return AddJob(family, JobKind.AttachVolume, new[] { id }, null, (_, s) =>
        {
            if (!s.Volumes.Contains(volume))
            {
                s.Volumes.Add(volume);
            }

            s.Updated = Now();
        });
    }

    public SimJob DetachVolume(string id, string volumeId, JobFamily family)
    {
        SimServer server = Get(id);
        SimVolume volume = server.Volumes.FirstOrDefault(v => v.VolumeId == volumeId) ?? throw new SimulatorFault(FaultKind.VolumeNotAttached, $"volume {volumeId} is not attached to server {id}");
        if (family == JobFamily.Nova)
        {
            server.Volumes.Remove(volume);
        }

        return AddJob(family, JobKind.DetachVolume, new[] { id }, null, (_, s) =>
        {
            s.Volumes.Remove(volume);
            _attachedVolumes.Remove(volume.VolumeId);
        });
    }

    public (SimJob Job, IReadOnlyList<SimNic> Nics) AddNics(string id, IReadOnlyList<(string SubnetId, string? IpAddress)> nics, JobFamily family)
    {
        SimServer server = Get(id);
        var added = nics.Select(n => NewNic(n.SubnetId, n.IpAddress)).ToList();
        if (family == JobFamily.Nova)
        {
            server.Nics.AddRange(added);
        }

        var targets = added.Select(n => new SubJobTarget(NewHex(32), id, n.PortId)).ToList();
        SimJob job = AddJob(family, JobKind.AddNics, targets, (_, s) =>
        {
            foreach (SimNic nic in added)
            {
                if (!s.Nics.Contains(nic))
                {
                    s.Nics.Add(nic);
                }
            }
        });
        return (job, added);
    }

    public SimJob DeleteNics(string id, IReadOnlyList<string> portIds, JobFamily family)
    {
        SimServer server = Get(id);
        var removed = new List<SimNic>();
        foreach (string portId in portIds)
        {
            int position = server.Nics.FindIndex(n => n.PortId == portId);
            if (position < 0)
            {
                throw new SimulatorFault(FaultKind.NicNotFound, $"port {portId} is not a NIC of server {id}");
            }

            if (position == 0)
            {
                throw new SimulatorFault(FaultKind.PrimaryNic, $"port {portId} is the primary NIC of server {id}");
            }

            removed.Add(server.Nics[position]);
        }

        if (family == JobFamily.Nova)
        {
            server.Nics.RemoveAll(removed.Contains);
        }

        var targets = removed.Select(n => new SubJobTarget(NewHex(32), id, n.PortId)).ToList();
        return AddJob(family, JobKind.DeleteNics, targets, (_, s) => s.Nics.RemoveAll(removed.Contains));
    }

    /// <summary>
    /// Changes a bare metal server's NIC found by its port ID alone (ModifyVmNic): its subnet and first IP address
    /// when given. Returns the port ID.
    /// </summary>
    public string ModifyNic(string portId, string? subnetId, string? ipAddress)
    {
        ServerIndex index = Index(ServerKind.BareMetal);
        for (int i = 0; i < index.Count; i++)
        {
            SimServer server = index[i];
            int position = server.Nics.FindIndex(n => n.PortId == portId);
            if (position >= 0)
            {
                SimNic nic = server.Nics[position];
                server.Nics[position] = nic with { SubnetId = subnetId ?? nic.SubnetId, IpAddress = ipAddress ?? nic.IpAddress };
                server.Updated = Now();
                return portId;
            }
        }

        throw new SimulatorFault(FaultKind.NicNotFound, $"port {portId} is not a NIC of any bare metal server");
    }

    /// <summary>
    /// Cold-migrates a stopped ECS (to the dedicated host given, or to the public pool without one) as a job; the
    /// server lands on another host when the job succeeds.
    /// </summary>
    public SimJob Migrate(string id, string? dedicatedHostId)
    {
        SimServer server = Get(id);
        CheckIdle(server, JobKind.Migrate);
        if (server.Status != "SHUTOFF")
        {
            throw new SimulatorFault(FaultKind.Busy, $"server {id} is {server.Status}; stop it before a cold migration");
        }

        server.TaskState = "resize_migrating";
        return AddJob(JobFamily.Ecs, JobKind.Migrate, new[] { id }, null, (_, s) =>
        {
            s.HostNumber = ++_hosts;
            s.DedicatedHostId = dedicatedHostId;
            SetPower(s, "SHUTOFF", "stopped", 4);
        });
    }

    public SimKeypair CreateKeypair(string name, string? publicKey, string type)
    {
        if (_keypairs.ContainsKey(name))
        {
            throw new SimulatorFault(FaultKind.KeypairExists, name);
        }

        if (_keypairs.Count >= _options.Quotas.KeyPairs)
        {
            throw new SimulatorFault(FaultKind.QuotaKeypairs, $"Quota exceeded, too many key pairs (at most {_options.Quotas.KeyPairs}).");
        }

        string material = NewHex(64);
        string? privateKey = publicKey is null ? "-----BEGIN RSA PRIVATE KEY-----\n" + material + "\n-----END RSA PRIVATE KEY-----\n" : null;
        publicKey ??= "ssh-rsa AAAA" + material + " Generated-by-Nova";
        string fingerprint = string.Join(":", Enumerable.Range(0, 16).Select(i => material.Substring(i * 2, 2)));
        var keypair = new SimKeypair(name, publicKey, privateKey, fingerprint, type, NowNova(), ++_keypairIds);
        _keypairs[name] = keypair;
        return keypair;
    }

    public SimKeypair GetKeypair(string name) => _keypairs.TryGetValue(name, out SimKeypair? keypair) ? keypair : throw new SimulatorFault(FaultKind.KeypairNotFound, name);

    public void DeleteKeypair(string name)
    {
        if (!_keypairs.Remove(name))
        {
            throw new SimulatorFault(FaultKind.KeypairNotFound, name);
        }
    }

    public SimServerGroup CreateServerGroup(string name, IReadOnlyList<string> policies)
    {
        if (_serverGroups.Count >= _options.Quotas.ServerGroups)
        {
            throw new SimulatorFault(FaultKind.QuotaServerGroups, $"Quota exceeded, too many server groups (at most {_options.Quotas.ServerGroups}).");
        }

        var group = new SimServerGroup { Id = NewGuid(), Name = name, Policies = policies };
        _serverGroups.Add(group);
        return group;
    }

    public SimServerGroup? FindServerGroup(string id) => _serverGroups.FirstOrDefault(g => g.Id == id);

    public SimServerGroup GetServerGroup(string id) => FindServerGroup(id) ?? throw new SimulatorFault(FaultKind.ServerGroupNotFound, id);

    public void DeleteServerGroup(string id)
    {
        SimServerGroup group = GetServerGroup(id);
        foreach (string member in group.Members)
        {
            if (Find(member) is { } server)
            {
                server.ServerGroupId = null;
            }
        }

        _serverGroups.Remove(group);
    }

    public void AddServerGroupMember(string groupId, string serverId, bool add)
    {
        SimServerGroup group = GetServerGroup(groupId);
        SimServer server = Get(serverId);
        if (add)
        {
            if (!group.Members.Contains(serverId))
            {
                group.Members.Add(serverId);
            }

            server.ServerGroupId = groupId;
        }
        else
        {
            group.Members.Remove(serverId);
            server.ServerGroupId = null;
        }
    }

    public static string Now() => DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string NowNova() => DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture);

    public string NewGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString();
    }

    public string NewHex(int length)
    {
        Span<byte> bytes = stackalloc byte[(length + 1) / 2];
        _random.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes)[..length];
    }

    public void Dispose() => _lock.Dispose();

    private void Seed(int count)
    {
        var baseTime = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        SimFlavor bms = Flavors[0];
        SimFlavor ecs = Flavors[2];
        for (int i = 0; i < count; i++)
        {
            SimFlavor flavor = i % 2 == 0 ? bms : ecs;
            CheckQuota(flavor, 1);
            string created = baseTime.AddMinutes(i).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            string name = string.Create(CultureInfo.InvariantCulture, $"seed-{(flavor.Kind == ServerKind.BareMetal ? "bms" : "ecs")}-{i + 1:D4}");
            SimServer server = AddServer(name, flavor, "8589958c-6bc7-40c6-b81b-3fe4cd2e3d85", "az1", "5849fdf1-9d79-4589-80c2-fe557990c417",
                new[] { "a5052101-11e1-4f3d-a5fa-f6ba6791219c" }, created, "r-seed");
            server.Metadata["seeded"] = "true";
            SetPower(server, "ACTIVE", "active", 1);
            server.Updated = created;
        }
    }

    private SimServer AddServer(string name, SimFlavor flavor, string imageId, string az, string vpcId, IReadOnlyList<string> subnetIds, string now, string reservation)
    {
        int host = ++_hosts;
        var server = new SimServer(++_sequence, NewGuid(), flavor.Kind)
        {
            Name = name,
            Flavor = flavor,
            ImageId = imageId,
            AvailabilityZone = az,
            VpcId = vpcId,
            Created = now,
            Updated = now,
            ReservationId = reservation,
            HostNumber = host,
        };
        server.Metadata["op_svc_userid"] = "sim-user";
        server.Metadata["vpc_id"] = vpcId;
        foreach (string subnet in subnetIds.Count == 0 ? new[] { "subnet-default" } : subnetIds)
        {
            server.Nics.Add(NewNic(subnet, null));
        }

        _servers.Add(server.Id, server);
        _all.Add(server);
        Index(flavor.Kind).Add(server);
        CoresUsed += flavor.Vcpus;
        RamUsed += flavor.RamMb;
        return server;
    }

    private void RemoveServer(SimServer server)
    {
        if (!_servers.Remove(server.Id))
        {
            return;
        }

        server.Deleted = true;
        server.Status = "DELETED";
        foreach (SimVolume volume in server.Volumes)
        {
            _attachedVolumes.Remove(volume.VolumeId);
        }

        _all.Remove(server);
        Index(server.Kind).Remove(server);
        CoresUsed -= server.Flavor.Vcpus;
        RamUsed -= server.Flavor.RamMb;
        if (server.ServerGroupId is { } groupId && FindServerGroup(groupId) is { } group)
        {
            group.Members.Remove(server.Id);
        }
    }

    private void ChangeFlavor(SimServer server, SimFlavor flavor)
    {
        CoresUsed += flavor.Vcpus - server.Flavor.Vcpus;
        RamUsed += flavor.RamMb - server.Flavor.RamMb;
        server.PreviousFlavor = server.Flavor;
        server.Flavor = flavor;
        server.Updated = Now();
    }

    private void CheckQuota(SimFlavor flavor, int count, SimFlavor? replaced = null)
    {
        SimulatorQuotas quotas = _options.Quotas;
        if (InstancesUsed + count > quotas.Instances)
        {
            throw new SimulatorFault(FaultKind.QuotaInstances, $"Quota exceeded for instances: Requested {count}, but already used {InstancesUsed} of {quotas.Instances} instances");
        }

        int cores = (flavor.Vcpus * Math.Max(count, 1)) - (replaced?.Vcpus ?? 0);
        if (CoresUsed + cores > quotas.Cores)
        {
            throw new SimulatorFault(FaultKind.QuotaCores, $"Quota exceeded for cores: Requested {cores}, but already used {CoresUsed} of {quotas.Cores} cores");
        }

        int ram = (flavor.RamMb * Math.Max(count, 1)) - (replaced?.RamMb ?? 0);
        if (RamUsed + ram > quotas.RamMb)
        {
            throw new SimulatorFault(FaultKind.QuotaRam, $"Quota exceeded for ram: Requested {ram}, but already used {RamUsed} of {quotas.RamMb} ram");
        }
    }

    private static void CheckIdle(SimServer server, JobKind kind)
    {
        if (server.PendingJob is not null || server.Status is "BUILD" or "REBUILD" or "RESIZE" || server.TaskState.Length > 0)
        {
            throw new SimulatorFault(FaultKind.Busy, $"server {server.Id} is {server.Status} ({(server.TaskState.Length > 0 ? server.TaskState : "busy")}); {kind} is not allowed now");
        }

        if (server.Locked && kind != JobKind.AttachVolume)
        {
            throw new SimulatorFault(FaultKind.Locked, server.Id);
        }
    }

    private SimJob AddJob(JobFamily family, JobKind kind, IReadOnlyList<string> serverIds, string? nicId, Action<SimJob, SimServer> complete)
    {
        var targets = serverIds.Select(id => new SubJobTarget(NewHex(32), id, nicId)).ToList();
        return AddJob(family, kind, targets, complete);
    }

    private SimJob AddJob(JobFamily family, JobKind kind, IReadOnlyList<SubJobTarget> targets, Action<SimJob, SimServer> complete)
    {
        (string type, string subType) = JobTypes(family, kind);
        var serverIds = targets.Select(t => t.ServerId).Distinct().ToList();
        var job = new SimJob(NewHex(32), type, subType, targets, Now(), finished =>
        {
            foreach (string id in serverIds)
            {
                if (Find(id) is { } server)
                {
                    if (ReferenceEquals(server.PendingJob, finished))
                    {
                        server.PendingJob = null;
                    }

                    complete(finished, server);
                }
            }
        });
        foreach (string id in serverIds)
        {
            Get(id).PendingJob = job;
        }

        _jobs[job.Id] = job;
        if (_options.JobPollsToComplete <= 0 || family == JobFamily.Nova && kind is JobKind.AttachVolume or JobKind.DetachVolume or JobKind.AddNics or JobKind.DeleteNics)
        {
            job.Finish(job.BeginTime);
        }

        return job;
    }

    private static (string Type, string SubType) JobTypes(JobFamily family, JobKind kind) => (family, kind) switch
    {
        (JobFamily.Bms, JobKind.Create) => ("baremetalBatchCreate", "baremetalSingleCreate"),
        (JobFamily.Bms, JobKind.Start or JobKind.Stop or JobKind.Reboot) => ("baremetalBatchOperate", "baremetalSingleOperate"),
        (JobFamily.Bms, JobKind.Delete) => ("baremetalBatchDelete", "baremetalSingleDelete"),
        (JobFamily.Bms, JobKind.Reinstall) => ("baremetalReinstallOs", "baremetalReinstallOs"),
        (JobFamily.Bms, JobKind.ChangeOs) => ("baremetalChangeOsLocalDisk", "baremetalChangeOsLocalDisk"),
        (JobFamily.Bms, JobKind.Resize) => ("baremetalResize", "baremetalResize"),
        (JobFamily.Bms, JobKind.AttachVolume) => ("baremetalAttachVolume", "baremetalAttachSingleVolume"),
        (JobFamily.Bms, JobKind.DetachVolume) => ("baremetalDetachVolume", "baremetalDetachSingleVolume"),
        (JobFamily.Bms, JobKind.AddNics) => ("baremetalBatchAttachNics", "baremetalAttachSingleNic"),
        (JobFamily.Bms, JobKind.DeleteNics) => ("baremetalBatchDetachNics", "baremetalDetachSingleNic"),
        (JobFamily.Ecs or JobFamily.Nova, JobKind.Create) => ("createServer", "createSingleServer"),
        (JobFamily.Ecs or JobFamily.Nova, JobKind.Start) => ("batchStartServer", "startServer"),
        (JobFamily.Ecs or JobFamily.Nova, JobKind.Stop) => ("batchStopServer", "stopServer"),
        (JobFamily.Ecs or JobFamily.Nova, JobKind.Reboot) => ("batchRebootServer", "rebootServer"),
        (JobFamily.Ecs or JobFamily.Nova, JobKind.Delete) => ("deleteServer", "deleteSingleServer"),
        (JobFamily.Ecs or JobFamily.Nova, JobKind.Reinstall) => ("reinstallOS", "reinstallOS"),
        (JobFamily.Ecs or JobFamily.Nova, JobKind.ChangeOs) => ("changeOS", "changeOS"),
        (JobFamily.Ecs or JobFamily.Nova, JobKind.Resize) => ("resizeServer", "resizeServer"),
        (JobFamily.Ecs or JobFamily.Nova, JobKind.AttachVolume) => ("attachVolume", "attachSingleVolume"),
        (JobFamily.Ecs or JobFamily.Nova, JobKind.DetachVolume) => ("detachVolume", "detachSingleVolume"),
        (JobFamily.Ecs or JobFamily.Nova, JobKind.AddNics) => ("attachNics", "attachSingleNic"),
        (JobFamily.Ecs or JobFamily.Nova, JobKind.DeleteNics) => ("detachNics", "detachSingleNic"),
        (JobFamily.Ecs or JobFamily.Nova, JobKind.Migrate) => ("migrateServer", "migrateSingleServer"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown job kind."),
    };

    private static void SetPower(SimServer server, string status, string vmState, int powerState)
    {
        server.Status = status;
        server.VmState = vmState;
        server.PowerState = powerState;
        server.TaskState = string.Empty;
        server.Updated = Now();
    }

    private SimNic NewNic(string subnetId, string? ip)
    {
        int n = _random.Next(2, 65000);
        return new SimNic(
            NewGuid(),
            subnetId,
            ip ?? string.Create(CultureInfo.InvariantCulture, $"192.168.{n / 250}.{(n % 250) + 2}"),
            "fa:16:3e:" + string.Join(":", NewHex(6).Chunk(2).Select(c => new string(c))));
    }

    private static string NextDevice(SimServer server)
    {
        for (char letter = 'b'; letter <= 'z'; letter++)
        {
            string device = "/dev/sd" + letter;
            if (server.Volumes.All(v => v.Device != device))
            {
                return device;
            }
        }

        return "/dev/sdz" + server.Volumes.Count.ToString(CultureInfo.InvariantCulture);
    }
}

/// <summary>Releases the state's lock when disposed.</summary>
internal readonly struct LockScope : IDisposable
{
    private readonly ReaderWriterLockSlim _lock;
    private readonly bool _write;

    public LockScope(ReaderWriterLockSlim @lock, bool write)
    {
        _lock = @lock;
        _write = write;
    }

    public void Dispose()
    {
        if (_write)
        {
            _lock.ExitWriteLock();
        }
        else
        {
            _lock.ExitReadLock();
        }
    }
}

/// <summary>Lookups that see only one kind of server, as each API does (the BMS API does not show ECSs, and the reverse).</summary>
internal static class ServerKindLookups
{
    public static SimServer Get(this SimulatorState state, string id, ServerKind kind)
    {
        SimServer server = state.Get(id);
        return server.Kind == kind ? server : throw new SimulatorFault(FaultKind.ServerNotFound, id);
    }

    public static SimServer Poll(this SimulatorState state, string id, ServerKind kind)
    {
        state.Get(id, kind);
        return state.Poll(id);
    }

    public static void Expect(this SimulatorState state, IEnumerable<string> ids, ServerKind kind)
    {
        foreach (string id in ids)
        {
            state.Get(id, kind);
        }
    }
}
