using System.Collections.Generic;
using System.Linq;
using System.Text;
using BmsGen.Generator.Model;
using BmsGen.Generator.Naming;

namespace BmsGen.Generator.Emitting;

/// <summary>
/// Emits a spec's client: an interface with one method per operation (and the paging, raw-response and
/// job-waiting methods beside it) that callers can mock, and the sealed class that implements it on the runtime's
/// ApiTransport. Each operation's request is built in one private method that all of its methods share.
/// </summary>
internal static class ClientEmitter
{
    private const string Transport = TypeNames.Runtime + ".ApiTransport";
    private const string Options = TypeNames.Runtime + ".BmsGenClientOptions";
    private const string Paging = TypeNames.Runtime + ".Paging";
    private const string Jobs = TypeNames.Runtime + ".Jobs";
    private const string Task = "global::System.Threading.Tasks.Task";
    private const string AsyncEnumerable = "global::System.Collections.Generic.IAsyncEnumerable";
    private const string TokenParameter = "global::System.Threading.CancellationToken cancellationToken = default";

    public static string Emit(SpecModel spec)
    {
        var writer = new SourceWriter();
        EmitterHeader.Write(writer, spec);
        writer.WriteLine($"namespace {spec.Namespace}");
        writer.OpenBlock();
        EmitInterface(writer, spec);
        writer.WriteLine();
        EmitClass(writer, spec);
        writer.CloseBlock();
        return writer.ToString();
    }

    private static void EmitInterface(SourceWriter writer, SpecModel spec)
    {
        writer.WriteDocElement("summary", $"The operations of the {spec.Title} client ({spec.ClientName}), as an interface callers can mock.");
        writer.WriteLine(TypeNames.GeneratedCodeAttribute);
        writer.WriteLine($"public partial interface {MemberNames.Interface(spec.ClientName)}");
        writer.OpenBlock();
        bool first = true;
        foreach (Member member in Members(spec))
        {
            if (!first)
            {
                writer.WriteLine();
            }

            first = false;
            member.WriteDocs(writer);
            WriteObsolete(writer, member.Operation);
            writer.WriteLine($"{member.ReturnType} {member.Name}({string.Join(", ", member.Parameters)});");
        }

        writer.CloseBlock();
    }

    private static void EmitClass(SourceWriter writer, SpecModel spec)
    {
        writer.WriteDocElement("summary", spec.Title + " client.");
        writer.WriteDocElement("remarks", spec.Description);
        writer.WriteLine(TypeNames.GeneratedCodeAttribute);
        writer.WriteLine($$"""
            public sealed partial class {{spec.ClientName}} : {{MemberNames.Interface(spec.ClientName)}}
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
        foreach (Member member in Members(spec))
        {
            writer.WriteLine();
            writer.WriteLine("/// <inheritdoc/>");
            WriteObsolete(writer, member.Operation);
            member.WriteBody(writer);
        }

        foreach (OperationModel operation in spec.Operations)
        {
            writer.WriteLine();
            EmitRequestBuilder(writer, spec, operation);
            if (operation.Paging is { } paging)
            {
                writer.WriteLine();
                EmitPagingDescriptor(writer, spec, operation, paging);
            }
        }

        writer.CloseBlock();
    }

    /// <summary>Every public member of the client, in the order the interface and the class list them.</summary>
    private static IEnumerable<Member> Members(SpecModel spec)
    {
        string codec = CodecOf(spec);
        foreach (OperationModel operation in spec.Operations)
        {
            var arguments = operation.Parameters.Where(p => !p.FromProjectOption).ToList();
            List<string> parameters = SignatureParameters(spec, operation, arguments);
            string call = string.Join(", ", CallArguments(operation, arguments, null, null));
            string? value = operation.ResponseType is null ? null : TypeNames.ClrType(operation.ResponseType, spec.Namespace) + (operation.ResponseMayBeEmpty ? "?" : string.Empty);
            string reader = operation.ResponseType is null ? string.Empty : ReaderFunction(operation.ResponseType, codec) + ", ";
            string request = $"{MemberNames.RequestBuilder(operation.ClrName)}({call})";

            string send = operation.ResponseMayBeEmpty ? "SendAllowingEmptyAsync" : "SendAsync";
            yield return new Member(
                operation,
                operation.MethodName,
                value is null ? Task : $"{Task}<{value}>",
                parameters.Append(TokenParameter).ToList(),
                w => WriteDocs(w, spec, operation, arguments),
                w => WriteExpressionBody(w, $"public async {(value is null ? Task : $"{Task}<{value}>")} {operation.MethodName}({string.Join(", ", parameters.Append(TokenParameter))})", $"await _transport.{send}({request}, {reader}cancellationToken).ConfigureAwait(false)"));

            string withResponse = value is null ? TypeNames.Runtime + ".ApiResponse" : $"{TypeNames.Runtime}.ApiResponse<{value}>";
            string sendWithResponse = operation.ResponseMayBeEmpty ? "SendAllowingEmptyWithResponseAsync" : "SendWithResponseAsync";
            yield return new Member(
                operation,
                MemberNames.WithResponse(operation.ClrName),
                $"{Task}<{withResponse}>",
                parameters.Append(TokenParameter).ToList(),
                w => WriteDerivedDocs(w, spec, operation, arguments, $"{operation.Summary ?? operation.OperationId}, with the response's status code, headers and request ID.", $"Sends the same request as <see cref=\"{operation.MethodName}\"/>.", value is null
                    ? "The success response's status code, headers and request ID."
                    : "The parsed response body (<c>Value</c>) with the status code, headers and request ID."),
                w => WriteExpressionBody(w, $"public async {Task}<{withResponse}> {MemberNames.WithResponse(operation.ClrName)}({string.Join(", ", parameters.Append(TokenParameter))})", $"await _transport.{sendWithResponse}({request}, {reader}cancellationToken).ConfigureAwait(false)"));

            if (operation.Paging is { } paging)
            {
                string page = TypeNames.ClrType(operation.ResponseType!, spec.Namespace);
                string item = TypeNames.ClrType(paging.ItemType, spec.Namespace);
                string descriptor = $"{MemberNames.PagingDescriptor(operation.ClrName)}({call})";
                string how = PagingRemarks(operation, paging, arguments) + $" <see cref=\"{operation.MethodName}\"/> sends a single page.";
                yield return new Member(
                    operation,
                    MemberNames.Pages(operation.ClrName),
                    $"{AsyncEnumerable}<{page}>",
                    parameters.Append(TokenParameter).ToList(),
                    w => WriteDerivedDocs(w, spec, operation, arguments, $"{operation.Summary ?? operation.OperationId}: every page, one request per page.", how, "The pages, each read whole, in order; enumerating sends the requests."),
                    w => WriteExpressionBody(w, $"public {AsyncEnumerable}<{page}> {MemberNames.Pages(operation.ClrName)}({string.Join(", ", parameters.Append(TokenParameter))})", $"{Paging}.Paginator.PagesAsync(_transport, {descriptor}, cancellationToken)"));
                yield return new Member(
                    operation,
                    MemberNames.All(operation.ClrName),
                    $"{AsyncEnumerable}<{item}>",
                    parameters.Append(TokenParameter).ToList(),
                    w => WriteDerivedDocs(w, spec, operation, arguments, $"{operation.Summary ?? operation.OperationId}: every item ({paging.ItemsWireName}) across all pages, as the items arrive.", how + " Each response is read as a stream: an item is yielded as soon as it has been read, and memory holds one item, not a page.", "The items of every page, in order; enumerating sends the requests."),
                    w => WriteExpressionBody(w, $"public {AsyncEnumerable}<{item}> {MemberNames.All(operation.ClrName)}({string.Join(", ", parameters.Append(TokenParameter))})", $"{Paging}.Paginator.ItemsAsync(_transport, {descriptor}, cancellationToken)"));
            }

            if (operation.Job is { } job)
            {
                string jobType = TypeNames.ClrType(job.JobType, spec.Namespace);
                string waitOptions = $"{Jobs}.JobWaitOptions? waitOptions = null";
                string signature = string.Join(", ", parameters.Append(waitOptions).Append(TokenParameter));
                string jobId = $"submitted.Value{(operation.ResponseMayBeEmpty ? "?" : string.Empty)}.{job.JobIdProperty}";
                yield return new Member(
                    operation,
                    MemberNames.AndWait(operation.ClrName),
                    $"{Task}<{jobType}>",
                    parameters.Append(waitOptions).Append(TokenParameter).ToList(),
                    w => WriteDerivedDocs(
                        w,
                        spec,
                        operation,
                        arguments,
                        $"{operation.Summary ?? operation.OperationId}, then waits for the job it starts to end.",
                        $"Sends <see cref=\"{operation.MethodName}\"/>, then polls {job.PollOperationId} with the returned job ID until the job's status is SUCCESS or FAIL (<see cref=\"{MemberNames.WaitFor(job.PollClrName)}\"/>).",
                        "The job's final status, with its sub-jobs and entities.",
                        waitOptions: true),
                    w =>
                    {
                        w.WriteLine($"public async {Task}<{jobType}> {MemberNames.AndWait(operation.ClrName)}({signature})");
                        w.OpenBlock();
                        w.WriteLine($"var submitted = await {MemberNames.WithResponse(operation.ClrName)}({(call.Length == 0 ? string.Empty : call + ", ")}cancellationToken).ConfigureAwait(false);");
                        w.WriteLine($"string jobId = {jobId} is {{ Length: > 0 }} id");
                        w.WriteLine("    ? id");
                        w.WriteLine($"    : throw new {TypeNames.Runtime}.BmsGenResponseException({SourceWriter.Literal(operation.OperationId)}, submitted.StatusCode, \"the response has no job_id to wait for\", 0);");
                        w.WriteLine($"return await {MemberNames.WaitFor(job.PollClrName)}(jobId, waitOptions, cancellationToken).ConfigureAwait(false);");
                        w.CloseBlock();
                    });
            }
        }

        foreach (OperationModel poll in spec.Operations.Where(o => spec.Operations.Any(j => j.Job?.PollOperationId == o.OperationId)))
        {
            JobModel job = spec.Operations.First(o => o.Job?.PollOperationId == poll.OperationId).Job!;
            string jobType = TypeNames.ClrType(job.JobType, spec.Namespace);
            string name = MemberNames.WaitFor(poll.ClrName);
            var parameters = new List<string> { "string jobId", $"{Jobs}.JobWaitOptions? options = null", TokenParameter };
            string status = "job." + job.StatusProperty + (job.StatusIsEnum ? (job.StatusRequired ? ".Value" : "?.Value") : string.Empty);
            string errorCode = job.ErrorCodeProperty is null ? "null" : "job." + job.ErrorCodeProperty;
            string failReason = job.FailReasonProperty is null ? "null" : "job." + job.FailReasonProperty;
            yield return new Member(
                poll,
                name,
                $"{Task}<{jobType}>",
                parameters,
                w =>
                {
                    w.WriteDocElement("summary", $"Waits for a job to end: polls {poll.OperationId} until the job's status is SUCCESS or FAIL, waiting longer after each poll.");
                    w.WriteLine($"/// <param name=\"jobId\">The job ID an asynchronous operation returned.</param>");
                    w.WriteLine($"/// <param name=\"options\">The delays between polls, the timeout and the clock; defaults (2 s doubling to 30 s, 30 min) when null.</param>");
                    w.WriteLine("/// <param name=\"cancellationToken\">Cancels the wait.</param>");
                    w.WriteLine("/// <returns>The job's final status, with its sub-jobs and entities.</returns>");
                    w.WriteLine($"/// <exception cref=\"{Jobs}.BmsGenJobFailedException\">The job ended with status FAIL; the exception carries its error code and reason.</exception>");
                    w.WriteLine($"/// <exception cref=\"{Jobs}.BmsGenJobTimeoutException\">The job had not ended within the timeout.</exception>");
                    w.WriteLine($"/// <exception cref=\"{TypeNames.Runtime}.BmsGenApiException\">A poll was answered with a non-success status.</exception>");
                },
                w => WriteExpressionBody(
                    w,
                    $"public {Task}<{jobType}> {name}({string.Join(", ", parameters)})",
                    $"{Jobs}.JobWaiter.WaitAsync(jobId, token => {poll.MethodName}(jobId, token), static job => new {Jobs}.JobSnapshot({status}, {errorCode}, {failReason}), options, cancellationToken)"));
        }
    }

    private static void WriteObsolete(SourceWriter writer, OperationModel operation)
    {
        if (operation.Deprecated)
        {
            string message = "This API is discarded" + (operation.ReplacedBy is null ? "." : "; use " + operation.ReplacedBy.TrimEnd('.') + " instead.");
            writer.WriteLine($"[global::System.Obsolete({SourceWriter.Literal(message)})]");
        }
    }

    private static void WriteExpressionBody(SourceWriter writer, string declaration, string expression)
    {
        writer.WriteLine(declaration + " =>");
        writer.WriteLine("    " + expression + ";");
    }

    /// <summary>The typed parameters of an operation's methods: required ones, the body, then the optional ones defaulted to null.</summary>
    private static List<string> SignatureParameters(SpecModel spec, OperationModel operation, List<ParameterModel> arguments, bool defaults = true)
    {
        var signature = new List<string>();
        signature.AddRange(arguments.Where(p => p.Required).Select(p => $"{ParameterType(p, spec)} {p.ClrName}"));
        if (operation.RequestBody is not null)
        {
            signature.Add($"{TypeNames.ClrType(operation.RequestBody.Type, spec.Namespace)} body");
        }

        signature.AddRange(arguments.Where(p => !p.Required).Select(p => $"{ParameterType(p, spec)}? {p.ClrName}{(defaults ? " = null" : string.Empty)}"));
        return signature;
    }

    /// <summary>The arguments that pass an operation's parameters on, in signature order, with the paging ones replaced when given.</summary>
    private static IEnumerable<string> CallArguments(OperationModel operation, List<ParameterModel> arguments, string? limit, string? cursor)
    {
        foreach (ParameterModel parameter in arguments.Where(p => p.Required))
        {
            // A required cursor keeps the caller's value until the walk moves on.
            yield return cursor is not null && parameter.ClrName == operation.Paging!.CursorParameter ? $"{cursor} ?? {parameter.ClrName}" : parameter.ClrName;
        }

        if (operation.RequestBody is not null)
        {
            yield return "body";
        }

        foreach (ParameterModel parameter in arguments.Where(p => !p.Required))
        {
            yield return limit is not null && parameter.ClrName == operation.Paging!.LimitParameter ? limit
                : cursor is not null && parameter.ClrName == operation.Paging!.CursorParameter ? cursor
                : parameter.ClrName;
        }
    }

    /// <summary>The private method that builds an operation's request from its arguments.</summary>
    private static void EmitRequestBuilder(SourceWriter writer, SpecModel spec, OperationModel operation)
    {
        var arguments = operation.Parameters.Where(p => !p.FromProjectOption).ToList();
        writer.WriteLine($"private {TypeNames.Runtime}.ApiRequest {MemberNames.RequestBuilder(operation.ClrName)}({string.Join(", ", SignatureParameters(spec, operation, arguments, defaults: false))})");
        writer.OpenBlock();
        string service = operation.Service is null && !operation.Idempotent ? string.Empty : " { " + string.Join(", ", new[] { operation.Service is null ? null : "Service = " + SourceWriter.Literal(operation.Service), operation.Idempotent ? "Idempotent = true" : null }.Where(part => part is not null)) + " }";
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
            writer.WriteLine($"request.SetJsonBody(body, {WriterFunction(body.Type, CodecOf(spec))});");
        }

        writer.WriteLine("return request;");
        writer.CloseBlock();
    }

    /// <summary>The private method that describes a paged operation to the runtime's paginator.</summary>
    private static void EmitPagingDescriptor(SourceWriter writer, SpecModel spec, OperationModel operation, PagingModel paging)
    {
        var arguments = operation.Parameters.Where(p => !p.FromProjectOption).ToList();
        string page = TypeNames.ClrType(operation.ResponseType!, spec.Namespace);
        string item = TypeNames.ClrType(paging.ItemType, spec.Namespace);
        string descriptor = $"{Paging}.PagedOperation<{page}, {item}>";
        bool markerStyle = paging.Style is PagingStyle.Marker or PagingStyle.NextMarker;
        string cursor = markerStyle ? "cursor.Marker" : "cursor.Offset";
        string style = paging.Style switch
        {
            PagingStyle.Marker => "Marker",
            PagingStyle.NextMarker => "NextMarker",
            PagingStyle.PageNumber => "PageNumber",
            PagingStyle.Offset => "Offset",
            _ => throw new System.ArgumentOutOfRangeException(nameof(paging), paging.Style, "Unknown paging style."),
        };

        writer.WriteLine($"private {descriptor} {MemberNames.PagingDescriptor(operation.ClrName)}({string.Join(", ", SignatureParameters(spec, operation, arguments, defaults: false))})");
        writer.OpenBlock();
        writer.WriteLine($"int? pageSize = {paging.LimitParameter}{(paging.DefaultLimit is int size ? " ?? " + size.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty)};");
        writer.WriteLine($"return new {descriptor}");
        writer.OpenBlock();
        writer.WriteLine($"OperationId = {SourceWriter.Literal(operation.OperationId)},");
        writer.WriteLine($"Style = {Paging}.PagingStyle.{style},");
        writer.WriteLine($"Start = new {Paging}.PageCursor({(markerStyle ? paging.CursorParameter : "null")}, {(markerStyle ? "null" : paging.CursorParameter)}),");
        writer.WriteLine("PageSize = pageSize,");
        writer.WriteLine($"CreateRequest = cursor => {MemberNames.RequestBuilder(operation.ClrName)}({string.Join(", ", CallArguments(operation, arguments, "pageSize", cursor))}),");
        writer.WriteLine($"ReadPage = {ReaderFunction(operation.ResponseType!, CodecOf(spec))},");
        writer.WriteLine($"ItemsProperty = {SourceWriter.Literal(paging.ItemsWireName)},");
        writer.WriteLine($"Items = static page => page.{paging.ItemsProperty},");
        writer.WriteLine($"ReadItem = {ReaderFunction(paging.ItemType, CodecOf(spec))},");
        var facts = new List<string>();
        if (paging.Style == PagingStyle.Marker)
        {
            facts.Add($"NextMarker: {Paging}.PageLinks.NextMarker({PathExpression(paging.NextPath)}, static link => link.{paging.LinkRelProperty}{(paging.LinkRelIsEnum ? (paging.LinkRelRequired ? ".Value" : "?.Value") : string.Empty)}, static link => link.{paging.LinkHrefProperty})");
        }
        else if (paging.Style == PagingStyle.NextMarker)
        {
            facts.Add($"NextMarker: {PathExpression(paging.NextPath)}");
        }

        if (paging.TotalPath.Count > 0)
        {
            facts.Add($"Total: (long?){PathExpression(paging.TotalPath)}");
        }

        if (facts.Count > 0)
        {
            writer.WriteLine($"Facts = static page => new {Paging}.PageFacts({string.Join(", ", facts)}),");
        }

        writer.CloseBlock(";");
        writer.CloseBlock();
    }

    /// <summary><c>page.A?.B?.C</c> for a property path from the page down.</summary>
    private static string PathExpression(ImmutableEquatableArray<string> path) => "page." + string.Join("?.", path);

    private static string PagingRemarks(OperationModel operation, PagingModel paging, List<ParameterModel> arguments)
    {
        string limit = Wire(arguments, paging.LimitParameter);
        string cursor = Wire(arguments, paging.CursorParameter);
        string size = paging.DefaultLimit is int value ? $" (the documented default, {value}, when null)" : string.Empty;
        string rule = paging.Style switch
        {
            PagingStyle.Marker => $"Each page after the first is requested with {cursor} set to the marker of the previous page's next link; the walk ends at a page without one.",
            PagingStyle.NextMarker => $"Each page after the first is requested with {cursor} set to the next marker the previous page names; the walk ends at a page without one.",
            PagingStyle.PageNumber => $"{cursor} is the page number, from 1 (or the one given); the walk ends at a page shorter than the page size, when that is known.",
            PagingStyle.Offset => $"{cursor} is the index of the first item of each page; the walk ends at a page shorter than the page size, when that is known.",
            _ => throw new System.ArgumentOutOfRangeException(nameof(paging), paging.Style, "Unknown paging style."),
        };

        string total = paging.TotalPath.Count > 0 ? " or once the reported total is reached" : string.Empty;
        string repeat = paging.Style is PagingStyle.Marker or PagingStyle.NextMarker ? ", and never requests the same marker twice" : string.Empty;
        return $"Sends {operation.OperationId} once per page: {limit} is the page size{size}. {rule} It also ends at an empty page{total}{repeat}.";
    }

    private static string Wire(List<ParameterModel> arguments, string clrName) => arguments.First(p => p.ClrName == clrName).WireName;

    private static string CodecOf(SpecModel spec) => $"global::{spec.Namespace}.{MemberNames.JsonCodec(spec.ClientName)}";

    /// <summary>A public member of the client: its signature, its doc comment (on the interface) and its body (in the class).</summary>
    private sealed class Member
    {
        private readonly System.Action<SourceWriter> _docs;
        private readonly System.Action<SourceWriter> _body;

        public Member(OperationModel operation, string name, string returnType, List<string> parameters, System.Action<SourceWriter> docs, System.Action<SourceWriter> body)
        {
            Operation = operation;
            Name = name;
            ReturnType = returnType;
            Parameters = parameters;
            _docs = docs;
            _body = body;
        }

        public OperationModel Operation { get; }

        public string Name { get; }

        public string ReturnType { get; }

        public List<string> Parameters { get; }

        public void WriteDocs(SourceWriter writer) => _docs(writer);

        public void WriteBody(SourceWriter writer) => _body(writer);
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

    /// <summary>
    /// The argument as the runtime's scalar overloads take it: enums by their wire text, dates and times as ISO 8601
    /// in UTC with a Z (<c>2019-05-22T03:30:52Z</c>, the fraction only when there is one), the form the documents print
    /// for time parameters such as <c>changes-since</c>.
    /// </summary>
    private static string ArgumentText(ParameterModel parameter)
    {
        TypeRef type = parameter.Type;
        if (type.Kind == TypeKind.Enum)
        {
            return parameter.Required ? parameter.ClrName + ".Value" : parameter.ClrName + "?.Value";
        }

        if (type.Kind == TypeKind.DateTime)
        {
            return $"{TypeNames.JsonDateTime}.FormatUtc({parameter.ClrName})";
        }

        if (type.Kind == TypeKind.Array && type.Element!.Kind is TypeKind.Enum or TypeKind.DateTime)
        {
            string item = type.Element.Kind == TypeKind.Enum ? "item.Value" : $"{TypeNames.JsonDateTime}.FormatUtc(item)";
            string select = $"global::System.Linq.Enumerable.Select({parameter.ClrName}, static item => {item})";
            return parameter.Required ? select : $"{parameter.ClrName} is null ? null : {select}";
        }

        return parameter.ClrName;
    }

    private static string ParameterType(ParameterModel parameter, SpecModel spec) =>
        parameter.Type.Kind == TypeKind.Array
            ? $"global::System.Collections.Generic.IEnumerable<{ParameterScalarType(parameter.Type.Element!, spec)}>"
            : ParameterScalarType(parameter.Type, spec);

    /// <summary>A parameter's scalar type: a date and time is a DateTimeOffset the client formats, everything else its carrier type.</summary>
    private static string ParameterScalarType(TypeRef type, SpecModel spec) =>
        type.Kind == TypeKind.DateTime ? TypeNames.DateTimeOffset : TypeNames.ClrType(type, spec.Namespace);

    private static string ReaderFunction(TypeRef type, string codec) => type.Kind switch
    {
        TypeKind.Object or TypeKind.Array or TypeKind.Map or TypeKind.Discriminated or TypeKind.Union => $"{codec}.{CodecNames.Read(CodecNames.Shape(type))}",
        TypeKind.Enum => $"static (ref {TypeNames.JsonSpanReader} reader) => {codec}.{CodecNames.Read(type.Name!)}(ref reader) ?? throw {TypeNames.JsonRead}.UnexpectedNull(\"the response\")",
        _ => $"static (ref {TypeNames.JsonSpanReader} reader) => {JsonEmitter.ReadExpression(type, hasStrings: false)} ?? throw {TypeNames.JsonRead}.UnexpectedNull(\"the response\")",
    };

    private static string WriterFunction(TypeRef type, string codec) => type.Kind switch
    {
        TypeKind.Object or TypeKind.Array or TypeKind.Map or TypeKind.Enum or TypeKind.Discriminated or TypeKind.Union => $"{codec}.{CodecNames.Write(CodecNames.Shape(type))}",
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
        WriteParameterDocs(writer, operation, arguments);
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

    /// <summary>The doc comment of a method generated beside an operation's own (raw response, paging, job waiting).</summary>
    private static void WriteDerivedDocs(SourceWriter writer, SpecModel spec, OperationModel operation, List<ParameterModel> arguments, string summary, string remarks, string returns, bool waitOptions = false)
    {
        writer.WriteDocElement("summary", summary);
        writer.WriteLine($"/// <remarks>{remarks}</remarks>");
        WriteParameterDocs(writer, operation, arguments);
        if (waitOptions)
        {
            writer.WriteLine("/// <param name=\"waitOptions\">The delays between polls, the timeout and the clock; defaults (2 s doubling to 30 s, 30 min) when null.</param>");
        }

        writer.WriteLine("/// <param name=\"cancellationToken\">Cancels the request.</param>");
        writer.WriteLine($"/// <returns>{returns}</returns>");
        writer.WriteLine($"/// <exception cref=\"{TypeNames.Runtime}.BmsGenApiException\">The service answered with a non-success status.</exception>");
        writer.WriteLine($"/// <exception cref=\"{TypeNames.Runtime}.BmsGenResponseException\">The success response was not the JSON the spec describes.</exception>");
        if (waitOptions)
        {
            writer.WriteLine($"/// <exception cref=\"{Jobs}.BmsGenJobFailedException\">The job ended with status FAIL; the exception carries its error code and reason.</exception>");
            writer.WriteLine($"/// <exception cref=\"{Jobs}.BmsGenJobTimeoutException\">The job had not ended within the timeout.</exception>");
        }
    }

    private static string ParameterDoc(ParameterModel parameter)
    {
        string text = parameter.Description ?? parameter.WireName;
        TypeRef scalar = parameter.Type.Kind == TypeKind.Array ? parameter.Type.Element! : parameter.Type;
        text = text.TrimEnd();
        return scalar.Kind == TypeKind.DateTime ? text + (text.EndsWith(".", System.StringComparison.Ordinal) ? string.Empty : ".") + " Sent as ISO 8601 in UTC with a Z (2019-05-22T03:30:52Z), with the fraction of a second only when there is one." : text;
    }

    private static void WriteParameterDocs(SourceWriter writer, OperationModel operation, List<ParameterModel> arguments)
    {
        foreach (ParameterModel parameter in arguments.Where(p => p.Required))
        {
            writer.WriteDocElement("param", ParameterDoc(parameter), $" name=\"{parameter.ClrName.TrimStart('@')}\"");
        }

        if (operation.RequestBody is not null)
        {
            writer.WriteDocElement("param", operation.RequestBody.Description ?? "The request body.", " name=\"body\"");
        }

        foreach (ParameterModel parameter in arguments.Where(p => !p.Required))
        {
            writer.WriteDocElement("param", ParameterDoc(parameter), $" name=\"{parameter.ClrName.TrimStart('@')}\"");
        }
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
