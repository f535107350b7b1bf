using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using BmsGen.Generator.Diagnostics;
using BmsGen.Generator.Model;
using BmsGen.Generator.Naming;

namespace BmsGen.Generator.Parsing;

/// <summary>The parse step: spec text → read → named <see cref="SpecModel"/>, plus diagnostics. Never throws.</summary>
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
            if (model is not null && !diagnostics.Any(d => d.IsError))
            {
                // The naming step: every generated name is checked and assigned here, before anything is emitted.
                model = NameAssigner.Assign(model, diagnostics);
            }

            if (root is YamlMapping mapping)
            {
                KeyChecker.Check(mapping, input, diagnostics, cancellationToken);
            }
        }
        catch (YamlLoader.LoadException ex)
        {
            Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor = ex.TooComplex ? SpecDiagnostics.TooComplex : SpecDiagnostics.SyntaxError;
            diagnostics.Add(DiagnosticInfo.Create(descriptor, input.FilePath, ex.Line, ex.Column, ex.Message));
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception ex)
        {
            diagnostics.Add(DiagnosticInfo.Create(SpecDiagnostics.InternalError, input.FilePath, 1, 1, ex.GetType().Name + ": " + ex.Message));
        }

        // A spec with errors emits nothing: half a client would compile into confusing follow-on errors.
        return new SpecParseResult(diagnostics.Any(d => d.IsError) ? null : model, diagnostics.ToImmutableEquatableArray());
    }
}
