using Microsoft.Playwright;
using Solidaire.Browser.Tests.Harness;
using static Microsoft.Playwright.Assertions;

namespace Solidaire.Browser.Tests.Staff;

/// <summary>
/// The collective's engagements, for coordinators (issue 10, console): every coach's engagements of one status,
/// with the coach's name, never the client's data nor a session's content.
/// </summary>
[Collection(StaffConsoleCollection.Name)]
public sealed class StaffCollectiveTests(BrowserApp app)
{
    private readonly StaffMail _mail = new(app);

    [Theory]
    [InlineData("fr", 320, 640)]
    [InlineData("en", 1280, 900)]
    public async Task Coordinator_SeesTheActiveEngagementWithItsCoach_NotInTheClosedOnes_AndNoClientData(string language, int width, int height)
    {
        var staged = await _mail.EngagementAsync(clientLanguage: language);
        await using var session = await app.OpenAsync(width, height);
        var coordinator = await StaffConsole.OpenAsync(session.Page, language);
        await coordinator.FollowAsync(await _mail.SignInLinkAsync(StaffMail.Coordinator));
        var texts = coordinator.SessionTexts;
        await coordinator.Link(texts.NavCollective).ClickAsync();
        await Expect(coordinator.Field(texts.CollectiveStatus)).ToHaveValueAsync("active");

        var item = coordinator.Page.GetByRole(AriaRole.Listitem).Filter(new()
        {
            Has = coordinator.Page.GetByRole(AriaRole.Heading, new() { Name = string.Format(texts.CollectiveItem, staged.Reference), Exact = true }),
        });
        // The index may trail the confirmation by a moment: ask again, as a coordinator would.
        for (var i = 0; i < 40 && await item.CountAsync() == 0; i++)
        {
            await Task.Delay(250);
            await coordinator.Button(texts.Show).ClickAsync();
        }
        await Expect(item).ToContainTextAsync(staged.CoachName);
        await Expect(item).ToContainTextAsync(texts.StatusActive);
        Assert.DoesNotContain("Jeanne", await coordinator.Main.InnerTextAsync(), StringComparison.Ordinal);
        await coordinator.AssertScreenAsync($"collective-active-{language}-{width}");

        await coordinator.Field(texts.CollectiveStatus).SelectOptionAsync("closed");
        await coordinator.Button(texts.Show).ClickAsync();
        await Expect(coordinator.Page.GetByRole(AriaRole.Heading, new() { Name = string.Format(texts.CollectiveItem, staged.Reference) })).ToHaveCountAsync(0);
        await coordinator.AssertScreenAsync($"collective-closed-{language}-{width}");
        Assert.Empty(coordinator.FailedAnswers());
    }
}
