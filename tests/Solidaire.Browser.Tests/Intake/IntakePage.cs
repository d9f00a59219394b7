using System.Text.Json;
using Microsoft.Playwright;

namespace Solidaire.Browser.Tests.Intake;

/// <summary>
/// The public intake page (web/index.html) as a person sees it: every control is found by its role and
/// visible label, in the page's language, which also proves that each label is there and names its field.
/// </summary>
public sealed class IntakePage(IPage page, string language)
{
    public const string Path = "/";

    public IPage Page { get; } = page;
    public string Language { get; private set; } = language;
    public IntakeTexts Texts => IntakeTexts.For(Language);

    public static async Task<IntakePage> OpenAsync(IPage page, string language = "fr")
    {
        await page.GotoAsync(language == "fr" ? Path : Path + "?lang=" + language);
        return new IntakePage(page, language);
    }

    public ILocator FirstName => Field(Texts.FirstName);
    public ILocator LastName => Field(Texts.LastName);
    public ILocator Email => Field(Texts.Email);
    public ILocator Phone => Field(Texts.Phone);
    public ILocator Role => Field(Texts.Role);
    public ILocator Organisation => Field(Texts.Organisation);
    public ILocator Situation => Field(Texts.Situation);
    public ILocator Availability => Field(Texts.Availability);
    public ILocator Consent => Page.GetByRole(AriaRole.Checkbox, new() { Name = Texts.Consent, Exact = true });
    public ILocator NotTherapy => Page.GetByRole(AriaRole.Checkbox, new() { Name = Texts.NotTherapy, Exact = true });
    public ILocator ReplyIn(string languageName) => Page.GetByRole(AriaRole.Radio, new() { Name = languageName, Exact = true });
    public ILocator Submit => Page.GetByRole(AriaRole.Button, new() { Name = Texts.Submit, Exact = true });
    public ILocator LanguageSwitch => Page.GetByRole(AriaRole.Link, new() { Name = Texts.SwitchTo, Exact = true });
    public ILocator ErrorSummary => Page.GetByRole(AriaRole.Alert);
    public ILocator UrgentHelp => Page.GetByRole(AriaRole.Complementary, new() { Name = Texts.UrgentTitle, Exact = true });
    public ILocator Confirmation => Page.GetByRole(AriaRole.Region, new() { Name = Texts.DoneTitle, Exact = true });
    public ILocator ConfirmationTitle => Page.GetByRole(AriaRole.Heading, new() { Name = Texts.DoneTitle, Exact = true });
    public ILocator UrgentConfirmation => Page.GetByRole(AriaRole.Region, new() { Name = Texts.UrgentDoneTitle, Exact = true });
    public ILocator UrgentConfirmationTitle => Page.GetByRole(AriaRole.Heading, new() { Name = Texts.UrgentDoneTitle, Exact = true });
    public ILocator PageHeading => Page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    /// <summary>All the required fields, with the message the page shows when each is left empty.</summary>
    public IEnumerable<(ILocator Control, string Message)> RequiredFields =>
    [
        (FirstName, Texts.FirstNameRequired),
        (LastName, Texts.LastNameRequired),
        (Email, Texts.EmailRequired),
        (Role, Texts.RoleRequired),
        (Situation, Texts.SituationRequired),
        (Consent, Texts.ConsentRequired),
        (NotTherapy, Texts.NotTherapyRequired),
    ];

    /// <summary>The visible error message shown next to a control: inside the same field group.</summary>
    public ILocator ErrorNextTo(ILocator control, string message) =>
        Page.Locator(".field", new() { Has = control }).GetByText(message, new() { Exact = true });

    /// <summary>Switches language with the page's own link, as a person would.</summary>
    public async Task SwitchLanguageAsync()
    {
        await LanguageSwitch.ClickAsync();
        Language = Language == "fr" ? "en" : "fr";
    }

    /// <summary>Fills in and ticks everything a person would, in the page's language.</summary>
    public async Task FillAsync(Person person)
    {
        await FirstName.FillAsync(person.FirstName);
        await LastName.FillAsync(person.LastName);
        await Email.FillAsync(person.Email);
        await Phone.FillAsync(person.Phone);
        await Role.SelectOptionAsync(new SelectOptionValue { Label = Texts.RoleManager });
        await Organisation.FillAsync(person.Organisation);
        await Situation.FillAsync(person.Situation);
        await Availability.FillAsync(person.Availability);
        await Consent.CheckAsync();
        await NotTherapy.CheckAsync();
    }

    /// <summary>Fills in the form and sends it, the API answering 202 with a made-up reference, urgent or not.</summary>
    public async Task SendAnsweredAsync(bool urgent)
    {
        await AnswerIntakesWithAsync(202, new { reference = "ABCD-EFGH-JKLM", urgent });
        await FillAsync(Person.Unique(Language));
        await Submit.ClickAsync();
    }

    /// <summary>Answers every POST to the intake API with the given status and body, and records what was sent.</summary>
    public async Task<List<IRequest>> AnswerIntakesWithAsync(int status, object? body, IDictionary<string, string>? headers = null)
    {
        var seen = new List<IRequest>();
        await Page.RouteAsync("**/api/intakes", async route =>
        {
            lock (seen)
                seen.Add(route.Request);
            await route.FulfillAsync(new RouteFulfillOptions
            {
                Status = status,
                ContentType = status is >= 200 and < 300 ? "application/json" : "application/problem+json",
                Body = body is null ? "" : JsonSerializer.Serialize(body),
                Headers = headers,
            });
        });
        return seen;
    }

    private ILocator Field(string label) => Page.GetByLabel(label, new() { Exact = true });
}

public sealed record Person(string FirstName, string LastName, string Email, string Phone, string Organisation, string Situation, string Availability)
{
    /// <summary>A person with a unique address, so that their acknowledgement can be told from any other email.</summary>
    public static Person Unique(string language) => language == "fr"
        ? new("Camille", "Durand", $"camille.{Guid.NewGuid():N}@exemple.fr", "+33 6 12 34 56 78", "Boulangerie Durand",
            "Mon entreprise traverse une période très dure et je ne sais plus comment garder mon équipe soudée.",
            "En semaine après 18 h")
        : new("Alex", "Morgan", $"alex.{Guid.NewGuid():N}@example.com", "+44 20 7946 0000", "Morgan Logistics",
            "My company is going through a very hard time and I no longer know how to keep my team together.",
            "Weekday evenings");
}

/// <summary>What the page says, in each language: the tests read the page as a person reads it.</summary>
public sealed record IntakeTexts(
    string FirstName, string LastName, string Email, string Phone, string Role, string RoleManager, string Organisation,
    string Situation, string Availability, string Consent, string NotTherapy, string Submit, string SwitchTo,
    string UrgentTitle, string DoneTitle, string UrgentDoneTitle, string SentHeading, string SentTitle,
    string FirstNameRequired, string LastNameRequired, string EmailRequired, string EmailInvalid, string RoleRequired,
    string SituationRequired, string ConsentRequired, string NotTherapyRequired,
    string SevenToFix, string NetworkError, string KeptNote)
{
    public static readonly IntakeTexts French = new(
        FirstName: "Prénom (obligatoire)",
        LastName: "Nom (obligatoire)",
        Email: "Adresse email (obligatoire)",
        Phone: "Téléphone (facultatif)",
        Role: "Vous êtes (obligatoire)",
        RoleManager: "manager",
        Organisation: "Entreprise ou organisation (facultatif)",
        Situation: "Ce que vous vivez en ce moment (obligatoire)",
        Availability: "Vos disponibilités (facultatif)",
        Consent: "J'accepte que ces informations servent à traiter ma demande. (obligatoire)",
        NotTherapy: "Je comprends que le coaching n'est ni une thérapie ni un soin médical. (obligatoire)",
        Submit: "Envoyer ma demande",
        SwitchTo: "English",
        UrgentTitle: "Besoin d'aide tout de suite ?",
        DoneTitle: "Merci, votre demande est bien arrivée",
        UrgentDoneTitle: "Si vous êtes en danger maintenant, appelez le 3114, le 15 ou le 112",
        SentHeading: "Demande envoyée",
        SentTitle: "Demande envoyée — Solidaire",
        FirstNameRequired: "Indiquez votre prénom.",
        LastNameRequired: "Indiquez votre nom.",
        EmailRequired: "Indiquez votre adresse email.",
        EmailInvalid: "Indiquez une adresse email valide, par exemple nom@exemple.fr.",
        RoleRequired: "Choisissez ce qui vous correspond le mieux.",
        SituationRequired: "Décrivez en quelques mots ce que vous vivez.",
        ConsentRequired: "Pour traiter votre demande, nous avons besoin de votre accord.",
        NotTherapyRequired: "Cochez cette case pour confirmer que vous l'avez compris.",
        SevenToFix: "Il reste 7 points à corriger",
        NetworkError: "Le service n'a pas pu être joint. Vérifiez votre connexion internet, puis réessayez.",
        KeptNote: "Ce que vous avez écrit est conservé : vous pouvez réessayer.");

    public static readonly IntakeTexts English = new(
        FirstName: "First name (required)",
        LastName: "Last name (required)",
        Email: "Email address (required)",
        Phone: "Phone (optional)",
        Role: "You are (required)",
        RoleManager: "a manager",
        Organisation: "Company or organisation (optional)",
        Situation: "What you are going through (required)",
        Availability: "When you are available (optional)",
        Consent: "I agree that this information is used to handle my request. (required)",
        NotTherapy: "I understand that coaching is neither therapy nor medical care. (required)",
        Submit: "Send my request",
        SwitchTo: "Français",
        UrgentTitle: "Need help right now?",
        DoneTitle: "Thank you, your request has arrived",
        UrgentDoneTitle: "If you are in danger now, call 3114, 15 or 112",
        SentHeading: "Request sent",
        SentTitle: "Request sent — Solidaire",
        FirstNameRequired: "Enter your first name.",
        LastNameRequired: "Enter your last name.",
        EmailRequired: "Enter your email address.",
        EmailInvalid: "Enter a valid email address, like name@example.com.",
        RoleRequired: "Choose what fits you best.",
        SituationRequired: "Describe in a few words what you are going through.",
        ConsentRequired: "We need your agreement to handle your request.",
        NotTherapyRequired: "Tick this box to confirm that you understand.",
        SevenToFix: "There are 7 things to fix",
        NetworkError: "The service could not be reached. Check your internet connection, then try again.",
        KeptNote: "What you wrote is kept: you can try again.");

    public static IntakeTexts For(string language) => language switch
    {
        "fr" => French,
        "en" => English,
        _ => throw new ArgumentOutOfRangeException(nameof(language), language, "The page exists in fr and en."),
    };
}
