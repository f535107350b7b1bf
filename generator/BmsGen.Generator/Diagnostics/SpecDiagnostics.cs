using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace BmsGen.Generator.Diagnostics;

/// <summary>
/// The catalog of spec diagnostics. Ids are stable; DiagnosticCatalog.md explains each, and every descriptor's help
/// link points at its entry there. Errors stop the spec from emitting anything: a spec the generator did not fully
/// understand must not produce a client that silently lacks something. Warnings (an unknown key) leave the code
/// emitted; builds that treat warnings as errors stop on them too.
/// </summary>
internal static class SpecDiagnostics
{
    public const string Category = "BmsGen.Spec";

    /// <summary>Where the catalog lives in the repository; each descriptor links to its own anchor.</summary>
    public const string CatalogPath = "generator/BmsGen.Generator/DiagnosticCatalog.md";

    public static readonly DiagnosticDescriptor SyntaxError = Error("BMSGEN001", "Spec is not valid YAML or JSON", "Spec syntax error: {0}");
    public static readonly DiagnosticDescriptor InvalidStructure = Error("BMSGEN002", "Spec structure is invalid", "{0}");
    public static readonly DiagnosticDescriptor UnresolvedReference = Error("BMSGEN003", "Unresolvable $ref", "Cannot resolve $ref '{0}': {1}");
    public static readonly DiagnosticDescriptor DuplicateOperationId = Error("BMSGEN004", "Duplicate operationId", "operationId '{0}' is already used at line {1}");
    public static readonly DiagnosticDescriptor UnsupportedConstruct = Error("BMSGEN005", "Unsupported spec construct", "{0} is not supported: {1}");
    public static readonly DiagnosticDescriptor MissingOperationId = Error("BMSGEN006", "Operation has no operationId", "{0} {1} has no operationId");
    public static readonly DiagnosticDescriptor InvalidName = Error("BMSGEN007", "Name is not a valid C# identifier", "{0} '{1}' is not a valid C# {2}");
    public static readonly DiagnosticDescriptor PathParameterMismatch = Error("BMSGEN008", "Path template and path parameters disagree", "{0}");
    public static readonly DiagnosticDescriptor CyclicReference = Error("BMSGEN009", "Cyclic $ref", "$ref '{0}' refers back to itself without an object in between");
    public static readonly DiagnosticDescriptor TooComplex = Error("BMSGEN010", "Spec exceeds generator limits", "{0}");
    public static readonly DiagnosticDescriptor UnsupportedMediaType = Error("BMSGEN011", "Unsupported media type", "{0} uses media type '{1}'; only application/json bodies are supported");
    public static readonly DiagnosticDescriptor InternalError = Error("BMSGEN012", "Generator failed on this spec", "The generator failed on this spec ({0}); please report it with the spec attached");
    public static readonly DiagnosticDescriptor DuplicateName = Error("BMSGEN013", "Duplicate name", "{0}");
    public static readonly DiagnosticDescriptor InvalidClientExtension = Error("BMSGEN014", "Invalid x-paging or x-job", "{0}");
    public static readonly DiagnosticDescriptor NameCollision = Error("BMSGEN016", "Two spec names map to one C# name", "{0} '{1}' (line {2}) and {3} '{4}' (line {5}) both need the C# name '{6}' {7}; give one of them another C# name with x-csharp-name");
    public static readonly DiagnosticDescriptor ReservedName = Error("BMSGEN017", "Spec name takes a name the generated code uses", "{0} '{1}' needs the C# name '{2}', which {3} {4}; give it another C# name with x-csharp-name");
    public static readonly DiagnosticDescriptor UnknownKey = Warning("BMSGEN015", "Unknown key", "'{0}' is not a key of {1} in OpenAPI {2}; it is ignored (name extensions 'x-…', and quote text that holds ': ' or ', ' inside '{{…}}')");

    public static readonly IReadOnlyList<DiagnosticDescriptor> All = new[]
    {
        SyntaxError, InvalidStructure, UnresolvedReference, DuplicateOperationId, UnsupportedConstruct, MissingOperationId,
        InvalidName, PathParameterMismatch, CyclicReference, TooComplex, UnsupportedMediaType, InternalError, DuplicateName,
        InvalidClientExtension, UnknownKey, NameCollision, ReservedName,
    };

    private static readonly Dictionary<string, DiagnosticDescriptor> ById = All.ToDictionary(d => d.Id);

    public static DiagnosticDescriptor Get(string id) => ById.TryGetValue(id, out DiagnosticDescriptor? descriptor) ? descriptor : InternalError;

    public static string Format(this DiagnosticDescriptor descriptor, params object?[] args) =>
        string.Format(CultureInfo.InvariantCulture, descriptor.MessageFormat.ToString(CultureInfo.InvariantCulture), args);

    private static DiagnosticDescriptor Error(string id, string title, string format) => Create(id, title, format, DiagnosticSeverity.Error);

    private static DiagnosticDescriptor Warning(string id, string title, string format) => Create(id, title, format, DiagnosticSeverity.Warning);

    private static DiagnosticDescriptor Create(string id, string title, string format, DiagnosticSeverity severity) =>
        new(id, title, format, Category, severity, isEnabledByDefault: true, description: $"See {CatalogPath}.", helpLinkUri: CatalogPath + "#" + id.ToLowerInvariant());
}
