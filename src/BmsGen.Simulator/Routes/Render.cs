using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using BmsGen.Simulator.State;

namespace BmsGen.Simulator.Routes;

/// <summary>
/// Writes the simulator's objects in each API's documented shape (the schemas in <c>specs/</c>): the BMS server
/// detail, the ECS cloud server detail and the Nova server detail differ in member names and types (the address
/// version is a string for BMS and a number for ECS and Nova; flavor sizes are strings for BMS and ECS, numbers for Nova).
/// Callers hold the state's lock.
/// </summary>
internal static class Render
{
    public const string BareMetalTag = "__type_baremetal";

    public static void BmsServer(Utf8JsonWriter w, SimServer s, string baseUrl, string projectId)
    {
        w.WriteStartObject();
        CommonServer(w, s, projectId, addressVersionAsString: true, flavorNumbers: false);
        w.WriteString("OS-EXT-SRV-ATTR:hostname", s.Name);
        w.WriteString("OS-EXT-SRV-ATTR:reservation_id", s.ReservationId);
        w.WriteString("host_status", "UP");
        w.WriteStartArray("tags");
        foreach (string tag in NovaTags(s))
        {
            w.WriteStringValue(tag);
        }

        w.WriteEndArray();
        Links(w, baseUrl, $"/v1/{projectId}/baremetalservers/{s.Id}");
        w.WriteEndObject();
    }

    public static void BmsListItem(Utf8JsonWriter w, SimServer s, string projectId)
    {
        w.WriteStartObject();
        w.WriteString("id", s.Id);
        w.WriteString("user_id", "sim-user");
        w.WriteString("name", s.Name);
        w.WriteString("created", s.Created);
        w.WriteString("updated", s.Updated);
        w.WriteString("tenant_id", projectId);
        w.WriteStartObject("flavor");
        w.WriteString("id", s.Flavor.Id);
        w.WriteString("name", s.Flavor.Id);
        w.WriteNumber("disk", s.Flavor.DiskGb);
        w.WriteNumber("vcpus", s.Flavor.Vcpus);
        w.WriteNumber("ram", s.Flavor.RamMb);
        w.WriteEndObject();
        w.WriteString("status", s.Status);
        if (s.TaskState.Length > 0)
        {
            w.WriteString("task_state", s.TaskState);
        }
        else
        {
            w.WriteNull("task_state");
        }

        w.WriteString("vm_state", s.VmState);
        w.WriteString("availability_zone", s.AvailabilityZone);
        w.WriteBoolean("in_recycle_bin", false);
        w.WriteEndObject();
    }

    public static void EcsServer(Utf8JsonWriter w, SimServer s, string baseUrl, string projectId) =>
        ComputeServer(w, s, baseUrl, projectId, $"/v1/{projectId}/cloudservers/{s.Id}", ecsShape: true);

    public static void NovaServer(Utf8JsonWriter w, SimServer s, string baseUrl, string projectId) =>
        ComputeServer(w, s, baseUrl, projectId, $"/v2.1/{projectId}/servers/{s.Id}", ecsShape: false);

    /// <summary>
    /// An ECS or Nova server: the same compute server in two dialects. ECS gives the flavor as strings, the launch index
    /// as a string and adds the enterprise project; Nova gives flavor numbers and a numeric launch index.
    /// </summary>
    private static void ComputeServer(Utf8JsonWriter w, SimServer s, string baseUrl, string projectId, string selfPath, bool ecsShape)
    {
        w.WriteStartObject();
        CommonServer(w, s, projectId, addressVersionAsString: false, flavorNumbers: !ecsShape);
        w.WriteString("OS-EXT-SRV-ATTR:hostname", s.Name);
        w.WriteString("OS-EXT-SRV-ATTR:reservation_id", s.ReservationId);
        if (ecsShape)
        {
            w.WriteString("OS-EXT-SRV-ATTR:launch_index", "0");
        }
        else
        {
            w.WriteNumber("OS-EXT-SRV-ATTR:launch_index", 0);
        }

        w.WriteString("host_status", "UP");
        if (ecsShape)
        {
            w.WriteString("enterprise_project_id", "0");
        }

        w.WriteStartArray("tags");
        foreach (string tag in NovaTags(s))
        {
            w.WriteStringValue(tag);
        }

        w.WriteEndArray();
        Links(w, baseUrl, selfPath);
        w.WriteEndObject();
    }

    public static void NovaSummary(Utf8JsonWriter w, SimServer s, string baseUrl, string projectId)
    {
        w.WriteStartObject();
        w.WriteString("id", s.Id);
        w.WriteString("name", s.Name);
        Links(w, baseUrl, $"/v2.1/{projectId}/servers/{s.Id}");
        w.WriteEndObject();
    }

    /// <summary>The Nova view of tags: <c>key=value</c>, or <c>key</c> when the value is empty; bare metal servers also carry the system tag.</summary>
    public static IEnumerable<string> NovaTags(SimServer s)
    {
        if (s.Kind == ServerKind.BareMetal)
        {
            yield return BareMetalTag;
        }

        foreach ((string key, string value) in s.Tags)
        {
            yield return value.Length == 0 ? key : key + "=" + value;
        }
    }

    public static void Job(Utf8JsonWriter w, SimJob job)
    {
        w.WriteStartObject();
        w.WriteString("status", job.Status);
        w.WriteStartObject("entities");
        w.WriteNumber("sub_jobs_total", job.Targets.Count);
        w.WriteStartArray("sub_jobs");
        foreach (SubJobTarget target in job.Targets)
        {
            w.WriteStartObject();
            w.WriteString("status", job.Status);
            w.WriteStartObject("entities");
            w.WriteString("server_id", target.ServerId);
            if (target.NicId is not null)
            {
                w.WriteString("nic_id", target.NicId);
            }

            w.WriteEndObject();
            w.WriteString("job_id", target.SubJobId);
            w.WriteString("job_type", job.SubType);
            w.WriteString("begin_time", job.BeginTime);
            WriteNullable(w, "end_time", job.EndTime);
            w.WriteNull("error_code");
            w.WriteNull("fail_reason");
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteString("job_id", job.Id);
        w.WriteString("job_type", job.Type);
        w.WriteString("begin_time", job.BeginTime);
        WriteNullable(w, "end_time", job.EndTime);
        w.WriteNull("error_code");
        w.WriteNull("fail_reason");
        w.WriteEndObject();
    }

    public static void JobId(Utf8JsonWriter w, SimJob job)
    {
        w.WriteStartObject();
        w.WriteString("job_id", job.Id);
        w.WriteEndObject();
    }

    /// <summary>A flavor as BMS and ECS flavor lists show it (sizes as strings, RAM as a number).</summary>
    public static void HuaweiFlavor(Utf8JsonWriter w, SimFlavor f)
    {
        w.WriteStartObject();
        w.WriteString("id", f.Id);
        w.WriteString("name", f.Id);
        w.WriteString("vcpus", f.Vcpus.ToString(CultureInfo.InvariantCulture));
        w.WriteNumber("ram", f.RamMb);
        w.WriteString("disk", f.DiskGb.ToString(CultureInfo.InvariantCulture));
        w.WriteString("swap", string.Empty);
        w.WriteNumber("OS-FLV-EXT-DATA:ephemeral", 0);
        w.WriteBoolean("OS-FLV-DISABLED:disabled", false);
        w.WriteNumber("rxtx_factor", 1.0);
        w.WriteNull("rxtx_quota");
        w.WriteNull("rxtx_cap");
        w.WriteBoolean("os-flavor-access:is_public", true);
        w.WriteStartObject("os_extra_specs");
        if (f.Kind == ServerKind.BareMetal)
        {
            w.WriteString("baremetal:disk_detail", f.DiskDetail);
            w.WriteString("resource_type", "ironic");
            w.WriteString("capabilities:hypervisor_type", "ironic");
        }
        else
        {
            w.WriteString("ecs:performancetype", "normal");
            w.WriteString("resource_type", "IES");
            w.WriteString("cond:operation:status", "normal");
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    public static void NovaFlavor(Utf8JsonWriter w, SimFlavor f, string baseUrl, string projectId)
    {
        w.WriteStartObject();
        w.WriteString("id", f.Id);
        w.WriteString("name", f.Id);
        w.WriteNumber("vcpus", f.Vcpus);
        w.WriteNumber("ram", f.RamMb);
        w.WriteNumber("disk", f.DiskGb);
        w.WriteString("swap", string.Empty);
        w.WriteNumber("OS-FLV-EXT-DATA:ephemeral", 0);
        w.WriteBoolean("OS-FLV-DISABLED:disabled", false);
        w.WriteNumber("rxtx_factor", 1.0);
        w.WriteBoolean("os-flavor-access:is_public", true);
        Links(w, baseUrl, $"/v2.1/{projectId}/flavors/{f.Id}");
        w.WriteEndObject();
    }

    public static void Interface(Utf8JsonWriter w, SimNic nic, string vpcId)
    {
        w.WriteStartObject();
        w.WriteString("port_state", "ACTIVE");
        w.WriteStartArray("fixed_ips");
        w.WriteStartObject();
        w.WriteString("subnet_id", nic.SubnetId);
        w.WriteString("ip_address", nic.IpAddress);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteString("net_id", vpcId);
        w.WriteString("port_id", nic.PortId);
        w.WriteString("mac_addr", nic.MacAddress);
        w.WriteEndObject();
    }

    public static void VolumeAttachment(Utf8JsonWriter w, SimServer s, SimVolume v)
    {
        w.WriteStartObject();
        w.WriteString("device", v.Device);
        w.WriteString("id", v.VolumeId);
        w.WriteString("serverId", s.Id);
        w.WriteString("volumeId", v.VolumeId);
        w.WriteEndObject();
    }

    /// <summary>The absolute limits of BMS, ECS and Nova: quotas and what is used.</summary>
    public static void AbsoluteLimits(Utf8JsonWriter w, SimulatorState state)
    {
        SimulatorQuotas q = state.Options.Quotas;
        w.WriteStartObject("absolute");
        w.WriteNumber("maxTotalInstances", q.Instances);
        w.WriteNumber("maxTotalCores", q.Cores == int.MaxValue ? -1 : q.Cores);
        w.WriteNumber("maxTotalRAMSize", q.RamMb == int.MaxValue ? -1 : q.RamMb);
        w.WriteNumber("maxTotalKeypairs", q.KeyPairs);
        w.WriteNumber("maxServerMeta", 128);
        w.WriteNumber("maxPersonality", 5);
        w.WriteNumber("maxPersonalitySize", 10240);
        w.WriteNumber("maxServerGroups", q.ServerGroups);
        w.WriteNumber("maxServerGroupMembers", 16);
        w.WriteNumber("totalServerGroupsUsed", state.ServerGroups.Count);
        w.WriteNumber("maxSecurityGroups", 100);
        w.WriteNumber("maxSecurityGroupRules", 5000);
        w.WriteNumber("maxTotalFloatingIps", 10);
        w.WriteNumber("maxImageMeta", 128);
        w.WriteNumber("totalInstancesUsed", state.InstancesUsed);
        w.WriteNumber("totalCoresUsed", state.CoresUsed);
        w.WriteNumber("totalRAMUsed", state.RamUsed);
        w.WriteNumber("totalSecurityGroupsUsed", 1);
        w.WriteNumber("totalFloatingIpsUsed", 0);
        w.WriteEndObject();
    }

    public static void ServerGroup(Utf8JsonWriter w, SimServerGroup g, string projectId)
    {
        w.WriteStartObject();
        w.WriteString("id", g.Id);
        w.WriteString("name", g.Name);
        w.WriteStartArray("policies");
        foreach (string policy in g.Policies)
        {
            w.WriteStringValue(policy);
        }

        w.WriteEndArray();
        w.WriteStartArray("members");
        foreach (string member in g.Members)
        {
            w.WriteStringValue(member);
        }

        w.WriteEndArray();
        w.WriteStartObject("metadata");
        w.WriteEndObject();
        w.WriteString("project_id", projectId);
        w.WriteString("user_id", "sim-user");
        w.WriteEndObject();
    }

    public static void Keypair(Utf8JsonWriter w, SimKeypair k, bool withPrivateKey, bool full)
    {
        w.WriteStartObject();
        w.WriteString("name", k.Name);
        w.WriteString("fingerprint", k.Fingerprint);
        w.WriteString("public_key", k.PublicKey);
        if (withPrivateKey && k.PrivateKey is not null)
        {
            w.WriteString("private_key", k.PrivateKey);
        }

        w.WriteString("type", k.Type);
        w.WriteString("user_id", "sim-user");
        if (full)
        {
            w.WriteNumber("id", k.Id);
            w.WriteString("created_at", k.CreatedAt);
            w.WriteNull("updated_at");
            w.WriteBoolean("deleted", false);
            w.WriteNull("deleted_at");
        }

        w.WriteEndObject();
    }

    public static void Metadata(Utf8JsonWriter w, IReadOnlyDictionary<string, string> metadata)
    {
        w.WriteStartObject("metadata");
        foreach ((string key, string value) in metadata)
        {
            w.WriteString(key, value);
        }

        w.WriteEndObject();
    }

    private static void CommonServer(Utf8JsonWriter w, SimServer s, string projectId, bool addressVersionAsString, bool flavorNumbers)
    {
        w.WriteString("id", s.Id);
        w.WriteString("name", s.Name);
        w.WriteString("description", s.Description);
        w.WriteString("status", s.Status);
        w.WriteString("tenant_id", projectId);
        w.WriteString("user_id", "sim-user");
        w.WriteString("created", s.Created);
        w.WriteString("updated", s.Updated);
        w.WriteString("hostId", "sim-host-" + s.HostNumber.ToString(CultureInfo.InvariantCulture));
        w.WriteStartObject("addresses");
        w.WriteStartArray(s.VpcId);
        foreach (SimNic nic in s.Nics)
        {
            w.WriteStartObject();
            if (addressVersionAsString)
            {
                w.WriteString("version", "4");
            }
            else
            {
                w.WriteNumber("version", 4);
            }

            w.WriteString("addr", nic.IpAddress);
            w.WriteString("OS-EXT-IPS-MAC:mac_addr", nic.MacAddress);
            w.WriteString("OS-EXT-IPS:type", "fixed");
            w.WriteString("OS-EXT-IPS:port_id", nic.PortId);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        if (s.KeyName is not null)
        {
            w.WriteString("key_name", s.KeyName);
        }

        w.WriteStartObject("image");
        w.WriteString("id", s.ImageId);
        w.WriteEndObject();
        w.WriteStartObject("flavor");
        w.WriteString("id", s.Flavor.Id);
        if (flavorNumbers)
        {
            w.WriteNumber("vcpus", s.Flavor.Vcpus);
            w.WriteNumber("ram", s.Flavor.RamMb);
            w.WriteNumber("disk", s.Flavor.DiskGb);
            w.WriteString("original_name", s.Flavor.Id);
        }
        else
        {
            w.WriteString("name", s.Flavor.Id);
            w.WriteString("vcpus", s.Flavor.Vcpus.ToString(CultureInfo.InvariantCulture));
            w.WriteString("ram", s.Flavor.RamMb.ToString(CultureInfo.InvariantCulture));
            w.WriteString("disk", s.Flavor.DiskGb.ToString(CultureInfo.InvariantCulture));
        }

        w.WriteEndObject();
        w.WriteStartArray("security_groups");
        w.WriteStartObject();
        w.WriteString("name", "default");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteString("accessIPv4", string.Empty);
        w.WriteString("accessIPv6", string.Empty);
        w.WriteNumber("progress", s.Status == "BUILD" ? 50 : 0);
        w.WriteString("config_drive", string.Empty);
        Metadata(w, s.Metadata);
        if (s.TaskState.Length > 0)
        {
            w.WriteString("OS-EXT-STS:task_state", s.TaskState);
        }
        else
        {
            w.WriteNull("OS-EXT-STS:task_state");
        }

        w.WriteString("OS-EXT-STS:vm_state", s.VmState);
        w.WriteNumber("OS-EXT-STS:power_state", s.PowerState);
        w.WriteString("OS-EXT-SRV-ATTR:host", "sim-host-" + s.HostNumber.ToString(CultureInfo.InvariantCulture));
        w.WriteString("OS-EXT-SRV-ATTR:instance_name", "instance-" + s.HostNumber.ToString("x8", CultureInfo.InvariantCulture));
        w.WriteString("OS-EXT-SRV-ATTR:hypervisor_hostname", "sim-hypervisor");
        w.WriteString("OS-EXT-AZ:availability_zone", s.AvailabilityZone);
        w.WriteString("OS-DCF:diskConfig", "MANUAL");
        w.WriteString("OS-SRV-USG:launched_at", s.Created);
        w.WriteNull("OS-SRV-USG:terminated_at");
        w.WriteString("OS-EXT-SRV-ATTR:root_device_name", "/dev/sda");
        w.WriteStartArray("os-extended-volumes:volumes_attached");
        foreach (SimVolume volume in s.Volumes)
        {
            w.WriteStartObject();
            w.WriteString("id", volume.VolumeId);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteBoolean("locked", s.Locked);
    }

    private static void Links(Utf8JsonWriter w, string baseUrl, string path)
    {
        w.WriteStartArray("links");
        w.WriteStartObject();
        w.WriteString("rel", "self");
        w.WriteString("href", baseUrl + path);
        w.WriteEndObject();
        w.WriteStartObject();
        w.WriteString("rel", "bookmark");
        w.WriteString("href", baseUrl + path);
        w.WriteEndObject();
        w.WriteEndArray();
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}
