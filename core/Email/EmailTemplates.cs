using System.Net;
using System.Text;
using Solidaire.Core.Intake;

namespace Solidaire.Core.Email;

/// <summary>A rendered email body, before it has a recipient and an id.</summary>
public sealed record EmailContent(string Language, string Subject, string Text, string Html);

/// <summary>
/// The emails' words, in French and English, chosen by the recipient's language. Every value put
/// into HTML is encoded.
/// </summary>
public static partial class EmailTemplates
{
    /// <summary>Where to turn at once (rule 2: every email to a client lists professional help, §3.1, §3.7).</summary>
    internal static readonly string[] HelpEn =
    [
        "In France: call 3114 (suicide prevention, free, 24/7).",
        "Medical emergency: call 15 (SAMU) or 112 (European emergency number).",
        "Elsewhere: call your local emergency number.",
    ];

    internal static readonly string[] HelpFr =
    [
        "En France : appelez le 3114 (prévention du suicide, gratuit, 24h/24 et 7j/7).",
        "Urgence médicale : appelez le 15 (SAMU) ou le 112 (numéro d'urgence européen).",
        "Ailleurs : appelez le numéro d'urgence local.",
    ];

    /// <summary>
    /// To the client: we have your request (rule 2: always lists professional help, §3.1, §3.7). When
    /// what they wrote carries crisis signals, the help numbers come first and nothing promises a
    /// delay: a coordinator looks at urgent requests before any other.
    /// </summary>
    public static EmailContent IntakeAcknowledgement(string language, string firstName, string reference, int retentionDays, bool urgent, string? erasureLink = null) => language == "en"
        ? ClientRender(erasureLink, "en",
            urgent ? $"Your request has reached us (reference {reference}): if you are in danger, call for help now" : $"We have received your request for support (reference {reference})",
            $"Hello {firstName},",
            urgent
                ?
                [
                    $"Your request has reached the Solidaire collective under the reference {reference}. A coordinator looks at requests like yours before any other, as soon as they can, and will write to you.",
                    "Coaching is neither emergency help nor medical care: if you need it, the people above are the ones who can help at once, day and night. You can call them and still keep your request with us.",
                ]
                :
                [
                    $"Thank you for writing to us. Your request has reached the Solidaire collective under the reference {reference}.",
                    "What happens next: a coordinator reads every request and will write to you within a few days to introduce a coach. The support is 1 to 4 sessions, remote by default, and you choose your own contribution (financial or not) after seeing the coach's usual price.",
                    "Coaching is not therapy or medical care: our coaches support you in your professional life and will suggest other professionals when that is what you need.",
                ],
            urgent ? "What you wrote tells us you may be going through something very hard right now. If you are in danger or thinking about suicide, please call now:" : "If you are in danger or thinking about suicide, do not wait for us:",
            HelpEn,
            $"Your data is used only to answer your request and nothing else. If no coaching follows, it is destroyed {retentionDays} days after your request; otherwise when the coaching ends, as the contract will tell you.",
            "The Solidaire collective",
            helpFirst: urgent)
        : ClientRender(erasureLink, "fr",
            urgent ? $"Votre demande nous est parvenue (référence {reference}) : si vous êtes en danger, appelez à l'aide maintenant" : $"Nous avons bien reçu votre demande d'accompagnement (référence {reference})",
            $"Bonjour {firstName},",
            urgent
                ?
                [
                    $"Votre demande est bien arrivée au collectif Solidaire, sous la référence {reference}. Un·e coordinateur·rice regarde les demandes comme la vôtre avant toutes les autres, dès que possible, et vous écrira.",
                    "Le coaching n'est ni une aide d'urgence ni un soin médical : si vous en avez besoin, ce sont les personnes ci-dessus qui peuvent vous aider tout de suite, de jour comme de nuit. Vous pouvez les appeler et garder votre demande auprès de nous.",
                ]
                :
                [
                    $"Merci de nous avoir écrit. Votre demande est bien arrivée au collectif Solidaire, sous la référence {reference}.",
                    "La suite : un·e coordinateur·rice lit chaque demande et vous écrira sous quelques jours pour vous présenter un·e coach. L'accompagnement comprend 1 à 4 séances, à distance par défaut, et c'est vous qui choisissez votre contrepartie (financière ou non) après avoir pris connaissance du tarif habituel du coach.",
                    "Le coaching n'est ni une thérapie ni un soin médical : nos coachs vous soutiennent dans votre vie professionnelle et vous orienteront vers d'autres professionnels si c'est ce dont vous avez besoin.",
                ],
            urgent ? "Ce que vous avez écrit nous dit que vous traversez peut-être un moment très difficile. Si vous êtes en danger ou pensez au suicide, appelez maintenant :" : "Si vous êtes en danger ou pensez au suicide, n'attendez pas notre réponse :",
            HelpFr,
            $"Vos données ne servent qu'à répondre à votre demande, à rien d'autre. Si aucun accompagnement ne suit, elles sont détruites {retentionDays} jours après votre demande ; sinon à la fin de l'accompagnement, comme le précisera le contrat.",
            "Le collectif Solidaire",
            helpFirst: urgent);

    /// <summary>To the coordinators: a new intake waits. Never the client's words (rule 11).</summary>
    public static EmailContent CoordinatorNotice(string language, string reference, bool urgent, ClientRole role, bool acknowledged = true, string? consoleLink = null)
    {
        var priority = role is ClientRole.Executive or ClientRole.Manager;
        return language == "en"
            ? Render("en",
                urgent ? $"URGENT: a new request needs a coordinator now ({reference})" : $"A new request is waiting ({reference})",
                "Hello,",
                [
                    $"A new request (reference {reference}) is waiting in the coordinators' queue.",
                    urgent
                        ? "Crisis signals were found in what the person wrote: please look at it now and consider referring them to emergency or medical help."
                        : priority ? "It comes from an executive or manager: served first (charter §2)." : "It is queued by arrival.",
                    .. acknowledged ? Array.Empty<string>() : ["The person has not received an acknowledgement: the hourly budget of acknowledgement emails was spent. Please write to them yourself."],
                ],
                null, [], "The details are in the coordinators' console, not in this email.", "Solidaire",
                action: consoleLink is null ? null : new EmailAction(urgent ? "Open this urgent request now" : "Open the request", consoleLink))
            : Render("fr",
                urgent ? $"URGENT : une nouvelle demande attend un·e coordinateur·rice ({reference})" : $"Une nouvelle demande attend ({reference})",
                "Bonjour,",
                [
                    $"Une nouvelle demande (référence {reference}) attend dans la file des coordinateurs.",
                    urgent
                        ? "Des signaux de crise ont été repérés dans ce que la personne a écrit : merci de la regarder tout de suite et d'envisager une orientation vers les urgences ou un soin médical."
                        : priority ? "Elle vient d'un·e dirigeant·e ou d'un·e manager : prioritaire (charte §2)." : "Elle est traitée dans l'ordre d'arrivée.",
                    .. acknowledged ? Array.Empty<string>() : ["La personne n'a pas reçu d'accusé de réception : le nombre maximal d'accusés par heure était atteint. Merci de lui écrire vous-même."],
                ],
                null, [], "Le détail se trouve dans la console des coordinateurs, pas dans cet email.", "Solidaire",
                action: consoleLink is null ? null : new EmailAction(urgent ? "Ouvrir cette demande urgente maintenant" : "Ouvrir la demande", consoleLink));
    }

    /// <summary>To a staff member: their single-use sign-in link. The link is the credential: never stored, only sent.</summary>
    public static EmailContent StaffSignInLink(string language, string link, int minutes) => language == "en"
        ? Render("en", "Your sign-in link to the Solidaire console", "Hello,",
            ["Here is your link to sign in to the Solidaire staff console. It works once, for " + minutes + " minutes."],
            null, [], "If you did not ask for it, ignore this email: nobody can sign in without the link.", "Solidaire",
            action: new EmailAction("Sign in to the console", link))
        : Render("fr", "Votre lien de connexion à la console Solidaire", "Bonjour,",
            ["Voici votre lien pour vous connecter à la console de l'équipe Solidaire. Il ne sert qu'une fois, pendant " + minutes + " minutes."],
            null, [], "Si vous ne l'avez pas demandé, ignorez cet email : personne ne peut se connecter sans ce lien.", "Solidaire",
            action: new EmailAction("Me connecter à la console", link));

    /// <summary>To a coach a coordinator invited: what to do next (§3.2, §3.9, §3.14). No token: they ask for a link from the console.</summary>
    public static EmailContent CoachInvitation(string language, string consoleLink) => language == "en"
        ? Render("en", "You are invited to coach with the Solidaire collective", "Hello,",
            [
                "A coordinator of the Solidaire collective has added you to its coaches.",
                "Before a client can be assigned to you: sign in to the console with this address, complete your profile (languages, certification or training, supervisor or peer group) and sign the charter.",
            ],
            null, [], "If you did not expect this, reply to the coordinator who invited you.", "Solidaire",
            action: new EmailAction("Open the console", consoleLink))
        : Render("fr", "Vous êtes invité·e à accompagner avec le collectif Solidaire", "Bonjour,",
            [
                "Un·e coordinateur·rice du collectif Solidaire vous a ajouté·e à ses coachs.",
                "Avant qu'un·e client·e puisse vous être confié·e : connectez-vous à la console avec cette adresse, complétez votre profil (langues, certification ou formation, superviseur ou groupe de pairs) et signez la charte.",
            ],
            null, [], "Si vous ne vous y attendiez pas, répondez au coordinateur ou à la coordinatrice qui vous a invité·e.", "Solidaire",
            action: new EmailAction("Ouvrir la console", consoleLink));

    /// <summary>To a coach: a client was assigned to them; the details are in the console, never in the email (rule 11).</summary>
    public static EmailContent CoachAssigned(string language, string reference, string engagementLink) => language == "en"
        ? Render("en", $"A person has been assigned to you ({reference})", "Hello,",
            [
                $"A coordinator has assigned you the request {reference}.",
                "Open it in the console, check that you have no prior personal or business relationship with this person (charter §3.18), then confirm or decline.",
            ],
            null, [], "The person's details are in the console, not in this email.", "Solidaire",
            action: new EmailAction("Open the engagement", engagementLink))
        : Render("fr", $"Une personne vous a été confiée ({reference})", "Bonjour,",
            [
                $"Un·e coordinateur·rice vous a confié la demande {reference}.",
                "Ouvrez-la dans la console, vérifiez que vous n'avez aucune relation personnelle ou d'affaires antérieure avec cette personne (charte §3.18), puis confirmez ou déclinez.",
            ],
            null, [], "Les coordonnées de la personne sont dans la console, pas dans cet email.", "Solidaire",
            action: new EmailAction("Ouvrir l'accompagnement", engagementLink));

    /// <summary>To the client: a coach has taken their request on (after the coach confirmed).</summary>
    public static EmailContent ClientCoachFound(string language, string firstName, string reference, string coachName, string? erasureLink = null) => language == "en"
        ? ClientRender(erasureLink, "en", $"A coach will support you (reference {reference})", $"Hello {firstName},",
            [
                $"Good news: {coachName}, a coach of the Solidaire collective, will support you.",
                "You will soon receive the support agreement to read and sign: it states the number of sessions (1 to 4), the coach's usual price, and the contribution you choose yourself, financial or not.",
            ],
            "If you are in danger or thinking about suicide, do not wait:",
            HelpEn,
            "Your data is used only for your support.", "The Solidaire collective")
        : ClientRender(erasureLink, "fr", $"Un·e coach va vous accompagner (référence {reference})", $"Bonjour {firstName},",
            [
                $"Bonne nouvelle : {coachName}, coach du collectif Solidaire, va vous accompagner.",
                "Vous recevrez bientôt la convention d'accompagnement à lire et signer : elle précise le nombre de séances (1 à 4), le tarif habituel du coach, et la contrepartie que vous choisissez vous-même, financière ou non.",
            ],
            "Si vous êtes en danger ou pensez au suicide, n'attendez pas :",
            HelpFr,
            "Vos données ne servent qu'à votre accompagnement.", "Le collectif Solidaire");

    /// <summary>To the client: the collective cannot take their request on (§3.7), kindly, with where to turn when a coordinator said.</summary>
    public static EmailContent ClientDeclined(string language, string firstName, string reference, string? referral, int retentionDays, string? erasureLink = null) => language == "en"
        ? ClientRender(erasureLink, "en", $"About your request (reference {reference})", $"Hello {firstName},",
            [
                "Thank you for trusting us. After reading your request carefully, the collective is not the right help for what you are going through, and we would rather tell you so than make you wait.",
                .. referral is null ? Array.Empty<string>() : [$"Where you can turn: {referral}"],
                "This says nothing about the importance of what you wrote. You can write to us again at any time.",
            ],
            "If you are in danger or thinking about suicide, do not wait:",
            HelpEn,
            $"Your request will be destroyed {retentionDays} days from now.", "The Solidaire collective")
        : ClientRender(erasureLink, "fr", $"À propos de votre demande (référence {reference})", $"Bonjour {firstName},",
            [
                "Merci de votre confiance. Après avoir lu attentivement votre demande, le collectif n'est pas l'aide la plus juste pour ce que vous traversez, et nous préférons vous le dire plutôt que vous faire attendre.",
                .. referral is null ? Array.Empty<string>() : [$"Vers qui vous tourner : {referral}"],
                "Cela ne dit rien de l'importance de ce que vous avez écrit. Vous pouvez nous écrire de nouveau à tout moment.",
            ],
            "Si vous êtes en danger ou pensez au suicide, n'attendez pas :",
            HelpFr,
            $"Votre demande sera détruite dans {retentionDays} jours.", "Le collectif Solidaire");

    /// <summary>To the client: their contract to read and sign, by link (the link is the key: it works until it expires or a newer one comes).</summary>
    public static EmailContent ContractLink(string language, string firstName, string reference, string coachName, string link, DateTimeOffset expiresAt, string? erasureLink = null) => language == "en"
        ? ClientRender(erasureLink, "en", $"Your support agreement to read and sign (reference {reference})", $"Hello {firstName},",
            [
                $"{coachName} has prepared your support agreement. Read it, choose your contribution yourself (financial from 1 € up to the coach's usual price, or non-financial), and sign it online.",
                $"The link works until {Contracts.ContractFormatting.Date("en", expiresAt)} (UTC); if your coach changes the agreement, you will get a new link and this one will stop working.",
            ],
            "If you are in danger or thinking about suicide, do not wait:", HelpEn,
            "Do not forward this email: the link opens your agreement.", "The Solidaire collective",
            action: new EmailAction("Read and sign my agreement", link))
        : ClientRender(erasureLink, "fr", $"Votre contrat d'accompagnement à lire et signer (référence {reference})", $"Bonjour {firstName},",
            [
                $"{coachName} a préparé votre contrat d'accompagnement. Lisez-le, choisissez vous-même votre contrepartie (financière, de 1 € jusqu'au tarif habituel du coach, ou non financière), et signez-le en ligne.",
                $"Le lien fonctionne jusqu'au {Contracts.ContractFormatting.Date("fr", expiresAt)} (UTC) ; si votre coach modifie le contrat, vous recevrez un nouveau lien et celui-ci ne fonctionnera plus.",
            ],
            "Si vous êtes en danger ou pensez au suicide, n'attendez pas :", HelpFr,
            "Ne transférez pas cet email : le lien ouvre votre contrat.", "Le collectif Solidaire",
            action: new EmailAction("Lire et signer mon contrat", link));

    /// <summary>
    /// To both parties once the client signed: what was agreed (the contribution the client chose,
    /// both consent answers) and the contract's SHA-256. The client's words and choice, never more.
    /// </summary>
    public static EmailContent ContractSigned(string language, string greetingName, string reference, Contracts.StoredContract contract, bool toCoach, string? erasureLink = null)
    {
        var signature = contract.Signature!;
        var en = language == "en";
        var contribution = signature.Counterpart switch
        {
            Contracts.Counterpart.Financial f => Contracts.ContractFormatting.Euros(language, f.AmountEur),
            Contracts.Counterpart.NonFinancial n => (en ? "non-financial: " : "non financière : ") + n.Description,
            _ => "",
        };
        string[] facts = en
            ?
            [
                $"Contribution chosen: {contribution}.",
                $"Understood the terms: yes. Situation discussed anonymously in supervision: {(signature.SupervisionConsent ? "yes" : "no")}.",
                $"Sessions planned: {contract.SessionsPlanned}. Signed on {Contracts.ContractFormatting.Date(language, signature.SignedAt)} (UTC) by {signature.SignatureName}.",
                $"SHA-256 of the signed text: {contract.Sha256}",
            ]
            :
            [
                $"Contrepartie choisie : {contribution}.",
                $"Conditions comprises : oui. Situation évoquée anonymement en supervision : {(signature.SupervisionConsent ? "oui" : "non")}.",
                $"Séances prévues : {contract.SessionsPlanned}. Signé le {Contracts.ContractFormatting.Date(language, signature.SignedAt)} (UTC) par {signature.SignatureName}.",
                $"SHA-256 du texte signé : {contract.Sha256}",
            ];
        return en
            ? ClientRender(toCoach ? null : erasureLink, "en", $"Support agreement signed (reference {reference})", $"Hello {greetingName},",
                [toCoach ? $"The client has signed the support agreement for request {reference}. What they chose:" : $"You have signed your support agreement (reference {reference}). Here is what you agreed:", .. facts],
                toCoach ? null : "If you are in danger or thinking about suicide, do not wait:", toCoach ? [] : HelpEn,
                "Keep this email: it is your record of the agreement.", toCoach ? "Solidaire" : "The Solidaire collective")
            : ClientRender(toCoach ? null : erasureLink, "fr", $"Contrat d'accompagnement signé (référence {reference})", $"Bonjour {greetingName},",
                [toCoach ? $"La personne a signé le contrat d'accompagnement de la demande {reference}. Ce qu'elle a choisi :" : $"Vous avez signé votre contrat d'accompagnement (référence {reference}). Voici ce que vous avez convenu :", .. facts],
                toCoach ? null : "Si vous êtes en danger ou pensez au suicide, n'attendez pas :", toCoach ? [] : HelpFr,
                "Gardez cet email : il garde trace du contrat.", toCoach ? "Solidaire" : "Le collectif Solidaire");
    }

    /// <summary>
    /// To the client at closure: thanks, and the feedback link (§5.9). Answering is optional; the coach
    /// sees answers only put together, from three on, never one alone. Any other language is French.
    /// </summary>
    public static EmailContent ClosureThanks(string language, string firstName, string reference, string coachDisplayName, string feedbackUrl, DateTimeOffset expiresAt, string? erasureLink = null) => language != "en"
        ? ClientRender(erasureLink, "fr", $"Merci, et votre avis si vous le souhaitez (référence {reference})", $"Bonjour {firstName},",
            [
                $"Votre accompagnement avec {coachDisplayName} est maintenant terminé. Merci de la confiance que vous avez accordée à votre coach et au collectif Solidaire.",
                $"Si vous le souhaitez, dites-nous en trois questions comment vous l'avez vécu : cela aide {coachDisplayName} et le collectif à progresser. C'est facultatif, et cela prend deux minutes.",
                $"Votre réponse reste anonyme : votre coach ne voit jamais une réponse seule, seulement des moyennes et des commentaires réunis, sans nom ni date, à partir de trois réponses. Le lien fonctionne une fois, jusqu'au {Contracts.ContractFormatting.Date("fr", expiresAt)} (UTC).",
            ],
            "Si vous êtes en danger ou pensez au suicide, n'attendez pas :", HelpFr,
            "Ne transférez pas cet email : le lien est le vôtre.", "Le collectif Solidaire",
            action: new EmailAction("Donner mon avis", feedbackUrl))
        : ClientRender(erasureLink, "en", $"Thank you, and your feedback if you wish (reference {reference})", $"Hello {firstName},",
            [
                $"Your support with {coachDisplayName} has now ended. Thank you for the trust you placed in your coach and in the Solidaire collective.",
                $"If you wish, tell us in three questions how it went for you: it helps {coachDisplayName} and the collective to improve. It is optional, and takes two minutes.",
                $"Your answer stays anonymous: your coach never sees one answer on its own, only averages and comments put together, without names or dates, from three answers on. The link works once, until {Contracts.ContractFormatting.Date("en", expiresAt)} (UTC).",
            ],
            "If you are in danger or thinking about suicide, do not wait:", HelpEn,
            "Do not forward this email: the link is yours.", "The Solidaire collective",
            action: new EmailAction("Give my feedback", feedbackUrl));

    /// <summary>
    /// To whoever filed a complaint (§1, §4.8): it reached the ethics referents, not the member
    /// concerned. Nothing they wrote is echoed: anyone can give any address.
    /// </summary>
    public static EmailContent ComplaintAcknowledgement(string language, string reference) => language == "en"
        ? Render("en", $"We have received your complaint (reference {reference})", "Hello,",
            [
                $"Your complaint has reached the ethics referents of the Solidaire collective under the reference {reference}.",
                "It is read by the referents only, never by the member it is about. They judge it against the collective's charter, which is the text of reference for any complaint, and will write to you at this address.",
            ],
            null, [], "If you did not send this complaint, ignore this email.", "The ethics referents of the Solidaire collective")
        : Render("fr", $"Nous avons bien reçu votre réclamation (référence {reference})", "Bonjour,",
            [
                $"Votre réclamation est bien arrivée aux référent·es éthique du collectif Solidaire, sous la référence {reference}.",
                "Seul·es les référent·es la lisent, jamais le membre qu'elle concerne. Ils et elles l'examinent au regard de la charte du collectif, texte de référence pour traiter tout recours, et vous écriront à cette adresse.",
            ],
            null, [], "Si vous n'avez pas envoyé cette réclamation, ignorez cet email.", "Les référent·es éthique du collectif Solidaire");

    /// <summary>To the ethics referents: a complaint waits in the console. Never its words, nor who it is about (rule 11, rule 12).</summary>
    public static EmailContent ComplaintNotice(string language, string reference, string consoleLink) => language == "en"
        ? Render("en", $"A complaint is waiting for the ethics referents ({reference})", "Hello,",
            [
                $"A complaint about a member's conduct (reference {reference}) has been filed.",
                "Sign in to the staff console as an ethics referent to read it and, once handled, close it with its resolution (charter §1, §4.8).",
            ],
            null, [], "The complaint is in the console, not in this email.", "Solidaire",
            action: new EmailAction("Open the complaint", consoleLink))
        : Render("fr", $"Une réclamation attend les référent·es éthique ({reference})", "Bonjour,",
            [
                $"Une réclamation sur la conduite d'un membre (référence {reference}) vient d'être déposée.",
                "Connectez-vous à la console de l'équipe en tant que référent·e éthique pour la lire et, une fois traitée, la clore avec sa résolution (charte §1, §4.8).",
            ],
            null, [], "La réclamation se trouve dans la console, pas dans cet email.", "Solidaire",
            action: new EmailAction("Ouvrir la réclamation", consoleLink));

    /// <summary>A button-like link: in the text part as "label: url".</summary>
    private sealed record EmailAction(string Label, string Url);

    /// <summary>An email to a client: with, under everything, the line that leads to erasing their data (GDPR Art. 17).</summary>
    private static EmailContent ClientRender(
        string? erasureLink, string language, string subject, string greeting, IReadOnlyList<string> paragraphs,
        string? helpIntro, IReadOnlyList<string> help, string footer, string signature, bool helpFirst = false, EmailAction? action = null) =>
        Render(language, subject, greeting, paragraphs, helpIntro, help, footer, signature, helpFirst, action, erasureLink);

    private static EmailContent Render(
        string language, string subject, string greeting, IReadOnlyList<string> paragraphs,
        string? helpIntro, IReadOnlyList<string> help, string footer, string signature, bool helpFirst = false, EmailAction? action = null, string? erasureLink = null)
    {
        var text = new StringBuilder();
        text.AppendLine(greeting).AppendLine();
        if (helpFirst)
            TextHelp(text, helpIntro, help);
        foreach (var p in paragraphs)
            text.AppendLine(p).AppendLine();
        if (action is not null)
            text.Append(action.Label).Append(": ").AppendLine(action.Url).AppendLine();
        if (!helpFirst)
            TextHelp(text, helpIntro, help);
        text.AppendLine(footer).AppendLine().AppendLine(signature);
        if (erasureLink is not null)
            text.AppendLine().AppendLine(ErasureFooter(language, erasureLink));

        static string E(string value) => WebUtility.HtmlEncode(value);
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"").Append(language).Append("\"><head><meta charset=\"utf-8\"><title>")
            .Append(E(subject)).Append("</title></head><body style=\"font-family:sans-serif;line-height:1.5;color:#1a1a1a;max-width:40em\">");
        html.Append("<p>").Append(E(greeting)).Append("</p>");
        if (helpFirst)
            HtmlHelp(html, helpIntro, help);
        foreach (var p in paragraphs)
            html.Append("<p>").Append(E(p)).Append("</p>");
        if (action is not null)
            html.Append("<p><a href=\"").Append(E(action.Url)).Append("\">").Append(E(action.Label)).Append("</a></p>");
        if (!helpFirst)
            HtmlHelp(html, helpIntro, help);
        html.Append("<p style=\"color:#555\">").Append(E(footer)).Append("</p><p>").Append(E(signature)).Append("</p>");
        if (erasureLink is not null)
            html.Append("<p style=\"color:#555;font-size:90%\"><a href=\"").Append(E(erasureLink)).Append("\">").Append(E(language == "en" ? "Erase my data" : "Effacer mes données")).Append("</a></p>");
        html.Append("</body></html>");
        return new EmailContent(language, subject, text.ToString(), html.ToString());
    }

    private static void TextHelp(StringBuilder text, string? intro, IReadOnlyList<string> help)
    {
        if (intro is null)
            return;
        text.AppendLine(intro);
        foreach (var h in help)
            text.Append("- ").AppendLine(h);
        text.AppendLine();
    }

    private static void HtmlHelp(StringBuilder html, string? intro, IReadOnlyList<string> help)
    {
        if (intro is null)
            return;
        html.Append("<div style=\"border-left:4px solid #b00020;padding:0 1em;margin:1em 0\"><p><strong>").Append(WebUtility.HtmlEncode(intro)).Append("</strong></p><ul>");
        foreach (var h in help)
            html.Append("<li>").Append(WebUtility.HtmlEncode(h)).Append("</li>");
        html.Append("</ul></div>");
    }
}
