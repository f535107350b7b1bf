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
