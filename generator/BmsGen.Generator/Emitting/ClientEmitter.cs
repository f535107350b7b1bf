using System.Collections.Generic;
using System.Linq;
using System.Text;
using BmsGen.Generator.Model;

namespace BmsGen.Generator.Emitting;

/// <summary>Emits the client class: one async method per operation, built on the runtime's ApiTransport.</summary>
internal static class ClientEmitter
{
    private const string Transport = TypeNames.Runtime + ".ApiTransport";
    private const string Options = TypeNames.Runtime + ".BmsGenClientOptions";

    public static string Emit(SpecModel spec)
    {
        var writer = new SourceWriter();
        EmitterHeader.Write(writer, spec);
        writer.WriteLine($"namespace {spec.Namespace}");
        writer.OpenBlock();
        writer.WriteDocElement("summary", spec.Title + " client.");
        writer.WriteDocElement("remarks", spec.Description);
        writer.WriteLine(TypeNames.GeneratedCodeAttribute);
        writer.WriteLine($$"""
            public sealed partial class {{spec.ClientName}}
            {
                private readonly {{Transport}} _transport;

                /// <summary>Creates a client that sends through <paramref name="httpClient"/>, whose BaseAddress is the service endpoint.</summary>
                /// <param name="httpClient">The HTTP client; its handlers (signing, retries, logging) form the send pipeline.</param>
                /// <param name="options">Project, microversion and header settings; defaults when null.</param>
                public {{spec.ClientName}}(global::System.Net.Http.HttpClient httpClient, {{Options}}? options = null)
                {
                    _transport = new {{Transport}}(httpClient, options ?? new {{Options}}());
                }

                /// <summary>The options this client sends with.</summary>
                public {{Options}} Options => _transport.Options;
            """);
        writer.Indent();
        foreach (OperationModel operation in spec.Operations)
        {
            writer.WriteLine();
            EmitOperation(writer, spec, operation);
        }

        writer.CloseBlock();
        writer.CloseBlock();
        return writer.ToString();
    }

    private static void EmitOperation(SourceWriter writer, SpecModel spec, OperationModel operation)
    {
        string codec = $"global::{spec.Namespace}.{TypeNames.CodecName(spec)}";
        List<ParameterModel> arguments = operation.Parameters.Where(p => !p.FromProjectOption).ToList();
        WriteDocs(writer, spec, operation, arguments);
        if (operation.Deprecated)
        {
            string message = "This API is discarded" + (operation.ReplacedBy is null ? "." : "; use " + operation.ReplacedBy.TrimEnd('.') + " instead.");
            writer.WriteLine($"[global::System.Obsolete({SourceWriter.Literal(message)})]");
        }

        string returnType = operation.ResponseType is null
            ? "global::System.Threading.Tasks.Task"
            : $"global::System.Threading.Tasks.Task<{TypeNames.ClrType(operation.ResponseType, spec.Namespace)}{(operation.ResponseMayBeEmpty ? "?" : string.Empty)}>";
        var signature = new List<string>();
        signature.AddRange(arguments.Where(p => p.Required).Select(p => $"{ParameterType(p, spec)} {p.ClrName}"));
        if (operation.RequestBody is not null)
        {
            signature.Add($"{TypeNames.ClrType(operation.RequestBody.Type, spec.Namespace)} body");
        }

        signature.AddRange(arguments.Where(p => !p.Required).Select(p => $"{ParameterType(p, spec)}? {p.ClrName} = null"));
        signature.Add("global::System.Threading.CancellationToken cancellationToken = default");
        writer.WriteLine($"public async {returnType} {operation.MethodName}({string.Join(", ", signature)})");
        writer.OpenBlock();
        string service = operation.Service is null ? string.Empty : $" {{ Service = {SourceWriter.Literal(operation.Service)} }}";
        writer.WriteLine($"var request = new {TypeNames.Runtime}.ApiRequest({SourceWriter.Literal(operation.OperationId)}, global::System.Net.Http.HttpMethod.{Pascal(operation.HttpMethod)}, {SourceWriter.Literal(operation.PathTemplate)}){service};");
        foreach (string statement in PathStatements(operation))
        {
            writer.WriteLine(statement);
        }

        foreach (ParameterModel parameter in arguments.Where(p => p.Location != ParameterLocation.Path))
        {
            string method = parameter.Location == ParameterLocation.Query ? "AddQuery" : "AddHeader";
            writer.WriteLine($"request.{method}({SourceWriter.Literal(parameter.WireName)}, {ArgumentText(parameter)});");
        }

        if (operation.RequestBody is { } body)
        {
            writer.WriteLine($"request.SetJsonBody(body, {WriterFunction(body.Type, codec)});");
        }

        if (operation.ResponseType is { } response)
        {
            string send = operation.ResponseMayBeEmpty ? "SendAllowingEmptyAsync" : "SendAsync";
            writer.WriteLine($"return await _transport.{send}(request, {ReaderFunction(response, codec)}, cancellationToken).ConfigureAwait(false);");
        }
        else
        {
            writer.WriteLine("await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);");
        }

        writer.CloseBlock();
    }

    private static IEnumerable<string> PathStatements(OperationModel operation)
    {
        string path = operation.PathTemplate;
        int position = 0;
        while (position < path.Length)
        {
            int open = path.IndexOf('{', position);
            if (open < 0)
            {
                yield return $"request.AppendPath({SourceWriter.Literal(path.Substring(position))});";
                yield break;
            }

            if (open > position)
            {
                yield return $"request.AppendPath({SourceWriter.Literal(path.Substring(position, open - position))});";
            }

            int close = path.IndexOf('}', open);
            string name = path.Substring(open + 1, close - open - 1);
            ParameterModel parameter = operation.Parameters.First(p => p.Location == ParameterLocation.Path && p.WireName == name);
            string value = parameter.FromProjectOption ? "_transport.ProjectId" : ArgumentText(parameter);
            yield return $"request.AppendPathParameter({SourceWriter.Literal(name)}, {value});";
            position = close + 1;
        }
    }

    /// <summary>The argument as the runtime's scalar overloads take it: enums by their wire text.</summary>
    private static string ArgumentText(ParameterModel parameter)
    {
        TypeRef type = parameter.Type;
        if (type.Kind == TypeKind.Enum)
        {
            return parameter.Required ? parameter.ClrName + ".Value" : parameter.ClrName + "?.Value";
        }

        if (type.Kind == TypeKind.Array && type.Element!.Kind == TypeKind.Enum)
        {
            string select = $"global::System.Linq.Enumerable.Select({parameter.ClrName}, static item => item.Value)";
            return parameter.Required ? select : $"{parameter.ClrName} is null ? null : {select}";
        }

        return parameter.ClrName;
    }

    private static string ParameterType(ParameterModel parameter, SpecModel spec) =>
        parameter.Type.Kind == TypeKind.Array
            ? $"global::System.Collections.Generic.IEnumerable<{TypeNames.ClrType(parameter.Type.Element!, spec.Namespace)}>"
            : TypeNames.ClrType(parameter.Type, spec.Namespace);

    private static string ReaderFunction(TypeRef type, string codec) => type.Kind switch
    {
        TypeKind.Object or TypeKind.Array or TypeKind.Map => $"{codec}.Read{TypeNames.ShapeName(type)}",
        TypeKind.Enum => $"static (ref global::System.Text.Json.Utf8JsonReader reader) => {codec}.Read{type.Name}(ref reader) ?? throw {TypeNames.JsonRead}.UnexpectedNull(\"the response\")",
        _ => $"static (ref global::System.Text.Json.Utf8JsonReader reader) => {JsonEmitter.ReadExpression(type)} ?? throw {TypeNames.JsonRead}.UnexpectedNull(\"the response\")",
    };

    private static string WriterFunction(TypeRef type, string codec) => type.Kind switch
    {
        TypeKind.Object or TypeKind.Array or TypeKind.Map => $"{codec}.Write{TypeNames.ShapeName(type)}",
        _ => $"static (writer, value) => {JsonEmitter.WriteStatement(type, "value").TrimEnd(';')}",
    };

    private static void WriteDocs(SourceWriter writer, SpecModel spec, OperationModel operation, List<ParameterModel> arguments)
    {
        writer.WriteDocElement("summary", operation.Summary ?? operation.OperationId);
        var remarks = new StringBuilder();
        if (operation.Description is not null)
        {
            remarks.Append(operation.Description.Trim()).Append('\n');
        }

        remarks.Append(operation.HttpMethod).Append(' ').Append(operation.PathTemplate);
        if (operation.Variant is not null)
        {
            remarks.Append(" (action ").Append(operation.Variant).Append(')');
        }

        remarks.Append('.');
        if (operation.DocRefs.Count > 0)
        {
            remarks.Append(" Documented in ").Append(string.Join(", ", operation.DocRefs.Select(citation => Citation(spec, citation)))).Append('.');
        }

        if (operation.Source is not null)
        {
            remarks.Append(" Source: ").Append(operation.Source).Append('.');
        }

        if (operation.MinMicroversion is not null)
        {
            remarks.Append(" Requires Nova microversion ").Append(operation.MinMicroversion).Append(" or later.");
        }

        writer.WriteDocElement("remarks", remarks.ToString());
        foreach (ParameterModel parameter in arguments.Where(p => p.Required))
        {
            writer.WriteDocElement("param", parameter.Description ?? parameter.WireName, $" name=\"{parameter.ClrName.TrimStart('@')}\"");
        }

        if (operation.RequestBody is not null)
        {
            writer.WriteDocElement("param", operation.RequestBody.Description ?? "The request body.", " name=\"body\"");
        }

        foreach (ParameterModel parameter in arguments.Where(p => !p.Required))
        {
            writer.WriteDocElement("param", parameter.Description ?? parameter.WireName, $" name=\"{parameter.ClrName.TrimStart('@')}\"");
        }

        writer.WriteLine("/// <param name=\"cancellationToken\">Cancels the request.</param>");
        if (operation.ResponseType is not null)
        {
            writer.WriteLine(operation.ResponseMayBeEmpty
                ? "/// <returns>The parsed response body, or null when the service answers with a success status that has no body.</returns>"
                : "/// <returns>The parsed response body.</returns>");
        }

        writer.WriteLine($"/// <exception cref=\"{TypeNames.Runtime}.BmsGenApiException\">The service answered with a non-success status.</exception>");
        writer.WriteLine($"/// <exception cref=\"{TypeNames.Runtime}.BmsGenResponseException\">The success response was not the JSON the spec describes.</exception>");
    }

    /// <summary>
    /// An <c>x-doc</c> citation as the caller reads it: its key replaced by the document's title from
    /// <c>info.x-documents</c> ("001 §4.3.1" → "Bare Metal Server API Reference §4.3.1"). The parser has reported
    /// every key the map does not list, so a spec that reaches the emitter has a title for each.
    /// </summary>
    private static string Citation(SpecModel spec, string citation)
    {
        int space = citation.IndexOf(' ');
        string key = space < 0 ? citation : citation.Substring(0, space);
        DocumentTitle? document = spec.Documents?.FirstOrDefault(d => d.Key == key);
        return document is null ? citation : document.Title + citation.Substring(key.Length);
    }

    private static string Pascal(string method) => method.Substring(0, 1) + method.Substring(1).ToLowerInvariant();
}
