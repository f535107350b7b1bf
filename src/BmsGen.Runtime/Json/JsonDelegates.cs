using System.Text.Json;

namespace BmsGen.Runtime.Json;

/// <summary>Reads one JSON value at the reader's current token; returns null for JSON null.</summary>
public delegate T? JsonValueReader<T>(ref JsonSpanReader reader);

/// <summary>Writes one value as JSON.</summary>
public delegate void JsonValueWriter<in T>(Utf8JsonWriter writer, T value);
