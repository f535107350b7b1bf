using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace BmsGen.Runtime.Resilience;

/// <summary>
/// Reads each response body into memory before handing the response out, so that whatever bounds this handler's
/// send (the per-attempt timeout, cancellation) also bounds reading the body, and a body that breaks off can be
/// retried. Bodies longer than <see cref="MaxBufferedBytes"/> are handed on unread beyond that point (the client then
/// refuses them with its own limit).
/// </summary>
public sealed class ResponseBufferingHandler : DelegatingHandler
{
    /// <summary>The most bytes read ahead per response. Default 64 MiB, the default <see cref="BmsGenClientOptions.MaxResponseBytes"/>.</summary>
    public int MaxBufferedBytes { get; init; } = 64 * 1024 * 1024;

    /// <inheritdoc/>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            HttpContent content = response.Content;
            if (content.Headers.ContentLength > MaxBufferedBytes)
            {
                return response;
            }

            Stream stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            byte[] buffer = new byte[(int)Math.Min(content.Headers.ContentLength ?? 16 * 1024, MaxBufferedBytes) + 1];
            int length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > MaxBufferedBytes)
                    {
                        // Too long to hold: hand on what was read followed by the rest of the stream.
                        Replace(response, new ConcatenatedStream(buffer, length, stream));
                        return response;
                    }

                    Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, (long)MaxBufferedBytes + 1));
                }

                int read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }

            await stream.DisposeAsync().ConfigureAwait(false);
            Replace(response, new MemoryStream(buffer, 0, length, writable: false));
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private static void Replace(HttpResponseMessage response, Stream body)
    {
        HttpContent original = response.Content;
        var replacement = new StreamContent(body);
        foreach (var header in original.Headers)
        {
            replacement.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        response.Content = replacement;
    }

    /// <summary>The bytes already read, then the rest of the original stream.</summary>
    private sealed class ConcatenatedStream(byte[] head, int headLength, Stream rest) : Stream
    {
        private int _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_position < headLength)
            {
                int count = Math.Min(buffer.Length, headLength - _position);
                head.AsMemory(_position, count).CopyTo(buffer);
                _position += count;
                return count;
            }

            return await rest.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position < headLength)
            {
                int copied = Math.Min(count, headLength - _position);
                Array.Copy(head, _position, buffer, offset, copied);
                _position += copied;
                return copied;
            }

            return rest.Read(buffer, offset, count);
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                rest.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
