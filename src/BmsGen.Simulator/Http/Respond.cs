using System;
using System.Buffers;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace BmsGen.Simulator.Http;

/// <summary>Writes answers: JSON bodies rendered in one piece (so a lock can be held while rendering), empty answers and errors in each API's shape.</summary>
internal static class Respond
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false, SkipValidation = false };

    /// <summary>Renders a JSON document to bytes.</summary>
    public static ReadOnlyMemory<byte> Render(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        return buffer.WrittenMemory;
    }

    /// <summary>Renders <c>{"member": …}</c>, the one-member envelope most answers wrap their object in.</summary>
    public static ReadOnlyMemory<byte> RenderMember(string member, Action<Utf8JsonWriter> writeValue) => Render(w =>
    {
        w.WriteStartObject();
        w.WritePropertyName(member);
        writeValue(w);
        w.WriteEndObject();
    });

    public static async Task Json(HttpContext context, int status, ReadOnlyMemory<byte> body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    public static Task Json(HttpContext context, int status, Action<Utf8JsonWriter> write) => Json(context, status, Render(write));

    public static Task Empty(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        context.Response.ContentLength = 0;
        return Task.CompletedTask;
    }

    /// <summary>An error in the shape of <paramref name="family"/>: <c>{"error":{"code","message"}}</c> for BMS and ECS, <c>{"fault":{"message","code"}}</c> for Nova.</summary>
    public static Task Error(HttpContext context, ApiFamily family, ApiError error) => Json(context, error.Status, writer =>
    {
        writer.WriteStartObject();
        switch (family)
        {
            case ApiFamily.Nova:
                writer.WriteStartObject(error.Code);
                writer.WriteString("message", error.Message);
                writer.WriteNumber("code", error.Status);
                writer.WriteEndObject();
                break;
            case ApiFamily.Iam:
                writer.WriteStartObject("error");
                writer.WriteNumber("code", error.Status);
                writer.WriteString("message", error.Message);
                writer.WriteString("title", error.Code);
                writer.WriteEndObject();
                break;
            case ApiFamily.Bms:
            case ApiFamily.Ecs:
                writer.WriteStartObject("error");
                writer.WriteString("code", error.Code);
                writer.WriteString("message", error.Message);
                writer.WriteEndObject();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(family), family, "Unknown API family.");
        }

        writer.WriteEndObject();
    });

    /// <summary>An API gateway error: <c>{"error_code":"APIGW.xxxx","error_msg":"...","request_id":"..."}</c>.</summary>
    public static Task Gateway(HttpContext context, int status, string code, string message) => Json(context, status, writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("error_code", code);
        writer.WriteString("error_msg", message);
        writer.WriteString("request_id", context.TraceIdentifier);
        writer.WriteEndObject();
    });
}
