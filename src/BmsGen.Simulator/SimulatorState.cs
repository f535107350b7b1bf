using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;

namespace BmsGen.Simulator;

/// <summary>
/// The simulated world: servers, flavors and jobs. Jobs advance deterministically, one step per status query,
/// so tests and the quick start see BUILD → ACTIVE and RUNNING → SUCCESS without timers. Thread-safe by one lock.
/// </summary>
internal sealed class SimulatorState
{
    private readonly object _gate = new();
    private readonly Dictionary<string, JsonObject> _servers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SimulatedJob> _jobs = new(StringComparer.Ordinal);
    private readonly SimulatorOptions _options;
    private int _sequence;

    public SimulatorState(SimulatorOptions options)
    {
        _options = options;
        Flavors = new JsonArray(
            Flavor("physical.o2.medium", "32", "196608", "2*800G SSD"),
            Flavor("physical.s4.3xlarge", "64", "524288", "2*1600G NVMe"));
    }

    public JsonArray Flavors { get; }

    public JsonObject? FindServer(string id)
    {
        lock (_gate)
        {
            return _servers.TryGetValue(id, out JsonObject? server) ? (JsonObject)server.DeepClone() : null;
        }
    }

    public IReadOnlyList<JsonObject> ListServers(Func<JsonObject, bool> filter)
    {
        lock (_gate)
        {
            return _servers.Values.Where(filter).OrderBy(s => (string?)s["created"], StringComparer.Ordinal).ThenBy(s => (string?)s["name"], StringComparer.Ordinal)
                .Select(s => (JsonObject)s.DeepClone()).ToList();
        }
    }

    /// <summary>Creates <paramref name="count"/> servers in BUILD and a batch job that activates them.</summary>
    public string CreateServers(string name, string flavorRef, string imageRef, string availabilityZone, string vpcId, JsonObject? metadata, int count)
    {
        lock (_gate)
        {
            var serverIds = new List<string>();
            for (int i = 0; i < count; i++)
            {
                string id = NewId();
                string serverName = count == 1 ? name : string.Create(CultureInfo.InvariantCulture, $"{name}-{i + 1:D4}");
                _servers[id] = NewServer(id, serverName, flavorRef, imageRef, availabilityZone, vpcId, metadata);
                serverIds.Add(id);
            }

            return AddJob("baremetalBatchCreate", "baremetalSingleCreate", serverIds, id => SetPower(id, "ACTIVE", "active", 1));
        }
    }

    /// <summary>Starts a power job; returns the job ID, or the first unknown server ID.</summary>
    public (string? JobId, string? UnknownServer) Operate(IReadOnlyList<string> serverIds, string action, string rebootType)
    {
        lock (_gate)
        {
            string? unknown = serverIds.FirstOrDefault(id => !_servers.ContainsKey(id));
            if (unknown is not null)
            {
                return (null, unknown);
            }

            foreach (string id in serverIds)
            {
                _servers[id]["OS-EXT-STS:task_state"] = action switch
                {
                    "os-start" => "powering-on",
                    "os-stop" => "powering-off",
                    _ => rebootType == "HARD" ? "reboot_started_hard" : "rebooting",
                };
            }

            Action<string> complete = action switch
            {
                "os-start" => id => SetPower(id, "ACTIVE", "active", 1),
                "os-stop" => id => SetPower(id, "SHUTOFF", "stopped", 4),
                _ => id => SetPower(id, "ACTIVE", "active", 1),
            };
            return (AddJob("baremetalBatchOperate", "baremetalSingleOperate", serverIds, complete), null);
        }
    }

    public JsonObject? Rename(string id, string? name, string? description)
    {
        lock (_gate)
        {
            if (!_servers.TryGetValue(id, out JsonObject? server))
            {
                return null;
            }

            if (name is not null)
            {
                server["name"] = name;
            }

            if (description is not null)
            {
                server["description"] = description;
            }

            server["updated"] = Now();
            return (JsonObject)server.DeepClone();
        }
    }

    public JsonObject? UpdateMetadata(string id, JsonObject metadata)
    {
        lock (_gate)
        {
            if (!_servers.TryGetValue(id, out JsonObject? server))
            {
                return null;
            }

            JsonObject current = server["metadata"]!.AsObject();
            foreach ((string key, JsonNode? value) in metadata)
            {
                current[key] = value?.DeepClone();
            }

            return (JsonObject)current.DeepClone();
        }
    }

    /// <summary>Returns the job's status document, advancing it one step first.</summary>
    public JsonObject? PollJob(string jobId)
    {
        lock (_gate)
        {
            if (!_jobs.TryGetValue(jobId, out SimulatedJob? job))
            {
                return null;
            }

            if (job.Status == "RUNNING" && ++job.Polls >= _options.JobPollsToComplete)
            {
                job.Status = "SUCCESS";
                job.EndTime = Now();
                foreach (string serverId in job.ServerIds)
                {
                    job.Complete(serverId);
                }
            }

            return job.ToJson();
        }
    }

    private string AddJob(string type, string subType, IReadOnlyList<string> serverIds, Action<string> complete)
    {
        var job = new SimulatedJob(NewJobId(), type, subType, serverIds, Now(), complete, NewJobId);
        if (_options.JobPollsToComplete <= 0)
        {
            job.Status = "SUCCESS";
            job.EndTime = job.BeginTime;
            foreach (string id in serverIds)
            {
                complete(id);
            }
        }

        _jobs[job.Id] = job;
        return job.Id;
    }

    private void SetPower(string id, string status, string vmState, int powerState)
    {
        if (_servers.TryGetValue(id, out JsonObject? server))
        {
            server["status"] = status;
            server["OS-EXT-STS:vm_state"] = vmState;
            server["OS-EXT-STS:power_state"] = powerState;
            server["OS-EXT-STS:task_state"] = string.Empty;
            server["updated"] = Now();
        }
    }

    private JsonObject NewServer(string id, string name, string flavorRef, string imageRef, string availabilityZone, string vpcId, JsonObject? metadata)
    {
        string now = Now();
        int host = ++_sequence;
        var allMetadata = new JsonObject { ["op_svc_userid"] = "sim-user", ["vpc_id"] = vpcId };
        foreach ((string key, JsonNode? value) in metadata ?? new JsonObject())
        {
            allMetadata[key] = value?.DeepClone();
        }

        return new JsonObject
        {
            ["id"] = id,
            ["name"] = name,
            ["status"] = "BUILD",
            ["tenant_id"] = _options.ProjectId,
            ["user_id"] = "sim-user",
            ["created"] = now,
            ["updated"] = now,
            ["hostId"] = "sim-host-" + host.ToString(CultureInfo.InvariantCulture),
            ["addresses"] = new JsonObject
            {
                [vpcId] = new JsonArray(new JsonObject
                {
                    ["version"] = 4,
                    ["addr"] = "192.168.0." + (10 + host).ToString(CultureInfo.InvariantCulture),
                    ["OS-EXT-IPS-MAC:mac_addr"] = "fa:16:3e:00:00:" + host.ToString("x2", CultureInfo.InvariantCulture),
                    ["OS-EXT-IPS:type"] = "fixed",
                }),
            },
            ["image"] = new JsonObject { ["id"] = imageRef },
            ["flavor"] = new JsonObject { ["id"] = flavorRef },
            ["metadata"] = allMetadata,
            ["OS-EXT-STS:vm_state"] = "building",
            ["OS-EXT-STS:power_state"] = 0,
            ["OS-EXT-STS:task_state"] = "scheduling",
            ["OS-EXT-AZ:availability_zone"] = availabilityZone,
            ["OS-EXT-SRV-ATTR:hostname"] = name,
            ["locked"] = false,
            ["tags"] = new JsonArray(),
            ["description"] = string.Empty,
        };
    }

    private static JsonObject Flavor(string id, string cpus, string ramMb, string disk) => new()
    {
        ["id"] = id,
        ["name"] = id,
        ["vcpus"] = cpus,
        ["ram"] = int.Parse(ramMb, CultureInfo.InvariantCulture),
        ["disk"] = "0",
        ["os-flavor-access:is_public"] = true,
        ["os_extra_specs"] = new JsonObject { ["baremetal:disk_detail"] = disk, ["resource_type"] = "ironic" },
    };

    private string NewId() => Guid.NewGuid().ToString();

    private string NewJobId() => Guid.NewGuid().ToString("N");

    private static string Now() => DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private sealed class SimulatedJob
    {
        private readonly string _subType;
        private readonly Func<string> _newId;
        private readonly List<string> _subJobIds;

        public SimulatedJob(string id, string type, string subType, IReadOnlyList<string> serverIds, string beginTime, Action<string> complete, Func<string> newId)
        {
            Id = id;
            Type = type;
            _subType = subType;
            ServerIds = serverIds;
            BeginTime = beginTime;
            Complete = complete;
            _newId = newId;
            _subJobIds = serverIds.Select(_ => _newId()).ToList();
        }

        public string Id { get; }

        public string Type { get; }

        public IReadOnlyList<string> ServerIds { get; }

        public string BeginTime { get; }

        public string? EndTime { get; set; }

        public string Status { get; set; } = "RUNNING";

        public int Polls { get; set; }

        public Action<string> Complete { get; }

        public JsonObject ToJson() => new()
        {
            ["status"] = Status,
            ["entities"] = new JsonObject
            {
                ["sub_jobs_total"] = ServerIds.Count,
                ["sub_jobs"] = new JsonArray(ServerIds.Select((serverId, index) => (JsonNode)new JsonObject
                {
                    ["status"] = Status,
                    ["entities"] = new JsonObject { ["server_id"] = serverId },
                    ["job_id"] = _subJobIds[index],
                    ["job_type"] = _subType,
                    ["begin_time"] = BeginTime,
                    ["end_time"] = EndTime,
                    ["error_code"] = null,
                    ["fail_reason"] = null,
                }).ToArray()),
            },
            ["job_id"] = Id,
            ["job_type"] = Type,
            ["begin_time"] = BeginTime,
            ["end_time"] = EndTime,
            ["error_code"] = null,
            ["fail_reason"] = null,
        };
    }
}
