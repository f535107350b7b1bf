using System.Linq;
using BmsGen.Generator.Model;
using BmsGen.Generator.Naming;

namespace BmsGen.Generator.Emitting;

/// <summary>Emits the model classes and string-enum value types of one spec.</summary>
internal static partial class ModelEmitter
{
    public static string Emit(SpecModel spec)
    {
        var writer = new SourceWriter();
        EmitterHeader.Write(writer, spec);
        writer.WriteLine($"namespace {spec.Namespace}");
        writer.OpenBlock();
        bool first = true;
        foreach (TypeModel type in spec.Types)
        {
            if (!first)
            {
                writer.WriteLine();
            }

            first = false;
            switch (type)
            {
                case ObjectTypeModel objectType:
                    EmitObject(writer, spec, objectType);
                    break;
                case EnumTypeModel enumType:
                    EmitEnum(writer, spec, enumType);
                    break;
                case DiscriminatedTypeModel discriminated:
                    EmitDiscriminated(writer, spec, discriminated);
                    break;
                case UnionTypeModel union:
                    EmitUnion(writer, spec, union);
                    break;
                default:
                    throw new System.ArgumentOutOfRangeException(nameof(spec), type.GetType().Name, "Unknown type model.");
            }
        }

        writer.CloseBlock();
        return writer.ToString();
    }

    private static void EmitObject(SourceWriter writer, SpecModel spec, ObjectTypeModel type)
    {
        writer.WriteDocElement("summary", type.Description ?? $"The {type.Name} model.");
        writer.WriteLine($"[global::System.Text.Json.Serialization.JsonConverter(typeof(global::{spec.Namespace}.{MemberNames.JsonCodec(spec.ClientName)}.{CodecNames.Converter(type.Name)}))]");
        writer.WriteLine(TypeNames.GeneratedCodeAttribute);
        WriteObsolete(writer, type.Deprecated, "The " + type.Name + " model", type.ReplacedBy);
        writer.WriteLine($"public {ClassModifiers(type)}partial class {type.Name}{BaseClause(type, spec)}");
        writer.OpenBlock();
        bool first = true;
        foreach (PropertyModel property in type.Properties)
        {
            if (!first)
            {
                writer.WriteLine();
            }

            first = false;
            writer.WriteDocElement("summary", property.Description ?? $"The {property.WireName} field.");
            string remarks = $"JSON name: {property.WireName}." + (property.Remarks is null ? string.Empty : " " + property.Remarks);
            remarks += property.SendsNull ? " The API requires the member and allows null: a null is sent as JSON null." : string.Empty;
            if (TypeNames.HoldsDateTimeText(property.Type))
            {
                remarks += " Each date and time is kept as the text the service sent; JsonDateTime.ParseOrNull (BmsGen.Runtime.Json) reads one leniently.";
            }

            // C# forbids [Obsolete] on a required member of a type that is not obsolete itself (CS9042): say it in the docs there.
            bool obsoleteAllowed = type.Deprecated || !(property.Required && property.DefaultValue is null);
            remarks += property.Deprecated && !obsoleteAllowed ? " " + DeprecationMessage("This field", property.ReplacedBy) : string.Empty;
            if (property.Type.Kind == TypeKind.DateTime)
            {
                EmitDateTime(writer, property, remarks, property.Deprecated && obsoleteAllowed);
                continue;
            }

            writer.WriteDocElement("remarks", remarks);
            WriteObsolete(writer, property.Deprecated && obsoleteAllowed, "The " + property.WireName + " field", property.ReplacedBy);
            string typeName = property.Required ? TypeNames.ClrType(property.Type, spec.Namespace) : TypeNames.Nullable(property.Type, spec.Namespace);

            // The value lives in a field the generated reader sets directly, nullable even for a required value
            // type so that the reader can tell a member that never arrived.
            string get = !property.Required ? property.FieldName
                : property.Type.IsValueType ? property.FieldName + ".GetValueOrDefault()"
                : property.FieldName + "!";
            string modifier = property.Required && property.DefaultValue is null ? "required " : string.Empty;
            writer.WriteLine($"public {modifier}{typeName} {property.ClrName} {{ get => {get}; init => {property.FieldName} = value; }}");
        }

        foreach (PropertyModel property in type.Properties)
        {
            writer.WriteLine();
            writer.WriteLine($"/// <summary>The value of <see cref=\"{property.ClrName}\"/>; null until it is set.</summary>");
            writer.WriteLine($"internal {TypeNames.Nullable(property.Type, spec.Namespace)} {property.FieldName};");
        }

        if (type.AllProperties.Any(p => p.Required))
        {
            // A required member with a documented default (an action variant's "action": "create", a mandatory
            // flag that defaults to false) starts out set for a caller. The parser keeps only defaults that parse
            // as the kind. The reader's constructor leaves it unset: a body that omits it is still an error.
            writer.WriteLine();
            writer.WriteDocElement("summary", $"Creates a {type.Name}; set its members with an object initializer.");
            writer.WriteLine($"public {type.Name}()");
            writer.OpenBlock();
            foreach (PropertyModel property in type.Properties.Where(p => p.Required && p.DefaultValue is not null))
            {
                string typeName = TypeNames.ClrType(property.Type, spec.Namespace);
                string defaultValue = property.DefaultValue!;
                string initializer = property.Type.Kind switch
                {
                    TypeKind.Enum => $"new {typeName}({SourceWriter.Literal(defaultValue)})",
                    TypeKind.String => SourceWriter.Literal(defaultValue),
                    TypeKind.Int64 => defaultValue + "L",
                    TypeKind.Double => defaultValue + "d",
                    TypeKind.Int32 or TypeKind.Boolean => defaultValue,
                    _ => throw new System.ArgumentOutOfRangeException(nameof(spec), property.Type.Kind, "The reader keeps defaults of scalar kinds only."),
                };
                writer.WriteLine($"{property.FieldName} = {initializer};");
            }

            writer.CloseBlock();
            writer.WriteLine();
            writer.WriteDocElement("summary", "Creates a model with no member set, for the generated reader, which sets the members as they arrive and checks the required ones itself.");
            writer.WriteLine("[global::System.Diagnostics.CodeAnalysis.SetsRequiredMembers]");
            writer.WriteLine("#pragma warning disable CS8618 // The reader sets the required members before it returns the model.");
            writer.WriteLine($"internal {type.Name}(global::BmsGen.Runtime.Json.JsonUnsetMembers unset){(HasUnsetConstructor(spec, type.BaseName) ? "\n    : base(unset)" : string.Empty)}");
            writer.WriteLine("#pragma warning restore CS8618");
            writer.OpenBlock();
            writer.CloseBlock();
        }

        writer.CloseBlock();
    }

    /// <summary>Whether the model named <paramref name="name"/> has the reader's constructor (it has required members, its own or inherited).</summary>
    private static bool HasUnsetConstructor(SpecModel spec, string? name) =>
        name is not null && spec.Types.OfType<ObjectTypeModel>().FirstOrDefault(t => t.Name == name) is { } model && model.AllProperties.Any(p => p.Required);

    /// <summary>
    /// A date-time property: a <c>DateTimeOffset?</c> member read leniently from, and written to, the text member
    /// beside it, which holds exactly what the service sent. One string field per property and nothing parsed while a
    /// page is read: the text is parsed each time the date is read.
    /// </summary>
    private static void EmitDateTime(SourceWriter writer, PropertyModel property, string remarks, bool obsolete)
    {
        string text = property.TextName ?? throw new System.InvalidOperationException($"The date-time property {property.ClrName} has no text member.");
        string modifier = property.Required ? "required " : string.Empty;
        writer.WriteDocElement(
            "remarks",
            remarks + $" Parsed from {text} on each read, leniently: ISO 8601 with Z, an offset or no zone (UTC), T or a space before the time, any fraction, so 2018-05-09T01:15:24Z, 2018-05-09T01:15:24.000000 and 2018-05-09 01:15:24 read alike. Null when the field is absent or null or its text is no such date and time; {text} keeps the text. Setting it stores the ISO 8601 round-trip text, which is what is sent.");
        WriteObsolete(writer, obsolete, "The " + property.WireName + " field", property.ReplacedBy);
        writer.WriteLine($"public {modifier}{TypeNames.DateTimeOffset}? {property.ClrName}");
        writer.OpenBlock();
        writer.WriteLine($"get => {TypeNames.JsonDateTime}.ParseOrNull({property.FieldName});");
        writer.WriteLine($"init => {property.FieldName} = {TypeNames.JsonDateTime}.Format(value);");
        writer.CloseBlock();
        writer.WriteLine();
        writer.WriteDocElement("summary", $"The {property.WireName} field exactly as the service sent it, or as {property.ClrName} set it; kept when it is not a date and time.");
        writer.WriteDocElement("remarks", $"JSON name: {property.WireName}. Read and written as is: a value read and not changed is sent back unchanged. Set it to send text that is not a date and time.");
        WriteObsolete(writer, obsolete, "The " + property.WireName + " field", property.ReplacedBy);
        writer.WriteLine($"public string? {text} {{ get => {property.FieldName}; init => {property.FieldName} = value; }}");
    }

    /// <summary>[Obsolete] for a deprecated schema or property; generated code suppresses CS0612/CS0618, a caller's use still warns.</summary>
    private static void WriteObsolete(SourceWriter writer, bool deprecated, string subject, string? replacedBy)
    {
        if (deprecated)
        {
            writer.WriteLine($"[global::System.Obsolete({SourceWriter.Literal(DeprecationMessage(subject, replacedBy))})]");
        }
    }

    private static string DeprecationMessage(string subject, string? replacedBy) =>
        subject + " is deprecated" + (replacedBy is null ? "." : "; use " + replacedBy.TrimEnd('.') + " instead.");

    private static void EmitEnum(SourceWriter writer, SpecModel spec, EnumTypeModel type)
    {
        string name = type.Name;
        writer.WriteDocElement("summary", type.Description ?? $"The {name} values.");
        writer.WriteDocElement("remarks", "A string-valued enumeration that keeps values it does not know: compare with the static members, read Value for the wire text.");
        writer.WriteLine($"[global::System.Text.Json.Serialization.JsonConverter(typeof(global::{spec.Namespace}.{MemberNames.JsonCodec(spec.ClientName)}.{CodecNames.Converter(name)}))]");
        writer.WriteLine(TypeNames.GeneratedCodeAttribute);
        writer.WriteLine($"public readonly partial struct {name} : global::System.IEquatable<{name}>");
        writer.OpenBlock();
        writer.WriteLine("private readonly string? _value;");
        writer.WriteLine();
        writer.WriteDocElement("summary", $"Creates a {name} from its wire text.");
        writer.WriteLine($$"""
            public {{name}}(string value)
            {
                _value = value ?? throw new global::System.ArgumentNullException(nameof(value));
            }
            """);
        foreach (EnumMemberModel member in type.Members)
        {
            writer.WriteLine();
            writer.WriteLine($"/// <summary>The value <c>{CSharpText.DocText(member.WireValue)}</c>.</summary>");
            writer.WriteLine($"public static {name} {member.ClrName} {{ get; }} = new {name}({SourceWriter.Literal(member.WireValue)});");
        }

        // A set, not an "is \"a\" or \"b\" …" pattern: the compiler binds a set initializer in time linear in its size.
        writer.WriteLine();
        writer.WriteLine("private static readonly global::System.Collections.Generic.HashSet<string> s_knownValues = new(global::System.StringComparer.Ordinal)");
        writer.OpenBlock();
        foreach (EnumMemberModel member in type.Members)
        {
            writer.WriteLine(SourceWriter.Literal(member.WireValue) + ",");
        }

        writer.CloseBlock(";");
        writer.WriteLine();
        writer.WriteLine($$"""
            /// <summary>The wire text of this value.</summary>
            public string Value => _value ?? string.Empty;

            /// <summary>Whether the spec documents this value.</summary>
            public bool IsKnown => s_knownValues.Contains(Value);

            /// <summary>Wraps wire text.</summary>
            public static implicit operator {{name}}(string value) => new {{name}}(value);

            /// <summary>Compares wire texts ordinally.</summary>
            public static bool operator ==({{name}} left, {{name}} right) => left.Equals(right);

            /// <summary>Compares wire texts ordinally.</summary>
            public static bool operator !=({{name}} left, {{name}} right) => !left.Equals(right);

            /// <inheritdoc/>
            public bool Equals({{name}} other) => string.Equals(Value, other.Value, global::System.StringComparison.Ordinal);

            /// <inheritdoc/>
            public override bool Equals(object? obj) => obj is {{name}} other && Equals(other);

            /// <inheritdoc/>
            public override int GetHashCode() => global::System.StringComparer.Ordinal.GetHashCode(Value);

            /// <inheritdoc/>
            public override string ToString() => Value;
            """);
        writer.CloseBlock();
    }
}
