using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Solidaire.Functions.Tests.Http;

/// <summary>What a client receives from an <see cref="IActionResult"/>: it is run against an in-memory response, no server.</summary>
public sealed record WrittenAnswer(int Status, string? ContentType, IHeaderDictionary Headers, JsonElement Body)
{
    // The executors of JsonResult and friends, as the app registers them (AddMvcCore).
    private static readonly IServiceProvider Services = new ServiceCollection().AddLogging().AddMvcCore().Services.BuildServiceProvider();

    public static async Task<WrittenAnswer> Of(IActionResult result)
    {
        var http = new DefaultHttpContext { RequestServices = Services };
        http.Response.Body = new MemoryStream();
        await result.ExecuteResultAsync(new ActionContext(http, new RouteData(), new ActionDescriptor()));
        http.Response.Body.Position = 0;
        using var body = await JsonDocument.ParseAsync(http.Response.Body);
        return new WrittenAnswer(http.Response.StatusCode, http.Response.ContentType, http.Response.Headers, body.RootElement.Clone());
    }

    public string Property(string name) => Body.GetProperty(name).ToString();
}
