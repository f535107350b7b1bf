using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace BmsGen.Runtime.Tests.Support;

/// <summary>Response bodies that behave like a network stream: no declared length, stalls, and broken connections.</summary>
internal static class TestContent
{
    /// <summary>A body without Content-Length (read to the end, as a chunked response is).</summary>
    public static HttpContent Unsized(byte[] body) => new StreamContent(new ScriptedStream(body, ScriptedStream.Ending.Complete, null));

    /// <summary>Sends <paramref name="prefix"/>, then never sends more until the read is cancelled.</summary>
    public static HttpContent Stalling(byte[] prefix, TaskCompletionSource? stalled = null) =>
        new StreamContent(new ScriptedStream(prefix, ScriptedStream.Ending.Stall, stalled));

    /// <summary>Sends <paramref name="prefix"/>, then fails as a reset connection does.</summary>
    public static HttpContent Broken(byte[] prefix) => new StreamContent(new ScriptedStream(prefix, ScriptedStream.Ending.Break, null));

    public static HttpResponseMessage Response(HttpStatusCode status, HttpContent content, string? requestId = null)
    {
        var response = new HttpResponseMessage(status) { Content = content };
        if (requestId is not null)
        {
            response.Headers.Add("X-Request-Id", requestId);
        }

        return response;
    }

    private sealed class ScriptedStream : Stream
    {
        private readonly byte[] _data;
        private readonly Ending _ending;
        private readonly TaskCompletionSource? _stalled;
        private int _position;

        public ScriptedStream(byte[] data, Ending ending, TaskCompletionSource? stalled)
        {
            _data = data;
            _ending = ending;
            _stalled = stalled;
        }

        public enum Ending { Complete, Stall, Break }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_position < _data.Length)
            {
                // A few bytes at a time, as a network delivers them.
                int count = Math.Min(Math.Min(buffer.Length, 7), _data.Length - _position);
                _data.AsMemory(_position, count).CopyTo(buffer);
                _position += count;
                return count;
            }

            switch (_ending)
            {
                case Ending.Stall:
                    _stalled?.TrySetResult();
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                    return 0;
                case Ending.Break:
                    throw new IOException("The response ended prematurely (connection reset).");
                default:
                    return 0;
            }
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Reads are asynchronous only.");
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

/// <summary>A handler that answers every request with what a function returns.</summary>
internal sealed class LambdaHandler : HttpMessageHandler
{
    private readonly Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> _respond;

    public LambdaHandler(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> respond) => _respond = respond;

    public LambdaHandler(Func<HttpRequestMessage, HttpResponseMessage> respond) => _respond = (request, _) => Task.FromResult(respond(request));

    public int Calls;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Calls);
        return _respond(request, cancellationToken);
    }
}
