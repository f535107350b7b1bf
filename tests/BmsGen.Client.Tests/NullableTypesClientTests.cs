using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using BmsGen.Client.Tests.Features.Nullable;
using BmsGen.Runtime;
using RichardSzalay.MockHttp;
using Xunit;

namespace BmsGen.Client.Tests;

/// <summary>
/// An OpenAPI 3.1 document (Features/nullable-types.yaml) compiled through the generator into this project: fields
/// whose type list allows null (<c>[string, 'null']</c>, <c>[integer, 'null']</c>, <c>[array, 'null']</c>,
/// <c>[object, 'null']</c>) read and written through the generated client. The generator gives null and an absent
/// member the same null property (a required member that may be null is therefore an optional property), leaves a
/// null optional member out of a request body and sends a null required member as JSON null.
/// </summary>
public sealed class NullableTypesClientTests
{
    private const string VolumeUri = $"https://evs.example.com/v1/{ClientHarness.ProjectId}/volumes/vol-1";

    private const string FullVolume = """
        {"id":"vol-1","name":"data","size":40,"bytes":42949672960,"ratio":0.25,"bootable":false,"mode":"ro",
         "tags":["b","a","b"],"metadata":{"tier":"gold","owner":"ops"},
         "attachment":{"server_id":"srv-1","device":"/dev/vdb"},"extra":{"zone":"az1","weight":3}}
        """;

    [Fact]
    public async Task Every_type_list_field_reads_its_value()
    {
        var handler = new MockHttpMessageHandler();
        handler.Expect(HttpMethod.Get, VolumeUri).Respond("application/json", FullVolume);

        Volume volume = await Client(handler).ShowVolumeAsync("vol-1");

        handler.VerifyNoOutstandingExpectation();
        Assert.Equal("vol-1", volume.Id);
        Assert.Equal("data", volume.Name);
        Assert.Equal(40, volume.Size);
        Assert.Equal(42_949_672_960L, volume.Bytes);
        Assert.Equal(0.25, volume.Ratio);
        Assert.False(volume.Bootable);
        Assert.Equal(VolumeMode.Ro, volume.Mode);
        Assert.Equal(new[] { "b", "a", "b" }, volume.Tags);
        Assert.Equal(new Dictionary<string, string> { ["tier"] = "gold", ["owner"] = "ops" }, volume.Metadata);
        Assert.Equal("srv-1", volume.Attachment?.ServerId);
        Assert.Equal("/dev/vdb", volume.Attachment?.Device);
        Assert.Equal(JsonValueKind.Object, volume.Extra?.ValueKind);
        Assert.Equal(3, volume.Extra?.GetProperty("weight").GetInt32());
    }

    [Fact]
    public async Task Every_type_list_field_reads_a_json_null_as_null()
    {
        var handler = new MockHttpMessageHandler();
        handler.Expect(HttpMethod.Get, VolumeUri).Respond("application/json", """
            {"id":"vol-1","name":null,"size":null,"bytes":null,"ratio":null,"bootable":null,"mode":null,
             "tags":null,"metadata":null,"attachment":{"server_id":"srv-1","device":null},"extra":null}
            """);

        Volume volume = await Client(handler).ShowVolumeAsync("vol-1");

        handler.VerifyNoOutstandingExpectation();
        Assert.Equal("vol-1", volume.Id);
        Assert.Null(volume.Name);
        Assert.Null(volume.Size);
        Assert.Null(volume.Bytes);
        Assert.Null(volume.Ratio);
        Assert.Null(volume.Bootable);
        Assert.Null(volume.Mode);
        Assert.Null(volume.Tags);
        Assert.Null(volume.Metadata);
        Assert.Equal("srv-1", volume.Attachment?.ServerId);
        Assert.Null(volume.Attachment?.Device);
        Assert.Null(volume.Extra);
    }

    [Fact]
    public async Task A_null_object_whose_own_schema_has_a_type_list_reads_as_null()
    {
        var handler = new MockHttpMessageHandler();
        handler.Expect(HttpMethod.Get, VolumeUri).Respond("application/json", """{"id":"vol-1","attachment":null}""");

        Volume volume = await Client(handler).ShowVolumeAsync("vol-1");

        Assert.Null(volume.Attachment);
    }

    [Fact]
    public async Task An_absent_member_reads_as_the_same_null_as_a_json_null()
    {
        var handler = new MockHttpMessageHandler();
        handler.Expect(HttpMethod.Get, VolumeUri).Respond("application/json", """{"id":"vol-1","name":null,"tags":null,"attachment":null}""");
        handler.Expect(HttpMethod.Get, VolumeUri).Respond("application/json", """{"id":"vol-1"}""");
        NullableTypesClient client = Client(handler);

        Volume withNulls = await client.ShowVolumeAsync("vol-1");
        Volume withoutMembers = await client.ShowVolumeAsync("vol-1");

        handler.VerifyNoOutstandingExpectation();
        Assert.Equal(Describe(withNulls), Describe(withoutMembers));
        Assert.Equal("vol-1||||", Describe(withNulls));
    }

    [Fact]
    public async Task A_required_member_whose_type_list_allows_null_reads_null_and_absent_alike()
    {
        var handler = new MockHttpMessageHandler();
        handler.Expect(HttpMethod.Get, VolumeUri).Respond("application/json", """{"id":"vol-1","name":null}""");
        handler.Expect(HttpMethod.Get, VolumeUri).Respond("application/json", """{"id":"vol-2"}""");
        NullableTypesClient client = Client(handler);

        Volume nameless = await client.ShowVolumeAsync("vol-1");
        Volume withoutName = await client.ShowVolumeAsync("vol-1");

        handler.VerifyNoOutstandingExpectation();
        Assert.Equal(("vol-1", (string?)null), (nameless.Id, nameless.Name));
        Assert.Equal(("vol-2", (string?)null), (withoutName.Id, withoutName.Name));
    }

    [Fact]
    public async Task A_json_null_where_the_type_list_has_no_null_is_a_response_error_naming_the_member()
    {
        var handler = new MockHttpMessageHandler();
        handler.Expect(HttpMethod.Get, VolumeUri).Respond("application/json", """{"id":null,"name":"data"}""");

        BmsGenResponseException error = await Assert.ThrowsAsync<BmsGenResponseException>(() => Client(handler).ShowVolumeAsync("vol-1"));

        Assert.Contains("'id'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Type_list_query_parameters_are_sent_with_a_value_and_left_out_when_null()
    {
        var handler = new MockHttpMessageHandler();
        handler.Expect(HttpMethod.Get, VolumeUri + "?fields=size&fields=name&fields=size&version=3").Respond("application/json", """{"id":"vol-1"}""");
        handler.Expect(HttpMethod.Get, VolumeUri).With(request => request.RequestUri!.Query.Length == 0).Respond("application/json", """{"id":"vol-1"}""");
        NullableTypesClient client = Client(handler);

        await client.ShowVolumeAsync("vol-1", fields: new[] { "size", "name", "size" }, version: 3);
        await client.ShowVolumeAsync("vol-1", fields: null, version: null);

        handler.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public async Task Type_list_members_are_written_with_their_values()
    {
        var handler = new MockHttpMessageHandler();
        handler.Expect(HttpMethod.Put, VolumeUri)
            .WithContent("""{"name":"renamed","size":80,"tags":["z","y"],"metadata":{"tier":"silver"},"attachment":{"server_id":"srv-2","device":"/dev/vdc"},"description":"fast"}""")
            .Respond("application/json", FullVolume);

        Volume volume = await Client(handler).UpdateVolumeAsync("vol-1", new VolumeUpdate
        {
            Name = "renamed",
            Size = 80,
            Tags = new[] { "z", "y" },
            Metadata = new Dictionary<string, string> { ["tier"] = "silver" },
            Attachment = new Attachment { ServerId = "srv-2", Device = "/dev/vdc" },
            Description = "fast",
        });

        handler.VerifyNoOutstandingExpectation();
        Assert.Equal("data", volume.Name);
    }

    [Fact]
    public async Task Null_optional_members_are_left_out_of_the_request_body_and_null_required_ones_sent_as_null()
    {
        var handler = new MockHttpMessageHandler();
        handler.Expect(HttpMethod.Put, VolumeUri)
            .WithContent("""{"size":0,"attachment":{"server_id":"srv-2"},"description":null}""")
            .Respond("application/json", """{"id":"vol-1"}""");

        await Client(handler).UpdateVolumeAsync("vol-1", new VolumeUpdate
        {
            Name = null,
            Size = 0,
            Tags = null,
            Metadata = null,
            Attachment = new Attachment { ServerId = "srv-2", Device = null },
        });

        handler.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public async Task A_json_null_in_a_free_form_array_or_map_is_kept_and_written_back()
    {
        const string FreeForm = "\"samples\":[1,null,{\"a\":null}],\"labels\":{\"x\":null,\"y\":\"z\"}}";
        var handler = new MockHttpMessageHandler();
        handler.Expect(HttpMethod.Get, VolumeUri).Respond("application/json", """{"id":"vol-1",""" + FreeForm);
        handler.Expect(HttpMethod.Put, VolumeUri).WithContent("""{"description":"d",""" + FreeForm).Respond("application/json", """{"id":"vol-1"}""");
        NullableTypesClient client = Client(handler);

        Volume volume = await client.ShowVolumeAsync("vol-1");
        await client.UpdateVolumeAsync("vol-1", new VolumeUpdate { Description = "d", Samples = volume.Samples, Labels = volume.Labels });

        handler.VerifyNoOutstandingExpectation();
        Assert.Equal(new[] { JsonValueKind.Number, JsonValueKind.Null, JsonValueKind.Object }, volume.Samples!.Select(sample => sample.ValueKind));
        Assert.Equal(JsonValueKind.Null, volume.Labels!["x"].ValueKind);
        Assert.Equal("z", volume.Labels["y"].GetString());
    }

    [Fact]
    public async Task Items_and_values_whose_type_list_allows_null_read_and_write_null()
    {
        const string Lists = "\"readings\":[1,null,3],\"quotas\":{\"cpu\":null,\"ram\":2.5},\"modes\":{\"a\":\"rw\",\"b\":null},\"attachments\":[{\"server_id\":\"srv-1\"},null]}";
        var handler = new MockHttpMessageHandler();
        handler.Expect(HttpMethod.Get, VolumeUri).Respond("application/json", "{\"id\":\"vol-1\",\"owners\":[null,\"ops\"]," + Lists);
        handler.Expect(HttpMethod.Put, VolumeUri).WithContent("{\"description\":\"d\"," + Lists).Respond("application/json", """{"id":"vol-1"}""");
        NullableTypesClient client = Client(handler);

        Volume volume = await client.ShowVolumeAsync("vol-1");
        await client.UpdateVolumeAsync("vol-1", new VolumeUpdate
        {
            Description = "d",
            Readings = volume.Readings,
            Quotas = volume.Quotas,
            Modes = new Dictionary<string, VolumeUpdateModesValue?> { ["a"] = VolumeUpdateModesValue.Rw, ["b"] = null },
            Attachments = volume.Attachments,
        });

        handler.VerifyNoOutstandingExpectation();
        Assert.Equal(new int?[] { 1, null, 3 }, volume.Readings);
        Assert.Equal(new string?[] { null, "ops" }, volume.Owners);
        Assert.Equal(new Dictionary<string, double?> { ["cpu"] = null, ["ram"] = 2.5 }, volume.Quotas);
        Assert.Equal(new Dictionary<string, VolumeModesValue?> { ["a"] = VolumeModesValue.Rw, ["b"] = null }, volume.Modes);
        Assert.Equal(2, volume.Attachments!.Count);
        Assert.Equal("srv-1", volume.Attachments[0]?.ServerId);
        Assert.Null(volume.Attachments[1]);
    }

    private static string Describe(Volume volume) =>
        $"{volume.Id}|{volume.Name}|{volume.Size}|{(volume.Tags is null ? string.Empty : string.Join(",", volume.Tags))}|{volume.Attachment?.ServerId}";

    private static NullableTypesClient Client(MockHttpMessageHandler handler) =>
        new(new HttpClient(handler) { BaseAddress = new Uri("https://evs.example.com/") }, new BmsGenClientOptions { ProjectId = ClientHarness.ProjectId });
}
