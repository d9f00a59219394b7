using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Solidaire.Core.Outcomes;
using Solidaire.Functions.Http;

namespace Solidaire.Functions.Tests.Http;

/// <summary>Every function's JSON body is read here: media type, size limit, syntax, and an object at the root.</summary>
public sealed class JsonRequestReaderTests
{
    private const int Limit = 1024;

    private readonly JsonRequestReader _reader = new(Options.Create(new HttpOptions { MaxBodyBytes = Limit }));

    /// <summary>A request as the server hands it over; <paramref name="declaredLength"/> null is a chunked body.</summary>
    private static HttpRequest Request(string? contentType, byte[] body, long? declaredLength)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = "POST";
        http.Request.ContentType = contentType;
        http.Request.ContentLength = declaredLength;
        http.Request.Body = new MemoryStream(body);
        return http.Request;
    }

    private Task<Outcome<System.Text.Json.JsonDocument>> Read(string? contentType, string body, bool declareLength = true)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        return _reader.ReadObjectAsync(Request(contentType, bytes, declareLength ? bytes.Length : null), CancellationToken.None);
    }

    private static void AssertRefused(Outcome<System.Text.Json.JsonDocument> outcome, FailureKind kind, string code, string title)
    {
        Assert.False(outcome.IsSuccess, "the body was accepted");
        Assert.Equal(kind, outcome.Failure.Kind);
        Assert.Equal(code, outcome.Failure.Code);
        Assert.Equal(title, outcome.Failure.Title);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON; charset=UTF8")]
    [InlineData("application/merge-patch+json")]
    public async Task JsonObject_InAJsonMediaType_IsRead(string contentType)
    {
        var outcome = await Read(contentType, """{"situation":"Mon équipe est épuisée."}""");

        Assert.True(outcome.IsSuccess, outcome.Failure?.Code);
        using var document = outcome.Value;
        Assert.Equal("Mon équipe est épuisée.", document.RootElement.GetProperty("situation").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("text/plain")]
    [InlineData("text/json")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData("application/json; charset=utf-16")]
    public async Task AnyOtherMediaTypeOrCharset_Is415UnsupportedMediaType(string? contentType) =>
        AssertRefused(await Read(contentType, "{}"), FailureKind.UnsupportedMediaType, "unsupported_media_type", "Send the body as application/json (UTF-8).");

    [Fact]
    public async Task DeclaredLengthOverTheLimit_IsRefusedBeforeReading()
    {
        var outcome = await _reader.ReadObjectAsync(Request("application/json", "{}"u8.ToArray(), declaredLength: Limit + 1), CancellationToken.None);

        AssertRefused(outcome, FailureKind.PayloadTooLarge, "payload_too_large", $"The body is larger than {Limit} bytes.");
    }

    [Fact]
    public async Task UndeclaredBodyOverTheLimit_IsRefused()
    {
        var body = "{\"a\":\"" + new string('x', Limit) + "\"}";

        AssertRefused(await Read("application/json", body, declareLength: false), FailureKind.PayloadTooLarge, "payload_too_large", $"The body is larger than {Limit} bytes.");
    }

    [Fact]
    public async Task BodyOfExactlyTheLimit_IsRead()
    {
        var body = "{}" + new string(' ', Limit - 2);

        var outcome = await Read("application/json", body, declareLength: false);

        Assert.True(outcome.IsSuccess, outcome.Failure?.Code);
        outcome.Value.Dispose();
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("{\"a\":1,}")] // trailing comma
    [InlineData("{/* a comment */}")]
    [InlineData("{\"a\":1,\"a\":2}")] // the same property twice: which one would a function read?
    [InlineData("{'a':1}")]
    [InlineData("{\"a\":1} {\"b\":2}")]
    public async Task MalformedJson_Is400MalformedJson(string body) =>
        AssertRefused(await Read("application/json", body), FailureKind.Malformed, "malformed_json", "The body is not valid JSON.");

    [Fact]
    public async Task JsonDeeperThan16Levels_Is400MalformedJson()
    {
        var body = string.Concat(Enumerable.Repeat("{\"a\":", 17)) + "1" + new string('}', 17);

        AssertRefused(await Read("application/json", body), FailureKind.Malformed, "malformed_json", "The body is not valid JSON.");
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[{\"a\":1}]")]
    [InlineData("\"text\"")]
    [InlineData("42")]
    [InlineData("true")]
    [InlineData("null")]
    public async Task ValidJsonThatIsNotAnObject_Is400MalformedJson(string body) =>
        AssertRefused(await Read("application/json", body), FailureKind.Malformed, "malformed_json", "The body must be a JSON object.");
}
