using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using BmsGen.Generator.Model;
using Scriban;
using Scriban.Runtime;

namespace BmsGen.SpecCheck.Reference;

/// <summary>
/// Renders the Markdown reference of one client from the generator's model with a Scriban template: every operation
/// with its method, path, C# signature, parameters (types, limits, defaults), request body members, source document
/// and section, deprecation and replacement. The template runs with strict variables and strict member access, so a
/// misspelt member fails the rendering instead of rendering empty.
/// </summary>
internal static class ReferenceRenderer
{
    /// <summary>The single command that regenerates every committed reference.</summary>
    public const string Command = "dotnet run --project generator/BmsGen.SpecCheck -c Release -- specs/*.yaml --reference specs/reference";

    private static readonly Regex Citation = new("\\b([0-9]{3}) (§|Table |Tables |ch\\.)", RegexOptions.CultureInvariant);

    /// <summary>The file name of a client's reference: <c>EcsClient.md</c>.</summary>
    public static string FileName(SpecModel model) => model.ClientName + ".md";

    /// <summary>Renders the reference of <paramref name="model"/>, read from the spec file <paramref name="specFileName"/>.</summary>
    public static string Render(SpecModel model, string specFileName) => Render(model, specFileName, LoadTemplate());

    /// <summary>Renders with the given template text; a template error or a misspelt member throws <see cref="InvalidOperationException"/>.</summary>
    public static string Render(SpecModel model, string specFileName, string templateText)
    {
        Template template = Template.Parse(templateText, "ClientReference.scriban");
        if (template.HasErrors)
        {
            throw new InvalidOperationException("The reference template does not parse: " + string.Join("; ", template.Messages));
        }

        var globals = new ScriptObject();
        globals.Import("cell", new Func<string?, string>(Cell));
        globals.SetValue("Model", BuildView(model, specFileName), readOnly: true);
        var context = new TemplateContext
        {
            StrictVariables = true,
            EnableRelaxedMemberAccess = false,
            EnableRelaxedTargetAccess = false,
            MemberRenamer = member => member.Name,
            NewLine = "\n",
        };
        context.PushGlobal(globals);
        try
        {
            return template.Render(context).Replace("\r\n", "\n", StringComparison.Ordinal);
        }
        catch (Scriban.Syntax.ScriptRuntimeException exception)
        {
            throw new InvalidOperationException("The reference template failed: " + exception.Message, exception);
        }
    }

    private static string LoadTemplate()
    {
        using Stream stream = typeof(ReferenceRenderer).Assembly.GetManifestResourceStream("ClientReference.scriban")
            ?? throw new InvalidOperationException("The reference template ClientReference.scriban is not embedded in BmsGen.SpecCheck.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static ClientView BuildView(SpecModel model, string specFileName)
    {
        var types = model.Types.ToDictionary(t => t.Name, StringComparer.Ordinal);
        // The titles of the documents that x-doc citations name by their key (info.x-documents).
        var titles = (model.Documents ?? ImmutableEquatableArray<DocumentTitle>.Empty).ToDictionary(d => d.Key, d => d.Title, StringComparer.Ordinal);
        var operations = model.Operations.Select(o => BuildOperation(o, types, titles)).ToList();
        return new ClientView(model.ClientName, model.Namespace, model.Title, model.Version, specFileName, Command, operations);
    }

    private static OperationView BuildOperation(OperationModel operation, Dictionary<string, TypeModel> types, Dictionary<string, string> titles)
    {
        string TitleOf(string citation)
        {
            int space = citation.IndexOf(' ');
            string key = space < 0 ? citation : citation.Substring(0, space);
            return titles.TryGetValue(key, out string? title) ? title + citation.Substring(key.Length) : citation;
        }

        // Descriptions still citing documents by key ("003 §5.1.1") are shown with the titles.
        string? Titled(string? text) =>
            text is null ? null : Citation.Replace(text, m => titles.TryGetValue(m.Groups[1].Value, out string? title) ? title + " " + m.Groups[2].Value : m.Value);

        List<ParameterModel> arguments = operation.Parameters.Where(p => !p.FromProjectOption).ToList();
        var signature = new List<string>();
        signature.AddRange(arguments.Where(p => p.Required).Select(p => $"{TypeName(p.Type)} {p.ClrName}"));
        if (operation.RequestBody is not null)
        {
            signature.Add($"{TypeName(operation.RequestBody.Type, dateTimeAsText: true)} body");
        }

        signature.AddRange(arguments.Where(p => !p.Required).Select(p => $"{TypeName(p.Type)}? {p.ClrName} = null"));
        signature.Add("CancellationToken cancellationToken = default");
        string returnType = operation.ResponseType is null
            ? "Task"
            : $"Task<{TypeName(operation.ResponseType, dateTimeAsText: true)}{(operation.ResponseMayBeEmpty ? "?" : string.Empty)}>";

        string sources = operation.DocRefs.Count == 0 ? string.Empty : string.Join("; ", operation.DocRefs.Select(TitleOf));
        string source = operation.Source == "huawei-sdk"
            ? "Huawei's official SDK (huaweicloud-sdk-net-v3); no API document describes it" + (sources.Length == 0 ? "." : $"; also {sources}.")
            : sources.Length == 0 ? "(none given)" : sources + ".";
        string sourceShort = operation.Source == "huawei-sdk" ? "Huawei SDK" : string.Join("; ", operation.DocRefs.Select(TitleOf));

        string returns = operation.ResponseType is null
            ? "nothing (a success status without a body)."
            : $"`{TypeName(operation.ResponseType, dateTimeAsText: true)}`" + (operation.ResponseMayBeEmpty ? ", or null when the success response has no body." : ".");

        BodyView? body = null;
        if (operation.RequestBody is { } requestBody)
        {
            var properties = new List<PropertyView>();
            if (requestBody.Type.Kind == TypeKind.Object && requestBody.Type.Name is string bodyName && types.TryGetValue(bodyName, out TypeModel? bodyType) && bodyType is ObjectTypeModel objectType)
            {
                properties.AddRange(objectType.Properties.Select(p => new PropertyView(p.WireName, TypeName(p.Type), p.Required, p.Remarks, Titled(p.Description))));
            }

            body = new BodyView(TypeName(requestBody.Type, dateTimeAsText: true), properties);
        }

        return new OperationView(
            operation.OperationId,
            operation.OperationId.ToLowerInvariant(),
            operation.HttpMethod,
            $"`{operation.PathTemplate}`" + (operation.Variant is null ? string.Empty : $" (variant `{operation.Variant}`)"),
            operation.Summary,
            Titled(operation.Description),
            $"{returnType} {operation.MethodName}({string.Join(", ", signature)})",
            source,
            sourceShort,
            operation.Deprecated,
            operation.ReplacedBy,
            operation.MinMicroversion,
            operation.Service,
            returns,
            arguments.Select(p => new ParameterView(p.ClrName, p.WireName, p.Location.ToString().ToLowerInvariant(), TypeName(p.Type), p.Required, p.Remarks, Titled(p.Description))).ToList(),
            body);
    }

    /// <summary>The short C# spelling of a type, as a caller writes it with the client's namespace imported.</summary>
    /// <remarks>
    /// A date and time is a <c>DateTimeOffset</c> as a parameter or model property; as a body, array item or map value
    /// (<paramref name="dateTimeAsText"/>) it stays the text the service sent.
    /// </remarks>
    internal static string TypeName(TypeRef type, bool dateTimeAsText = false) => type.Kind switch
    {
        TypeKind.String => "string",
        TypeKind.DateTime => dateTimeAsText ? "string" : "DateTimeOffset",
        TypeKind.Int32 => "int",
        TypeKind.Int64 => "long",
        TypeKind.Double => "double",
        TypeKind.Boolean => "bool",
        TypeKind.Any => "JsonElement",
        TypeKind.Object or TypeKind.Enum or TypeKind.Discriminated or TypeKind.Union => type.Name!,
        TypeKind.Array => $"IReadOnlyList<{TypeName(type.Element!, dateTimeAsText: true)}>",
        TypeKind.Map => $"IReadOnlyDictionary<string, {TypeName(type.Element!, dateTimeAsText: true)}>",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type.Kind, "Unknown type kind."),
    };

    /// <summary>Text made safe for one Markdown table cell.</summary>
    private static string Cell(string? text) =>
        text is null ? string.Empty : text.Replace("\r", string.Empty, StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal).Trim();

    internal sealed record ClientView(string Client, string Namespace, string Title, string? Version, string SpecFile, string Command, IReadOnlyList<OperationView> Operations);

    internal sealed record OperationView(
        string Id,
        string Anchor,
        string Method,
        string Path,
        string? Summary,
        string? Description,
        string Signature,
        string Source,
        string SourceShort,
        bool Deprecated,
        string? ReplacedBy,
        string? MinMicroversion,
        string? Service,
        string Returns,
        IReadOnlyList<ParameterView> Parameters,
        BodyView? Body);

    internal sealed record ParameterView(string Name, string Wire, string In, string Type, bool Required, string? Limits, string? Description);

    internal sealed record BodyView(string Type, IReadOnlyList<PropertyView> Properties);

    internal sealed record PropertyView(string Wire, string Type, bool Required, string? Limits, string? Description);
}
