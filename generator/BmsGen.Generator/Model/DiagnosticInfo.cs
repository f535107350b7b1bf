namespace BmsGen.Generator.Model;

/// <summary>
/// A diagnostic as plain data (descriptor id, message, file and position) so parse results stay equatable;
/// it becomes a Roslyn <c>Diagnostic</c> only when reported.
/// </summary>
internal sealed record DiagnosticInfo(string Id, string Message, string FilePath, int Line, int Column);

internal sealed record SpecParseResult(SpecModel? Model, ImmutableEquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>
/// One spec file as the pipeline sees it: its path, text, per-file MSBuild overrides and the consuming project's
/// root namespace (the default namespace).
/// </summary>
internal sealed record SpecInput(string FilePath, string Text, string? ClientNameOverride, string? NamespaceOverride, string? RootNamespace = null);
