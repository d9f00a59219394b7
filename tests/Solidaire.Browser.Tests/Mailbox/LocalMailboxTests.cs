using Solidaire.Browser.Tests.Harness;
using Solidaire.Core.Email;
using static Microsoft.Playwright.Assertions;

namespace Solidaire.Browser.Tests.Mailbox;

/// <summary>The local mailbox (/dev/mail, standalone mode): an email's HTML is readable in full.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LocalMailboxTests(BrowserApp app)
{
    [Fact]
    public async Task LongEmail_IsShownInFull_ItsFrameSizedToItsContent()
    {
        var id = Guid.NewGuid().ToString("N");
        var paragraphs = string.Concat(Enumerable.Range(1, 120).Select(i => $"<p>Paragraphe {i} d'un long message.</p>"));
        var html = $"<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\"></head><body><p>Début du message</p>{paragraphs}<p>Fin du message</p></body></html>";
        var eml = EmlFile.Write(new OutgoingEmail(id, "long@exemple.fr", "fr", "Un long message", "Un long message.", html),
            "ne-pas-repondre@solidaire.example", "Solidaire", DateTimeOffset.UtcNow);
        Directory.CreateDirectory(app.MailFolder);
        await File.WriteAllTextAsync(Path.Combine(app.MailFolder, id + ".eml"), eml);
        await using var session = await app.OpenAsync(1280, 900);

        await session.Page.GotoAsync("/dev/mail/" + id);

        var email = session.Page.FrameLocator("iframe");
        await Expect(email.GetByText("Fin du message")).ToBeAttachedAsync();
        // Fitted: the frame grows past the window to the email's full height, so the page's own scroll reads it all.
        await session.Page.WaitForFunctionAsync("() => document.querySelector('iframe').getBoundingClientRect().height > 2000");
        var frameBox = (await session.Page.Locator("iframe").BoundingBoxAsync())!;
        var first = (await email.GetByText("Début du message").BoundingBoxAsync())!;
        var last = (await email.GetByText("Fin du message").BoundingBoxAsync())!;
        Assert.InRange(first.Y, frameBox.Y, frameBox.Y + frameBox.Height);
        Assert.InRange(last.Y + last.Height, frameBox.Y, frameBox.Y + frameBox.Height);
        await PageChecks.ScreenshotAsync(session.Page, "dev-mail-long-email.png");
    }
}
