using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using BmsGen.Client.Bms;
using BmsGen.Runtime;
using Xunit;

namespace BmsGen.Client.Tests;

/// <summary>
/// Feeds the generated BMS client thousands of hostile bodies (truncations, invalid UTF-8 and lone surrogates, every
/// value swapped for every other JSON type, deep nesting, huge bodies, flipped bytes, broken connections) and checks
/// that nothing but the documented exception types ever reaches the caller, with the status and request ID kept.
/// </summary>
public sealed class HostileResponseFuzzTests
{
    private const string Server = """
        {"id":"53206ed0","name":"bms-test","status":"ACTIVE","OS-EXT-STS:power_state":1,"created":"2024-01-02T03:04:05Z",
         "addresses":{"vpc-1":[{"version":4,"addr":"192.168.1.216","OS-EXT-IPS:type":"fixed"}]},
         "metadata":{"os_type":"Linux","n\u00e4me":"x"},"flavor":{"id":"physical.o2.medium"},"locked":false,
         "tags":["a","b"],"security_groups":[{"name":"default"}]}
        """;

    private static readonly string ShowBody = "{\"server\":" + Server + "}";
    private static readonly string ListBody = "{\"count\":2,\"servers\":[" + Server + "," + Server + "]}";

    [Fact]
    public async Task Only_documented_exceptions_escape_whatever_the_body()
    {
        var failures = new List<string>();
        int cases = 0;
        foreach ((string operation, string body) in new[] { ("show", ShowBody), ("list", ListBody) })
        {
            foreach ((string name, byte[] bytes) in Bodies(body))
            {
                cases++;
                await Expect(operation, name, HttpStatusCode.OK, () => Content(bytes), failures);
                await Expect(operation, name, HttpStatusCode.InternalServerError, () => Content(bytes), failures);
            }

            byte[] whole = Encoding.UTF8.GetBytes(body);
            for (int cut = 0; cut < whole.Length; cut += 5)
            {
                cases++;
                byte[] prefix = whole[..cut];
                await Expect(operation, $"connection broken at byte {cut}", HttpStatusCode.OK, () => new StreamContent(new BrokenStream(prefix)), failures);
                await Expect(operation, $"connection broken at byte {cut}", HttpStatusCode.ServiceUnavailable, () => new StreamContent(new BrokenStream(prefix)), failures);
            }
        }

        Assert.True(cases > 2000, $"only {cases} cases");
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases * 2} responses escaped as undocumented exceptions, for example:\n" + string.Join("\n", failures.Take(10)));
    }

    private static IEnumerable<(string Name, byte[] Body)> Bodies(string json)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(json);

        for (int length = 0; length < bytes.Length; length++)
        {
            yield return ($"truncated to {length} bytes", bytes[..length]);
        }

        byte[][] invalid =
        {
            new byte[] { 0xFF }, new byte[] { 0xC3 }, new byte[] { 0xED, 0xA0, 0x80 }, new byte[] { 0xF8, 0x88, 0x80, 0x80, 0x80 },
            "\\uD800"u8.ToArray(), "\\uDFFFx"u8.ToArray(), "\\u12"u8.ToArray(),
        };
        for (int i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'"')
            {
                foreach (byte[] bad in invalid)
                {
                    yield return ($"{Convert.ToHexString(bad)} after the quote at byte {i}", [.. bytes[..(i + 1)], .. bad, .. bytes[(i + 1)..]]);
                }
            }
        }

        string[] replacements = { "1", "-1", "1.5", "1e400", "99999999999999999999999", "\"s\"", "\"\"", "true", "null", "[]", "{}", "[1,\"a\"]", "{\"a\":1}" };
        int nodes = Nodes(JsonNode.Parse(json)!).Count;
        foreach (string replacement in replacements)
        {
            yield return ($"the body = {replacement}", Encoding.UTF8.GetBytes(replacement));
            for (int index = 1; index < nodes; index++)
            {
                JsonNode copy = JsonNode.Parse(json)!;
                JsonNode target = Nodes(copy)[index];
                string path = target.GetPath();
                switch (target.Parent)
                {
                    case JsonObject parent:
                        parent[target.GetPropertyName()] = JsonNode.Parse(replacement);
                        break;
                    case JsonArray parent:
                        parent[target.GetElementIndex()] = JsonNode.Parse(replacement);
                        break;
                }

                yield return ($"{path} = {replacement}", Encoding.UTF8.GetBytes(copy.ToJsonString()));
            }
        }

        foreach (int depth in new[] { 64, 300, 5000, 100_000 })
        {
            string nested = new string('[', depth) + new string(']', depth);
            yield return ($"{depth} nested arrays in an unknown property", Encoding.UTF8.GetBytes(json.Insert(1, "\"future\":" + nested + ",")));
            yield return ($"{depth} nested arrays as the body", Encoding.UTF8.GetBytes(nested));
            string objects = string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
            yield return ($"{depth} nested objects in metadata", Encoding.UTF8.GetBytes(json.Replace("\"metadata\":{", "\"metadata\":{\"deep\":" + objects + ",")));
        }

        yield return ("a 3 MB string", Encoding.UTF8.GetBytes(json.Replace("bms-test", new string('x', 3 << 20))));
        yield return ("a 100000-digit number", Encoding.UTF8.GetBytes(json.Replace("\"OS-EXT-STS:power_state\":1", "\"OS-EXT-STS:power_state\":" + new string('9', 100_000))));
        yield return ("a 40 MB body over the 32 MB limit", Encoding.UTF8.GetBytes(json.Insert(1, "\"pad\":\"" + new string(' ', 40 << 20) + "\",")));

        var random = new Random(20261130);
        for (int i = 0; i < 600; i++)
        {
            byte[] flipped = (byte[])bytes.Clone();
            for (int flips = random.Next(1, 4); flips > 0; flips--)
            {
                flipped[random.Next(flipped.Length)] = (byte)random.Next(256);
            }

            yield return ($"random bytes (case {i})", flipped);
        }
    }

    /// <summary>Every non-null node, in document order (the root first).</summary>
    private static List<JsonNode> Nodes(JsonNode root)
    {
        var nodes = new List<JsonNode>();
        Visit(root);
        return nodes;

        void Visit(JsonNode node)
        {
            nodes.Add(node);
            IEnumerable<JsonNode?> children = node switch
            {
                JsonObject obj => obj.Select(property => property.Value),
                JsonArray array => array,
                _ => Enumerable.Empty<JsonNode?>(),
            };
            foreach (JsonNode? child in children.ToList())
            {
                if (child is not null)
                {
                    Visit(child);
                }
            }
        }
    }

    private static HttpContent Content(byte[] body) => new ByteArrayContent(body);

    private static async Task Expect(string operation, string name, HttpStatusCode status, Func<HttpContent> content, List<string> failures)
    {
        var handler = new Responder(status, content);
        var options = new BmsGenClientOptions { ProjectId = "p1", MaxResponseBytes = 32 << 20 };
        var client = new BmsClient(new HttpClient(handler) { BaseAddress = new Uri("https://bms.example.com/") }, options);
        try
        {
            if (operation == "show")
            {
                await client.ShowBaremetalServerAsync("53206ed0");
            }
            else
            {
                await client.ListBaremetalServerDetailsAsync();
            }

            if (status != HttpStatusCode.OK)
            {
                failures.Add($"{operation}, {name}, HTTP {(int)status}: no exception for an error status");
            }
        }
        catch (BmsGenApiException ex) when (status != HttpStatusCode.OK)
        {
            if (ex.StatusCode != status || ex.RequestId != "req-fuzz")
            {
                failures.Add($"{operation}, {name}: the API exception lost its status or request ID: {ex.Message}");
            }
        }
        catch (BmsGenResponseException ex) when (status == HttpStatusCode.OK)
        {
            if (ex.StatusCode != status || string.IsNullOrEmpty(ex.OperationId))
            {
                failures.Add($"{operation}, {name}: the response exception lost its status or operation: {ex.Message}");
            }
        }
        catch (BmsGenTransportException ex) when (status == HttpStatusCode.OK)
        {
            if (ex.StatusCode != status || string.IsNullOrEmpty(ex.OperationId))
            {
                failures.Add($"{operation}, {name}: the transport exception lost its status or operation: {ex.Message}");
            }
        }
        catch (Exception ex)
        {
            failures.Add($"{operation}, {name}, HTTP {(int)status}: {ex.GetType().Name}: {ex.Message}");
        }
    }

    private sealed class Responder(HttpStatusCode status, Func<HttpContent> content) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = new HttpResponseMessage(status) { Content = content(), RequestMessage = request };
            response.Headers.Add("X-Request-Id", "req-fuzz");
            return Task.FromResult(response);
        }
    }

    /// <summary>Delivers its bytes, then fails as a reset connection does.</summary>
    private sealed class BrokenStream(byte[] prefix) : Stream
    {
        private int _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_position == prefix.Length)
            {
                throw new IOException("The response ended prematurely.");
            }

            int count = Math.Min(buffer.Length, prefix.Length - _position);
            prefix.AsMemory(_position, count).CopyTo(buffer);
            _position += count;
            return ValueTask.FromResult(count);
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
