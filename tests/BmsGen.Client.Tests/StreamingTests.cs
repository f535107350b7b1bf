using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using BmsGen.Client.Bms;
using BmsGen.Runtime;
using Xunit;

namespace BmsGen.Client.Tests;

/// <summary>
/// The <c>…AllAsync</c> methods read each page's items from the response stream as they arrive: memory holds one
/// item, not a page, and a malformed or truncated stream fails with the byte position.
/// </summary>
public sealed class StreamingTests
{
    private const string Project = "proj-1";

    [Fact]
    public async Task A_walk_over_100_000_servers_keeps_neither_the_items_nor_a_page_in_memory()
    {
        const int pageSize = 1000;
        const int pages = 100;
        var handler = new GeneratedPagesHandler(pageSize, total: pageSize * pages);
        var client = new BmsClient(new HttpClient(handler) { BaseAddress = ClientHarness.Endpoint }, new BmsGenClientOptions { ProjectId = Project });
        var tracked = new List<(int Index, WeakReference Item)>();
        long maxReadAhead = 0;
        long maxAllocatedForOneItem = 0;
        int index = 0;

        // The walk runs on this thread (the handler and its stream complete every call synchronously), so this
        // thread's allocation count is what the client allocates to produce each item, page requests included.
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        await foreach (ServerDetail server in client.ListBaremetalServerDetailsAllAsync(limit: pageSize))
        {
            maxAllocatedForOneItem = Math.Max(maxAllocatedForOneItem, GC.GetAllocatedBytesForCurrentThread() - allocatedBefore);
            Assert.Equal(GeneratedPagesHandler.IdOf(index), server.Id);

            // How far the reader is ahead of the item it just yielded: what it buffers, bounded by its read buffer.
            maxReadAhead = Math.Max(maxReadAhead, handler.Current!.Produced - handler.Current.EndOfItem(index % pageSize));
            if (index % 250 == 0)
            {
                tracked.Add((index, new WeakReference(server)));
            }

            if (index % 5000 == 4999)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();

                // Every item yielded before this one is gone: the walk keeps no item it has handed out.
                Assert.All(tracked.Where(t => t.Index < index), t => Assert.False(t.Item.IsAlive, $"server {t.Index} is still reachable at server {index}"));
            }

            index++;
            allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        }

        Assert.Equal(pageSize * pages, index);
        Assert.Equal(pages, handler.Requests);

        // A page is about 0.4 MB; the reader never held more than its 16 KB buffer of it ahead of the item it yielded.
        long pageBytes = handler.PageBytes;
        Assert.True(pageBytes > 300_000, $"a page is {pageBytes} bytes");
        Assert.True(maxReadAhead <= 16 * 1024, $"the reader was {maxReadAhead} bytes ahead of the item it yielded");

        // Counted in allocations: no step of the walk, the one that starts a page included, allocates anything near
        // a page (a client that buffered the page would allocate at least its bytes, and its items, at once).
        Assert.True(maxAllocatedForOneItem < pageBytes / 4, $"one item cost {maxAllocatedForOneItem} bytes of allocation; a page is {pageBytes} bytes");
    }

    [Fact]
    public async Task Items_read_from_a_stream_that_trickles_one_byte_at_a_time_are_the_items_of_the_page()
    {
        string big = new('x', 40_000);
        string json = $$$"""
            { "count" : 3 , "servers" : [ {"id":"a","name":"\u00e9\"x"} , {"id":"b","metadata":{"k":"{{{big}}}"}} ,
            {"id":"c","addresses":{"n":[{"addr":"10.0.0.1","version":4}]}} ] , "extra": [1, {"z": null}] }
            """;
        var client = Client(_ => new TrickleStream(Encoding.UTF8.GetBytes(json)));

        List<ServerDetail> servers = await PagingTests.ToListAsync(client.ListBaremetalServerDetailsAllAsync(limit: 5), s => s);

        Assert.Equal(new[] { "a", "b", "c" }, servers.Select(s => s.Id));
        Assert.Equal("é\"x", servers[0].Name);
        Assert.Equal(big, servers[1].Metadata!["k"]);
        Assert.Equal("10.0.0.1", servers[2].Addresses!["n"].Single().Addr);
    }

    [Fact]
    public async Task A_byte_order_mark_before_the_page_is_skipped()
    {
        byte[] json = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("""{"servers":[{"id":"a"},{"id":"b"}]}""")];
        foreach (bool trickle in new[] { false, true })
        {
            var client = Client(_ => trickle ? new TrickleStream(json) : new MemoryStream(json));

            List<string?> ids = await PagingTests.ToListAsync(client.ListBaremetalServerDetailsAllAsync(limit: 5), s => s.Id);

            Assert.Equal(new[] { "a", "b" }, ids);
        }
    }

    [Fact]
    public async Task A_connection_that_breaks_mid_body_fails_with_the_position_reached()
    {
        byte[] json = Encoding.UTF8.GetBytes("""{"servers":[{"id":"a"},{"id":"b"},{"id":"c"}]}""");
        var client = Client(_ => new BreakingStream(json, breakAt: 30));
        var seen = new List<string?>();

        BmsGenResponseException error = await Assert.ThrowsAsync<BmsGenResponseException>(async () =>
        {
            await foreach (ServerDetail server in client.ListBaremetalServerDetailsAllAsync(limit: 5))
            {
                seen.Add(server.Id);
            }
        });

        Assert.Equal(new[] { "a" }, seen);
        Assert.Equal(30, error.BytePosition);
        Assert.IsAssignableFrom<IOException>(error.InnerException);
    }

    [Theory]
    [InlineData("""{"count":2,"servers":[{"id":"a"},{"id":""", 1, "")]
    [InlineData("""{"count":2,"servers":[{"id":"a"},{"id":"b"}""", 2, "")]
    [InlineData("""{"servers":[{"id":"a"},{"id":}]}""", 1, "")]
    [InlineData("""{"servers":{"id":"a"}}""", 0, "expected a JSON array for servers")]
    [InlineData("""{"servers":[{"id":"a"},null]}""", 1, "is JSON null")]
    [InlineData("""{"servers":[{"id":"a"}]} {}""", 1, "")]
    [InlineData("""[{"id":"a"}]""", 0, "expected a JSON object for the page")]
    [InlineData("", 0, "the body is empty")]
    [InlineData("""{"count":"many","servers":[{"id":"a"}]}""", 1, "a field beside servers")]
    public async Task A_malformed_or_truncated_stream_fails_with_the_position_after_the_good_items(string body, int goodItems, string problem)
    {
        foreach (bool trickle in new[] { false, true })
        {
            byte[] bytes = Encoding.UTF8.GetBytes(body);
            var client = Client(_ => trickle ? new TrickleStream(bytes) : new MemoryStream(bytes));
            var seen = new List<string?>();

            BmsGenResponseException error = await Assert.ThrowsAsync<BmsGenResponseException>(async () =>
            {
                await foreach (ServerDetail server in client.ListBaremetalServerDetailsAllAsync(limit: 5))
                {
                    seen.Add(server.Id);
                }
            });

            Assert.Equal(goodItems, seen.Count);
            Assert.Equal("ListBaremetalServerDetails", error.OperationId);
            Assert.Contains(problem, error.Message, StringComparison.Ordinal);
            Assert.InRange(error.BytePosition, 0, bytes.Length);
            if (goodItems > 0)
            {
                Assert.True(error.BytePosition > body.IndexOf("\"a\"", StringComparison.Ordinal), $"position {error.BytePosition} is before the good item");
            }
        }
    }

    [Fact]
    public async Task An_item_larger_than_the_response_limit_is_refused_not_buffered()
    {
        string json = """{"servers":[{"id":"a","name":" """.TrimEnd() + new string('x', 5000) + "\"}]}";
        var client = Client(_ => new MemoryStream(Encoding.UTF8.GetBytes(json)), new BmsGenClientOptions { ProjectId = Project, MaxResponseBytes = 2048 });

        BmsGenResponseException error = await Assert.ThrowsAsync<BmsGenResponseException>(async () =>
        {
            await foreach (ServerDetail server in client.ListBaremetalServerDetailsAllAsync(limit: 5))
            {
                Assert.Fail("no item fits the limit");
            }
        });

        Assert.Contains("larger than the 2048-byte limit", error.Message, StringComparison.Ordinal);
    }

    private static BmsClient Client(Func<HttpRequestMessage, Stream> body, BmsGenClientOptions? options = null) =>
        new(new HttpClient(new StreamHandler(body)) { BaseAddress = ClientHarness.Endpoint }, options ?? new BmsGenClientOptions { ProjectId = Project });

    private sealed class StreamHandler(Func<HttpRequestMessage, Stream> body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(body(request)) });
    }

    /// <summary>Hands out its bytes up to <c>breakAt</c>, then fails as a dropped connection does.</summary>
    private sealed class BreakingStream(byte[] bytes, int breakAt) : MemoryStream(bytes, 0, breakAt)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Position == Length ? throw new IOException("the connection was reset") : base.ReadAsync(buffer, cancellationToken);
    }

    /// <summary>Hands out at most one byte per read.</summary>
    private sealed class TrickleStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer.Slice(0, Math.Min(buffer.Length, 1)), cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(count, 1), cancellationToken);
    }

    /// <summary>Serves BMS server-list pages whose bodies are produced only as the client reads them.</summary>
    private sealed class GeneratedPagesHandler(int pageSize, int total) : HttpMessageHandler
    {
        public int Requests { get; private set; }

        public PageStream? Current { get; private set; }

        public long PageBytes { get; private set; }

        public static string IdOf(int index) => "srv-" + index.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests++;
            string query = request.RequestUri!.Query;
            int page = int.Parse(query.Split('&', '?').Single(p => p.StartsWith("offset=", StringComparison.Ordinal)).Substring(7), System.Globalization.CultureInfo.InvariantCulture);
            if (Current is not null)
            {
                PageBytes = Current.Produced;
            }

            Current = new PageStream((page - 1) * pageSize, Math.Min(pageSize, total - ((page - 1) * pageSize)), total);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(Current) });
        }
    }

    /// <summary>A page of servers written one server at a time, on demand; it remembers where each server ends.</summary>
    private sealed class PageStream : Stream
    {
        private readonly int _first;
        private readonly int _count;
        private readonly long[] _itemEnds;
        private byte[] _pending;
        private int _pendingOffset;
        private int _next;
        private bool _closed;

        public PageStream(int first, int count, int total)
        {
            _first = first;
            _count = count;
            _itemEnds = new long[count];
            _pending = Encoding.UTF8.GetBytes($$"""{"count":{{total}},"servers":[""");
        }

        public long Produced { get; private set; }

        public long EndOfItem(int indexInPage) => _itemEnds[indexInPage];

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_pendingOffset == _pending.Length && !Refill())
            {
                return 0;
            }

            int n = Math.Min(buffer.Length, _pending.Length - _pendingOffset);
            _pending.AsSpan(_pendingOffset, n).CopyTo(buffer);
            _pendingOffset += n;
            Produced += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer, offset, count));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private bool Refill()
        {
            long start = Produced;
            if (_next < _count)
            {
                int id = _first + _next;
                string separator = _next == 0 ? string.Empty : ",";
                _pending = Encoding.UTF8.GetBytes(separator + $$"""
                    {"id":"{{GeneratedPagesHandler.IdOf(id)}}","name":"server-{{id}}","status":"ACTIVE","OS-EXT-STS:power_state":1,"flavor":{"id":"physical.o2.medium"},
                    "metadata":{"os_type":"Linux","op_svc_userid":"{{id:x8}}"},"addresses":{"vpc-1":[{"version":4,"addr":"192.168.{{id % 250}}.{{id % 200}}","OS-EXT-IPS:type":"fixed"}]},
                    "description":"{{new string('d', 160)}}"}
                    """);
                _itemEnds[_next] = start + _pending.Length;
                _next++;
            }
            else if (!_closed)
            {
                _pending = "]}"u8.ToArray();
                _closed = true;
            }
            else
            {
                return false;
            }

            _pendingOffset = 0;
            return true;
        }
    }
}
