using System.Collections.Generic;
using System.Linq;
using BmsGen.Generator.Model;
using BmsGen.Generator.Naming;

namespace BmsGen.Generator.Emitting;

/// <summary>
/// Emits the codec: reflection-free readers over JsonSpanReader and writers over Utf8JsonWriter for every model and
/// enum, helpers for every array and map shape the spec uses, and a JsonConverter per type that delegates to them.
/// </summary>
internal static partial class JsonEmitter
{
    private const string Reader = TypeNames.JsonSpanReader;
    private const string Writer = "global::System.Text.Json.Utf8JsonWriter";
    private const string Runtime = "global::BmsGen.Runtime.Json";

    public static string Emit(SpecModel spec)
    {
        var writer = new SourceWriter();
        EmitterHeader.Write(writer, spec);
        writer.WriteLine($"namespace {spec.Namespace}");
        writer.OpenBlock();
        writer.WriteDocElement("summary", $"Reads and writes the JSON of the {spec.ClientName} models without reflection.");
        writer.WriteLine(TypeNames.GeneratedCodeAttribute);
        writer.WriteLine($"internal static partial class {MemberNames.JsonCodec(spec.ClientName)}");
        writer.OpenBlock();

        bool first = true;
        void Separate()
        {
            if (!first)
            {
                writer.WriteLine();
            }

            first = false;
        }

        foreach (TypeModel type in spec.Types)
        {
            Separate();
            switch (type)
            {
                case ObjectTypeModel objectType:
                    EmitObjectReader(writer, spec, objectType);
                    writer.WriteLine();
                    EmitObjectWriter(writer, spec, objectType);
                    break;
                case EnumTypeModel enumType:
                    EmitEnumCodec(writer, spec, enumType);
                    break;
                case DiscriminatedTypeModel discriminated:
                    EmitDiscriminatedCodec(writer, spec, discriminated);
                    break;
                case UnionTypeModel union:
                    EmitUnionCodec(writer, spec, union);
                    break;
                default:
                    throw new System.ArgumentOutOfRangeException(nameof(spec), type.GetType().Name, "Unknown type model.");
            }

            writer.WriteLine();
            EmitConverter(writer, spec, type);
        }

        foreach (TypeRef shape in CollectShapes(spec))
        {
            Separate();
            EmitShapeCodec(writer, spec, shape);
        }

        writer.CloseBlock();
        writer.CloseBlock();
        return writer.ToString();
    }

    /// <summary>Every array and map shape used anywhere in the spec, innermost first, each once, in a stable order.</summary>
    internal static IReadOnlyList<TypeRef> CollectShapes(SpecModel spec)
    {
        var shapes = new SortedDictionary<string, TypeRef>(System.StringComparer.Ordinal);
        void Visit(TypeRef? type)
        {
            if (type is null || type.Kind is not (TypeKind.Array or TypeKind.Map))
            {
                return;
            }

            Visit(type.Element);
            shapes[CodecNames.Shape(type)] = type;
        }

        foreach (ObjectTypeModel type in spec.Types.OfType<ObjectTypeModel>())
        {
            foreach (PropertyModel property in type.Properties)
            {
                Visit(property.Type);
            }
        }

        foreach (UnionTypeModel type in spec.Types.OfType<UnionTypeModel>())
        {
            foreach (UnionVariantModel variant in type.Variants)
            {
                Visit(variant.Type);
            }
        }

        foreach (OperationModel operation in spec.Operations)
        {
            Visit(operation.RequestBody?.Type);
            Visit(operation.ResponseType);
        }

        return shapes.Values.ToList();
    }

    /// <summary>
    /// The parameter through which object, array and map readers share the document's string table: the public
    /// reader takes it once and hands it down, which spares each nested value a thread-static lookup.
    /// </summary>
    private const string StringsParameter = "strings";

    /// <summary>The parameter list of a reader that takes the string table.</summary>
    private static string ReaderParameters => $"ref {Reader} reader, {Runtime}.JsonStringTable {StringsParameter}";

    /// <summary>
    /// The two signatures of a public reader of <paramref name="name"/>, which reads <paramref name="what"/>: one
    /// without the string table, which takes this thread's and calls the other, and the other's, whose body the
    /// caller writes.
    /// </summary>
    private static string ReaderSignatures(string clr, string name, string what) => $$"""
        /// <summary>Reads {{what}}; returns null for a JSON null.</summary>
        public static {{clr}}? {{CodecNames.Read(name)}}(ref {{Reader}} reader) => {{CodecNames.Read(name)}}(ref reader, {{TypeNames.JsonRead}}.Strings());

        /// <summary>Reads {{what}}, sharing repeated short strings through <paramref name="{{StringsParameter}}"/>; returns null for a JSON null.</summary>
        public static {{clr}}? {{CodecNames.Read(name)}}({{ReaderParameters}})
        """;

    /// <summary>
    /// An expression that reads the current value as the nullable form of <paramref name="type"/>; strings, objects,
    /// arrays and maps are read through the method's <see cref="StringsParameter"/> when <paramref name="hasStrings"/>.
    /// </summary>
    internal static string ReadExpression(TypeRef type, bool hasStrings = true) => type.Kind switch
    {
        // A date and time is read as its text, parsed only when the caller reads the DateTimeOffset member.
        TypeKind.String or TypeKind.DateTime => hasStrings
            ? $"{TypeNames.JsonRead}.String(ref reader, {StringsParameter})"
            : $"{TypeNames.JsonRead}.String(ref reader)",
        TypeKind.Object or TypeKind.Array or TypeKind.Map when hasStrings => $"{CodecNames.Read(CodecNames.Shape(type))}(ref reader, {StringsParameter})",
        TypeKind.Int32 => $"{TypeNames.JsonRead}.Int32(ref reader)",
        TypeKind.Int64 => $"{TypeNames.JsonRead}.Int64(ref reader)",
        TypeKind.Double => $"{TypeNames.JsonRead}.Double(ref reader)",
        TypeKind.Boolean => $"{TypeNames.JsonRead}.Boolean(ref reader)",
        TypeKind.Any => $"{TypeNames.JsonRead}.Element(ref reader)",
        TypeKind.Object or TypeKind.Enum or TypeKind.Array or TypeKind.Map or TypeKind.Discriminated or TypeKind.Union => $"{CodecNames.Read(CodecNames.Shape(type))}(ref reader)",
        _ => throw new System.ArgumentOutOfRangeException(nameof(type), type.Kind, null),
    };

    /// <summary>
    /// A statement that writes <paramref name="value"/> (non-null) as <paramref name="type"/>; the codec's own helpers
    /// are qualified with <paramref name="codec"/> when the statement is used outside the codec.
    /// </summary>
    internal static string WriteStatement(TypeRef type, string value, string? codec = null) => type.Kind switch
    {
        TypeKind.String or TypeKind.DateTime => $"writer.WriteStringValue({value});",
        TypeKind.Int32 or TypeKind.Int64 or TypeKind.Double => $"writer.WriteNumberValue({value});",
        TypeKind.Boolean => $"writer.WriteBooleanValue({value});",
        TypeKind.Any => $"{value}.WriteTo(writer);",
        TypeKind.Object or TypeKind.Enum or TypeKind.Array or TypeKind.Map or TypeKind.Discriminated or TypeKind.Union => $"{(codec is null ? string.Empty : codec + ".")}{CodecNames.Write(CodecNames.Shape(type))}(writer, {value});",
        _ => throw new System.ArgumentOutOfRangeException(nameof(type), type.Kind, null),
    };

    /// <summary>
    /// Models wider than this read and write in parts of this many members, each part its own method: the
    /// compiler's flow analysis of one method grows with the square of its branches times its locals, so a
    /// 20,000-member model in one method would take minutes to compile.
    /// </summary>
    internal const int PartSize = 128;

    private static void EmitObjectReader(SourceWriter writer, SpecModel spec, ObjectTypeModel type)
    {
        string clr = TypeNames.ClrType(new TypeRef(TypeKind.Object, type.Name), spec.Namespace);
        List<PropertyModel> properties = type.AllProperties.ToList();
        bool wide = properties.Count > PartSize;

        // A wide model's members collect in a state object and construct the model at the end; any other model's
        // members, inherited ones included, go straight into its fields.
        List<(PropertyModel Property, string Local)> fields = properties.Select(p => (p, wide ? p.LocalName : p.FieldName)).ToList();
        string prefix = wide ? "state." : "value.";
        List<List<(PropertyModel Property, string Local)>> parts = Parts(fields);

        writer.WriteLine(ReaderSignatures(clr, type.Name, $"a {type.Name} object"));
        writer.OpenBlock();
        writer.WriteLine($$"""
            if (reader.TokenType == global::System.Text.Json.JsonTokenType.Null)
            {
                return null;
            }

            {{TypeNames.JsonRead}}.ExpectStartObject(ref reader, "{{type.Name}}");
            """);
        if (wide)
        {
            writer.WriteLine($"var state = new {CodecNames.ReadState(type.Name)}();");
        }
        else if (fields.Count > 0)
        {
            // The members go straight into the model's fields as they arrive; the required ones are checked at the end.
            string arguments = properties.Any(p => p.Required) ? $"default({Runtime}.JsonUnsetMembers)" : string.Empty;
            writer.WriteLine($"var value = new {clr}({arguments});");
        }

        writer.WriteLine($"while ({TypeNames.JsonRead}.NextProperty(ref reader))");
        writer.OpenBlock();
        if (wide)
        {
            writer.WriteLine($"global::System.ReadOnlySpan<byte> name = {TypeNames.JsonRead}.PropertyName(ref reader);");
            writer.WriteLine($"{TypeNames.JsonRead}.MoveToValue(ref reader);");
            string calls = string.Join(" || ", parts.Select((_, index) => $"{CodecNames.ReadPart(type.Name, index)}(ref reader, name, state, {StringsParameter})"));
            writer.WriteLine($"if ({calls})");
            writer.OpenBlock();
            writer.WriteLine("continue;");
            writer.CloseBlock();
            writer.WriteLine();
        }
        else if (fields.Count > 0)
        {
            writer.WriteLine($"global::System.ReadOnlySpan<byte> name = {TypeNames.JsonRead}.PropertyName(ref reader);");
            writer.WriteLine($"{TypeNames.JsonRead}.MoveToValue(ref reader);");
            WriteDispatch(writer, fields, prefix, "continue;");
            writer.WriteLine();
        }
        else
        {
            writer.WriteLine($"{TypeNames.JsonRead}.MoveToValue(ref reader);");
        }

        writer.WriteLine($"{TypeNames.JsonRead}.SkipValue(ref reader);");
        writer.CloseBlock();
        if (wide)
        {
            for (int index = 0; index < parts.Count; index++)
            {
                if (parts[index].Any(f => f.Property.Required))
                {
                    writer.WriteLine($"{CodecNames.CheckPart(type.Name, index)}(state);");
                }
            }
        }
        else
        {
            WriteRequiredChecks(writer, type, fields, prefix);
        }

        writer.WriteLine();
        if (fields.Count == 0)
        {
            writer.WriteLine($"return new {clr}();");
        }
        else if (!wide)
        {
            writer.WriteLine("return value;");
        }
        else
        {
            writer.WriteLine($"return new {clr}");
            writer.OpenBlock();
            foreach ((PropertyModel property, string local) in fields)
            {
                // A wide model's required members were checked in the part methods, out of the compiler's sight.
                string value = !property.Required ? prefix + local
                    : property.Type.IsValueType ? prefix + local + (wide ? ".GetValueOrDefault()" : ".Value")
                    : prefix + local + (wide ? "!" : string.Empty);

                if (property.Type.Kind == TypeKind.DateTime && property.Required)
                {
                    // The caller-facing DateTimeOffset? member is the required one; the text read is stored after it.
                    writer.WriteLine($"{property.ClrName} = null,");
                }

                writer.WriteLine($"{property.StorageName} = {value},");
            }

            writer.CloseBlock(";");
        }

        writer.CloseBlock();
        if (!wide)
        {
            return;
        }

        writer.WriteLine();
        writer.WriteLine($"/// <summary>The members of a {type.Name} read so far.</summary>");
        writer.WriteLine($"private sealed class {CodecNames.ReadState(type.Name)}");
        writer.OpenBlock();
        foreach ((PropertyModel property, string local) in fields)
        {
            writer.WriteLine($"public {TypeNames.Nullable(property.Type, spec.Namespace)} {local};");
        }

        writer.CloseBlock();
        for (int index = 0; index < parts.Count; index++)
        {
            writer.WriteLine();
            writer.WriteLine($"private static bool {CodecNames.ReadPart(type.Name, index)}(ref {Reader} reader, scoped global::System.ReadOnlySpan<byte> name, {CodecNames.ReadState(type.Name)} state, {Runtime}.JsonStringTable {StringsParameter})");
            writer.OpenBlock();
            WriteDispatch(writer, parts[index], prefix, "return true;");
            writer.WriteLine();
            writer.WriteLine("return false;");
            writer.CloseBlock();
            if (parts[index].Any(f => f.Property.Required))
            {
                writer.WriteLine();
                writer.WriteLine($"private static void {CodecNames.CheckPart(type.Name, index)}({CodecNames.ReadState(type.Name)} state)");
                writer.OpenBlock();
                WriteRequiredChecks(writer, type, parts[index], prefix);
                writer.CloseBlock();
            }
        }
    }

    private static List<List<(PropertyModel Property, string Local)>> Parts(List<(PropertyModel Property, string Local)> fields)
    {
        var parts = new List<List<(PropertyModel Property, string Local)>>();
        for (int start = 0; start < fields.Count; start += PartSize)
        {
            parts.Add(fields.GetRange(start, System.Math.Min(PartSize, fields.Count - start)));
        }

        return parts;
    }

    /// <summary>
    /// Matches <c>name</c> against the members, on the UTF-8 length first and then on a byte that tells the
    /// members of that length apart, so each member costs one span comparison.
    /// </summary>
    private static void WriteDispatch(SourceWriter writer, List<(PropertyModel Property, string Local)> fields, string prefix, string matched)
    {
        EmitUtf8Switch(writer, "name", fields, f => f.Property.WireName, (_, f) =>
        {
            writer.WriteLine($"{prefix}{f.Local} = {ReadExpression(f.Property.Type)};");
            writer.WriteLine(matched);
        });
    }

    private static void WriteRequiredChecks(SourceWriter writer, ObjectTypeModel type, List<(PropertyModel Property, string Local)> fields, string prefix)
    {
        foreach ((PropertyModel property, string local) in fields.Where(f => f.Property.Required))
        {
            writer.WriteLine();
            writer.WriteLine($$"""
                if ({{prefix}}{{local}} is null)
                {
                    throw {{TypeNames.JsonRead}}.MissingProperty("{{type.Name}}", {{SourceWriter.Literal(property.WireName)}});
                }
                """);
        }
    }

    /// <summary>
    /// Matches the span <paramref name="name"/> against the candidates' UTF-8 texts: a switch on the length, then
    /// <see cref="EmitNameDispatch"/> among the candidates of that length. No match falls through.
    /// </summary>
    private static void EmitUtf8Switch<T>(SourceWriter writer, string name, IEnumerable<T> candidates, System.Func<T, string> wire, System.Action<SourceWriter, T> onMatch)
    {
        writer.WriteLine($"switch ({name}.Length)");
        writer.OpenBlock();
        foreach (IGrouping<int, T> group in candidates.GroupBy(c => System.Text.Encoding.UTF8.GetByteCount(wire(c))).OrderBy(g => g.Key))
        {
            writer.WriteLine($"case {group.Key.ToString(System.Globalization.CultureInfo.InvariantCulture)}:");
            writer.Indent();
            EmitNameDispatch(writer, name, group.ToList(), wire, onMatch);
            writer.WriteLine("break;");
            writer.Unindent();
        }

        writer.CloseBlock();
    }

    /// <summary>
    /// Matches the span <paramref name="name"/> (of the candidates' common UTF-8 length) against the candidates: one comparison
    /// for a single candidate; for several, a switch on the byte that tells most of them apart, then a comparison
    /// against each candidate with that byte. <paramref name="onMatch"/> writes the body for a match and leaves the
    /// loop or method; no match falls through.
    /// </summary>
    private static void EmitNameDispatch<T>(SourceWriter writer, string name, IReadOnlyList<T> candidates, System.Func<T, string> wire, System.Action<SourceWriter, T> onMatch)
    {
        void Compare(T candidate)
        {
            writer.WriteLine($"if (global::System.MemoryExtensions.SequenceEqual({name}, {SourceWriter.Utf8Literal(wire(candidate))}))");
            writer.OpenBlock();
            onMatch(writer, candidate);
            writer.CloseBlock();
        }

        List<byte[]> bytes = candidates.Select(c => System.Text.Encoding.UTF8.GetBytes(wire(c))).ToList();
        if (candidates.Count == 1 || bytes[0].Length == 0)
        {
            foreach (T candidate in candidates)
            {
                Compare(candidate);
                writer.WriteLine();
            }

            return;
        }

        int position = Enumerable.Range(0, bytes[0].Length)
            .OrderByDescending(i => bytes.Select(b => b[i]).Distinct().Count())
            .ThenBy(i => i)
            .First();
        writer.WriteLine($"switch ({name}[{position.ToString(System.Globalization.CultureInfo.InvariantCulture)}])");
        writer.OpenBlock();
        foreach (IGrouping<byte, int> sameByte in Enumerable.Range(0, candidates.Count).GroupBy(i => bytes[i][position]).OrderBy(g => g.Key))
        {
            writer.WriteLine($"case {ByteLiteral(sameByte.Key)}:");
            writer.Indent();
            foreach (int index in sameByte)
            {
                Compare(candidates[index]);
                writer.WriteLine();
            }

            writer.WriteLine("break;");
            writer.Unindent();
        }

        writer.CloseBlock();
        writer.WriteLine();
    }

    /// <summary>A byte as a C# case label: the character for letters, digits and plain punctuation, hex otherwise.</summary>
    private static string ByteLiteral(byte value) =>
        (value >= (byte)'a' && value <= (byte)'z') || (value >= (byte)'A' && value <= (byte)'Z') || (value >= (byte)'0' && value <= (byte)'9') || value is (byte)'_' or (byte)'-' or (byte)':' or (byte)'.'
            ? $"(byte)'{(char)value}'"
            : "0x" + value.ToString("X2", System.Globalization.CultureInfo.InvariantCulture);

    private static void EmitObjectWriter(SourceWriter writer, SpecModel spec, ObjectTypeModel type)
    {
        string clr = TypeNames.ClrType(new TypeRef(TypeKind.Object, type.Name), spec.Namespace);
        string names = NamesClass(type);
        writer.WriteLine($"/// <summary>Writes a {type.Name} object; optional members that are null are left out.</summary>");
        writer.WriteLine($"public static void {CodecNames.Write(type.Name)}({Writer} writer, {clr} value)");
        writer.OpenBlock();
        WriteDerivedDispatch(writer, spec, type);
        writer.WriteLine($$"""
            writer.WriteStartObject();
            {{CodecNames.WriteMembers(type.Name)}}(writer, value);
            writer.WriteEndObject();
            """);
        writer.CloseBlock();
        writer.WriteLine();
        writer.WriteLine($"/// <summary>Writes a {type.Name} object as the member <paramref name=\"name\"/>, which starts in the same call.</summary>");
        writer.WriteLine($"public static void {CodecNames.Write(type.Name)}({Writer} writer, {TypeNames.Json}.JsonEncodedText name, {clr} value)");
        writer.OpenBlock();
        if (type.IsBase)
        {
            // The value may be a derived type, which the writer above dispatches on.
            writer.WriteLine($$"""
                writer.WritePropertyName(name);
                {{CodecNames.Write(type.Name)}}(writer, value);
                """);
        }
        else
        {
            writer.WriteLine($$"""
                writer.WriteStartObject(name);
                {{CodecNames.WriteMembers(type.Name)}}(writer, value);
                writer.WriteEndObject();
                """);
        }

        writer.CloseBlock();
        writer.WriteLine();
        writer.WriteLine($"private static void {CodecNames.WriteMembers(type.Name)}({Writer} writer, {clr} value)");
        writer.OpenBlock();
        WriteTag(writer, type);
        List<PropertyModel> properties = type.AllProperties.ToList();
        bool wide = properties.Count > PartSize;
        int partCount = (properties.Count + PartSize - 1) / PartSize;
        if (wide)
        {
            for (int index = 0; index < partCount; index++)
            {
                writer.WriteLine($"{CodecNames.WritePart(type.Name, index)}(writer, value);");
            }
        }
        else
        {
            WriteMembers(writer, names, properties);
        }

        writer.CloseBlock();
        if (wide)
        {
            for (int index = 0; index < partCount; index++)
            {
                writer.WriteLine();
                writer.WriteLine($"private static void {CodecNames.WritePart(type.Name, index)}({Writer} writer, {clr} value)");
                writer.OpenBlock();
                WriteMembers(writer, names, properties.GetRange(index * PartSize, System.Math.Min(PartSize, properties.Count - (index * PartSize))));
                writer.CloseBlock();
            }
        }

        if (properties.Count == 0)
        {
            return;
        }

        // Property names encoded once, so that each write copies them without validating or escaping.
        writer.WriteLine();
        writer.WriteLine($"/// <summary>The JSON names of the {type.Name} members, encoded once.</summary>");
        writer.WriteLine($"private static class {names}");
        writer.OpenBlock();
        foreach (PropertyModel property in properties)
        {
            writer.WriteLine($"public static readonly {TypeNames.Json}.JsonEncodedText {property.ClrName} = {TypeNames.Json}.JsonEncodedText.Encode({SourceWriter.Utf8Literal(property.WireName)});");
        }

        writer.CloseBlock();
    }

    private static void WriteMembers(SourceWriter writer, string names, List<PropertyModel> properties)
    {
        foreach (PropertyModel property in properties)
        {
            // A date and time is written from its text: the text read when it was not changed, the round-trip form when set in code.
            string name = $"{names}.{property.ClrName}";
            if (property.Required)
            {
                WriteMember(writer, property.Type, name, "value." + property.StorageName);
            }
            else
            {
                writer.WriteLine($"if (value.{property.StorageName} is {{ }} {Local(property)})");
                writer.OpenBlock();
                WriteMember(writer, property.Type, name, Local(property));
                writer.CloseBlock();
                if (property.SendsNull)
                {
                    // Required but nullable: the API expects the member, so a null goes out as JSON null.
                    writer.WriteLine("else");
                    writer.OpenBlock();
                    writer.WriteLine($"writer.WriteNull({name});");
                    writer.CloseBlock();
                }
            }
        }
    }

    /// <summary>The nested class holding the pre-encoded property names of <paramref name="type"/>.</summary>
    private static string NamesClass(ObjectTypeModel type) => CodecNames.PropertyNames(type.Name);

    /// <summary>Writes one member: the name and a scalar, or the name and the start of an object or array, in one call.</summary>
    private static void WriteMember(SourceWriter writer, TypeRef type, string name, string value)
    {
        switch (type.Kind)
        {
            case TypeKind.String:
            case TypeKind.DateTime:
                writer.WriteLine($"writer.WriteString({name}, {value});");
                break;
            case TypeKind.Enum:
                writer.WriteLine($"{CodecNames.Write(type.Name!)}(writer, {name}, {value});");
                break;
            case TypeKind.Int32:
            case TypeKind.Int64:
            case TypeKind.Double:
                writer.WriteLine($"writer.WriteNumber({name}, {value});");
                break;
            case TypeKind.Boolean:
                writer.WriteLine($"writer.WriteBoolean({name}, {value});");
                break;
            case TypeKind.Object:
            case TypeKind.Array:
            case TypeKind.Map:
                writer.WriteLine($"{CodecNames.Write(CodecNames.Shape(type))}(writer, {name}, {value});");
                break;
            case TypeKind.Any:
            case TypeKind.Discriminated:
            case TypeKind.Union:
                writer.WriteLine($"writer.WritePropertyName({name});");
                writer.WriteLine(WriteStatement(type, value));
                break;
            default:
                throw new System.ArgumentOutOfRangeException(nameof(type), type.Kind, null);
        }
    }

    private static string Local(PropertyModel property) => property.LocalName;

    private static void EmitEnumCodec(SourceWriter writer, SpecModel spec, EnumTypeModel type)
    {
        string clr = TypeNames.ClrType(new TypeRef(TypeKind.Enum, type.Name), spec.Namespace);
        writer.WriteLine($"/// <summary>Reads a {type.Name}; any string is accepted, numbers and booleans by their text.</summary>");
        writer.WriteLine($"public static {clr}? {CodecNames.Read(type.Name)}(ref {Reader} reader)");
        writer.OpenBlock();
        if (type.Members.Count > 0)
        {
            // Documented values map to their static instances straight from the UTF-8 bytes: nothing is decoded or allocated.
            writer.WriteLine($"if ({TypeNames.JsonRead}.IsPlainString(ref reader))");
            writer.OpenBlock();
            writer.WriteLine("global::System.ReadOnlySpan<byte> text = reader.ValueSpan;");
            EmitUtf8Switch(writer, "text", type.Members, m => m.WireValue, (_, m) => writer.WriteLine($"return {clr}.{m.ClrName};"));
            writer.CloseBlock();
            writer.WriteLine();
        }

        writer.WriteLine($"return {TypeNames.JsonRead}.String(ref reader) is string value ? new {clr}(value) : default({clr}?);");
        writer.CloseBlock();
        writer.WriteLine();
        EmitEnumWriters(writer, clr, type);
    }

    /// <summary>
    /// Enumerations with more members than this write every value as text: finding a documented value compares
    /// references one member after another, which stops paying for itself on long lists.
    /// </summary>
    internal const int MaxEncodedEnumMembers = 64;

    /// <summary>Whether the codec declares the field of <paramref name="type"/>'s encoded values (<see cref="CodecNames.EnumValues"/>).</summary>
    internal static bool EncodesValues(EnumTypeModel type) => type.Members.Count > 0 && type.Members.Count <= MaxEncodedEnumMembers;

    /// <summary>
    /// The enumeration's writers, as a value and as an object member. A documented value copies its text, encoded
    /// once (<c>JsonEnumValues</c>), instead of escaping and transcoding it on every write; any other is written as text.
    /// </summary>
    private static void EmitEnumWriters(SourceWriter writer, string clr, EnumTypeModel type)
    {
        bool encoded = EncodesValues(type);
        string values = CodecNames.EnumValues(type.Name);
        string target = encoded ? values + ".Write" : "writer.WriteStringValue";
        string memberTarget = encoded ? values + ".Write" : "writer.WriteString";
        string writerArgument = encoded ? "writer, " : string.Empty;
        writer.WriteLine($$"""
            /// <summary>Writes a {{type.Name}} as a JSON string.</summary>
            public static void {{CodecNames.Write(type.Name)}}({{Writer}} writer, {{clr}} value) =>
                {{target}}({{writerArgument}}value.Value);

            /// <summary>Writes a {{type.Name}} as the string member <paramref name="name"/>.</summary>
            public static void {{CodecNames.Write(type.Name)}}({{Writer}} writer, {{TypeNames.Json}}.JsonEncodedText name, {{clr}} value) =>
                {{memberTarget}}({{writerArgument}}name, value.Value);
            """);
        if (!encoded)
        {
            return;
        }

        writer.WriteLine();
        writer.WriteLine($"/// <summary>The documented {type.Name} values, encoded once.</summary>");
        writer.WriteLine($"private static readonly {Runtime}.JsonEnumValues {values} = new(");
        writer.Indent();
        for (int index = 0; index < type.Members.Count; index++)
        {
            writer.WriteLine(SourceWriter.Literal(type.Members[index].WireValue) + (index == type.Members.Count - 1 ? ");" : ","));
        }

        writer.Unindent();
    }

    private static void EmitConverter(SourceWriter writer, SpecModel spec, TypeModel type)
    {
        string kind = type is EnumTypeModel ? TypeKind.Enum.ToString() : TypeKind.Object.ToString();
        string clr = TypeNames.ClrType(TypeNames.RefTo(type), spec.Namespace);
        // JsonSerializer hands the converter a Utf8JsonReader, which may hold the JSON in segments or in parts: the
        // runtime gives the generated reader the value's own bytes.
        string read = type is EnumTypeModel
            ? $"{TypeNames.JsonRead}.FromUtf8JsonReader<{clr}?>(ref reader, {CodecNames.Read(type.Name)}) ?? throw {TypeNames.JsonRead}.UnexpectedNull(\"{type.Name}\")"
            : $"{TypeNames.JsonRead}.FromUtf8JsonReader(ref reader, {CodecNames.Read(type.Name)})";
        string write = $"{CodecNames.Write(type.Name)}(writer, value)";

        // An object at depth 0 starts a document read through JsonSerializer: short strings are shared within it only.
        string beginDocument = type is EnumTypeModel
            ? string.Empty
            : $"if (reader.CurrentDepth == 0)\n        {{\n            {TypeNames.JsonRead}.BeginDocument();\n        }}\n\n        ";
        writer.WriteLine($$"""
            /// <summary>Lets JsonSerializer use the generated {{kind.ToLowerInvariant()}} codec for {{type.Name}}.</summary>
            public sealed class {{CodecNames.Converter(type.Name)}} : global::System.Text.Json.Serialization.JsonConverter<{{clr}}>
            {
                /// <inheritdoc/>
                public override {{clr}}{{(type is EnumTypeModel ? string.Empty : "?")}} Read(ref global::System.Text.Json.Utf8JsonReader reader, global::System.Type typeToConvert, global::System.Text.Json.JsonSerializerOptions options)
                {
                    {{beginDocument}}return {{read}};
                }

                /// <inheritdoc/>
                public override void Write({{Writer}} writer, {{clr}} value, global::System.Text.Json.JsonSerializerOptions options) =>
                    {{write}};
            }
            """);
    }

    /// <summary>Lines of a loop body in the shape codec templates, each after the first indented as the first.</summary>
    private static string LoopBody(IEnumerable<string> lines) =>
        string.Join("\n", lines.Select((line, index) => index == 0 || line.Length == 0 ? line : "            " + line));

    /// <summary>
    /// The statements that write the item or value <paramref name="value"/> of <paramref name="shape"/>: JSON null
    /// for a null one when the spec lets it be null (then the loop moves on), else the value.
    /// </summary>
    private static IEnumerable<string> NullableElementWrite(TypeRef shape, string value)
    {
        TypeRef element = shape.Element!;
        if (!shape.ElementNullable)
        {
            yield return WriteStatement(element, value);
            yield break;
        }

        yield return $"if ({value} is null)";
        yield return "{";
        yield return "    writer.WriteNullValue();";
        yield return "    continue;";
        yield return "}";
        yield return string.Empty;
        yield return WriteStatement(element, element.IsValueType ? value + ".Value" : value);
    }

    private static void EmitShapeCodec(SourceWriter writer, SpecModel spec, TypeRef shape)
    {
        string name = CodecNames.Shape(shape);
        string clr = TypeNames.ClrType(shape, spec.Namespace);
        string element = TypeNames.ElementType(shape, spec.Namespace);

        // Free-form JSON keeps a null element as a JsonElement of kind Null, as it keeps the nulls nested in it;
        // items the spec lets be null are read as they come; every other element type refuses null.
        bool freeForm = shape.Element!.Kind == TypeKind.Any;
        string read = freeForm ? $"{TypeNames.JsonRead}.ElementOf(ref reader)" : ReadExpression(shape.Element!);
        bool refusesNull = !freeForm && !shape.ElementNullable;
        string itemRead = refusesNull ? $"{read} ?? throw {TypeNames.JsonRead}.UnexpectedNull(\"an element of {name}\")" : read;
        string entryRead = refusesNull ? $"{read} ?? throw {TypeNames.JsonRead}.UnexpectedNull(\"the value of '\" + key + \"' in {name}\")" : read;

        // Statements of a loop body in the templates below: their second and later lines are indented to match it.
        string elementWrite = LoopBody(NullableElementWrite(shape, "item"));

        // A scalar entry that cannot be null is written with its key in one call; any other after its key.
        string? oneCallEntryWrite = shape.ElementNullable ? null : shape.Element!.Kind switch
        {
            TypeKind.String => "writer.WriteString(item.Key, item.Value);",
            TypeKind.Int32 or TypeKind.Int64 or TypeKind.Double => "writer.WriteNumber(item.Key, item.Value);",
            TypeKind.Boolean => "writer.WriteBoolean(item.Key, item.Value);",
            _ => null,
        };
        string entryWrite = oneCallEntryWrite
            ?? LoopBody(new[] { "writer.WritePropertyName(item.Key);" }.Concat(NullableElementWrite(shape, "item.Value")));
        if (shape.Kind == TypeKind.Array)
        {
            writer.WriteLine($$"""
                {{ReaderSignatures(clr, name, "a JSON array")}}
                {
                    if (reader.TokenType == global::System.Text.Json.JsonTokenType.Null)
                    {
                        return null;
                    }

                    {{TypeNames.JsonRead}}.ExpectStartArray(ref reader, "{{name}}");
                    var items = new {{Runtime}}.JsonArrayBuilder<{{element}}>();
                    while ({{TypeNames.JsonRead}}.NextItem(ref reader))
                    {
                        items.Add({{itemRead}});
                    }

                    return items.ToArray();
                }

                /// <summary>Writes a JSON array.</summary>
                public static void {{CodecNames.Write(name)}}({{Writer}} writer, {{clr}} value)
                {
                    writer.WriteStartArray();
                    {{CodecNames.WriteItems(name)}}(writer, value);
                    writer.WriteEndArray();
                }

                /// <summary>Writes a JSON array as the member <paramref name="name"/>, which starts in the same call.</summary>
                public static void {{CodecNames.Write(name)}}({{Writer}} writer, {{TypeNames.Json}}.JsonEncodedText name, {{clr}} value)
                {
                    writer.WriteStartArray(name);
                    {{CodecNames.WriteItems(name)}}(writer, value);
                    writer.WriteEndArray();
                }

                private static void {{CodecNames.WriteItems(name)}}({{Writer}} writer, {{clr}} value)
                {
                    if (value is {{element}}[] array)
                    {
                        foreach ({{element}} item in array)
                        {
                            {{elementWrite}}
                        }
                    }
                    else
                    {
                        for (int i = 0; i < value.Count; i++)
                        {
                            {{element}} item = value[i];
                            {{elementWrite}}
                        }
                    }
                }
                """);
        }
        else
        {
            writer.WriteLine($$"""
                {{ReaderSignatures(clr, name, "a JSON object as a dictionary")}}
                {
                    if (reader.TokenType == global::System.Text.Json.JsonTokenType.Null)
                    {
                        return null;
                    }

                    {{TypeNames.JsonRead}}.ExpectStartObject(ref reader, "{{name}}");
                    var items = new {{Runtime}}.JsonMapBuilder<{{element}}>();
                    while ({{TypeNames.JsonRead}}.NextProperty(ref reader))
                    {
                        string key = {{TypeNames.JsonRead}}.PropertyNameString(ref reader, {{StringsParameter}});
                        {{TypeNames.JsonRead}}.MoveToValue(ref reader);
                        items.Add(key, {{entryRead}});
                    }

                    return items.ToMap();
                }

                /// <summary>Writes a dictionary as a JSON object.</summary>
                public static void {{CodecNames.Write(name)}}({{Writer}} writer, {{clr}} value)
                {
                    writer.WriteStartObject();
                    {{CodecNames.WriteEntries(name)}}(writer, value);
                    writer.WriteEndObject();
                }

                /// <summary>Writes a dictionary as the object member <paramref name="name"/>, which starts in the same call.</summary>
                public static void {{CodecNames.Write(name)}}({{Writer}} writer, {{TypeNames.Json}}.JsonEncodedText name, {{clr}} value)
                {
                    writer.WriteStartObject(name);
                    {{CodecNames.WriteEntries(name)}}(writer, value);
                    writer.WriteEndObject();
                }

                private static void {{CodecNames.WriteEntries(name)}}({{Writer}} writer, {{clr}} value)
                {
                    if (value is {{Runtime}}.CompactMap<{{element}}> compact)
                    {
                        foreach (global::System.Collections.Generic.KeyValuePair<string, {{element}}> item in compact.Entries)
                        {
                            {{entryWrite}}
                        }
                    }
                    else if (value is global::System.Collections.Generic.Dictionary<string, {{element}}> dictionary)
                    {
                        foreach (global::System.Collections.Generic.KeyValuePair<string, {{element}}> item in dictionary)
                        {
                            {{entryWrite}}
                        }
                    }
                    else
                    {
                        foreach (global::System.Collections.Generic.KeyValuePair<string, {{element}}> item in value)
                        {
                            {{entryWrite}}
                        }
                    }
                }
                """);
        }
    }
}
