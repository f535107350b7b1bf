using System;
using System.Buffers;
using System.IO;
using System.Text.Encodings.Web;

namespace BmsGen.Runtime.Json;

/// <summary>
/// <see cref="JavaScriptEncoder.Default"/> with a quicker answer to the question the writer asks of every string
/// value: does any character need escaping? Text that needs none (ids, names, enumeration values) is told apart in
/// one vectorized scan; everything else, escaping included, is the default encoder's own work, so the bytes written
/// are the same as with the writer's default.
/// </summary>
internal sealed class JsonBodyEncoder : JavaScriptEncoder
{
    public static readonly JsonBodyEncoder Instance = new();

    private static readonly JavaScriptEncoder Inner = JavaScriptEncoder.Default;

    /// <summary>The characters the default encoder leaves as they are: printable ASCII except " &amp; ' + &lt; &gt; \ and `.</summary>
    private const string PlainCharacters = " !#$%()*,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_abcdefghijklmnopqrstuvwxyz{|}~";

    private static readonly SearchValues<char> Plain = SearchValues.Create(PlainCharacters);

    private JsonBodyEncoder()
    {
    }

    public override int MaxOutputCharactersPerInputCharacter => Inner.MaxOutputCharactersPerInputCharacter;

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength) =>
        new ReadOnlySpan<char>(text, textLength).ContainsAnyExcept(Plain) ? Inner.FindFirstCharacterToEncode(text, textLength) : -1;

    public override int FindFirstCharacterToEncodeUtf8(ReadOnlySpan<byte> utf8Text) => Inner.FindFirstCharacterToEncodeUtf8(utf8Text);

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten) =>
        Inner.TryEncodeUnicodeScalar(unicodeScalar, buffer, bufferLength, out numberOfCharactersWritten);

    public override bool WillEncode(int unicodeScalar) => Inner.WillEncode(unicodeScalar);

    public override string Encode(string value) => Inner.Encode(value);

    public override void Encode(TextWriter output, string value, int startIndex, int characterCount) =>
        Inner.Encode(output, value, startIndex, characterCount);

    public override void Encode(TextWriter output, char[] value, int startIndex, int characterCount) =>
        Inner.Encode(output, value, startIndex, characterCount);

    public override OperationStatus Encode(ReadOnlySpan<char> source, Span<char> destination, out int charsConsumed, out int charsWritten, bool isFinalBlock = true) =>
        Inner.Encode(source, destination, out charsConsumed, out charsWritten, isFinalBlock);

    public override OperationStatus EncodeUtf8(ReadOnlySpan<byte> utf8Source, Span<byte> utf8Destination, out int bytesConsumed, out int bytesWritten, bool isFinalBlock = true) =>
        Inner.EncodeUtf8(utf8Source, utf8Destination, out bytesConsumed, out bytesWritten, isFinalBlock);
}
