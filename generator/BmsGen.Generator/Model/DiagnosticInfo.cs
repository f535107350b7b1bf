namespace BmsGen.Generator.Model;

/// <summary>
/// A diagnostic as plain data (descriptor id, message arguments, file and position) so parse results stay
/// equatable; it becomes a Roslyn <c>Diagnostic</c> only when reported.
/// </summary>
internal sealed record DiagnosticInfo(string Id, ImmutableEquatableArray<string> Arguments, string FilePath, int Line, int Column)
{
    public Microsoft.CodeAnalysis.DiagnosticDescriptor Descriptor => Diagnostics.SpecDiagnostics.Get(Id);

    public bool IsError => Descriptor.DefaultSeverity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error;

    /// <summary>"error" or "warning", as compilers print them.</summary>
    public string SeverityText => IsError ? "error" : "warning";

    public string Message => Diagnostics.SpecDiagnostics.Format(Descriptor, System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Cast<object?>(Arguments)));

    public static DiagnosticInfo Create(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, string filePath, int line, int column, params object?[] args)
    {
        var texts = new string[args.Length];
        for (int i = 0; i < args.Length; i++)
        {
            texts[i] = System.Convert.ToString(args[i], System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
        }

        return new DiagnosticInfo(descriptor.Id, texts.ToImmutableEquatableArray(), filePath, line, column);
    }
}

internal sealed record SpecParseResult(SpecModel? Model, ImmutableEquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>
/// One spec file as the pipeline sees it: its path, text, per-file MSBuild overrides and the consuming project's
/// root namespace (the default namespace).
/// </summary>
internal sealed record SpecInput(string FilePath, string Text, string? ClientNameOverride, string? NamespaceOverride, string? RootNamespace = null);
