using System.Net;
using System.Text.RegularExpressions;
using Solidaire.Integration.Tests.Harness;
using Solidaire.Testing;

namespace Solidaire.Integration.Tests.Email;

/// <summary>/dev/mail: the local mailbox of standalone mode, for people trying Solidaire on their machine.</summary>
public sealed partial class DevMailboxTests : AppTest
{

    [Fact]
    public async Task Mailbox_ListsThePickupFolderNewestFirst_AndShowsEachMessage()
    {
        var older = await IntakeBodies.ReferenceOf(await App.Client.PostAsync(IntakeBodies.Valid("older@example.org", "en")));
        await EmlMessage.WaitForAsync(App.MailFolder, m => m.To == "older@example.org");
        App.Time.Advance(TimeSpan.FromMinutes(1));
        var body = IntakeBodies.Valid("newer@example.org");
        body["firstName"] = "Zoé O'Hara"; // markup cannot reach an email any more (names look like names); a quote still must be encoded
        var newer = await IntakeBodies.ReferenceOf(await App.Client.PostAsync(body));
        await EmlMessage.WaitForAsync(App.MailFolder, m => m.To == "newer@example.org");

        var list = await App.Client.GetStringAsync("/dev/mail/");

        var first = list.IndexOf("newer@example.org", StringComparison.Ordinal);
        var second = list.IndexOf("older@example.org", StringComparison.Ordinal);
        Assert.True(first >= 0 && second > first, "the newest message comes first");
        var link = MessageLink().Matches(list).Select(m => m.Groups[1].Value).First();
        var page = await App.Client.GetAsync(link);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(newer, html);
        Assert.DoesNotContain("O'Hara", html); // the client's words are shown encoded, never as markup
        Assert.Contains("target=&quot;_top&quot;", html); // links in the email open in the browser window
        Assert.DoesNotContain(older, html);
    }

    [Fact]
    public async Task UnknownOrMalformedMessage_IsNotFound()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await App.Client.GetAsync("/dev/mail/0123456789abcdef")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await App.Client.GetAsync("/dev/mail/..%2F..%2Fetc%2Fpasswd")).StatusCode);
    }

    [GeneratedRegex("href=\"(/dev/mail/[0-9a-f]+)\"")]
    private static partial Regex MessageLink();
}
