using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using static Solidaire.Browser.Tests.Harness.PageChecks;

namespace Solidaire.Browser.Tests.Staff;

/// <summary>
/// The staff console (web/staff/) as a person sees it: controls found by role and visible name in the
/// page's language. It also records every answer the page gets, so a test can say none failed.
/// </summary>
public sealed class StaffConsole
{
    public const string Path = "/staff/";

    private readonly List<(int Status, string Url)> _answers = [];

    public StaffConsole(IPage page, string language)
    {
        Page = page;
        Language = language;
        page.Response += (_, response) =>
        {
            lock (_answers)
                _answers.Add((response.Status, response.Url));
        };
    }

    public IPage Page { get; }
    public string Language { get; }
    public StaffTexts Texts => StaffTexts.For(Language);
    public ContractTexts ContractTexts => ContractTexts.For(Language);
    public SessionTexts SessionTexts => SessionTexts.For(Language);

    public static async Task<StaffConsole> OpenAsync(IPage page, string language = "fr", string fragment = "")
    {
        var console = new StaffConsole(page, language);
        await page.GotoAsync((language == "fr" ? Path : Path + "?lang=" + language) + fragment);
        return console;
    }

    /// <summary>Follows an emailed link in this tab, as a click in the mailbox would open it.</summary>
    public Task FollowAsync(string link) => Page.GotoAsync(link);

    /// <summary>Every answer of 400 or more the page got, but the 401s <paramref name="expected"/> allows.</summary>
    public IReadOnlyList<string> FailedAnswers(Func<string, bool>? expected = null)
    {
        lock (_answers)
            return _answers.Where(a => a.Status >= 400 && !(a.Status == 401 && expected?.Invoke(a.Url) == true))
                .Select(a => $"{a.Status} {a.Url}").ToArray();
    }

    /// <summary>What every screen is checked for: its language, WCAG 2.1 A/AA (axe-core), no sideways scroll; and a screenshot.</summary>
    public async Task AssertScreenAsync(string name)
    {
        var where = $"staff {name}";
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", Language);
        await AssertNoWcagViolationAsync(Page, where);
        var width = Page.ViewportSize!.Width;
        Assert.True(await ScrollWidthAsync(Page) <= width, $"{where} scrolls sideways");
        await ScreenshotAsync(Page, $"staff-{name}.png");
    }

    public Task<string?> StoredAccessAsync() =>
        Page.EvaluateAsync<string?>("() => window.sessionStorage.getItem('solidaire.staff.access')");

    public ILocator Heading => Page.GetByRole(AriaRole.Heading, new() { Level = 1 });
    public ILocator HeadingNamed(string text) => Page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = text, Exact = true });
    public ILocator Button(string name) => Page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });
    public ILocator Link(string name) => Page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true });
    public ILocator Field(string label) => Page.GetByLabel(label, new() { Exact = true });
    public ILocator Checkbox(string name) => Page.GetByRole(AriaRole.Checkbox, new() { Name = name, Exact = true });
    public ILocator Radio(string name) => Page.GetByRole(AriaRole.Radio, new() { Name = name, Exact = true });
    public ILocator ErrorSummary => Page.GetByRole(AriaRole.Alert);
    public ILocator Main => Page.GetByRole(AriaRole.Main);

    /// <summary>A coach's card in the registry: the list item holding their name as its heading.</summary>
    public ILocator CoachCard(string name) =>
        Page.GetByRole(AriaRole.Listitem).Filter(new() { Has = Page.GetByRole(AriaRole.Heading, new() { Name = name, Exact = true }) });

    /// <summary>The engagement screen's contract panel: the region named by its heading.</summary>
    public ILocator ContractPanel => Page.GetByRole(AriaRole.Region, new() { Name = ContractTexts.Heading, Exact = true });

    /// <summary>What the contract panel says next to <paramref name="term"/> (its dd).</summary>
    public ILocator ContractFact(string term) => ContractPanel.Locator($"dt:text-is(\"{term}\") + dd");

    /// <summary>From anywhere in the console to one of the coach's engagements, by the navigation and its list.</summary>
    public async Task OpenEngagementAsync(string reference)
    {
        await Link(ContractTexts.NavEngagements).ClickAsync();
        await Link(string.Format(ContractTexts.OpenEngagement, reference)).ClickAsync();
    }

    /// <summary>Fills the contract form (the format left at its default when null) and sends it.</summary>
    public async Task IssueContractAsync(string price, string sessions, string? format = null, string? message = null, bool reissue = false)
    {
        await Field(ContractTexts.Price).FillAsync(price);
        await Field(ContractTexts.Sessions).FillAsync(sessions);
        if (format is not null)
            await Radio(format).CheckAsync();
        if (message is not null)
            await Field(ContractTexts.Message).FillAsync(message);
        await Button(reissue ? ContractTexts.Reissue : ContractTexts.Issue).ClickAsync();
    }

    /// <summary>The engagement screen's sessions panel: the region named by its heading.</summary>
    public ILocator SessionsPanel => Page.GetByRole(AriaRole.Region, new() { Name = SessionTexts.Heading, Exact = true });

    /// <summary>The closure panel, open (its form) or closed (its outcome).</summary>
    public ILocator ClosurePanel => Page.GetByRole(AriaRole.Region, new() { Name = SessionTexts.ClosureHeading, Exact = true })
        .Or(Page.GetByRole(AriaRole.Region, new() { Name = SessionTexts.ClosedHeading, Exact = true }));

    /// <summary>The <paramref name="n"/>th session of the list (1 for the first in time): the item its heading names.</summary>
    public ILocator SessionItem(int n) => SessionsPanel.GetByRole(AriaRole.Listitem).Filter(new()
    {
        Has = Page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^" + Regex.Escape(string.Format(SessionTexts.SessionHeading, n))) }),
    });

    /// <summary>Every session item of the list.</summary>
    public ILocator SessionItems => SessionsPanel.Locator("ol > li");

    /// <summary>Fills the session form (date as yyyy-MM-dd, time as HH:mm; the format left at the contract's) and sends it.</summary>
    public async Task RecordSessionAsync(DateOnly? date, string time = "14:00", string? duration = null, string? notes = null, bool amend = false)
    {
        await Field(SessionTexts.Date).FillAsync(date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "");
        await Field(SessionTexts.Time).FillAsync(time);
        if (duration is not null)
            await Field(SessionTexts.Duration).FillAsync(duration);
        if (notes is not null)
            await Field(SessionTexts.Notes).FillAsync(notes);
        await Button(amend ? SessionTexts.SaveChanges : SessionTexts.Record).ClickAsync();
    }

    /// <summary>Types the address and asks for a link, as on the sign-in screen.</summary>
    public async Task AskForLinkAsync(string email)
    {
        await Field(Texts.SignInEmail).FillAsync(email);
        await Button(Texts.SignInSubmit).ClickAsync();
    }

    public async Task FillProfileAsync(string name, string supervisor)
    {
        await Field(Texts.ProfileName).FillAsync(name);
        await Checkbox("Français").CheckAsync();
        await Radio(Texts.Certified).CheckAsync();
        await Field(Texts.Supervisor).FillAsync(supervisor);
    }
}

/// <summary>What the console says, in each language: the tests read it as a person does.</summary>
public sealed record StaffTexts(
    string SignInHeading, string SignInEmail, string SignInSubmit, string SentHeading, string LinkInvalid, string SessionEnded,
    string SignedOut, string Hello, string NavMe, string NavCoaches, string SignOut,
    string CoachesHeading, string InviteEmail, string InviteName, string InviteSubmit, string Invited, string Assignable,
    string NotAssignable, string AlreadyRegistered, string Deactivate, string DeactivateYes, string Deactivated,
    string TodoHeading, string ReadyHeading, string ProfileHeading, string CompleteProfile, string ProfileName, string Certified,
    string Supervisor, string ProfileSubmit, string ProfileSaved, string SupervisorRequired, string LanguagesRequired,
    string CharterHeading, string SignCharterLink, string CharterCommit, string CharterSubmit, string CharterSigned,
    string CharterCommitRequired, string FrenchOnly, string EmailRequired)
{
    public static readonly StaffTexts French = new(
        SignInHeading: "Connexion à la console",
        SignInEmail: "Votre adresse email (obligatoire)",
        SignInSubmit: "Recevoir mon lien de connexion",
        SentHeading: "Regardez votre boîte mail",
        LinkInvalid: "Ce lien a expiré ou a déjà servi. Pas d'inquiétude : demandez-en un nouveau ci-dessous.",
        SessionEnded: "Votre session a pris fin. Connectez-vous à nouveau pour continuer : ce que vous faisiez vous attend.",
        SignedOut: "Vous êtes déconnecté·e. À bientôt !",
        Hello: "Bonjour {0}",
        NavMe: "Mon espace",
        NavCoaches: "Coachs",
        SignOut: "Me déconnecter",
        CoachesHeading: "Les coachs du collectif",
        InviteEmail: "Adresse email du coach (obligatoire)",
        InviteName: "Son nom (obligatoire)",
        InviteSubmit: "Envoyer l'invitation",
        Invited: "Invitation envoyée à {0}.",
        Assignable: "Peut recevoir des accompagnements",
        NotAssignable: "Pas encore disponible : profil à compléter, charte à signer",
        AlreadyRegistered: "Cette personne fait déjà partie des coachs actifs.",
        Deactivate: "Désactiver {0}",
        DeactivateYes: "Oui, désactiver",
        Deactivated: "Désactivé·e",
        TodoHeading: "Avant qu'on puisse vous confier un·e client·e",
        ReadyHeading: "Vous pouvez recevoir des accompagnements",
        ProfileHeading: "Mon profil de coach",
        CompleteProfile: "Compléter votre profil : langues, certification ou formation, supervision.",
        ProfileName: "Votre nom, tel qu'il sera affiché (obligatoire)",
        Certified: "Je suis coach certifié·e",
        Supervisor: "Votre superviseur·e ou groupe de pairs (obligatoire)",
        ProfileSubmit: "Enregistrer mon profil",
        ProfileSaved: "Votre profil est enregistré.",
        SupervisorRequired: "Indiquez votre superviseur·e ou votre groupe de pairs.",
        LanguagesRequired: "Cochez au moins une langue.",
        CharterHeading: "La charte du collectif",
        SignCharterLink: "Lire et signer la charte du collectif.",
        CharterCommit: "J'ai lu la charte et je m'engage à la respecter",
        CharterSubmit: "Signer la charte",
        CharterSigned: "Merci : votre signature de la charte est enregistrée.",
        CharterCommitRequired: "Cochez la case pour confirmer que vous avez lu la charte et que vous vous y engagez.",
        FrenchOnly: "",
        EmailRequired: "Indiquez votre adresse email.");

    public static readonly StaffTexts English = new(
        SignInHeading: "Sign in to the console",
        SignInEmail: "Your email address (required)",
        SignInSubmit: "Send me a sign-in link",
        SentHeading: "Check your email",
        LinkInvalid: "This link has expired or was already used. No worries: ask for a new one below.",
        SessionEnded: "Your session has ended. Sign in again to go on: what you were doing is waiting for you.",
        SignedOut: "You are signed out. See you soon!",
        Hello: "Hello {0}",
        NavMe: "My space",
        NavCoaches: "Coaches",
        SignOut: "Sign out",
        CoachesHeading: "The collective's coaches",
        InviteEmail: "Coach's email address (required)",
        InviteName: "Their name (required)",
        InviteSubmit: "Send the invitation",
        Invited: "Invitation sent to {0}.",
        Assignable: "Can be assigned clients",
        NotAssignable: "Not available yet: profile to complete, charter to sign",
        AlreadyRegistered: "This person is already one of the active coaches.",
        Deactivate: "Deactivate {0}",
        DeactivateYes: "Yes, deactivate",
        Deactivated: "Deactivated",
        TodoHeading: "Before a client can be assigned to you",
        ReadyHeading: "You can be assigned clients",
        ProfileHeading: "My coach profile",
        CompleteProfile: "Complete your profile: languages, certification or training, supervision.",
        ProfileName: "Your name, as it will be shown (required)",
        Certified: "I am a certified coach",
        Supervisor: "Your supervisor or peer group (required)",
        ProfileSubmit: "Save my profile",
        ProfileSaved: "Your profile is saved.",
        SupervisorRequired: "Enter your supervisor or peer group.",
        LanguagesRequired: "Tick at least one language.",
        CharterHeading: "The collective's charter",
        SignCharterLink: "Read and sign the collective's charter.",
        CharterCommit: "I have read the charter and I commit to it",
        CharterSubmit: "Sign the charter",
        CharterSigned: "Thank you: your signature of the charter is recorded.",
        CharterCommitRequired: "Tick the box to confirm that you have read the charter and commit to it.",
        FrenchOnly: "The charter exists in French only: the French text below is the one you commit to.",
        EmailRequired: "Enter your email address.");

    public static StaffTexts For(string language) => language switch
    {
        "fr" => French,
        "en" => English,
        _ => throw new ArgumentOutOfRangeException(nameof(language), language, "The console exists in fr and en."),
    };
}
