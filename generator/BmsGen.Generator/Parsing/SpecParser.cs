using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using BmsGen.Generator.Diagnostics;
using BmsGen.Generator.Model;

namespace BmsGen.Generator.Parsing;

/// <summary>The parse step: spec text → <see cref="SpecModel"/> plus diagnostics. Never throws.</summary>
internal static class SpecParser
{
    public static SpecParseResult Parse(SpecInput input, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        SpecModel? model = null;
        try
        {
            YamlNode? root = YamlLoader.Load(input.Text);
            cancellationToken.ThrowIfCancellationRequested();
            model = new OpenApiReader(input, diagnostics, cancellationToken).Read(root);
        }
        catch (YamlLoader.LoadException ex)
        {
            SpecDiagnostic descriptor = ex.TooComplex ? SpecDiagnostics.TooComplex : SpecDiagnostics.SyntaxError;
            diagnostics.Add(new DiagnosticInfo(descriptor.Id, descriptor.Format(ex.Message), input.FilePath, ex.Line, ex.Column));
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception ex)
        {
            diagnostics.Add(new DiagnosticInfo(SpecDiagnostics.InternalError.Id, SpecDiagnostics.InternalError.Format(ex.GetType().Name + ": " + ex.Message), input.FilePath, 1, 1));
        }

        // A spec with errors emits nothing: half a client would compile into confusing follow-on errors.
        return new SpecParseResult(diagnostics.Count == 0 ? model : null, diagnostics.ToImmutableEquatableArray());
    }
}
