using System;
using System.Collections.Generic;

namespace BmsGen.Simulator.State;

/// <summary>Whether a server is a bare metal server or an elastic cloud server; decided by its flavor.</summary>
internal enum ServerKind
{
    BareMetal,
    Elastic,
}

/// <summary>One NIC of a server: a port on a subnet.</summary>
internal sealed record SimNic(string PortId, string SubnetId, string IpAddress, string MacAddress);

/// <summary>One attached volume.</summary>
internal sealed record SimVolume(string VolumeId, string Device);

/// <summary>
/// A server as the simulator keeps it. Every API renders it in its own shape (<c>Rendering</c>); all fields are
/// read and written only under the state's lock.
/// </summary>
internal sealed class SimServer
{
    public SimServer(long sequence, string id, ServerKind kind)
    {
        Sequence = sequence;
        Id = id;
        Kind = kind;
    }

    /// <summary>The creation order; lists are ordered by it.</summary>
    public long Sequence { get; }

    public string Id { get; }

    public ServerKind Kind { get; }

    public required string Name { get; set; }

    public string Description { get; set; } = string.Empty;

    public string Status { get; set; } = "BUILD";

    public string VmState { get; set; } = "building";

    public string TaskState { get; set; } = "scheduling";

    public int PowerState { get; set; }

    public required SimFlavor Flavor { get; set; }

    /// <summary>The flavor a Nova resize left to confirm or revert.</summary>
    public SimFlavor? PreviousFlavor { get; set; }

    public required string ImageId { get; set; }

    public required string AvailabilityZone { get; set; }

    public required string VpcId { get; set; }

    public string? KeyName { get; set; }

    public required string Created { get; init; }

    public required string Updated { get; set; }

    public string ReservationId { get; init; } = string.Empty;

    public int HostNumber { get; set; }

    /// <summary>The dedicated host the server runs on after a cold migration to one; null in the public pool.</summary>
    public string? DedicatedHostId { get; set; }

    public bool Locked { get; set; }

    public Dictionary<string, string> Metadata { get; } = new(StringComparer.Ordinal);

    /// <summary>Tags as key and value; Nova shows them as <c>key=value</c> (or <c>key</c> with an empty value).</summary>
    public List<KeyValuePair<string, string>> Tags { get; } = new();

    public List<SimNic> Nics { get; } = new();

    public List<SimVolume> Volumes { get; } = new();

    public string? ServerGroupId { get; set; }

    /// <summary>The encrypted administrator password a Windows image would post; empty when none or cleared.</summary>
    public string Password { get; set; } = string.Empty;

    /// <summary>The metadata service options (Bare Metal Server API Reference metadata-options).</summary>
    public string MetadataHttpEndpoint { get; set; } = "enabled";

    public string MetadataHttpTokens { get; set; } = "optional";

    /// <summary>The unfinished job that works on this server, if any; reading the server advances it.</summary>
    public SimJob? PendingJob { get; set; }

    public bool Deleted { get; set; }
}

/// <summary>A flavor: BMS flavors make bare metal servers, the others elastic cloud servers.</summary>
internal sealed record SimFlavor(string Id, int Vcpus, int RamMb, int DiskGb, ServerKind Kind, string DiskDetail);
