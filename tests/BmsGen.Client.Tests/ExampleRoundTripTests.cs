using System.Linq;
using System.Text.Json;
using Xunit;

namespace BmsGen.Client.Tests;

/// <summary>Every example in every spec deserializes into the generated type and serializes back to equal JSON.</summary>
public sealed class ExampleRoundTripTests
{
    public static TheoryData<string, string, string, string> AllExamples()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (SpecOperation operation in SpecCatalog.Operations)
        {
            foreach ((string name, _) in operation.RequestExamples)
            {
                data.Add(operation.Spec.FileName, operation.OperationId, "request", name);
            }

            foreach ((string name, _) in operation.ResponseExamples)
            {
                data.Add(operation.Spec.FileName, operation.OperationId, "response", name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllExamples))]
    public void Example_round_trips_through_the_generated_serializers(string specFile, string operationId, string direction, string exampleName)
    {
        SpecOperation operation = SpecCatalog.Specs.Single(s => s.FileName == specFile).Operations.Single(o => o.OperationId == operationId);
        (System.Type? type, var examples) = direction == "request"
            ? (operation.RequestType, operation.RequestExamples)
            : (operation.ResponseType, operation.ResponseExamples);
        Assert.NotNull(type);
        var example = examples.Single(e => e.Name == exampleName).Value;
        JsonSerializerOptions options = ClientHarness.Options(operation.Spec);

        object? value = JsonSerializer.Deserialize(example.ToJsonString(), type!, options);
        string written = JsonSerializer.Serialize(value, type!, options);

        JsonAssert.Equivalent(example, written, $"{specFile} {operationId} {direction} example '{exampleName}'");
    }
}
