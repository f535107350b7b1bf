using System.Collections.Generic;
using System.Linq;

namespace BmsGen.Generator.Diagnostics;

/// <summary>
/// The catalog of spec diagnostics (ids are stable; DiagnosticCatalog.md explains each). Every one is an error:
/// a spec the generator did not fully understand must not produce a client that silently lacks something.
/// </summary>
internal static class SpecDiagnostics
{
    public const string Category = "BmsGen.Spec";

    public static readonly SpecDiagnostic SyntaxError = new("BMSGEN001", "Spec is not valid YAML or JSON", "Spec syntax error: {0}");
    public static readonly SpecDiagnostic InvalidStructure = new("BMSGEN002", "Spec structure is invalid", "{0}");
    public static readonly SpecDiagnostic UnresolvedReference = new("BMSGEN003", "Unresolvable $ref", "Cannot resolve $ref '{0}': {1}");
    public static readonly SpecDiagnostic DuplicateOperationId = new("BMSGEN004", "Duplicate operationId", "operationId '{0}' is already used at line {1}");
    public static readonly SpecDiagnostic UnsupportedConstruct = new("BMSGEN005", "Unsupported spec construct", "{0} is not supported: {1}");
    public static readonly SpecDiagnostic MissingOperationId = new("BMSGEN006", "Operation has no operationId", "{0} {1} has no operationId");
    public static readonly SpecDiagnostic InvalidName = new("BMSGEN007", "Name is not a valid C# identifier", "{0} '{1}' is not a valid C# {2}");
    public static readonly SpecDiagnostic PathParameterMismatch = new("BMSGEN008", "Path template and path parameters disagree", "{0}");
    public static readonly SpecDiagnostic CyclicReference = new("BMSGEN009", "Cyclic $ref", "$ref '{0}' refers back to itself without an object in between");
    public static readonly SpecDiagnostic TooComplex = new("BMSGEN010", "Spec exceeds generator limits", "{0}");
    public static readonly SpecDiagnostic UnsupportedMediaType = new("BMSGEN011", "Unsupported media type", "{0} uses media type '{1}'; only application/json bodies are supported");
    public static readonly SpecDiagnostic InternalError = new("BMSGEN012", "Generator failed on this spec", "The generator failed on this spec ({0}); please report it with the spec attached");
    public static readonly SpecDiagnostic DuplicateName = new("BMSGEN013", "Duplicate name", "{0}");
    public static readonly SpecDiagnostic InvalidClientExtension = new("BMSGEN014", "Invalid x-paging or x-job", "{0}");

    public static readonly IReadOnlyDictionary<string, SpecDiagnostic> All = new[]
    {
        SyntaxError, InvalidStructure, UnresolvedReference, DuplicateOperationId, UnsupportedConstruct, MissingOperationId,
        InvalidName, PathParameterMismatch, CyclicReference, TooComplex, UnsupportedMediaType, InternalError, DuplicateName,
        InvalidClientExtension,
    }.ToDictionary(d => d.Id);
}

internal sealed record SpecDiagnostic(string Id, string Title, string MessageFormat)
{
    public string Format(params object?[] args) => string.Format(System.Globalization.CultureInfo.InvariantCulture, MessageFormat, args);
}
