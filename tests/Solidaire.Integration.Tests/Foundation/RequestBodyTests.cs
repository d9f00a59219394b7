using System.Net;
using System.Text;
using Solidaire.Functions.Metadata;
using Solidaire.Integration.Tests.Harness;
using Solidaire.Testing;

namespace Solidaire.Integration.Tests.Foundation;

/// <summary>
/// Every POST endpoint anyone can call (each one functions.metadata declares, and the admin one) reads
/// bodies the same way. The staff routes behind a token answer 401 before reading anything.
/// </summary>
public sealed class RequestBodyTests : AppTest
{

    public static TheoryData<string> PostEndpoints()
    {
        var data = new TheoryData<string>();
        foreach (var f in FunctionCatalog.Load(RepoPaths.FunctionsOutput).Functions)
        {
            if (f.Trigger is HttpTrigger h && h.Methods.Contains("POST") && !Solidaire.Functions.Http.HttpFunctionGate.IsTokenProtected(h))
                data.Add("/api/" + h.Route);
            if (f.Trigger is TimerTrigger)
                data.Add("/admin/functions/" + f.Name);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(PostEndpoints))]
    public async Task MalformedJson_Is400MalformedJson(string path)
    {
        foreach (var body in new[] { "{", "{\"a\":}", "not json", "{\"a\":1,}", "{\"a\":1}{\"b\":2}", "[1,2", "{\"a\":\"\\uZZZZ\"}", "{\"a\":1,\"a\":2}" })
        {
            var problem = await Problem.ReadAsync(await App.Client.PostAsync(path, Json.Body(body)));
            Assert.True(problem.Code == "malformed_json", $"{body} → {problem.Code}");
            Assert.Equal(HttpStatusCode.BadRequest, problem.Status);
        }
    }

    [Theory]
    [MemberData(nameof(PostEndpoints))]
    public async Task NonObjectJson_Is400MalformedJson(string path)
    {
        foreach (var body in new[] { "[]", "42", "\"text\"", "null", "true" })
            Assert.Equal("malformed_json", (await Problem.ReadAsync(await App.Client.PostAsync(path, Json.Body(body)))).Code);
    }

    [Theory]
    [MemberData(nameof(PostEndpoints))]
    public async Task WrongContentType_Is415(string path)
    {
        foreach (var (content, type) in new[] { ("{}", "text/plain"), ("a=1", "application/x-www-form-urlencoded"), ("{}", "application/json; charset=latin1"), ("<a/>", "application/xml") })
        {
            var body = new ByteArrayContent(Encoding.UTF8.GetBytes(content));
            body.Headers.TryAddWithoutValidation("Content-Type", type);
            var problem = await Problem.ReadAsync(await App.Client.PostAsync(path, body));
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, problem.Status);
            Assert.Equal("unsupported_media_type", problem.Code);
        }
    }

    [Theory]
    [MemberData(nameof(PostEndpoints))]
    public async Task MissingContentType_Is415(string path)
    {
        var content = new ByteArrayContent("{}"u8.ToArray());

        Assert.Equal("unsupported_media_type", (await Problem.ReadAsync(await App.Client.PostAsync(path, content))).Code);
    }

    [Theory]
    [MemberData(nameof(PostEndpoints))]
    public async Task BodyOverTheLimit_Is413PayloadTooLarge(string path)
    {
        var huge = "{\"situation\":\"" + new string('a', 64 * 1024) + "\"}";

        var problem = await Problem.ReadAsync(await App.Client.PostAsync(path, Json.Body(huge)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, problem.Status);
        Assert.Equal("payload_too_large", problem.Code);
    }

    [Theory]
    [MemberData(nameof(PostEndpoints))]
    public async Task ChunkedBodyOverTheLimit_WithNoContentLength_Is413(string path)
    {
        var huge = Encoding.UTF8.GetBytes("{\"situation\":\"" + new string('a', 70 * 1024) + "\"}");
        var content = new StreamContent(new MemoryStream(huge));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.TransferEncodingChunked = true;

        Assert.Equal("payload_too_large", (await Problem.ReadAsync(await App.Client.SendAsync(request))).Code);
    }

    public static TheoryData<string> TokenProtectedEndpoints()
    {
        var data = new TheoryData<string>();
        foreach (var f in FunctionCatalog.Load(RepoPaths.FunctionsOutput).Functions)
        {
            if (f.Trigger is HttpTrigger h && Solidaire.Functions.Http.HttpFunctionGate.IsTokenProtected(h))
            {
                foreach (var method in h.Methods)
                    data.Add(method.ToUpperInvariant() + " /api/" + h.Route);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(TokenProtectedEndpoints))]
    public async Task TokenProtectedRoute_WithoutAToken_Is401_WhateverTheBody(string route)
    {
        var (method, path) = (route.Split(' ')[0], route.Split(' ')[1]);
        foreach (var body in new HttpContent?[] { null, Json.Body("{"), Json.Body(new string('x', 200_000)), new StringContent("a=1", Encoding.UTF8, "text/plain") })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = body };
            var problem = await Problem.ReadAsync(await App.Client.SendAsync(request));
            Assert.Equal(HttpStatusCode.Unauthorized, problem.Status);
            Assert.Equal("invalid_token", problem.Code);
        }
    }
}
