using System.Collections.Generic;
using System.Text.Json.Serialization;
using Newtonsoft.Json;

// Plain classes over the same wire fields as the generated models, for System.Text.Json (source-generated and
// reflection) and Newtonsoft.Json: every member the payloads carry, enum-like values as strings, as a hand-written
// client would declare them.
namespace BmsGen.Benchmarks.Plain;

public sealed class PlainServerList
{
    [JsonPropertyName("servers"), JsonProperty("servers")] public List<PlainServer>? Servers { get; set; }
    [JsonPropertyName("count"), JsonProperty("count")] public int? Count { get; set; }
}

public sealed class PlainServerShow
{
    [JsonPropertyName("server"), JsonProperty("server")] public PlainServer? Server { get; set; }
}

public sealed class PlainServer
{
    [JsonPropertyName("id"), JsonProperty("id")] public string? Id { get; set; }
    [JsonPropertyName("user_id"), JsonProperty("user_id")] public string? UserId { get; set; }
    [JsonPropertyName("name"), JsonProperty("name")] public string? Name { get; set; }
    [JsonPropertyName("created"), JsonProperty("created")] public string? Created { get; set; }
    [JsonPropertyName("updated"), JsonProperty("updated")] public string? Updated { get; set; }
    [JsonPropertyName("tenant_id"), JsonProperty("tenant_id")] public string? TenantId { get; set; }
    [JsonPropertyName("hostId"), JsonProperty("hostId")] public string? HostId { get; set; }
    [JsonPropertyName("addresses"), JsonProperty("addresses")] public Dictionary<string, List<PlainAddress>>? Addresses { get; set; }
    [JsonPropertyName("key_name"), JsonProperty("key_name")] public string? KeyName { get; set; }
    [JsonPropertyName("image"), JsonProperty("image")] public PlainImage? Image { get; set; }
    [JsonPropertyName("flavor"), JsonProperty("flavor")] public PlainFlavor? Flavor { get; set; }
    [JsonPropertyName("security_groups"), JsonProperty("security_groups")] public List<PlainSecurityGroup>? SecurityGroups { get; set; }
    [JsonPropertyName("accessIPv4"), JsonProperty("accessIPv4")] public string? AccessIPv4 { get; set; }
    [JsonPropertyName("accessIPv6"), JsonProperty("accessIPv6")] public string? AccessIPv6 { get; set; }
    [JsonPropertyName("status"), JsonProperty("status")] public string? Status { get; set; }
    [JsonPropertyName("progress"), JsonProperty("progress")] public int? Progress { get; set; }
    [JsonPropertyName("config_drive"), JsonProperty("config_drive")] public string? ConfigDrive { get; set; }
    [JsonPropertyName("metadata"), JsonProperty("metadata")] public Dictionary<string, string>? Metadata { get; set; }
    [JsonPropertyName("OS-EXT-STS:task_state"), JsonProperty("OS-EXT-STS:task_state")] public string? TaskState { get; set; }
    [JsonPropertyName("OS-EXT-STS:vm_state"), JsonProperty("OS-EXT-STS:vm_state")] public string? VmState { get; set; }
    [JsonPropertyName("OS-EXT-SRV-ATTR:host"), JsonProperty("OS-EXT-SRV-ATTR:host")] public string? Host { get; set; }
    [JsonPropertyName("OS-EXT-SRV-ATTR:instance_name"), JsonProperty("OS-EXT-SRV-ATTR:instance_name")] public string? InstanceName { get; set; }
    [JsonPropertyName("OS-EXT-STS:power_state"), JsonProperty("OS-EXT-STS:power_state")] public int? PowerState { get; set; }
    [JsonPropertyName("OS-EXT-SRV-ATTR:hypervisor_hostname"), JsonProperty("OS-EXT-SRV-ATTR:hypervisor_hostname")] public string? HypervisorHostname { get; set; }
    [JsonPropertyName("OS-EXT-AZ:availability_zone"), JsonProperty("OS-EXT-AZ:availability_zone")] public string? AvailabilityZone { get; set; }
    [JsonPropertyName("OS-DCF:diskConfig"), JsonProperty("OS-DCF:diskConfig")] public string? DiskConfig { get; set; }
    [JsonPropertyName("fault"), JsonProperty("fault")] public PlainFault? Fault { get; set; }
    [JsonPropertyName("OS-SRV-USG:launched_at"), JsonProperty("OS-SRV-USG:launched_at")] public string? LaunchedAt { get; set; }
    [JsonPropertyName("OS-SRV-USG:terminated_at"), JsonProperty("OS-SRV-USG:terminated_at")] public string? TerminatedAt { get; set; }
    [JsonPropertyName("os-extended-volumes:volumes_attached"), JsonProperty("os-extended-volumes:volumes_attached")] public List<PlainVolumeAttached>? VolumesAttached { get; set; }
    [JsonPropertyName("description"), JsonProperty("description")] public string? Description { get; set; }
    [JsonPropertyName("host_status"), JsonProperty("host_status")] public string? HostStatus { get; set; }
    [JsonPropertyName("OS-EXT-SRV-ATTR:hostname"), JsonProperty("OS-EXT-SRV-ATTR:hostname")] public string? Hostname { get; set; }
    [JsonPropertyName("OS-EXT-SRV-ATTR:reservation_id"), JsonProperty("OS-EXT-SRV-ATTR:reservation_id")] public string? ReservationId { get; set; }
    [JsonPropertyName("OS-EXT-SRV-ATTR:launch_index"), JsonProperty("OS-EXT-SRV-ATTR:launch_index")] public int? LaunchIndex { get; set; }
    [JsonPropertyName("OS-EXT-SRV-ATTR:kernel_id"), JsonProperty("OS-EXT-SRV-ATTR:kernel_id")] public string? KernelId { get; set; }
    [JsonPropertyName("OS-EXT-SRV-ATTR:ramdisk_id"), JsonProperty("OS-EXT-SRV-ATTR:ramdisk_id")] public string? RamdiskId { get; set; }
    [JsonPropertyName("OS-EXT-SRV-ATTR:root_device_name"), JsonProperty("OS-EXT-SRV-ATTR:root_device_name")] public string? RootDeviceName { get; set; }
    [JsonPropertyName("OS-EXT-SRV-ATTR:user_data"), JsonProperty("OS-EXT-SRV-ATTR:user_data")] public string? UserData { get; set; }
    [JsonPropertyName("locked"), JsonProperty("locked")] public bool? Locked { get; set; }
    [JsonPropertyName("tags"), JsonProperty("tags")] public List<string>? Tags { get; set; }
    [JsonPropertyName("os:scheduler_hints"), JsonProperty("os:scheduler_hints")] public PlainSchedulerHints? SchedulerHints { get; set; }
    [JsonPropertyName("sys_tags"), JsonProperty("sys_tags")] public List<PlainKeyValue>? SysTags { get; set; }
    [JsonPropertyName("enterprise_project_id"), JsonProperty("enterprise_project_id")] public string? EnterpriseProjectId { get; set; }
    [JsonPropertyName("links"), JsonProperty("links")] public List<PlainLink>? Links { get; set; }
}

public sealed class PlainAddress
{
    [JsonPropertyName("version"), JsonProperty("version")] public string? Version { get; set; }
    [JsonPropertyName("addr"), JsonProperty("addr")] public string? Addr { get; set; }
    [JsonPropertyName("OS-EXT-IPS:type"), JsonProperty("OS-EXT-IPS:type")] public string? Type { get; set; }
    [JsonPropertyName("OS-EXT-IPS-MAC:mac_addr"), JsonProperty("OS-EXT-IPS-MAC:mac_addr")] public string? MacAddr { get; set; }
    [JsonPropertyName("OS-EXT-IPS:port_id"), JsonProperty("OS-EXT-IPS:port_id")] public string? PortId { get; set; }
}

public sealed class PlainFlavor
{
    [JsonPropertyName("id"), JsonProperty("id")] public string? Id { get; set; }
    [JsonPropertyName("name"), JsonProperty("name")] public string? Name { get; set; }
    [JsonPropertyName("disk"), JsonProperty("disk")] public string? Disk { get; set; }
    [JsonPropertyName("vcpus"), JsonProperty("vcpus")] public string? Vcpus { get; set; }
    [JsonPropertyName("ram"), JsonProperty("ram")] public string? Ram { get; set; }
    [JsonPropertyName("links"), JsonProperty("links")] public List<PlainLink>? Links { get; set; }
}

public sealed class PlainImage
{
    [JsonPropertyName("id"), JsonProperty("id")] public string? Id { get; set; }
    [JsonPropertyName("name"), JsonProperty("name")] public string? Name { get; set; }
    [JsonPropertyName("_os_type"), JsonProperty("_os_type")] public string? OsType { get; set; }
    [JsonPropertyName("links"), JsonProperty("links")] public List<PlainLink>? Links { get; set; }
}

public sealed class PlainSecurityGroup
{
    [JsonPropertyName("name"), JsonProperty("name")] public string? Name { get; set; }
    [JsonPropertyName("id"), JsonProperty("id")] public string? Id { get; set; }
}

public sealed class PlainFault
{
    [JsonPropertyName("message"), JsonProperty("message")] public string? Message { get; set; }
    [JsonPropertyName("code"), JsonProperty("code")] public int? Code { get; set; }
    [JsonPropertyName("details"), JsonProperty("details")] public string? Details { get; set; }
    [JsonPropertyName("created"), JsonProperty("created")] public string? Created { get; set; }
}

public sealed class PlainVolumeAttached
{
    [JsonPropertyName("id"), JsonProperty("id")] public string? Id { get; set; }
    [JsonPropertyName("delete_on_termination"), JsonProperty("delete_on_termination")] public string? DeleteOnTermination { get; set; }
    [JsonPropertyName("bootIndex"), JsonProperty("bootIndex")] public string? BootIndex { get; set; }
    [JsonPropertyName("device"), JsonProperty("device")] public string? Device { get; set; }
}

public sealed class PlainSchedulerHints
{
    [JsonPropertyName("dec_baremetal"), JsonProperty("dec_baremetal")] public List<string>? DecBaremetal { get; set; }
    [JsonPropertyName("group"), JsonProperty("group")] public List<string>? Group { get; set; }
}

public sealed class PlainKeyValue
{
    [JsonPropertyName("key"), JsonProperty("key")] public string? Key { get; set; }
    [JsonPropertyName("value"), JsonProperty("value")] public string? Value { get; set; }
}

public sealed class PlainLink
{
    [JsonPropertyName("href"), JsonProperty("href")] public string? Href { get; set; }
    [JsonPropertyName("rel"), JsonProperty("rel")] public string? Rel { get; set; }
    [JsonPropertyName("type"), JsonProperty("type")] public string? Type { get; set; }
}

public sealed class PlainFlavorList
{
    [JsonPropertyName("flavors"), JsonProperty("flavors")] public List<PlainEcsFlavor>? Flavors { get; set; }
}

public sealed class PlainEcsFlavor
{
    [JsonPropertyName("id"), JsonProperty("id")] public string? Id { get; set; }
    [JsonPropertyName("name"), JsonProperty("name")] public string? Name { get; set; }
    [JsonPropertyName("vcpus"), JsonProperty("vcpus")] public string? Vcpus { get; set; }
    [JsonPropertyName("ram"), JsonProperty("ram")] public int? Ram { get; set; }
    [JsonPropertyName("disk"), JsonProperty("disk")] public string? Disk { get; set; }
    [JsonPropertyName("swap"), JsonProperty("swap")] public string? Swap { get; set; }
    [JsonPropertyName("OS-FLV-EXT-DATA:ephemeral"), JsonProperty("OS-FLV-EXT-DATA:ephemeral")] public int? Ephemeral { get; set; }
    [JsonPropertyName("OS-FLV-DISABLED:disabled"), JsonProperty("OS-FLV-DISABLED:disabled")] public bool? Disabled { get; set; }
    [JsonPropertyName("rxtx_factor"), JsonProperty("rxtx_factor")] public double? RxtxFactor { get; set; }
    [JsonPropertyName("rxtx_quota"), JsonProperty("rxtx_quota")] public string? RxtxQuota { get; set; }
    [JsonPropertyName("rxtx_cap"), JsonProperty("rxtx_cap")] public string? RxtxCap { get; set; }
    [JsonPropertyName("os-flavor-access:is_public"), JsonProperty("os-flavor-access:is_public")] public bool? IsPublic { get; set; }
    [JsonPropertyName("links"), JsonProperty("links")] public List<PlainLink>? Links { get; set; }
    [JsonPropertyName("os_extra_specs"), JsonProperty("os_extra_specs")] public PlainFlavorExtraSpecs? ExtraSpecs { get; set; }
}

public sealed class PlainFlavorExtraSpecs
{
    [JsonPropertyName("ecs:performancetype"), JsonProperty("ecs:performancetype")] public string? PerformanceType { get; set; }
    [JsonPropertyName("resource_type"), JsonProperty("resource_type")] public string? ResourceType { get; set; }
    [JsonPropertyName("instance_vnic:type"), JsonProperty("instance_vnic:type")] public string? VnicType { get; set; }
    [JsonPropertyName("instance_vnic:instance_bandwidth"), JsonProperty("instance_vnic:instance_bandwidth")] public string? VnicBandwidth { get; set; }
    [JsonPropertyName("instance_vnic:max_count"), JsonProperty("instance_vnic:max_count")] public string? VnicMaxCount { get; set; }
    [JsonPropertyName("quota:local_disk"), JsonProperty("quota:local_disk")] public string? LocalDisk { get; set; }
    [JsonPropertyName("quota:nvme_ssd"), JsonProperty("quota:nvme_ssd")] public string? NvmeSsd { get; set; }
    [JsonPropertyName("extra_spec:io:persistent_grant"), JsonProperty("extra_spec:io:persistent_grant")] public string? PersistentGrant { get; set; }
    [JsonPropertyName("ecs:generation"), JsonProperty("ecs:generation")] public string? Generation { get; set; }
    [JsonPropertyName("ecs:virtualization_env_types"), JsonProperty("ecs:virtualization_env_types")] public string? VirtualizationEnvTypes { get; set; }
    [JsonPropertyName("pci_passthrough:enable_gpu"), JsonProperty("pci_passthrough:enable_gpu")] public string? EnableGpu { get; set; }
    [JsonPropertyName("pci_passthrough:gpu_specs"), JsonProperty("pci_passthrough:gpu_specs")] public string? GpuSpecs { get; set; }
    [JsonPropertyName("pci_passthrough:alias"), JsonProperty("pci_passthrough:alias")] public string? PciAlias { get; set; }
    [JsonPropertyName("cond:operation:status"), JsonProperty("cond:operation:status")] public string? OperationStatus { get; set; }
    [JsonPropertyName("cond:operation:az"), JsonProperty("cond:operation:az")] public string? OperationAz { get; set; }
    [JsonPropertyName("quota:max_rate"), JsonProperty("quota:max_rate")] public string? MaxRate { get; set; }
    [JsonPropertyName("quota:min_rate"), JsonProperty("quota:min_rate")] public string? MinRate { get; set; }
    [JsonPropertyName("quota:max_pps"), JsonProperty("quota:max_pps")] public string? MaxPps { get; set; }
    [JsonPropertyName("cond:operation:charge"), JsonProperty("cond:operation:charge")] public string? OperationCharge { get; set; }
    [JsonPropertyName("cond:compute"), JsonProperty("cond:compute")] public string? Compute { get; set; }
}

public sealed class PlainCreateRequest
{
    [JsonPropertyName("server"), JsonProperty("server")] public PlainCreateServer? Server { get; set; }
}

public sealed class PlainCreateServer
{
    [JsonPropertyName("imageRef"), JsonProperty("imageRef")] public string? ImageRef { get; set; }
    [JsonPropertyName("flavorRef"), JsonProperty("flavorRef")] public string? FlavorRef { get; set; }
    [JsonPropertyName("name"), JsonProperty("name")] public string? Name { get; set; }
    [JsonPropertyName("user_data"), JsonProperty("user_data")] public string? UserData { get; set; }
    [JsonPropertyName("adminPass"), JsonProperty("adminPass")] public string? AdminPass { get; set; }
    [JsonPropertyName("key_name"), JsonProperty("key_name")] public string? KeyName { get; set; }
    [JsonPropertyName("vpcid"), JsonProperty("vpcid")] public string? Vpcid { get; set; }
    [JsonPropertyName("nics"), JsonProperty("nics")] public List<PlainNic>? Nics { get; set; }
    [JsonPropertyName("publicip"), JsonProperty("publicip")] public PlainPublicIp? PublicIp { get; set; }
    [JsonPropertyName("count"), JsonProperty("count")] public int? Count { get; set; }
    [JsonPropertyName("root_volume"), JsonProperty("root_volume")] public PlainVolume? RootVolume { get; set; }
    [JsonPropertyName("data_volumes"), JsonProperty("data_volumes")] public List<PlainVolume>? DataVolumes { get; set; }
    [JsonPropertyName("security_groups"), JsonProperty("security_groups")] public List<PlainSecurityGroup>? SecurityGroups { get; set; }
    [JsonPropertyName("availability_zone"), JsonProperty("availability_zone")] public string? AvailabilityZone { get; set; }
    [JsonPropertyName("extendparam"), JsonProperty("extendparam")] public PlainExtendParam? ExtendParam { get; set; }
    [JsonPropertyName("server_tags"), JsonProperty("server_tags")] public List<PlainKeyValue>? ServerTags { get; set; }
}

public sealed class PlainNic
{
    [JsonPropertyName("subnet_id"), JsonProperty("subnet_id")] public string? SubnetId { get; set; }
    [JsonPropertyName("ip_address"), JsonProperty("ip_address")] public string? IpAddress { get; set; }
}

public sealed class PlainPublicIp
{
    [JsonPropertyName("id"), JsonProperty("id")] public string? Id { get; set; }
    [JsonPropertyName("eip"), JsonProperty("eip")] public PlainEip? Eip { get; set; }
    [JsonPropertyName("delete_on_termination"), JsonProperty("delete_on_termination")] public bool? DeleteOnTermination { get; set; }
}

public sealed class PlainEip
{
    [JsonPropertyName("iptype"), JsonProperty("iptype")] public string? IpType { get; set; }
    [JsonPropertyName("bandwidth"), JsonProperty("bandwidth")] public PlainBandwidth? Bandwidth { get; set; }
}

public sealed class PlainBandwidth
{
    [JsonPropertyName("name"), JsonProperty("name")] public string? Name { get; set; }
    [JsonPropertyName("size"), JsonProperty("size")] public int? Size { get; set; }
    [JsonPropertyName("sharetype"), JsonProperty("sharetype")] public string? ShareType { get; set; }
    [JsonPropertyName("chargemode"), JsonProperty("chargemode")] public string? ChargeMode { get; set; }
    [JsonPropertyName("id"), JsonProperty("id")] public string? Id { get; set; }
}

public sealed class PlainVolume
{
    [JsonPropertyName("volumetype"), JsonProperty("volumetype")] public string? VolumeType { get; set; }
    [JsonPropertyName("size"), JsonProperty("size")] public int? Size { get; set; }
    [JsonPropertyName("shareable"), JsonProperty("shareable")] public bool? Shareable { get; set; }
    [JsonPropertyName("cluster_type"), JsonProperty("cluster_type")] public string? ClusterType { get; set; }
    [JsonPropertyName("cluster_id"), JsonProperty("cluster_id")] public string? ClusterId { get; set; }
}

public sealed class PlainExtendParam
{
    [JsonPropertyName("chargingMode"), JsonProperty("chargingMode")] public string? ChargingMode { get; set; }
    [JsonPropertyName("regionID"), JsonProperty("regionID")] public string? RegionId { get; set; }
    [JsonPropertyName("periodType"), JsonProperty("periodType")] public string? PeriodType { get; set; }
    [JsonPropertyName("periodNum"), JsonProperty("periodNum")] public int? PeriodNum { get; set; }
    [JsonPropertyName("isAutoRenew"), JsonProperty("isAutoRenew")] public string? IsAutoRenew { get; set; }
    [JsonPropertyName("isAutoPay"), JsonProperty("isAutoPay")] public string? IsAutoPay { get; set; }
    [JsonPropertyName("enterprise_project_id"), JsonProperty("enterprise_project_id")] public string? EnterpriseProjectId { get; set; }
}

/// <summary>System.Text.Json's source generator over the plain classes: the reflection-free alternative.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PlainServerList))]
[JsonSerializable(typeof(PlainServerShow))]
[JsonSerializable(typeof(PlainFlavorList))]
[JsonSerializable(typeof(PlainCreateRequest))]
public sealed partial class PlainJsonContext : JsonSerializerContext
{
}
