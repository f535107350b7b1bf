using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace BmsGen.Client.Tests.Simulator;

/// <summary>
/// A mixed workload over signed HTTP, shared by the load test and the scale benchmark: each caller creates a
/// server (BMS or ECS in turn), polls its job to the end, shows it, lists a page of BMSs and a Nova page, stops it
/// and polls that job, until the operation budget is spent. Every request counts as one operation.
/// </summary>
public sealed class LoadMix
{
    private readonly SimulatorHarness _sim;
    private readonly ConcurrentBag<string> _created = new();
    private readonly ConcurrentBag<string> _unfinishedJobs = new();
    private readonly ConcurrentQueue<string> _errors = new();
    private int _operations;
    private int _creates;

    public LoadMix(SimulatorHarness sim) => _sim = sim;

    public int Operations => _operations;

    public int Creates => _creates;

    public IReadOnlyCollection<string> CreatedServerIds => _created;

    public IReadOnlyCollection<string> UnfinishedJobs => _unfinishedJobs;

    public IReadOnlyCollection<string> Errors => _errors;

    public TimeSpan Elapsed { get; private set; }

    public async Task RunAsync(int budget, int callers, CancellationToken cancellationToken)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = callers, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        using HttpClient http = _sim.Http(afterSigning: handler);
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(caller => Task.Run(() => CallerAsync(http, caller, budget, cancellationToken), cancellationToken)));
        Elapsed = stopwatch.Elapsed;
    }

    private async Task CallerAsync(HttpClient http, int caller, int budget, CancellationToken cancellationToken)
    {
        bool bareMetal = caller % 2 == 0;
        for (int round = 0; Volatile.Read(ref _operations) < budget; round++)
        {
            string name = $"load-{caller}-{round}";
            string body = bareMetal
                ? $$$"""{"server":{"name":"{{{name}}}","imageRef":"img","flavorRef":"physical.o2.medium","vpcid":"vpc","nics":[{"subnet_id":"sn"}],"availability_zone":"az1"}}"""
                : $$$"""{"server":{"name":"{{{name}}}","imageRef":"img","flavorRef":"s6.large.2","vpcid":"vpc","nics":[{"subnet_id":"sn"}],"root_volume":{"volumetype":"SSD"},"availability_zone":"az1","power_on":true}}""";
            JsonNode? created = await CallAsync(http, HttpMethod.Post, bareMetal ? "/v1/{p}/baremetalservers" : "/v1.1/{p}/cloudservers", body, cancellationToken);
            if (created?["job_id"] is null)
            {
                continue;
            }

            Interlocked.Increment(ref _creates);
            JsonNode? job = await WaitAsync(http, (string)created["job_id"]!, cancellationToken);
            string? id = (string?)job?["entities"]?["sub_jobs"]?[0]?["entities"]?["server_id"];
            if (id is null)
            {
                continue;
            }

            _created.Add(id);
            await CallAsync(http, HttpMethod.Get, bareMetal ? $"/v1/{{p}}/baremetalservers/{id}" : $"/v1/{{p}}/cloudservers/{id}", null, cancellationToken);
            await CallAsync(http, HttpMethod.Get, $"/v1/{{p}}/baremetalservers/detail?limit=10&offset={(round % 5) + 1}", null, cancellationToken);
            await CallAsync(http, HttpMethod.Get, "/v2.1/{p}/servers/detail?limit=10", null, cancellationToken);
            JsonNode? stop = await CallAsync(http, HttpMethod.Post, bareMetal ? "/v1/{p}/baremetalservers/action" : "/v1/{p}/cloudservers/action",
                $$$"""{"os-stop":{"servers":[{"id":"{{{id}}}"}]}}""", cancellationToken);
            if (stop?["job_id"] is { } stopJob)
            {
                await WaitAsync(http, (string)stopJob!, cancellationToken);
            }
        }
    }

    private async Task<JsonNode?> WaitAsync(HttpClient http, string jobId, CancellationToken cancellationToken)
    {
        for (int poll = 0; poll < 50; poll++)
        {
            JsonNode? job = await CallAsync(http, HttpMethod.Get, $"/v1/{{p}}/jobs/{jobId}", null, cancellationToken);
            if ((string?)job?["status"] is "SUCCESS" or "FAIL")
            {
                return job;
            }
        }

        _unfinishedJobs.Add(jobId);
        return null;
    }

    private async Task<JsonNode?> CallAsync(HttpClient http, HttpMethod method, string path, string? json, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _operations);
        using var request = new HttpRequestMessage(method, path.Replace("{p}", _sim.ProjectId, StringComparison.Ordinal));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using HttpResponseMessage response = await http.SendAsync(request, cancellationToken);
        string text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            _errors.Enqueue($"{method} {path}: {(int)response.StatusCode} {text}");
            return null;
        }

        return JsonNode.Parse(text);
    }
}
