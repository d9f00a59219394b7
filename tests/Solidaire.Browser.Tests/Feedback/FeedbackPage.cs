using Microsoft.Playwright;
using Solidaire.Browser.Tests.Harness;

namespace Solidaire.Browser.Tests.Feedback;

/// <summary>The feedback page (web/feedback.html) as its client sees it: controls found by role and visible name in the page's language.</summary>
public sealed class FeedbackPage(IPage page, string language) : LinkPage(page, language, "feedback")
{
    public FeedbackTexts Texts => FeedbackTexts.For(Language);

    public ILocator Group(string legend) => Page.GetByRole(AriaRole.Group, new() { Name = legend });
    public ILocator Comment => Page.GetByLabel(Texts.Comment, new() { Exact = true });
    public Task SendAsync() => Page.GetByRole(AriaRole.Button, new() { Name = Texts.Send, Exact = true }).ClickAsync();

    /// <summary>Chooses a rating in one of the three scales, by its visible label.</summary>
    public Task RateAsync(string legend, int rating) =>
        Group(legend).GetByRole(AriaRole.Radio, new() { Name = Texts.Rating(rating), Exact = true }).CheckAsync();

    public async Task RateAllAsync(int listened, int steppedBack, int wouldRecommend)
    {
        await RateAsync(Texts.Listened, listened);
        await RateAsync(Texts.SteppedBack, steppedBack);
        await RateAsync(Texts.WouldRecommend, wouldRecommend);
    }
}

/// <summary>What the feedback page says, in each language.</summary>
public sealed record FeedbackTexts(
    string Heading, string Listened, string SteppedBack, string WouldRecommend, string NotAtAll, string Completely, string Comment, string Send,
    string ListenedRequired, string CommentTooLong, string Thanks, string Answered, string Expired, string Invalid, string Unavailable)
{
    public string Rating(int value) => value switch { 1 => "1 – " + NotAtAll, 5 => "5 – " + Completely, _ => value.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    public static readonly FeedbackTexts French = new(
        Heading: "Votre avis sur votre accompagnement",
        Listened: "Vous êtes-vous senti·e écouté·e\u00a0?",
        SteppedBack: "L'accompagnement vous a-t-il aidé·e à prendre du recul\u00a0?",
        WouldRecommend: "Recommanderiez-vous cet accompagnement à une personne dans votre situation\u00a0?",
        NotAtAll: "pas du tout",
        Completely: "tout à fait",
        Comment: "Un commentaire (facultatif)",
        Send: "Envoyer mon avis",
        ListenedRequired: "Dites de 1 à 5 si vous vous êtes senti·e écouté·e.",
        CommentTooLong: "2000 caractères au plus\u00a0: raccourcissez un peu votre commentaire.",
        Thanks: "Merci pour votre avis",
        Answered: "Vous avez déjà donné votre avis",
        Expired: "Ce lien n'est plus valable",
        Invalid: "Ce lien ne permet pas de donner votre avis",
        Unavailable: "Cette page ne peut pas s'afficher pour l'instant");

    public static readonly FeedbackTexts English = new(
        Heading: "Your feedback on your support",
        Listened: "Did you feel listened to?",
        SteppedBack: "Did the support help you step back?",
        WouldRecommend: "Would you recommend this support to someone in your situation?",
        NotAtAll: "not at all",
        Completely: "completely",
        Comment: "A comment (optional)",
        Send: "Send my feedback",
        ListenedRequired: "Say from 1 to 5 whether you felt listened to.",
        CommentTooLong: "2000 characters at most: please shorten your comment a little.",
        Thanks: "Thank you for your feedback",
        Answered: "You have already given your feedback",
        Expired: "This link is no longer valid",
        Invalid: "This link cannot take your feedback",
        Unavailable: "This page cannot be shown right now");

    public static FeedbackTexts For(string language) => language == "en" ? English : French;
}
