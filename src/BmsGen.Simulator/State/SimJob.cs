using System;
using System.Collections.Generic;

namespace BmsGen.Simulator.State;

/// <summary>
/// An asynchronous task (Bare Metal Server API Reference §4.8.1, Elastic Cloud Server API Reference §5.1.x jobs):
/// INIT on the first status query, RUNNING on the following ones, then SUCCESS, when its effect is applied to the
/// servers. Advanced only under the state's write lock.
/// </summary>
internal sealed class SimJob
{
    private readonly Action<SimJob>? _complete;

    public SimJob(string id, string type, string subType, IReadOnlyList<SubJobTarget> targets, string beginTime, Action<SimJob>? complete)
    {
        Id = id;
        Type = type;
        SubType = subType;
        Targets = targets;
        BeginTime = beginTime;
        _complete = complete;
    }

    public string Id { get; }

    public string Type { get; }

    public string SubType { get; }

    public IReadOnlyList<SubJobTarget> Targets { get; }

    public string BeginTime { get; }

    public string? EndTime { get; private set; }

    public int Polls { get; private set; }

    public bool Finished { get; private set; }

    /// <summary>The status the job shows now.</summary>
    public string Status => Finished ? "SUCCESS" : Polls <= 1 ? "INIT" : "RUNNING";

    /// <summary>Counts one status query; after <paramref name="pollsToComplete"/> unfinished answers the job finishes.</summary>
    public void Advance(int pollsToComplete, string now)
    {
        if (Finished)
        {
            return;
        }

        Polls++;
        if (Polls > pollsToComplete)
        {
            Finish(now);
        }
    }

    public void Finish(string now)
    {
        if (Finished)
        {
            return;
        }

        Finished = true;
        EndTime = now;
        _complete?.Invoke(this);
    }
}

/// <summary>One sub-job: the server it works on (and the NIC, for NIC jobs).</summary>
internal sealed record SubJobTarget(string SubJobId, string ServerId, string? NicId = null);
