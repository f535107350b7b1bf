using System;
using System.Collections.Generic;
using System.Linq;
using BmsGen.Generator.Diagnostics;
using BmsGen.Generator.Model;

namespace BmsGen.Generator.Parsing;

/// <summary>The <c>x-job</c> client extension of an operation that starts an asynchronous job.</summary>
internal sealed partial class OpenApiReader
{
    /// <summary>Operations with an <c>x-job</c>, resolved once every operation is read (the polling one may come later).</summary>
    private readonly List<(string OperationId, YamlNode Node)> _jobOperations = new();

    /// <summary>
    /// Resolves every <c>x-job: PollingOperation</c> once all operations are known: the operation's response holds a
    /// string <c>job_id</c>, and the polling operation takes that ID as its only argument and answers a status.
    /// </summary>
    private void ResolveJobs(List<OperationModel> operations, HashSet<string> methodNames)
    {
        var waiters = new HashSet<string>(StringComparer.Ordinal);
        foreach ((string operationId, YamlNode node) in _jobOperations)
        {
            int index = operations.FindIndex(o => o.OperationId == operationId);
            if (index < 0)
            {
                continue;
            }

            OperationModel operation = operations[index];
            string? pollId = (node as YamlScalar)?.Value;
            OperationModel? poll = operations.FirstOrDefault(o => o.OperationId == pollId);
            if (poll is null)
            {
                ReportExtension(node, $"x-job of {operationId} must name the operation that polls the job, and '{pollId ?? "(not a name)"}' is none");
                continue;
            }

            PropertyModel? jobId = ObjectProperties(operation.ResponseType).FirstOrDefault(p => p.WireName == "job_id" && p.Type.Kind == TypeKind.String);
            if (jobId is null)
            {
                ReportExtension(node, $"x-job of {operationId}: its response must have a string job_id");
                continue;
            }

            List<ParameterModel> pollArguments = poll.Parameters.Where(p => !p.FromProjectOption && p.Required).ToList();
            List<PropertyModel> job = ObjectProperties(poll.ResponseType).ToList();
            PropertyModel? status = job.FirstOrDefault(p => p.WireName == "status" && p.Type.Kind is TypeKind.String or TypeKind.Enum);
            if (pollArguments.Count != 1 || pollArguments[0].Type.Kind != TypeKind.String || poll.RequestBody is not null || poll.ResponseMayBeEmpty || status is null)
            {
                ReportExtension(node, $"x-job of {operationId}: {pollId} must take the job ID as its only required argument and answer a job with a string status");
                continue;
            }

            string? StringProperty(string wireName) => job.FirstOrDefault(p => p.WireName == wireName && p.Type.Kind == TypeKind.String)?.ClrName;
            operations[index] = operation with
            {
                Job = new JobModel(jobId.ClrName, poll.OperationId, poll.ResponseType!, status.ClrName, status.Type.Kind == TypeKind.Enum, status.Required, StringProperty("error_code"), StringProperty("fail_reason")),
            };

            string waitName = MemberNames.WaitFor(poll.OperationId);
            if (waiters.Add(poll.OperationId) && !methodNames.Add(waitName))
            {
                Report(SpecDiagnostics.DuplicateName, node, $"x-job of {operationId} would generate the method '{waitName}', which another operation already uses");
            }
        }
    }
}
