using Microsoft.Playwright;
using Solidaire.Browser.Tests.Harness;

namespace Solidaire.Browser.Tests.Erasure;

/// <summary>The erasure page (web/erasure.html) as a person sees it: controls found by role and visible name in the page's language.</summary>
public sealed class ErasurePage(IPage page, string language) : LinkPage(page, language, "erasure")
{
    public ErasureTexts Texts => ErasureTexts.For(Language);

    public ILocator Email => Page.GetByLabel(Texts.Email, new() { Exact = true });
    public Task AskAsync() => Page.GetByRole(AriaRole.Button, new() { Name = Texts.Ask, Exact = true }).ClickAsync();
    public Task ConfirmAsync() => Page.GetByRole(AriaRole.Button, new() { Name = Texts.Confirm, Exact = true }).ClickAsync();
    public ILocator Main => Page.GetByRole(AriaRole.Main);
}

/// <summary>What the erasure page says, in each language.</summary>
public sealed record ErasureTexts(
    string Heading, string Email, string Ask, string EmailInvalid, string Requested, string PreviewHeading, string Requests,
    string Kept, string Why, string Confirm, string Done, string Erased, string Expired, string Invalid)
{
    public static readonly ErasureTexts French = new(
        Heading: "Effacer mes données",
        Email: "Votre adresse email (obligatoire)",
        Ask: "Recevoir le lien",
        EmailInvalid: "Indiquez une adresse email complète, par exemple nom@exemple.fr.",
        Requested: "Regardez votre boîte email",
        PreviewHeading: "Confirmer l'effacement de vos données",
        Requests: "Vos demandes d'accompagnement\u00a0: 1",
        Kept: "Rien.",
        Why: "RGPD, article\u00a017(3)(e)",
        Confirm: "Effacer définitivement mes données",
        Done: "Vos données sont effacées",
        Erased: "Vos données sont déjà effacées",
        Expired: "Ce lien n'est plus valable",
        Invalid: "Ce lien ne permet pas d'effacer vos données");

    public static readonly ErasureTexts English = new(
        Heading: "Erase my data",
        Email: "Your email address (required)",
        Ask: "Send me the link",
        EmailInvalid: "Give a complete email address, for example name@example.org.",
        Requested: "Check your mailbox",
        PreviewHeading: "Confirm the erasure of your data",
        Requests: "Your requests for support: 1",
        Kept: "Nothing.",
        Why: "GDPR Article 17(3)(e)",
        Confirm: "Erase my data for good",
        Done: "Your data has been erased",
        Erased: "Your data has already been erased",
        Expired: "This link no longer works",
        Invalid: "This link cannot erase your data");

    public static ErasureTexts For(string language) => language == "en" ? English : French;
}
