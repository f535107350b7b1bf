using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using BmsGen.Client.Tests.Composition;
using BmsGen.Runtime;
using RichardSzalay.MockHttp;
using Xunit;

namespace BmsGen.Client.Tests;

/// <summary>
/// allOf, oneOf and anyOf end to end: Features/composition.yaml is compiled into this project by the generator, and the
/// generated client reads and writes its models against canned responses.
/// </summary>
public sealed class CompositionClientTests
{
    private const string Base = "https://pets.example.com/";

    public static TheoryData<string> CatsInAnyOrder => new()
    {
        """{"pet_type":"cat","name":"Tom","lives":9}""",
        """{"name":"Tom","lives":9,"pet_type":"cat"}""",
        """{"name":"Tom","pet_type":"cat","lives":9}""",
        """{"lives":9,"extra":{"pet_type":"dog","nested":[1,{"pet_type":"dog"}]},"name":"Tom","pet_type":"cat"}""",
        """{"pet\u005ftype":"c\u0061t","name":"Tom","lives":9}""",
    };

    [Theory]
    [MemberData(nameof(CatsInAnyOrder))]
    public async Task A_discriminated_variant_is_read_wherever_its_discriminator_appears(string json)
    {
        Pet pet = await Client(Respond(HttpMethod.Get, "pets/p1", json)).ShowPetAsync("p1");

        Cat cat = Assert.IsType<Cat>(pet);
        Assert.Equal("cat", cat.PetType);
        Assert.Equal("Tom", cat.Name);
        Assert.Equal(9, cat.Lives);
    }

    [Fact]
    public async Task Explicit_and_implicit_mappings_select_their_variants()
    {
        var handler = new MockHttpMessageHandler();
        handler.When(HttpMethod.Get, Base + "pets/d").Respond("application/json", """{"good":true,"pet_type":"dog"}""");
        handler.When(HttpMethod.Get, Base + "pets/l").Respond("application/json", """{"scales":120000000000,"pet_type":"Lizard"}""");
        CompositionClient client = Client(handler);

        Dog dog = Assert.IsType<Dog>(await client.ShowPetAsync("d"));
        Lizard lizard = Assert.IsType<Lizard>(await client.ShowPetAsync("l"));

        Assert.Equal("dog", dog.PetType.Value);
        Assert.True(dog.Good);
        Assert.Equal(120000000000L, lizard.Scales);
    }

    [Theory]
    [InlineData("""{"pet_type":"parrot","name":"Polly","words":["hello"]}""", "parrot")]
    [InlineData("""{"name":"Nobody","pet_type":null}""", null)]
    [InlineData("""{"name":"Nobody"}""", null)]
    [InlineData("""{"pet_type":7,"name":"Seven"}""", null)]
    [InlineData("""{"pet_type":"Cat","name":"Case"}""", "Cat")]
    public async Task An_unknown_or_missing_discriminator_keeps_the_whole_object(string json, string? discriminator)
    {
        Pet pet = await Client(Respond(HttpMethod.Get, "pets/p1", json)).ShowPetAsync("p1");

        UnknownPet unknown = Assert.IsType<UnknownPet>(pet);
        Assert.Equal(discriminator, unknown.Discriminator);
        Assert.Equal(json, unknown.Json.GetRawText());
    }

    [Fact]
    public async Task An_unknown_variant_is_written_back_unchanged()
    {
        const string Parrot = """{"words":["hello",{"deep":[true,null]}],"pet_type":"parrot","age":1.5}""";
        var handler = new MockHttpMessageHandler();
        handler.Expect(HttpMethod.Post, Base + "pets").WithContent(Parrot).Respond("application/json", Parrot);
        var parrot = new UnknownPet(JsonDocument.Parse(Parrot).RootElement);

        Pet stored = await Client(handler).CreatePetAsync(parrot);

        handler.VerifyNoOutstandingExpectation();
        Assert.IsType<UnknownPet>(stored);
    }

    [Fact]
    public async Task A_variant_is_written_with_its_discriminator()
    {
        var handler = new MockHttpMessageHandler();
        handler.Expect(HttpMethod.Post, Base + "pets").WithContent("""{"pet_type":"cat","name":"Tom"}""").Respond("application/json", """{"name":"Tom","pet_type":"cat"}""");
        handler.Expect(HttpMethod.Post, Base + "pets").WithContent("""{"pet_type":"Lizard","scales":3}""").Respond("application/json", """{"pet_type":"Lizard","scales":3}""");
        handler.Expect(HttpMethod.Post, Base + "pets").WithContent("""{"pet_type":"dog","good":false}""").Respond("application/json", """{"pet_type":"dog","good":false}""");
        CompositionClient client = Client(handler);

        Assert.IsType<Cat>(await client.CreatePetAsync(new Cat { Name = "Tom" }));
        Assert.IsType<Lizard>(await client.CreatePetAsync(new Lizard { Scales = 3 }));
        Assert.IsType<Dog>(await client.CreatePetAsync(new Dog { Good = false }));

        handler.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public async Task Variants_in_a_list_and_a_property_read_each_by_their_own_discriminator()
    {
        const string Json = """
            {"name":"Shelter","favourite":{"pet_type":"dog"},
             "pets":[{"name":"Tom","pet_type":"cat"},{"pet_type":"Lizard"},{"pet_type":"ferret","name":"F"}],
             "contact":"front desk","capacity":true}
            """;

        Shelter shelter = await Client(Respond(HttpMethod.Get, "shelters/s1", Json)).ShowShelterAsync("s1");

        Assert.IsType<Dog>(shelter.Favourite);
        Assert.Collection(
            shelter.Pets,
            pet => Assert.Equal("Tom", Assert.IsType<Cat>(pet).Name),
            pet => Assert.IsType<Lizard>(pet),
            pet => Assert.Equal("ferret", Assert.IsType<UnknownPet>(pet).Discriminator));
        Assert.Equal("front desk", shelter.Contact!.AsString());
        Assert.True(shelter.Capacity!.AsBoolean());
    }

    [Fact]
    public async Task An_undiscriminated_oneOf_reads_as_each_variant_it_fits()
    {
        var handler = new MockHttpMessageHandler();
        handler.When(HttpMethod.Get, Base + "shelters/phone").Respond("application/json", """{"name":"A","pets":[],"contact":{"extension":12,"number":"030 1234"},"capacity":40}""");
        handler.When(HttpMethod.Get, Base + "shelters/lines").Respond("application/json", """{"name":"B","pets":[],"contact":["Main St 1","Berlin"],"capacity":"40"}""");
        CompositionClient client = Client(handler);

        Shelter phone = await client.ShowShelterAsync("phone");
        Shelter lines = await client.ShowShelterAsync("lines");

        Assert.True(phone.Contact!.TryGetPhone(out Phone? number));
        Assert.Equal("030 1234", number.Number);
        Assert.Equal(12, number.Extension);
        Assert.False(phone.Contact.TryGetArrayOfString(out _));
        Assert.False(phone.Contact.TryGetString(out _));
        Assert.Equal(40, phone.Capacity!.AsInt32());
        Assert.False(phone.Capacity.TryGetBoolean(out _));

        Assert.Equal(new[] { "Main St 1", "Berlin" }, lines.Contact!.AsArrayOfString());
        Assert.False(lines.Contact.TryGetPhone(out _));
        Assert.Throws<InvalidOperationException>(() => lines.Contact.AsPhone());
        Assert.True(lines.Capacity!.TryGetInt32(out int capacity));
        Assert.Equal(40, capacity);
    }

    [Fact]
    public async Task An_undiscriminated_oneOf_without_required_members_does_not_read_as_that_variant()
    {
        Shelter shelter = await Client(Respond(HttpMethod.Get, "shelters/s", """{"name":"A","pets":[],"contact":{"extension":12}}""")).ShowShelterAsync("s");

        Assert.False(shelter.Contact!.TryGetPhone(out _));
        Assert.Equal("""{"extension":12}""", shelter.Contact.Json.GetRawText());
    }

    [Fact]
    public async Task An_undiscriminated_oneOf_is_built_from_a_variant_and_written_back_unchanged()
    {
        const string Received = """{ "number" : "030 1234", "unknown": [1, 2.50, "x"] }""";
        var handler = new MockHttpMessageHandler();
        handler.Expect(HttpMethod.Post, Base + "contacts").WithContent("""{"number":"555 0100","extension":7}""").Respond("application/json", Received);
        handler.Expect(HttpMethod.Post, Base + "contacts").WithContent("""{"number":"030 1234","unknown":[1,2.50,"x"]}""").Respond("application/json", "\"desk\"");
        handler.Expect(HttpMethod.Post, Base + "contacts").WithContent("""["a","b"]""").Respond("application/json", "[\"a\",\"b\"]");
        CompositionClient client = Client(handler);

        Contact stored = await client.CreateContactAsync(Contact.FromPhone(new Phone { Number = "555 0100", Extension = 7 }));
        Contact echoed = await client.CreateContactAsync(stored);
        Contact lines = await client.CreateContactAsync(Contact.FromArrayOfString(new[] { "a", "b" }));

        handler.VerifyNoOutstandingExpectation();
        Assert.Equal("030 1234", stored.AsPhone().Number);
        Assert.Equal("desk", echoed.AsString());
        Assert.Equal(new[] { "a", "b" }, lines.AsArrayOfString());
    }

    [Fact]
    public async Task An_allOf_derived_model_reads_and_writes_its_base_and_own_members()
    {
        const string Sent = """{"id":"v1","created":"today","size":40,"origin":{"id":"snap-1"}}""";
        var handler = new MockHttpMessageHandler();
        handler.Expect(HttpMethod.Post, Base + "volumes").WithContent(Sent).Respond("application/json", """{"size":40,"origin":{"id":"snap-1","created":"yesterday"},"id":"v1","created":"today"}""");
        var volume = new Volume { Id = "v1", Created = "today", Size = 40, Origin = new Resource { Id = "snap-1" } };

        Volume stored = await Client(handler).CreateVolumeAsync(volume);

        handler.VerifyNoOutstandingExpectation();
        Resource asResource = stored;
        Assert.Equal("v1", asResource.Id);
        Assert.Equal("today", stored.Created);
        Assert.Equal(40, stored.Size);
        Assert.Equal("yesterday", stored.Origin!.Created);
    }

    [Fact]
    public async Task A_derived_model_passed_as_its_base_keeps_its_own_members()
    {
        var handler = new MockHttpMessageHandler();
        handler.Expect(HttpMethod.Post, Base + "resources").WithContent("""{"id":"v1","size":8}""").Respond(HttpStatusCode.NoContent);

        await Client(handler).CreateResourceAsync(new Volume { Id = "v1", Size = 8 });

        handler.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public async Task An_allOf_derived_model_requires_the_required_members_of_every_part()
    {
        var client = Client(Respond(HttpMethod.Post, "volumes", """{"id":"v1"}"""));

        BmsGenResponseException error = await Assert.ThrowsAsync<BmsGenResponseException>(() => client.CreateVolumeAsync(new Volume { Id = "v1", Size = 1 }));

        Assert.Contains("'size'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_allOf_composition_reads_the_members_of_every_part()
    {
        ServerView view = await Client(Respond(HttpMethod.Get, "server-views/s", """{"status":"ACTIVE","tags":["a","b"],"name":"web"}""")).ShowServerViewAsync("s");

        Assert.Equal("web", view.Name);
        Assert.Equal(new[] { "a", "b" }, view.Tags);
        Assert.Equal("ACTIVE", view.Status);
    }

    [Fact]
    public async Task An_allOf_composition_enforces_the_required_list_it_adds()
    {
        var client = Client(Respond(HttpMethod.Get, "server-views/s", """{"status":"ACTIVE"}"""));

        BmsGenResponseException error = await Assert.ThrowsAsync<BmsGenResponseException>(() => client.ShowServerViewAsync("s"));

        Assert.Contains("'name'", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> Malformed => new()
    {
        { "pets/p1", """{"pet_type":"cat","name":"Tom" """ },
        { "pets/p1", """{"name":"Tom","lives":[1,2""" },
        { "pets/p1", """{"name":"Tom","pet_type":"cat","lives":"nine"}""" },
        { "pets/p1", """{"pet_type":"cat"}""" },
        { "pets/p1", """["cat"]""" },
        { "pets/p1", """{"pet_type":"parrot",}""" },
        { "pets/p1", """{"pet_type":"parrot","name":"P"} trailing""" },
        { "pets/p1", """{"pet_type":"dog","name":7,"good":"maybe"}""" },
        { "shelters/s1", """{"name":"S","pets":[{"pet_type":"cat","name":"T"},{"pet_type":"dog""" },
        { "shelters/s1", "{\"name\":\"S\",\"pets\":[],\"contact\":{\"number\":\"1\"" },
        { "shelters/s1", """{"name":"S","pets":[null]}""" },
        { "server-views/s", """{"name":"web","tags":"not-a-list"}""" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task A_malformed_payload_is_the_documented_response_exception(string path, string json)
    {
        CompositionClient client = Client(Respond(HttpMethod.Get, path, json));
        Func<Task> call = path switch
        {
            "pets/p1" => () => client.ShowPetAsync("p1"),
            "shelters/s1" => () => client.ShowShelterAsync("s1"),
            _ => () => client.ShowServerViewAsync("s"),
        };

        await Assert.ThrowsAsync<BmsGenResponseException>(call);
    }

    private static MockHttpMessageHandler Respond(HttpMethod method, string path, string json)
    {
        var handler = new MockHttpMessageHandler();
        handler.When(method, Base + path).Respond("application/json", json);
        return handler;
    }

    private static CompositionClient Client(MockHttpMessageHandler handler) =>
        new(new HttpClient(handler) { BaseAddress = new Uri(Base) }, new BmsGenClientOptions { ProjectId = "p" });
}
