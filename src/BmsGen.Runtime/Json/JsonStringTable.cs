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
/// referenced), and after <see cref="JsonRead.BeginDocument"/> no entry of an earlier document matches, so no
/// document's strings are served to another. A generated reader called without a table takes this thread's
/// (<see cref="JsonRead.Strings"/>) and hands it down to the readers it calls, which pass it to every string they
/// read, instead of looking it up per value.
/// </summary>
public sealed class JsonStringTable
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
    private static JsonStringTable? t_current;

    private readonly Entry[] _entries = new Entry[Slots];
    private int _generation = 1;

    private JsonStringTable()
    {
    }

    /// <summary>This thread's table.</summary>
    internal static JsonStringTable Current => t_current ??= new JsonStringTable();

    /// <summary>Starts a new document on this thread: earlier entries no longer match.</summary>
    internal static void BeginDocument()
    {
        if (t_current is { } table)
        {
            table._generation++;
        }
    }

    /// <summary>The string of <paramref name="utf8"/> (unescaped JSON text), shared with earlier equal values of this document.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public string Get(ReadOnlySpan<byte> utf8)
    {
        int length = utf8.Length;
        if ((uint)(length - 1) >= MaxLength)
        {
            return length == 0 ? string.Empty : Decode(utf8);
        }

        // Head and tail together hold every byte of a value of up to 16 bytes, so for those an entry with the same
        // head, tail and length is the same value; longer ones compare the bytes in between.
        ulong head, tail;
        if (length >= 8)
        {
            head = MemoryMarshal.Read<ulong>(utf8);
            tail = MemoryMarshal.Read<ulong>(utf8.Slice(length - 8));
        }
        else if (length >= 4)
        {
            head = MemoryMarshal.Read<uint>(utf8);
            tail = MemoryMarshal.Read<uint>(utf8.Slice(length - 4));
        }
        else
        {
            head = utf8[0];
            tail = ((ulong)utf8[length - 1] << 8) | utf8[length >> 1];
        }

        ulong mixed = (head * 0x9E3779B97F4A7C15UL) ^ ((tail + (ulong)length) * 0xC2B2AE3D27D4EB4FUL);
        ref Entry entry = ref _entries[(int)(mixed >> 55)];
        if (entry.Head == head && entry.Tail == tail && entry.Length == length && entry.Generation == _generation)
        {
            return length <= 16 ? entry.Value! : GetLong(ref entry, utf8, head, tail);
        }

        return Add(ref entry, utf8, head, tail);
    }

    // Out of line, like Add, so that the lookup inlined into each reader stays small.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private string GetLong(ref Entry entry, ReadOnlySpan<byte> utf8, ulong head, ulong tail) =>
        System.Text.Ascii.Equals(utf8.Slice(8, utf8.Length - 16), entry.Value.AsSpan(8, utf8.Length - 16))
            ? entry.Value!
            : Add(ref entry, utf8, head, tail);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private string Add(ref Entry entry, ReadOnlySpan<byte> utf8, ulong head, ulong tail)
    {
        if (!System.Text.Ascii.IsValid(utf8))
        {
            // Only ASCII values are shared: their length in characters is their length in bytes, which the
            // comparison in Get relies on.
            return StrictUtf8.GetString(utf8);
        }

        string created = WidenAscii(utf8);
        entry.Value = created;
        entry.Head = head;
        entry.Tail = tail;
        entry.Length = utf8.Length;
        entry.Generation = _generation;
        return created;
    }

    /// <summary>
    /// The string of <paramref name="utf8"/>. ASCII, nearly every value these APIs send, is widened in one pass into
    /// a string of the right length; anything else is decoded strictly, so invalid UTF-8 still fails the read.
    /// </summary>
    internal static string Decode(ReadOnlySpan<byte> utf8) =>
        System.Text.Ascii.IsValid(utf8) ? WidenAscii(utf8) : StrictUtf8.GetString(utf8);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static string WidenAscii(ReadOnlySpan<byte> ascii) =>
        string.Create(ascii.Length, ascii, static (chars, bytes) => System.Text.Ascii.ToUtf16(bytes, chars, out _));

    private struct Entry
    {
        public string? Value;
        public ulong Head;
        public ulong Tail;
        public int Length;
        public int Generation;
    }
}
