using System;
using System.Collections.Generic;
using System.Linq;
using BmsGen.Generator.Diagnostics;
using BmsGen.Generator.Model;

namespace BmsGen.Generator.Parsing;

/// <summary>An operation: its method name, parameters, body, response, service and client extensions.</summary>
internal sealed partial class OpenApiReader
{
    private OperationModel? ReadOperation(string method, string wirePath, string? variant, YamlMapping operation, List<YamlMapping> sharedParameters, YamlScalar methodKey)
    {
        string? operationId = operation.GetString("operationId");
        if (operationId is null)
        {
            Report(SpecDiagnostics.MissingOperationId, methodKey, method.ToUpperInvariant(), wirePath + (variant is null ? string.Empty : "#" + variant));
            return null;
        }

        string pascalId = Identifiers.IsValidIdentifier(operationId) && char.IsUpper(operationId[0]) ? operationId : Identifiers.ToPascal(operationId);
        string methodName = pascalId + "Async";
        int errorsBefore = _diagnostics.Count;
        if (!CheckLength(methodName, operation["operationId"]!, "method"))
        {
            return null;
        }

        var parameters = new List<ParameterModel>();
        // The generated methods' own names (body, token, request, and the paging and job-waiting locals) are reserved.
        var parameterNames = new HashSet<string>(StringComparer.Ordinal) { "cancellationToken", "body", "request", "pageSize", "cursor", "page", "link", "waitOptions", "submitted" };
        var seenWire = new Dictionary<string, ParameterModel>(StringComparer.Ordinal);
        foreach (YamlMapping parameter in ReadParameterList(operation["parameters"]).Concat(sharedParameters))
        {
            ParameterModel? model = ReadParameter(parameter, pascalId, parameterNames);
            string key = model is null ? string.Empty : model.Location + ":" + model.WireName;
            if (model is not null && !seenWire.ContainsKey(key))
            {
                // Operation-level parameters come first, so they override path-level ones of the same name.
                seenWire.Add(key, model);
                parameters.Add(model);
            }
        }

        CheckPathParameters(wirePath, parameters, operation["parameters"] ?? methodKey);

        RequestBodyModel? body = null;
        if (operation["requestBody"] is YamlNode bodyNode)
        {
            body = ReadRequestBody(Deref(bodyNode, "requestBodies"), pascalId);
        }

        (TypeRef? response, bool responseMayBeEmpty) = ReadSuccessResponse(operation["responses"], pascalId, methodKey);
        string? service = operation["servers"] is YamlNode servers ? ReadService(servers, pascalId) : null;
        PagingModel? paging = operation["x-paging"] is YamlNode pagingNode ? ReadPaging(pagingNode, pascalId, operation, parameters, response) : null;
        if (_diagnostics.Count > errorsBefore)
        {
            return null;
        }

        var docRefs = new List<string>();
        if (operation["x-doc"] is YamlSequence docs)
        {
            docRefs.AddRange(docs.Items.OfType<YamlScalar>().Select(s => s.Value));
        }
        else if (operation.GetString("x-doc") is string singleDoc)
        {
            docRefs.Add(singleDoc);
        }

        if (operation["x-job"] is YamlNode jobNode)
        {
            _jobOperations.Add((pascalId, jobNode));
        }

        // Required parameters first, then optional ones, so the generated signature can default the optional ones.
        List<ParameterModel> ordered = parameters.Where(p => p.Required).Concat(parameters.Where(p => !p.Required)).ToList();
        return new OperationModel(
            pascalId,
            methodName,
            method.ToUpperInvariant(),
            wirePath,
            variant,
            operation.GetString("summary"),
            operation.GetString("description"),
            docRefs.ToImmutableEquatableArray(),
            operation.GetString("x-source"),
            operation.GetBoolean("deprecated"),
            operation.GetString("x-replaced-by"),
            operation.GetString("x-min-microversion"),
            ordered.ToImmutableEquatableArray(),
            body,
            response,
            responseMayBeEmpty,
            service,
            paging,
            Idempotent: operation.GetBoolean("x-idempotent"));
    }

    /// <summary>
    /// The service that serves an operation with its own <c>servers</c> (an IMS API documented among the ECS ones):
    /// the first label of the first server's host, <c>ims</c> in <c>https://ims.{region}.myhuaweicloud.com</c>. The
    /// client sends such a request to the endpoint its options give for that service.
    /// </summary>
    private string? ReadService(YamlNode servers, string operationId)
    {
        string? url = (servers as YamlSequence)?.Items.FirstOrDefault() is YamlMapping first ? first.GetString("url") : null;
        if (url is null)
        {
            Report(SpecDiagnostics.InvalidStructure, servers, $"The servers of {operationId} must be a list whose first entry has a url");
            return null;
        }

        int hostStart = url.IndexOf("://", StringComparison.Ordinal) is int scheme and >= 0 ? scheme + 3 : 0;
        int labelEnd = url.IndexOf('.', hostStart);
        string label = labelEnd < 0 ? string.Empty : url.Substring(hostStart, labelEnd - hostStart);
        if (label.Length == 0 || !char.IsLower(label[0]) || !label.All(c => char.IsLower(c) || char.IsDigit(c) || c == '-'))
        {
            Report(SpecDiagnostics.InvalidStructure, servers, $"The server url '{url}' of {operationId} must name its service as the first label of the host (https://ims.{{region}}.example.com)");
            return null;
        }

        return label;
    }
}
