using Microsoft.AspNetCore.Http;
using Solidaire.Functions.Http;

namespace Solidaire.Functions.Tests.Http;

public sealed class EdgeHeadersTests
{
    [Fact]
    public void AnAnswerWithNoHeaders_GetsNosniffNoStoreNoReferrerAndNoFraming()
    {
        var response = new DefaultHttpContext().Response;

        EdgeHeaders.Apply(response);

        Assert.Equal("nosniff", response.Headers.XContentTypeOptions);
        Assert.Equal("no-store", response.Headers.CacheControl);
        Assert.Equal("no-referrer", response.Headers["Referrer-Policy"]);
        Assert.Contains("frame-ancestors 'none'", response.Headers.ContentSecurityPolicy.ToString(), StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", response.Headers.ContentSecurityPolicy.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AnAnswersOwnCspWithoutFrameAncestors_IsKept_AndForbidsFraming()
    {
        var response = new DefaultHttpContext().Response;
        response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-src 'self'; base-uri 'none'";

        EdgeHeaders.Apply(response);

        Assert.Equal("default-src 'none'; style-src 'unsafe-inline'; frame-src 'self'; base-uri 'none'; frame-ancestors 'none'", response.Headers.ContentSecurityPolicy);
    }

    [Fact]
    public void AnAnswersOwnCaching_IsKept()
    {
        var response = new DefaultHttpContext().Response;
        response.Headers.CacheControl = "no-cache";

        EdgeHeaders.Apply(response);

        Assert.Equal("no-cache", response.Headers.CacheControl);
    }
}
