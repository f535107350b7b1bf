using System;
using System.Buffers;
using System.IO;
using System.Net;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using BmsGen.Runtime.Json;

namespace BmsGen.Runtime.Paging;

/// <summary>
/// Reads the items of a page's item array one at a time from the response stream, with a
/// <see cref="Utf8JsonReader"/> over a pooled buffer that is refilled from the stream; once an item is in the buffer
/// whole, the item reader reads it there with a <see cref="JsonSpanReader"/>. The buffer holds the unread rest of the
/// current item, so its size follows the largest item, not the page. The page's other top-level fields
/// (links, next marker, count) are kept as JSON and read once the body ends (<see cref="ReadRest"/>).
/// </summary>
internal sealed class JsonItemStream<TPage, TItem> : IDisposable
    where TPage : class
{
    private const int InitialBufferSize = 16 * 1024;
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 256 };

    private readonly PagedOperation<TPage, TItem> _operation;
    private readonly HttpStatusCode _status;
    private readonly Stream _body;
    private readonly int _maxBufferBytes;
    private readonly byte[] _itemsName;
    private readonly ArrayBufferWriter<byte> _rest = new(256);
    private byte[] _buffer;
    private int _start;
    private int _end;
    private long _bufferOffset;
    private bool _endOfBody;
    private JsonReaderState _state = new(ReaderOptions);
    private Phase _phase = Phase.Start;

    public JsonItemStream(PagedOperation<TPage, TItem> operation, HttpStatusCode status, Stream body, int maxBufferBytes)
    {
        _operation = operation;
        _status = status;
        _body = body;
        _maxBufferBytes = Math.Max(maxBufferBytes, 1024);
        _itemsName = System.Text.Encoding.UTF8.GetBytes(operation.ItemsProperty);
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Min(InitialBufferSize, _maxBufferBytes));
    }

    private enum Phase
    {
        Start,
        Properties,
        Items,
        End,
        Done,
    }

    private enum Step
    {
        Continue,
        Item,
        NeedMore,
        Done,
    }

    /// <summary>The item <see cref="MoveNextAsync"/> last read.</summary>
    public TItem Current { get; private set; } = default!;

    /// <summary>How many items have been read so far.</summary>
    public int ItemCount { get; private set; }

    /// <summary>The largest the read buffer has grown to, in bytes.</summary>
    public int BufferSize => _buffer.Length;

    /// <summary>Reads the next item; false once the body has ended (and was complete, well-formed JSON).</summary>
    public async ValueTask<bool> MoveNextAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        while (true)
        {
            switch (Next())
            {
                case Step.Continue:
                    continue;
                case Step.Item:
                    ItemCount++;
                    return true;
                case Step.Done:
                    return false;
                case Step.NeedMore:
                    await FillAsync(cancellationToken).ConfigureAwait(false);
                    continue;
                default:
                    throw new InvalidOperationException("Unknown step.");
            }
        }
    }

    /// <summary>The page without its items: its other top-level fields, read with the page reader after the body has ended.</summary>
    public TPage ReadRest()
    {
        var json = new ArrayBufferWriter<byte>(_rest.WrittenCount + _itemsName.Length + 16);
        json.Write("{\""u8);
        json.Write(JsonEncodedText.Encode(_operation.ItemsProperty).EncodedUtf8Bytes);
        json.Write("\":[]"u8);
        if (_rest.WrittenCount > 0)
        {
            json.Write(","u8);
            json.Write(_rest.WrittenSpan);
        }

        json.Write("}"u8);
        var reader = new JsonSpanReader(json.WrittenSpan, ReaderOptions.MaxDepth);
        long end = _bufferOffset + _end;
        try
        {
            reader.Read();
            return _operation.ReadPage(ref reader) ?? throw Fail("the body is JSON null", end);
        }
        catch (JsonException ex)
        {
            throw Fail("a field beside " + _operation.ItemsProperty + ": " + ex.Message, end, ex);
        }
        catch (InvalidOperationException ex)
        {
            throw Fail("a field beside " + _operation.ItemsProperty + ": " + ex.Message, end, ex);
        }
    }

    public void Dispose()
    {
        byte[] buffer = _buffer;
        _buffer = Array.Empty<byte>();
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private Step Next()
    {
        if (_phase == Phase.Done)
        {
            return Step.Done;
        }

        if (_phase == Phase.Start && _bufferOffset + _start == 0)
        {
            // A UTF-8 byte order mark before the JSON is allowed and skipped.
            ReadOnlySpan<byte> head = _buffer.AsSpan(0, _end);
            if (head.Length < 3 && !_endOfBody && "\uFEFF"u8.StartsWith(head))
            {
                return Step.NeedMore;
            }

            if (head.StartsWith("\uFEFF"u8))
            {
                _start = 3;
            }
        }

        if (_endOfBody && _phase == Phase.Start && _buffer.AsSpan(_start, _end - _start).Trim(" \t\r\n"u8).IsEmpty)
        {
            throw Fail("the body is empty, but the operation returns JSON", _bufferOffset + _end);
        }

        var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _endOfBody, _state);
        Step step;
        try
        {
            step = Advance(ref reader);
        }
        catch (JsonException ex)
        {
            throw Fail(ex.Message, _bufferOffset + _start + reader.BytesConsumed, ex);
        }

        if (step is Step.Continue or Step.Item or Step.Done)
        {
            _start += (int)reader.BytesConsumed;
            _state = reader.CurrentState;
        }

        return step;
    }

    /// <summary>Takes one step through the page: a structural token, a whole other field, or a whole item.</summary>
    private Step Advance(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            if (_phase == Phase.End && _endOfBody)
            {
                _phase = Phase.Done;
                return Step.Done;
            }

            return Step.NeedMore;
        }

        switch (_phase)
        {
            case Phase.Start:
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    throw Fail("expected a JSON object for the page", _bufferOffset + _start + reader.TokenStartIndex);
                }

                _phase = Phase.Properties;
                return Step.Continue;
            case Phase.Properties:
                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    _phase = Phase.End;
                    return Step.Continue;
                }

                return Property(ref reader);
            case Phase.Items:
                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    _phase = Phase.Properties;
                    return Step.Continue;
                }

                return Item(ref reader);
            case Phase.End:
                throw Fail("unexpected content after the JSON value", _bufferOffset + _start + reader.TokenStartIndex);
            default:
                throw new InvalidOperationException("Unknown phase.");
        }
    }

    private Step Property(ref Utf8JsonReader reader)
    {
        int nameStart = (int)reader.TokenStartIndex;
        bool isItems = reader.ValueTextEquals(_itemsName);
        if (!reader.Read())
        {
            return Step.NeedMore;
        }

        if (isItems)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartArray:
                    _phase = Phase.Items;
                    return Step.Continue;
                case JsonTokenType.Null:
                    return Step.Continue;
                default:
                    throw Fail($"expected a JSON array for {_operation.ItemsProperty}", _bufferOffset + _start + reader.TokenStartIndex);
            }
        }

        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
        {
            return Step.NeedMore;
        }

        if (_rest.WrittenCount > 0)
        {
            _rest.Write(","u8);
        }

        _rest.Write(_buffer.AsSpan(_start + nameStart, (int)reader.BytesConsumed - nameStart));
        return Step.Continue;
    }

    private Step Item(ref Utf8JsonReader reader)
    {
        int itemStart = (int)reader.TokenStartIndex;
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
        {
            return Step.NeedMore;
        }

        ReadOnlySpan<byte> json = _buffer.AsSpan(_start + itemStart, (int)reader.BytesConsumed - itemStart);
        long position = _bufferOffset + _start + itemStart;
        var itemReader = new JsonSpanReader(json, ReaderOptions.MaxDepth);
        try
        {
            itemReader.Read();
            Current = _operation.ReadItem(ref itemReader) ?? throw Fail($"an element of {_operation.ItemsProperty} is JSON null", position);
        }
        catch (JsonException ex)
        {
            throw Fail(ex.Message, position + itemReader.BytesConsumed, ex);
        }
        catch (InvalidOperationException ex)
        {
            throw Fail(ex.Message, position + itemReader.BytesConsumed, ex);
        }

        return Step.Item;
    }

    /// <summary>Moves the unread bytes to the front of the buffer (growing it when they fill it) and reads more of the body.</summary>
    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        long position = _bufferOffset + _end;
        if (_endOfBody)
        {
            throw Fail(position == 0 ? "the body is empty, but the operation returns JSON" : "the body ended before the JSON was complete", position);
        }

        int unread = _end - _start;
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, unread);
            _bufferOffset += _start;
            _start = 0;
            _end = unread;
        }

        if (_end >= Math.Min(_buffer.Length, _maxBufferBytes))
        {
            if (_buffer.Length >= _maxBufferBytes)
            {
                throw Fail($"one element or field is larger than the {_maxBufferBytes}-byte limit (BmsGenClientOptions.MaxResponseBytes)", position);
            }

            byte[] larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)_buffer.Length * 2, _maxBufferBytes));
            Buffer.BlockCopy(_buffer, 0, larger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        int read;
        try
        {
            read = await _body.ReadAsync(_buffer.AsMemory(_end, Math.Min(_buffer.Length, _maxBufferBytes) - _end), cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            throw Fail("the body could not be read to its end: " + ex.Message, position, ex);
        }

        if (read == 0)
        {
            _endOfBody = true;
        }
        else
        {
            _end += read;
        }
    }

    private BmsGenResponseException Fail(string problem, long position, Exception? inner = null) =>
        new(_operation.OperationId, _status, problem, position, inner);
}
