using System;
using System.Collections.Generic;
using BmsGen.Generator.Diagnostics;
using BmsGen.Generator.Model;

namespace BmsGen.Generator.Parsing;

/// <summary>Request bodies and success responses, and their JSON media types.</summary>
internal sealed partial class OpenApiReader
{
    private RequestBodyModel? ReadRequestBody(YamlNode? node, string operationId)
    {
        if (node is not YamlMapping body)
        {
            Report(SpecDiagnostics.InvalidStructure, node, $"The requestBody of {operationId} must be a mapping");
            return null;
        }

        YamlMapping? mediaType = ReadJsonMediaType(body["content"], operationId + " request body");
        if (mediaType?["schema"] is not YamlNode schema)
        {
            if (mediaType is not null)
            {
                Report(SpecDiagnostics.InvalidStructure, mediaType, $"The request body of {operationId} has no schema");
            }

            return null;
        }

        TypeRef type = ResolveSchema(schema, operationId + "Request");
        return new RequestBodyModel(type, body.GetBoolean("required"), body.GetString("description"));
    }

    /// <summary>
    /// The body type of the first 2xx response with content, and whether a success may come without a body: another
    /// 2xx has no content, or a 2xx is marked <c>x-body-optional: true</c> (Nova's createImage answers 202 with a
    /// body from microversion 2.45 on and without one before). The method then returns null for an empty success
    /// body instead of failing.
    /// </summary>
    private (TypeRef? Type, bool MayBeEmpty) ReadSuccessResponse(YamlNode? node, string operationId, YamlNode fallbackLocation)
    {
        if (node is not YamlMapping responses)
        {
            Report(SpecDiagnostics.InvalidStructure, node ?? fallbackLocation, $"{operationId} needs a 'responses' mapping");
            return (null, false);
        }

        TypeRef? type = null;
        bool withoutBody = false;
        foreach (KeyValuePair<YamlScalar, YamlNode> entry in responses.Entries)
        {
            string status = entry.Key.Value;
            if (!status.StartsWith("2", StringComparison.Ordinal))
            {
                continue;
            }

            if (Deref(entry.Value, "responses") is not YamlMapping response)
            {
                Report(SpecDiagnostics.InvalidStructure, entry.Value, $"Response {status} of {operationId} must be a mapping");
                return (null, false);
            }

            if (response["content"] is null)
            {
                withoutBody = true;
                continue;
            }

            withoutBody |= response.GetBoolean("x-body-optional");
            if (type is null)
            {
                YamlMapping? mediaType = ReadJsonMediaType(response["content"], $"{operationId} response {status}");
                type = mediaType?["schema"] is YamlNode schema ? ResolveSchema(schema, operationId + "Response") : null;
            }
        }

        return (type, type is not null && !type.IsValueType && withoutBody);
    }

    private YamlMapping? ReadJsonMediaType(YamlNode? node, string what)
    {
        if (node is not YamlMapping content || content.Entries.Count == 0)
        {
            Report(SpecDiagnostics.InvalidStructure, node, $"The content of {what} must map a media type to a schema");
            return null;
        }

        foreach (KeyValuePair<YamlScalar, YamlNode> entry in content.Entries)
        {
            if (entry.Key.Value.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            {
                return entry.Value as YamlMapping ?? ReportNull(entry.Value, $"The media type of {what} must be a mapping");
            }
        }

        Report(SpecDiagnostics.UnsupportedMediaType, content.Entries[0].Key, what, content.Entries[0].Key.Value);
        return null;
    }

    private YamlMapping? ReportNull(YamlNode node, string message)
    {
        Report(SpecDiagnostics.InvalidStructure, node, message);
        return null;
    }
}
