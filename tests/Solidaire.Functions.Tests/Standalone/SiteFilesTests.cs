using Solidaire.Functions.Standalone;

namespace Solidaire.Functions.Tests.Standalone;

public sealed class SiteFilesTests
{
    [Theory]
    [InlineData("/index.html")]
    [InlineData("/assets/intake.css")]
    [InlineData("/assets/intake.js")]
    [InlineData("/favicon.ico")]
    [InlineData("/favicon.svg")]
    [InlineData("/icon.png")]
    [InlineData("/site.webmanifest")]
    [InlineData("/robots.txt")]
    public void ThePagesOwnKindsOfFile_AreServed(string path) => Assert.True(SiteFiles.IsServed(path));

    [Theory]
    [InlineData("/README.md")]
    [InlineData("/package.json")]
    [InlineData("/notes")]
    [InlineData("/.env")]
    [InlineData("/.well-known/x.txt")]
    [InlineData("/assets/.secret.js")]
    [InlineData("/index.html.bak")]
    [InlineData("/backup.zip")]
    public void AnythingElse_IsNotServed(string path) => Assert.False(SiteFiles.IsServed(path));
}
