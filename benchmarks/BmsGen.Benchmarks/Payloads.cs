using System;
using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace BmsGen.Benchmarks;

/// <summary>
/// The benchmark payloads, written deterministically (the same bytes on every run and machine) in the shape of the
/// specs' examples: the BMS servers/detail list and server show (Bare Metal Server API Reference §4.3.2 and §4.3.1),
/// the ECS flavor list (Elastic Cloud Server API Reference §5.4.1) and the BMS create request. Values that repeat
/// across a real page (status, flavors, images, AZs, VPCs, metadata keys) repeat here too, drawn from small pools.
/// </summary>
public static class Payloads
{
    public const int FlavorCount = 200;

    private static readonly string[] Flavors = { "physical.s1.medium", "physical.o2.medium", "physical.h2.large", "physical.d1.large" };
    private static readonly string[] Images = { "8589958c-6bc7-40c6-b81b-3fe4cd2e3d85", "1a6635f2-d20e-4a3c-9b9e-e1f2e8c4a1f0", "e5c1a0c4-7d3f-4b0c-8e2a-5f7d9c3b1a26" };
    private static readonly string[] Zones = { "cn-north-4a", "cn-north-4b", "cn-north-4c" };
    private static readonly string[] Vpcs = { "5849fdf1-9d79-4589-80c2-fe557990c417", "0dae26c9-9a70-4392-93f3-87d53115d171" };
    private static readonly string[] Hosts = { "pod01.cn-north-4a", "pod02.cn-north-4b", "pod03.cn-north-4c" };

    /// <summary>A <c>{"servers": [...], "count": n}</c> page of <paramref name="count"/> servers.</summary>
    public static byte[] ServersDetail(int count) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteStartArray("servers");
        for (int i = 0; i < count; i++)
        {
            WriteServer(writer, i);
        }

        writer.WriteEndArray();
        writer.WriteNumber("count", count);
        writer.WriteEndObject();
    });

    /// <summary>A <c>{"server": {...}}</c> show response.</summary>
    public static byte[] ServerShow() => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WritePropertyName("server");
        WriteServer(writer, 7);
        writer.WriteEndObject();
    });

    /// <summary>A <c>{"flavors": [...]}</c> list of <see cref="FlavorCount"/> ECS flavors with their extra specs.</summary>
    public static byte[] FlavorsList() => Write(writer =>
    {
        string[] families = { "c3", "c6", "s6", "m6", "t6", "ai1s", "d2" };
        string[] sizes = { "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "16xlarge" };
        writer.WriteStartObject();
        writer.WriteStartArray("flavors");
        for (int i = 0; i < FlavorCount; i++)
        {
            string family = families[i % families.Length];
            int size = (i / families.Length) % sizes.Length;
            int ratio = 2 << (i % 3);
            string id = $"{family}.{sizes[size]}.{ratio}";
            int vcpus = 2 << size;
            writer.WriteStartObject();
            writer.WriteString("id", id);
            writer.WriteString("name", id);
            writer.WriteString("vcpus", vcpus.ToString(CultureInfo.InvariantCulture));
            writer.WriteNumber("ram", vcpus * ratio * 1024);
            writer.WriteString("disk", "0");
            writer.WriteString("swap", "");
            writer.WriteNumber("OS-FLV-EXT-DATA:ephemeral", 0);
            writer.WriteBoolean("OS-FLV-DISABLED:disabled", false);
            writer.WriteNumber("rxtx_factor", 1.0);
            writer.WriteString("rxtx_quota", "");
            writer.WriteString("rxtx_cap", "");
            writer.WriteBoolean("os-flavor-access:is_public", true);
            writer.WriteStartArray("links");
            foreach (string rel in new[] { "self", "bookmark" })
            {
                writer.WriteStartObject();
                writer.WriteString("rel", rel);
                writer.WriteString("href", $"https://ecs.cn-north-4.myhuaweicloud.com/v1.0/743b4c0428d94531b9f2add666642e6b/flavors/{id}");
                writer.WriteString("type", "");
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartObject("os_extra_specs");
            writer.WriteString("ecs:performancetype", i % 4 == 0 ? "computingv3" : "normal");
            writer.WriteString("resource_type", "IES-" + family);
            writer.WriteString("ecs:generation", family);
            writer.WriteString("ecs:virtualization_env_types", "CloudCompute");
            writer.WriteString("instance_vnic:type", "enhanced");
            writer.WriteString("instance_vnic:instance_bandwidth", (vcpus * 1000).ToString(CultureInfo.InvariantCulture));
            writer.WriteString("instance_vnic:max_count", size < 3 ? "2" : "4");
            writer.WriteString("quota:max_rate", (vcpus * 1500).ToString(CultureInfo.InvariantCulture));
            writer.WriteString("quota:min_rate", (vcpus * 500).ToString(CultureInfo.InvariantCulture));
            writer.WriteString("quota:max_pps", (vcpus * 100000).ToString(CultureInfo.InvariantCulture));
            writer.WriteString("cond:operation:status", i % 9 == 0 ? "sellout" : "normal");
            writer.WriteString("cond:operation:az", "cn-north-4a(normal),cn-north-4b(normal),cn-north-4c(sellout)");
            writer.WriteString("cond:operation:charge", "postPaid");
            writer.WriteString("cond:compute", "autorecovery,live_resize");
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    /// <summary>A BMS create request in the shape of the spec's example, with billing, tags and two data disks.</summary>
    public static byte[] CreateRequest() => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteStartObject("server");
        writer.WriteString("imageRef", Images[0]);
        writer.WriteString("flavorRef", "physical.o2.medium");
        writer.WriteString("name", "newservers");
        writer.WriteString("key_name", "sshkey-123");
        writer.WriteString("vpcid", Vpcs[1]);
        writer.WriteStartArray("nics");
        foreach (string subnet in new[] { "157ee789-03ea-45b1-a698-76c92660dd83", "2c1fe4bd-ebad-44ca-ae9d-e94e63847b75" })
        {
            writer.WriteStartObject();
            writer.WriteString("subnet_id", subnet);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartObject("publicip");
        writer.WriteStartObject("eip");
        writer.WriteString("iptype", "5_bgp");
        writer.WriteStartObject("bandwidth");
        writer.WriteNumber("size", 10);
        writer.WriteString("sharetype", "PER");
        writer.WriteString("chargemode", "traffic");
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteNumber("count", 1);
        writer.WriteStartObject("root_volume");
        writer.WriteString("volumetype", "SSD");
        writer.WriteNumber("size", 150);
        writer.WriteEndObject();
        writer.WriteStartArray("data_volumes");
        for (int i = 0; i < 2; i++)
        {
            writer.WriteStartObject();
            writer.WriteString("volumetype", "SSD");
            writer.WriteNumber("size", 100);
            writer.WriteBoolean("shareable", i == 1);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("security_groups");
        writer.WriteStartObject();
        writer.WriteString("id", "507ca48f-814c-4293-8706-300564d54620");
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteString("availability_zone", "cn-north-4a");
        writer.WriteStartObject("extendparam");
        writer.WriteString("chargingMode", "prePaid");
        writer.WriteString("regionID", "cn-north-4");
        writer.WriteString("periodType", "month");
        writer.WriteNumber("periodNum", 1);
        writer.WriteString("isAutoRenew", "false");
        writer.WriteString("isAutoPay", "true");
        writer.WriteString("enterprise_project_id", "0");
        writer.WriteEndObject();
        writer.WriteStartArray("server_tags");
        foreach ((string key, string value) in new[] { ("team", "platform"), ("env", "production"), ("cost-center", "cc-4711") })
        {
            writer.WriteStartObject();
            writer.WriteString("key", key);
            writer.WriteString("value", value);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();
    });

    private static void WriteServer(Utf8JsonWriter writer, int i)
    {
        string id = Uuid(i, 0xb544);
        string name = "bms-" + i.ToString("D4", CultureInfo.InvariantCulture);
        string flavor = Flavors[i % Flavors.Length];
        string image = Images[i % Images.Length];
        string vpc = Vpcs[i % Vpcs.Length];
        string port = Uuid(i, 0xc79d);
        string zone = Zones[i % Zones.Length];
        bool active = i % 10 != 3;
        writer.WriteStartObject();
        writer.WriteString("id", id);
        writer.WriteString("name", name);
        writer.WriteStartObject("addresses");
        writer.WriteStartArray(vpc);
        writer.WriteStartObject();
        writer.WriteString("version", "4");
        writer.WriteString("addr", $"192.168.{i / 250 % 256}.{i % 250 + 2}");
        writer.WriteString("OS-EXT-IPS-MAC:mac_addr", $"fa:16:3e:{i >> 16 & 0xff:x2}:{i >> 8 & 0xff:x2}:{i & 0xff:x2}");
        writer.WriteString("OS-EXT-IPS:port_id", port);
        writer.WriteString("OS-EXT-IPS:type", "fixed");
        writer.WriteEndObject();
        if (i % 4 == 0)
        {
            writer.WriteStartObject();
            writer.WriteString("version", "4");
            writer.WriteString("addr", $"100.85.{i / 250 % 256}.{i % 250 + 2}");
            writer.WriteString("OS-EXT-IPS-MAC:mac_addr", $"fa:16:3e:{i >> 16 & 0xff:x2}:{i >> 8 & 0xff:x2}:{i & 0xff:x2}");
            writer.WriteString("OS-EXT-IPS:port_id", port);
            writer.WriteString("OS-EXT-IPS:type", "floating");
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteStartObject("flavor");
        writer.WriteString("disk", "9309");
        writer.WriteString("vcpus", "32");
        writer.WriteString("ram", "193047");
        writer.WriteString("id", flavor);
        writer.WriteString("name", flavor);
        writer.WriteEndObject();
        writer.WriteString("accessIPv4", "");
        writer.WriteString("accessIPv6", "");
        writer.WriteString("status", active ? "ACTIVE" : "SHUTOFF");
        writer.WriteNumber("progress", 0);
        writer.WriteString("hostId", "cd243addb5d2c64e89218180b7a3ed95abe6882e81c337cc563137df");
        writer.WriteString("updated", "2018-09-10T01:20:58Z");
        writer.WriteString("created", "2018-09-06T09:29:27Z");
        writer.WriteStartObject("metadata");
        writer.WriteString("baremetalPortIDList", "[" + port + "]");
        writer.WriteString("chargingMode", "0");
        writer.WriteString("metering.image_id", image);
        writer.WriteString("metering.imagetype", "gold");
        writer.WriteString("metering.resourcespeccode", flavor + ".linux");
        writer.WriteString("metering.resourcetype", "__type_baremetal");
        writer.WriteString("image_name", "CentOS 7.4 64bit for BareMetal");
        writer.WriteString("os_bit", "64");
        writer.WriteString("os_type", "Linux");
        writer.WriteString("vpc_id", vpc);
        writer.WriteString("op_svc_userid", "0c50494c5816425eb05c40b5e81ab65a");
        writer.WriteEndObject();
        writer.WriteStartArray("tags");
        writer.WriteStringValue("__type_baremetal");
        writer.WriteEndArray();
        writer.WriteString("description", name);
        writer.WriteBoolean("locked", false);
        writer.WriteString("config_drive", "");
        writer.WriteString("tenant_id", "bbf1946d374b44a0a2a95533562ba954");
        writer.WriteString("user_id", "0c50494c5816425eb05c40b5e81ab65a");
        writer.WriteString("key_name", "KeyPair-click2cloud");
        writer.WriteNumber("OS-EXT-STS:power_state", active ? 1 : 4);
        writer.WriteString("OS-EXT-STS:vm_state", active ? "active" : "stopped");
        writer.WriteString("OS-EXT-SRV-ATTR:host", Hosts[i % Hosts.Length]);
        writer.WriteString("OS-EXT-SRV-ATTR:instance_name", "instance-" + (0x4c0 + i).ToString("x8", CultureInfo.InvariantCulture));
        writer.WriteString("OS-EXT-SRV-ATTR:hypervisor_hostname", "nova" + (i % 7).ToString("D3", CultureInfo.InvariantCulture) + "@2");
        writer.WriteString("OS-EXT-AZ:availability_zone", zone);
        writer.WriteString("OS-DCF:diskConfig", "MANUAL");
        writer.WriteStartObject("image");
        writer.WriteString("id", image);
        writer.WriteEndObject();
        writer.WriteStartArray("os-extended-volumes:volumes_attached");
        writer.WriteStartObject();
        writer.WriteString("id", Uuid(i, 0x8b10));
        writer.WriteString("delete_on_termination", "false");
        writer.WriteString("bootIndex", "0");
        writer.WriteString("device", "/dev/sda");
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteString("OS-SRV-USG:launched_at", "2018-09-06T09:30:36.000000");
        writer.WriteStartArray("security_groups");
        writer.WriteStartObject();
        writer.WriteString("name", "default");
        writer.WriteString("id", "507ca48f-814c-4293-8706-300564d54620");
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteString("OS-EXT-SRV-ATTR:hostname", name);
        writer.WriteString("OS-EXT-SRV-ATTR:reservation_id", "r-" + (i / 10).ToString("x8", CultureInfo.InvariantCulture));
        writer.WriteNumber("OS-EXT-SRV-ATTR:launch_index", i % 10);
        writer.WriteString("OS-EXT-SRV-ATTR:kernel_id", "");
        writer.WriteString("OS-EXT-SRV-ATTR:ramdisk_id", "");
        writer.WriteString("OS-EXT-SRV-ATTR:root_device_name", "/dev/sda");
        writer.WriteString("OS-EXT-SRV-ATTR:user_data", "");
        writer.WriteString("host_status", "UP");
        writer.WriteStartArray("sys_tags");
        writer.WriteStartObject();
        writer.WriteString("key", "_sys_enterprise_project_id");
        writer.WriteString("value", "0");
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteString("enterprise_project_id", "0");
        writer.WriteEndObject();
    }

    private static string Uuid(int index, int prefix) =>
        $"{prefix:x4}be62-1b3b-4982-ad98-{index:x12}";

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            body(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
