using System.Text;
using Xunit;

namespace BmsGen.Runtime.Tests;

public sealed class ApiErrorTests
{
    [Theory]
    [InlineData("{\"error\":{\"code\":\"Ecs.0114\",\"message\":\"Invalid server id\"}}", "Ecs.0114", "Invalid server id")]
    [InlineData("{\"error\":{\"code\":\"Ecs.0001\",\"message\":\"m\",\"details\":[{\"code\":\"x\",\"message\":\"y\"}]}}", "Ecs.0001", "m")]
    [InlineData("{\"error_code\":\"APIGW.0301\",\"error_msg\":\"Incorrect IAM authentication information\"}", "APIGW.0301", "Incorrect IAM authentication information")]
    [InlineData("{\"itemNotFound\":{\"message\":\"Instance could not be found\",\"code\":404}}", "404", "Instance could not be found")]
    [InlineData("{\"badRequest\":{\"message\":\"Invalid input\"}}", "badRequest", "Invalid input")]
    [InlineData("{\"code\":\"BMS.0001\",\"message\":\"flat\"}", "BMS.0001", "flat")]
    public void Reads_every_documented_error_shape(string body, string code, string message)
    {
        ApiError error = ApiError.Parse(Encoding.UTF8.GetBytes(body));

        Assert.Equal(code, error.Code);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Reads_the_item_failures_of_a_batch_error()
    {
        const string body = """
            {"error": {"code": "Ecs.0000", "message": "request error"},
             "internalError": [
               {"id": "616fb98f-46ca-475e-917e-2563e5a8cd19", "error_code": "Ecs.0001", "error_message": "the server is locked"},
               {"id": "616fb98f-46ca-475e-917e-2563e5a8cd20", "code": "Ecs.0039", "message": "not found"},
               "garbage"]}
            """;

        ApiError error = ApiError.Parse(Encoding.UTF8.GetBytes(body));

        Assert.Equal("Ecs.0000", error.Code);
        Assert.Equal(
            new[]
            {
                new BmsGenItemError("616fb98f-46ca-475e-917e-2563e5a8cd19", "Ecs.0001", "the server is locked"),
                new BmsGenItemError("616fb98f-46ca-475e-917e-2563e5a8cd20", "Ecs.0039", "not found"),
            },
            error.ItemErrors);
    }

    [Fact]
    public void A_single_error_has_no_item_failures()
    {
        Assert.Null(ApiError.Parse(Encoding.UTF8.GetBytes("{\"error\":{\"code\":\"Ecs.0114\",\"message\":\"m\"}}")).ItemErrors);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html>Bad Gateway</html>")]
    [InlineData("{\"error\":")]
    [InlineData("[1,2]")]
    [InlineData("{\"unrelated\":true}")]
    public void Unknown_or_broken_bodies_give_no_code_and_no_exception(string body)
    {
        ApiError error = ApiError.Parse(Encoding.UTF8.GetBytes(body));

        Assert.Null(error.Code);
        Assert.Null(error.Message);
    }
}
