using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace BmsGen.Runtime.Json;

/// <summary>
/// Shares the string instances of short values that repeat within one document (statuses, flavor and image IDs,
/// AZ names, address types, metadata keys): a direct-mapped table of a fixed number of slots per thread, keyed by
/// the value's UTF-8 bytes. A hit returns the string read earlier in the same document without decoding or
/// allocating; a miss decodes and takes the slot. The table never grows (at most one short string per slot stays
/// referenced), and after <see cref="BeginDocument"/> no entry of an earlier document matches, so no document's
/// strings are served to another.
/// </summary>
internal static class JsonStringCache
{
    /// <summary>
    /// Values longer than this are decoded directly: long values rarely repeat. 64 bytes takes in the 56-character
    /// host IDs that every server on one host repeats.
    /// </summary>
    public const int MaxLength = 64;

    private const int Slots = 512;

    // Invalid UTF-8 must fail the read as Utf8JsonReader.GetString does, not turn silently into U+FFFD.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    [ThreadStatic]
    private static Table? t_table;

    /// <summary>Starts a new document on this thread: earlier entries no longer match.</summary>
    public static void BeginDocument()
    {
        if (t_table is { } table)
        {
            table.Generation++;
        }
    }

    /// <summary>The string of <paramref name="utf8"/> (unescaped JSON text), shared with earlier equal values of this document.</summary>
    public static string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxLength)
        {
            return Decode(utf8);
        }

        if (utf8.IsEmpty)
        {
            return string.Empty;
        }

        Table table = t_table ??= new Table();
        ref Entry entry = ref table.Entries[Hash(utf8) & (Slots - 1)];
        string? cached = entry.Value;
        if (cached is not null && entry.Generation == table.Generation && cached.Length == utf8.Length && System.Text.Ascii.Equals(utf8, cached))
        {
            return cached;
        }

        string created = Decode(utf8);
        entry.Value = created;
        entry.Generation = table.Generation;
        return created;
    }

    /// <summary>
    /// The string of <paramref name="utf8"/>. ASCII, nearly every value these APIs send, is widened in one pass into
    /// a string of the right length; anything else is decoded strictly, so invalid UTF-8 still fails the read.
    /// </summary>
    public static string Decode(ReadOnlySpan<byte> utf8) =>
        System.Text.Ascii.IsValid(utf8)
            ? string.Create(utf8.Length, utf8, static (chars, ascii) => System.Text.Ascii.ToUtf16(ascii, chars, out _))
            : StrictUtf8.GetString(utf8);

    /// <summary>A cheap hash of length, head and tail: enough to spread the values of one page over the slots.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hash(ReadOnlySpan<byte> utf8)
    {
        ulong head, tail;
        if (utf8.Length >= 8)
        {
            head = MemoryMarshal.Read<ulong>(utf8);
            tail = MemoryMarshal.Read<ulong>(utf8.Slice(utf8.Length - 8));
        }
        else if (utf8.Length >= 4)
        {
            head = MemoryMarshal.Read<uint>(utf8);
            tail = MemoryMarshal.Read<uint>(utf8.Slice(utf8.Length - 4));
        }
        else
        {
            head = utf8[0];
            tail = ((ulong)utf8[utf8.Length - 1] << 8) | utf8[utf8.Length >> 1];
        }

        ulong mixed = (head * 0x9E3779B97F4A7C15UL) ^ ((tail + (ulong)utf8.Length) * 0xC2B2AE3D27D4EB4FUL);
        return (int)(mixed >> 37);
    }

    private struct Entry
    {
        public string? Value;
        public int Generation;
    }

    private sealed class Table
    {
        public readonly Entry[] Entries = new Entry[Slots];
        public int Generation = 1;
    }
}
