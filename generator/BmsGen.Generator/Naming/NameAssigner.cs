using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using BmsGen.Generator.Diagnostics;
using BmsGen.Generator.Emitting;
using BmsGen.Generator.Model;
using BmsGen.Generator.Parsing;

namespace BmsGen.Generator.Naming;

/// <summary>
/// The naming step, between reading a spec and emitting its code: the one place that decides whether every name
/// the generated code declares can be kept. Each scope the code declares names in (the namespace's types, a model's
/// members, an enum's values, the codec's helpers, the JSON context's properties, the client's methods, an
/// operation's parameters) first reserves the names the generated code takes for itself, then every name from the
/// spec claims its own. Two spec names that become one C# name, or a spec name that takes a reserved one, are a
/// located error that names both and tells how to fix it (<c>x-csharp-name</c>): never a silent suffix, never a
/// C# compile error. The step also assigns the codec's locals and drops the names' spec positions from the model.
/// </summary>
internal sealed class NameAssigner
{
    /// <summary>The longest C# name taken from a spec (see <see cref="OpenApiReader.MaxNameLength"/>).</summary>
    public const int MaxNameLength = OpenApiReader.MaxNameLength;

    private readonly string _filePath;
    private readonly List<DiagnosticInfo> _diagnostics;

    private NameAssigner(string filePath, List<DiagnosticInfo> diagnostics)
    {
        _filePath = filePath;
        _diagnostics = diagnostics;
    }

    /// <summary>Checks and assigns the names of <paramref name="spec"/>; reports what cannot be kept to <paramref name="diagnostics"/>.</summary>
    public static SpecModel Assign(SpecModel spec, List<DiagnosticInfo> diagnostics) => new NameAssigner(spec.FilePath, diagnostics).Run(spec);

    private SpecModel Run(SpecModel spec)
    {
        CheckOverrides(spec);
        HashSet<string> kept = NameTypes(spec);
        NameCodec(spec, kept);
        var types = spec.Types.Select(NameMembers).ToImmutableEquatableArray();
        NameClient(spec);
        var operations = spec.Operations.Select(NameParameters).ToImmutableEquatableArray();
        return spec with { Types = types, Operations = operations };
    }

    /// <summary>Every <c>x-csharp-name</c> must be usable as given; the reader fell back to the spec name meanwhile.</summary>
    private void CheckOverrides(SpecModel spec)
    {
        IEnumerable<NameOrigin?> origins = spec.Types.Select(t => t.Origin)
            .Concat(spec.Types.SelectMany(MemberOrigins))
            .Concat(spec.Operations.Select(o => o.Origin))
            .Concat(spec.Operations.SelectMany(o => o.Parameters.Select(p => p.Origin)));
        foreach (NameOrigin origin in origins.OfType<NameOrigin>())
        {
            if (origin.Override is string chosen && !NameRules.IsUsableOverride(chosen))
            {
                _diagnostics.Add(DiagnosticInfo.Create(
                    SpecDiagnostics.InvalidName,
                    _filePath,
                    origin.OverrideLine,
                    origin.OverrideColumn,
                    $"The {NameRules.OverrideKey} of {origin.Kind} '{origin.SpecName}'",
                    chosen,
                    $"name: use an identifier that is not a keyword, holds no '__' and has at most {MaxNameLength} characters"));
            }
        }
    }

    /// <summary>The names a type declares inside itself, with their origins: the one place to add a new kind of type.</summary>
    private static IEnumerable<NameOrigin?> MemberOrigins(TypeModel type) => type switch
    {
        ObjectTypeModel objectType => objectType.Properties.Select(p => p.Origin),
        EnumTypeModel enumType => enumType.Members.Select(m => m.Origin),
        DiscriminatedTypeModel or UnionTypeModel => Enumerable.Empty<NameOrigin?>(),
        _ => throw new InvalidOperationException($"Unknown type model {type.GetType().Name}."),
    };

    /// <summary>The types of the namespace, beside the client, its interface, its JSON context and its codec; returns the types that kept their names.</summary>
    private HashSet<string> NameTypes(SpecModel spec)
    {
        var scope = new NameScope(this, $"among the types of namespace {spec.Namespace}");
        scope.Reserve(spec.ClientName, "is the name of the generated client");
        scope.Reserve(MemberNames.Interface(spec.ClientName), "is the name of the generated client's interface");
        scope.Reserve(MemberNames.JsonContext(spec.ClientName), "is the name of the generated JSON context");
        scope.Reserve(MemberNames.JsonCodec(spec.ClientName), "is the name of the generated JSON codec");
        var kept = new HashSet<string>(StringComparer.Ordinal);
        foreach (TypeModel type in spec.Types.OrderBy(t => t.Origin?.Line ?? 0).ThenBy(t => t.Name, StringComparer.Ordinal))
        {
            if (scope.Claim(ProposedName(type.Name), type.Origin))
            {
                kept.Add(type.Name);
            }
        }

        // The class a discriminated oneOf/anyOf reads a value it does not map into.
        foreach (DiscriminatedTypeModel type in spec.Types.OfType<DiscriminatedTypeModel>().Where(t => kept.Contains(t.Name)))
        {
            scope.Claim(type.UnknownName, type.Origin);
        }

        return kept;
    }

    /// <summary>
    /// The codec's helpers: a reader, a writer, a converter and a class of encoded names per type (and a field of
    /// encoded values per enumeration), a reader and a
    /// writer per array or map shape (<c>ReadArrayOfString</c>); and the JSON context's metadata property per type.
    /// </summary>
    private void NameCodec(SpecModel spec, HashSet<string> kept)
    {
        var codec = new NameScope(this, $"among the members of the JSON codec {MemberNames.JsonCodec(spec.ClientName)}");
        foreach (TypeRef shape in JsonEmitter.CollectShapes(spec))
        {
            string name = CodecNames.Shape(shape);
            string reason = $"the codec already uses for the {(shape.Kind == TypeKind.Array ? "list" : "map")} shape {name}";
            codec.Reserve(CodecNames.Read(name), reason);
            codec.Reserve(CodecNames.Write(name), reason);
        }

        var context = new NameScope(this, $"among the properties of the JSON context {MemberNames.JsonContext(spec.ClientName)}");
        context.Reserve(MemberNames.JsonContext(spec.ClientName), "is the JSON context's own name");
        foreach (TypeModel type in spec.Types.Where(t => kept.Contains(t.Name)).OrderBy(t => t.Origin?.Line ?? 0).ThenBy(t => t.Name, StringComparer.Ordinal))
        {
            _ = codec.Claim(CodecNames.Read(type.Name), type.Origin)
                && codec.Claim(CodecNames.Write(type.Name), type.Origin)
                && codec.Claim(CodecNames.Converter(type.Name), type.Origin)
                && codec.Claim(CodecNames.PropertyNames(type.Name), type.Origin)
                && (type is not EnumTypeModel enumType || !JsonEmitter.EncodesValues(enumType) || codec.Claim(CodecNames.EnumValues(type.Name), type.Origin))
                && context.Claim(CodecNames.ContextProperty(type.Name), type.Origin);
        }
    }

    /// <summary>The members a type declares; the one place to add the names of a new kind of type.</summary>
    private TypeModel NameMembers(TypeModel type)
    {
        switch (type)
        {
            case ObjectTypeModel objectType:
            {
                // The members an allOf base declares are members of the derived class too; the codec reads them together.
                var scope = new NameScope(this, $"among the members of the model {ProposedName(type.Name)}");
                scope.Reserve(type.Name, "is the model's own name (a member cannot be named like its class)");
                scope.ReserveAll(ReservedNames.ObjectMembers, "every class inherits from object");
                var locals = new HashSet<string>(StringComparer.Ordinal);
                PropertyModel Name(PropertyModel property)
                {
                    scope.Claim(property.ClrName, property.Origin);
                    if (property.TextName is { } textName)
                    {
                        // A date-time member also declares the member that keeps its text (CreatedText beside Created).
                        scope.Claim(textName, property.Origin);
                    }

                    return property with { LocalName = Number(NameRules.Local(property.ClrName), locals), Origin = null };
                }

                return objectType with
                {
                    InheritedProperties = objectType.InheritedProperties.Select(Name).ToImmutableEquatableArray(),
                    Properties = objectType.Properties.Select(Name).ToImmutableEquatableArray(),
                    Origin = null,
                };
            }

            case DiscriminatedTypeModel discriminated:
                // An abstract class whose members are its variants' (each an object model, named there).
                return discriminated with { Origin = null };

            case UnionTypeModel union:
            {
                var scope = new NameScope(this, $"among the members of the oneOf/anyOf type {ProposedName(type.Name)}");
                scope.Reserve(type.Name, "is the type's own name (a member cannot be named like its class)");
                scope.ReserveAll(ReservedNames.ObjectMembers, "every class inherits from object");
                scope.ReserveAll(ReservedNames.UnionMembers, "every generated oneOf/anyOf type declares");
                foreach (UnionVariantModel variant in union.Variants)
                {
                    _ = scope.Claim(UnionMemberNames.TryGet(variant.AccessorName), union.Origin)
                        && scope.Claim(UnionMemberNames.As(variant.AccessorName), union.Origin)
                        && scope.Claim(UnionMemberNames.From(variant.AccessorName), union.Origin);
                }

                return union with { Origin = null };
            }

            case EnumTypeModel enumType:
            {
                var scope = new NameScope(this, $"among the values of the enum {ProposedName(type.Name)}");
                scope.Reserve(type.Name, "is the enum's own name (a member cannot be named like its type)");
                scope.ReserveAll(ReservedNames.ObjectMembers, "every struct inherits from object");
                scope.ReserveAll(ReservedNames.EnumMembers, "every generated enum declares");
                foreach (EnumMemberModel member in enumType.Members)
                {
                    scope.Claim(member.ClrName, member.Origin);
                }

                return enumType with { Members = enumType.Members.Select(m => m with { Origin = null }).ToImmutableEquatableArray(), Origin = null };
            }

            default:
                throw new InvalidOperationException($"Unknown type model {type.GetType().Name}.");
        }
    }

    /// <summary>The client's members: each operation's method and the methods generated beside it.</summary>
    private void NameClient(SpecModel spec)
    {
        var scope = new NameScope(this, $"among the members of the client {spec.ClientName}");
        scope.Reserve(spec.ClientName, "is the client's own name (a member cannot be named like its class)");
        scope.Reserve(MemberNames.Interface(spec.ClientName), "is the name of the client's interface");
        scope.ReserveAll(ReservedNames.ClientMembers, "the generated client declares");
        scope.ReserveAll(ReservedNames.ObjectMembers, "every class inherits from object");
        foreach (OperationModel operation in spec.Operations)
        {
            var names = new List<string> { operation.MethodName, MemberNames.WithResponse(operation.ClrName), MemberNames.RequestBuilder(operation.ClrName) };
            if (operation.Paging is not null)
            {
                names.AddRange(new[] { MemberNames.Pages(operation.ClrName), MemberNames.All(operation.ClrName), MemberNames.PagingDescriptor(operation.ClrName) });
            }

            if (operation.Job is not null)
            {
                names.Add(MemberNames.AndWait(operation.ClrName));
            }

            if (spec.Operations.Any(o => o.Job?.PollOperationId == operation.OperationId))
            {
                names.Add(MemberNames.WaitFor(operation.ClrName));
            }

            foreach (string name in names)
            {
                if (!scope.Claim(name, operation.Origin))
                {
                    break;
                }
            }
        }
    }

    /// <summary>An operation's parameters, beside the parameters and locals its generated methods declare.</summary>
    private OperationModel NameParameters(OperationModel operation)
    {
        var scope = new NameScope(this, $"among the parameters of {operation.MethodName}");
        scope.ReserveAll(ReservedNames.OperationLocals, "the generated methods of every operation use");
        if (operation.Paging is not null)
        {
            scope.ReserveAll(ReservedNames.PagingLocals, "the generated paging methods use");
        }

        if (operation.Job is not null)
        {
            scope.ReserveAll(ReservedNames.JobLocals, "the generated job-waiting method uses");
        }

        foreach (ParameterModel parameter in operation.Parameters)
        {
            // "@class" and "class" are one identifier.
            scope.Claim(parameter.ClrName.TrimStart('@'), parameter.Origin);
        }

        return operation with { Parameters = operation.Parameters.Select(p => p with { Origin = null }).ToImmutableEquatableArray(), Origin = null };
    }

    /// <summary>The name a type proposed: its key without the number the reader added when the name was taken.</summary>
    private static string ProposedName(string key) => key.IndexOf('#') is int hash and >= 0 ? key.Substring(0, hash) : key;

    /// <summary>Spec text in a message, with line breaks and control characters shown as <c>\uXXXX</c>.</summary>
    private static string Printable(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (char.IsControl(c) || CSharpText.IsLineBreak(c))
            {
                builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>A codec local: internal to one method, so two members whose locals coincide get them numbered.</summary>
    private static string Number(string local, HashSet<string> taken)
    {
        string candidate = local;
        for (int n = 2; !taken.Add(candidate); n++)
        {
            candidate = local + n.ToString(CultureInfo.InvariantCulture);
        }

        return candidate;
    }

    private void Report(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, NameOrigin at, params object?[] args)
    {
        (int line, int column) = at.Override is not null ? (at.OverrideLine, at.OverrideColumn) : (at.Line, at.Column);
        object?[] shortened = args.Select(arg => arg is string text ? Printable(YamlLoader.Shorten(text, 200)) : arg).ToArray();
        _diagnostics.Add(DiagnosticInfo.Create(descriptor, _filePath, line, column, shortened));
    }

    /// <summary>
    /// One scope of names: who holds each (the generated code, with the reason, or a spec name, with its origin).
    /// The first holder keeps a name; a later claim is reported.
    /// </summary>
    private sealed class NameScope
    {
        private readonly NameAssigner _owner;
        private readonly string _where;
        private readonly Dictionary<string, (NameOrigin? Origin, string? Reason)> _holders = new(StringComparer.Ordinal);

        public NameScope(NameAssigner owner, string where)
        {
            _owner = owner;
            _where = where;
        }

        public void Reserve(string name, string reason)
        {
            if (!_holders.ContainsKey(name))
            {
                _holders.Add(name, (null, reason));
            }
        }

        public void ReserveAll(IEnumerable<string> names, string reason)
        {
            foreach (string name in names)
            {
                Reserve(name, reason);
            }
        }

        /// <summary>Claims <paramref name="name"/> for the spec name at <paramref name="origin"/>; false after reporting that it is taken.</summary>
        public bool Claim(string name, NameOrigin? origin)
        {
            if (!_holders.TryGetValue(name, out (NameOrigin? Origin, string? Reason) holder))
            {
                _holders.Add(name, (origin, null));
                return true;
            }

            if (origin is null)
            {
                // A name without an origin is one the reader already reported (a stand-in for a name too long).
                return false;
            }

            if (holder.Origin is NameOrigin first)
            {
                _owner.Report(SpecDiagnostics.NameCollision, origin, first.Kind, first.SpecName, LineOf(first), origin.Kind, origin.SpecName, LineOf(origin), name, _where);
            }
            else
            {
                _owner.Report(SpecDiagnostics.ReservedName, origin, origin.Kind, origin.SpecName, name, holder.Reason ?? "the generated code uses", _where);
            }

            return false;
        }

        private static int LineOf(NameOrigin origin) => origin.Override is not null ? origin.OverrideLine : origin.Line;
    }
}
