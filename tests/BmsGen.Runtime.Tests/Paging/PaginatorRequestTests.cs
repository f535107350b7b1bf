using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using BmsGen.Runtime.Json;
using BmsGen.Runtime.Paging;
using RichardSzalay.MockHttp;
using Xunit;

namespace BmsGen.Runtime.Tests.Paging;

/// <summary>The streamed walk keeps each page's request, and its pooled body, until that page's response is read.</summary>
public sealed class PaginatorRequestTests
{
    [Fact]
    public async Task Each_page_request_is_disposed_after_its_streamed_response()
    {
        var handler = new MockHttpMessageHandler();
        handler.Expect(HttpMethod.Post, "https://bms.example.com/things").WithContent("0").Respond("application/json", """{"items":["a","b"]}""");
        handler.Expect(HttpMethod.Post, "https://bms.example.com/things").WithContent("2").Respond("application/json", """{"items":["c"]}""");
        var transport = new ApiTransport(new HttpClient(handler) { BaseAddress = new Uri("https://bms.example.com/") }, new BmsGenClientOptions());
        var requests = new List<ApiRequest>();
        var operation = new PagedOperation<List<string>, string>
        {
            OperationId = "ListThings",
            Style = PagingStyle.Offset,
            PageSize = 2,
            CreateRequest = cursor =>
            {
                var request = new ApiRequest("ListThings", HttpMethod.Post, "/things");
                request.AppendPath("/things");
                request.SetJsonBody(cursor.Offset ?? 0, static (writer, offset) => writer.WriteNumberValue(offset));
                requests.Add(request);
                return request;
            },
            ReadPage = ReadPage,
            ItemsProperty = "items",
            Items = static page => page,
            ReadItem = static (ref JsonSpanReader reader) => JsonRead.String(ref reader)!,
        };

        var items = new List<string>();
        var bodyWhileStreaming = new List<bool>();
        await foreach (string item in Paginator.ItemsAsync(transport, operation, CancellationToken.None))
        {
            items.Add(item);
            bodyWhileStreaming.Add(requests[^1].Body is not null);
        }

        handler.VerifyNoOutstandingExpectation();
        Assert.Equal(new[] { "a", "b", "c" }, items);
        Assert.Equal(new[] { true, true, true }, bodyWhileStreaming);
        Assert.Equal(2, requests.Count);
        Assert.All(requests, request => Assert.Null(request.Body));
    }

    /// <summary>The page without its items, which the stream has already handed out one by one.</summary>
    private static List<string> ReadPage(ref JsonSpanReader reader)
    {
        JsonRead.ExpectStartObject(ref reader, "Page");
        while (JsonRead.NextProperty(ref reader))
        {
            JsonRead.MoveToValue(ref reader);
            JsonRead.SkipValue(ref reader);
        }

        return new List<string>();
    }
}
