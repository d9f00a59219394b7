using System.Globalization;
using Solidaire.Core.Email;
using Solidaire.Core.Staff;
using static Solidaire.Core.Contracts.ContractFormatting;

namespace Solidaire.Core.Contracts;

/// <summary>
/// The contract's words (rule 5, §3.2, §3.3), in French and English: one section for each thing the
/// client must know before the first session, in short plain sentences for a person in crisis.
/// Pure: the text comes from the terms alone, so the same terms always give the same text, whose
/// SHA-256 the client signs. Every value goes in as plain text; whoever shows it encodes it.
/// Changing a word changes <see cref="Version"/>: a signed contract names the version it was made from.
/// </summary>
public static class ContractTemplate
{
    public const string Version = "2026-11-2";

    /// <summary>A crisis support is 1 to 4 sessions (§3.5, §3.22).</summary>
    public const int MaxSessions = 4;

    /// <summary>The contract for these terms, in English when the language is "en", in French otherwise.</summary>
    /// <exception cref="ArgumentException">The terms break a rule the issuing form enforces (sessions, price, format, certification, periods, names, characters).</exception>
    public static ContractDocument Generate(ContractTerms terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        Check(terms);
        var message = MessageLines(terms.CoachMessage);
        return terms.Language == "en" ? English(terms, message) : French(terms, message);
    }

    private static ContractDocument French(ContractTerms t, string? message)
    {
        const string fr = "fr";
        var coach = t.CoachDisplayName;
        var n = t.SessionsPlanned;
        var total = Euros(fr, t.UsualTotalEur);
        var r = t.Retention;
        var sections = new List<ContractSection>
        {
            new("Les parties",
            [
                $"Vous : {t.ClientFirstName} {t.ClientLastName}, la personne accompagnée.",
                $"Votre coach : {coach}, coach membre du collectif Solidaire.",
                "Le collectif Solidaire (Collectif Accompagnement de Soutien Solidaire), qui organise cet accompagnement.",
                $"Référence de votre demande : {t.Reference}.",
            ]),
            new("La qualification de votre coach",
            [
                (t.CoachCertification, t.CoachCertifyingBody) switch
                {
                    (Certifications.Certified, { } body) => $"{coach} est coach certifié·e par {body}.",
                    (Certifications.Certified, null) => $"{coach} est coach certifié·e.",
                    (_, { } body) => $"{coach} est coach en formation, en vue d'une certification par {body}. {coach} n'est pas encore certifié·e.",
                    _ => $"{coach} est coach en formation. {coach} n'est pas encore certifié·e.",
                },
                "Le collectif réunit des coachs certifiés et des coachs en formation. Chacun·e indique sa situation de façon véridique, et tous et toutes travaillent sous supervision.",
                "Vous pouvez interroger votre coach sur sa formation, son expérience et ses méthodes.",
            ]),
            new("L'engagement de votre coach envers la charte",
            [
                $"{coach} a signé la charte du collectif Solidaire et s'engage à la respecter, pendant l'accompagnement et après.",
                "La charte fixe les règles de conduite de tous les coachs du collectif. C'est le texte de référence si vous faites une réclamation.",
                "Vous pouvez en demander une copie à votre coach.",
            ]),
            new("Ce qu'est cet accompagnement, et ce qu'il n'est pas",
            [
                "C'est un accompagnement court, pour vous aider à traverser la crise dans votre vie professionnelle : écoute, soutien, partage, prise de recul.",
                "C'est du coaching. Ce n'est ni une thérapie, ni un suivi psychologique, ni un soin médical. Votre coach accueille ce que vous vivez, mais n'est pas formé·e pour faire de la psychologie ou de la thérapie.",
                "Si votre situation demande une autre aide, votre coach vous le dit et vous oriente vers un·e autre coach du collectif ou vers un professionnel adapté : médecin, psychologue, avocat, expert-comptable…",
                "Ce n'est pas non plus un coaching complet : c'est une aide solidaire, liée à la crise.",
            ]),
            new("En cas d'urgence",
            [
                "Le coaching n'est pas une aide d'urgence. Si vous êtes en danger ou pensez au suicide, n'attendez pas votre prochaine séance :",
                .. EmailTemplates.HelpFr,
            ]),
            new("Les séances",
            [
                n == 1
                    ? "Votre accompagnement comprend 1 séance."
                    : $"Votre accompagnement comprend {n} séances, espacées de quelques jours à quelques semaines.",
                $"C'est un soutien de crise, donc court : jamais plus de {MaxSessions} séances.",
                $"Après {MaxSessions} séances, ce programme s'arrête. Si vous souhaitez aller plus loin, votre coach peut vous proposer un contrat de coaching classique, en dehors de ce programme solidaire et avec ses propres conditions, ou vous orienter vers d'autres professionnels. Rien ne vous oblige à continuer.",
                "Vous pouvez arrêter l'accompagnement à tout moment. Votre coach peut aussi y mettre fin, en vous le disant franchement et en vous proposant d'autres solutions.",
            ]),
            new("Le format des séances",
            [
                t.Format switch
                {
                    SessionFormats.Phone => "Les séances ont lieu par téléphone.",
                    SessionFormats.InPerson => "Les séances ont lieu en personne, dans un lieu convenu avec votre coach.",
                    _ => "Les séances ont lieu en visioconférence.",
                },
                t.Format switch
                {
                    SessionFormats.Phone => "Votre coach vous propose ce format à distance, plutôt que la visioconférence proposée par défaut.",
                    SessionFormats.InPerson => "Votre coach vous propose ce format, alors que le collectif privilégie d'ordinaire les rencontres à distance.",
                    _ => "C'est le format proposé par défaut : le collectif privilégie les rencontres à distance.",
                },
                "Si ce format ne vous convient pas, dites-le à votre coach avant de signer : il peut être changé.",
            ]),
            new("Tarif habituel et contrepartie",
            [
                $"Le tarif habituel de votre coach est de {Euros(fr, t.UsualPricePerSessionEur)} par séance, soit {total} pour {Count(n, "séance prévue", "séances prévues")}. Nous vous l'indiquons pour que vous choisissiez en connaissance de cause.",
                "Vous ne payez pas ce tarif. C'est vous, et vous seul·e, qui choisissez votre contrepartie, librement, selon votre situation et tout autre critère de votre choix.",
                $"Votre contrepartie peut être financière : un montant de {Euros(fr, 1m)} à {total}, au choix. Elle peut aussi être non financière : un échange que vous décrivez vous-même.",
                "Vous la choisissez au moment de signer. Votre coach ne peut ni la fixer ni la modifier.",
                "Aucun autre paiement ne vous sera demandé. Le collectif ne tire aucun profit de vos difficultés.",
            ]),
            new("Confidentialité",
            [
                "Ce que vous confiez à votre coach reste strictement confidentiel, pendant l'accompagnement et après.",
                "Les coordinateur·rices du collectif voient votre demande, pour vous confier à un·e coach, mais jamais les notes de vos séances.",
                "Vos coordonnées ne servent qu'à votre accompagnement : elles ne sont ni vendues, ni utilisées pour vous démarcher.",
                "La loi fixe des limites à cette confidentialité. Si votre vie ou celle d'une autre personne est en danger grave, votre coach peut devoir alerter les secours. Votre coach doit aussi communiquer une information si la loi l'y oblige, par exemple à la demande d'un juge.",
            ]),
            new("Supervision",
            [
                "Votre coach travaille sous supervision : avec un superviseur ou un groupe de pairs, pour réfléchir à sa pratique.",
                "Si besoin, votre situation peut y être évoquée, toujours de façon anonyme : sans votre nom, ni rien qui permette de vous reconnaître. La supervision est elle-même soumise à des règles strictes de confidentialité.",
                "Vous répondez oui ou non au moment de signer. Les deux réponses sont possibles et votre accompagnement est le même dans les deux cas. Si vous répondez non, votre situation n'est pas évoquée en supervision. Votre coach voit votre réponse.",
            ]),
            new("Conservation et destruction de vos données",
            [
                "Le collectif garde vos données en sécurité, le temps nécessaire, puis les détruit.",
                $"Les données de votre accompagnement (vos coordonnées, votre demande, les séances, les notes, vos retours, les emails) sont détruites {Count(r.WorkingDataDaysAfterClosure, "jour", "jours")} après la fin de l'accompagnement.",
                $"Ce contrat signé et la preuve de votre signature sont gardés à part, chiffrés, pendant {Count(r.EvidenceYearsAfterClosure, "an", "ans")} après la fin de l'accompagnement, comme preuve en cas de litige. Ils sont ensuite détruits.",
                $"Une demande qui n'aboutit à aucun accompagnement est détruite {Count(r.UnfollowedIntakeDays, "jour", "jours")} après sa dernière modification.",
                $"Les emails que nous vous envoyons sont effacés de notre file d'envoi {Count(r.OutboxDays, "jour", "jours")} après leur envoi. Les liens qu'ils contiennent cessent de fonctionner à leur expiration ; rien n'en est gardé.",
                $"Chaque consultation de vos coordonnées par un membre du collectif est notée (qui, quand), pour que nous puissions en rendre compte ; cette trace est effacée {Count(r.AccessLogDays, "jour", "jours")} après.",
                $"Si vous faites une réclamation, son dossier est détruit {Count(r.ComplaintYearsAfterClosure, "an", "ans")} après sa clôture.",
                "Vous pouvez demander l'effacement de vos données à tout moment, sur le site du collectif ; un email vous demande de confirmer. Tout est alors effacé aussitôt, sauf ce contrat et sa preuve si vous l'avez signé : ils restent gardés jusqu'à leur date de destruction, parce qu'ils servent de preuve.",
                "Après destruction, il ne reste que des chiffres anonymes, qui ne permettent pas de vous reconnaître.",
            ]),
            new("Réclamation",
            [
                $"Si la conduite de votre coach ne vous semble pas conforme à la charte, vous pouvez faire une réclamation auprès des référent·es éthique du collectif : {t.ComplaintContact}.",
                "Votre réclamation va aux référent·es éthique, pas à votre coach. La charte est le texte de référence pour la traiter. Vous pouvez le faire à tout moment, pendant ou après l'accompagnement.",
            ]),
        };
        if (message is not null)
            sections.Add(new("Le mot de votre coach",
            [
                $"Message personnel de votre coach, {coach}, avec ses propres mots. Il ne modifie pas les termes de ce contrat :",
                message,
                "Fin du message de votre coach.",
            ]));
        sections.Add(new("Signer ce contrat",
        [
            "Avant de signer, posez à votre coach toutes vos questions : il est important que vous compreniez ce contrat, y compris ses conditions financières, pratiques et de confidentialité.",
            "Pour signer, vous choisissez votre contrepartie, vous répondez oui ou non pour la supervision, vous confirmez avoir compris ce contrat et vous tapez vos prénom et nom.",
            "Nous gardons comme preuve de votre signature : l'empreinte de ce texte (SHA-256), la date et l'heure, votre adresse IP et votre navigateur, et vos réponses. Une fois signé, ce contrat ne peut plus changer ; vous et votre coach le recevez en PDF par email.",
        ]));
        sections.Add(new("Version et date",
        [
            $"Modèle de contrat version {Version}.",
            $"Contrat émis le {Date(fr, t.IssuedAt)} à {Time(t.IssuedAt)} (UTC).",
        ]));
        return new ContractDocument(fr, Version, "Contrat d'accompagnement de soutien solidaire", sections);
    }

    private static ContractDocument English(ContractTerms t, string? message)
    {
        const string en = "en";
        var coach = t.CoachDisplayName;
        var n = t.SessionsPlanned;
        var total = Euros(en, t.UsualTotalEur);
        var r = t.Retention;
        var sections = new List<ContractSection>
        {
            new("The parties",
            [
                $"You: {t.ClientFirstName} {t.ClientLastName}, the person receiving support.",
                $"Your coach: {coach}, a coach member of the Solidaire collective.",
                "The Solidaire collective (Collectif Accompagnement de Soutien Solidaire), which organises this support.",
                $"Reference of your request: {t.Reference}.",
            ]),
            new("Your coach's qualification",
            [
                (t.CoachCertification, t.CoachCertifyingBody) switch
                {
                    (Certifications.Certified, { } body) => $"{coach} is a coach certified by {body}.",
                    (Certifications.Certified, null) => $"{coach} is a certified coach.",
                    (_, { } body) => $"{coach} is a coach in training, working towards certification by {body}. {coach} is not yet certified.",
                    _ => $"{coach} is a coach in training. {coach} is not yet certified.",
                },
                "The collective brings together certified coaches and coaches in training. Each states their status truthfully, and all of them work under supervision.",
                "You can ask your coach about their training, experience and methods.",
            ]),
            new("Your coach's commitment to the charter",
            [
                $"{coach} has signed the charter of the Solidaire collective and commits to respecting it, during the support and after it.",
                "The charter sets the rules of conduct for every coach of the collective. It is the reference text if you make a complaint.",
                "You can ask your coach for a copy.",
            ]),
            new("What this support is, and what it is not",
            [
                "It is short support to help you through the crisis in your working life: listening, support, sharing, stepping back.",
                "It is coaching. It is not therapy, psychological counselling or medical care. Your coach listens to what you are going through, but is not trained to practise psychology or therapy.",
                "If your situation calls for other help, your coach tells you so and refers you to another coach of the collective or to a suitable professional: a doctor, a psychologist, a lawyer, an accountant…",
                "Nor is it a full coaching programme: it is solidarity support, linked to the crisis.",
            ]),
            new("In an emergency",
            [
                "Coaching is not emergency help. If you are in danger or thinking about suicide, do not wait for your next session:",
                .. EmailTemplates.HelpEn,
            ]),
            new("Sessions",
            [
                n == 1
                    ? "Your support is 1 session."
                    : $"Your support is {n} sessions, a few days to a few weeks apart.",
                $"Crisis support is short: never more than {MaxSessions} sessions.",
                $"After {MaxSessions} sessions, this programme ends. If you want to go further, your coach can offer you a classic coaching contract, outside this solidarity programme and on its own terms, or refer you to other professionals. Nothing obliges you to continue.",
                "You can stop the support at any time. Your coach can also end it, telling you frankly and offering you other solutions.",
            ]),
            new("How sessions take place",
            [
                t.Format switch
                {
                    SessionFormats.Phone => "Sessions take place by phone.",
                    SessionFormats.InPerson => "Sessions take place in person, at a place agreed with your coach.",
                    _ => "Sessions take place by video call.",
                },
                t.Format switch
                {
                    SessionFormats.Phone => "Your coach offers you this remote format instead of the default video call.",
                    SessionFormats.InPerson => "Your coach offers you this format, although the collective usually prefers remote meetings.",
                    _ => "This is the default format: the collective prefers remote meetings.",
                },
                "If this format does not suit you, tell your coach before signing: it can be changed.",
            ]),
            new("Usual price and your contribution",
            [
                $"Your coach's usual price is {Euros(en, t.UsualPricePerSessionEur)} per session, that is {total} for {Count(n, "session", "sessions")} planned. We tell you so that you can choose knowing this.",
                "You do not pay this price. You, and only you, choose your contribution, freely, according to your situation and any other criteria of your choice.",
                $"Your contribution can be financial: any amount from {Euros(en, 1m)} to {total}. It can also be non-financial: an exchange you describe yourself.",
                "You choose it when you sign. Your coach can neither set it nor change it.",
                "No other payment will be asked of you. The collective takes no profit from your difficulties.",
            ]),
            new("Confidentiality",
            [
                "What you share with your coach stays strictly confidential, during the support and after it.",
                "The collective's coordinators see your request, to match you with a coach, but never the notes of your sessions.",
                "Your contact details are used only for your support: they are never sold, nor used to sell you anything.",
                "The law sets limits to this confidentiality. If your life or someone else's is in serious danger, your coach may have to call the emergency services. Your coach must also disclose information when the law requires it, for example at a judge's request.",
            ]),
            new("Supervision",
            [
                "Your coach works under supervision: with a supervisor or a peer group, to reflect on their practice.",
                "If needed, your situation may be discussed there, always anonymously: without your name or anything that could identify you. Supervision is itself bound by strict confidentiality rules.",
                "You answer yes or no when you sign. Both answers are fine and your support is the same either way. If you answer no, your situation is not discussed in supervision. Your coach sees your answer.",
            ]),
            new("Keeping and destroying your data",
            [
                "The collective keeps your data safe for as long as needed, then destroys it.",
                $"The data of your support (your contact details, your request, the sessions, the notes, your feedback, the emails) is destroyed {Count(r.WorkingDataDaysAfterClosure, "day", "days")} after the support ends.",
                $"This signed agreement and the proof of your signature are kept apart, encrypted, for {Count(r.EvidenceYearsAfterClosure, "year", "years")} after the support ends, as proof in case of a dispute. They are then destroyed.",
                $"A request that leads to no support is destroyed {Count(r.UnfollowedIntakeDays, "day", "days")} after its last change.",
                $"The emails we send you are deleted from our sending queue {Count(r.OutboxDays, "day", "days")} after they are sent. The links in them stop working when they expire; nothing of them is kept.",
                $"Each time a member of the collective reads your contact details, it is recorded (who, when) so that we can account for it; this record is deleted {Count(r.AccessLogDays, "day", "days")} later.",
                $"If you make a complaint, its file is destroyed {Count(r.ComplaintYearsAfterClosure, "year", "years")} after it is closed.",
                "You can ask for your data to be erased at any time, on the collective's website; an email asks you to confirm. Everything is then erased at once, except this agreement and its proof if you signed it: they are kept until their destruction date, because they serve as proof.",
                "After destruction, only anonymous figures remain, which cannot identify you.",
            ]),
            new("Making a complaint",
            [
                $"If your coach's conduct does not seem to you to follow the charter, you can complain to the collective's ethics referents: {t.ComplaintContact}.",
                "Your complaint goes to the ethics referents, not to your coach. The charter is the reference text for handling it. You can complain at any time, during or after the support.",
            ]),
        };
        if (message is not null)
            sections.Add(new("A word from your coach",
            [
                $"A personal message from your coach, {coach}, in their own words. It does not change the terms of this agreement:",
                message,
                "End of your coach's message.",
            ]));
        sections.Add(new("Signing this agreement",
        [
            "Before signing, ask your coach all your questions: it matters that you understand this agreement, including its financial, practical and confidentiality terms.",
            "To sign, you choose your contribution, answer yes or no about supervision, confirm that you understood this agreement and type your first and last names.",
            "As proof of your signature we keep: the fingerprint of this text (SHA-256), the date and time, your IP address and browser, and your answers. Once signed, this agreement cannot change; you and your coach receive it as a PDF by email.",
        ]));
        sections.Add(new("Version and date",
        [
            $"Agreement template version {Version}.",
            $"Agreement issued on {Date(en, t.IssuedAt)} at {Time(t.IssuedAt)} (UTC).",
        ]));
        return new ContractDocument(en, Version, "Solidarity support agreement", sections);
    }

    /// <summary>
    /// The coach's message as the contract keeps it: line ends made "\n" (the canonical text has no
    /// "\r"), surrounding blank space removed, every other character as written; none when blank.
    /// </summary>
    private static string? MessageLines(string? message)
    {
        var lines = message?.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();
        return string.IsNullOrEmpty(lines) ? null : lines;
    }

    /// <summary>
    /// The issuing form enforces all of this; checking again here means a contract that would
    /// mislead (a 5th session, a line break forging a section inside a name, a bidi override
    /// reordering what the client reads) is never generated, whoever calls.
    /// </summary>
    private static void Check(ContractTerms t)
    {
        if (t.SessionsPlanned is < 1 or > MaxSessions)
            throw new ArgumentException($"Sessions planned must be 1 to {MaxSessions}.", nameof(t));
        if (t.UsualPricePerSessionEur <= 0 || decimal.Round(t.UsualPricePerSessionEur, 2) != t.UsualPricePerSessionEur)
            throw new ArgumentException("The usual price per session must be more than 0, to the cent.", nameof(t));
        if (!SessionFormats.All.Contains(t.Format))
            throw new ArgumentException("Unknown session format.", nameof(t));
        if (!Certifications.All.Contains(t.CoachCertification))
            throw new ArgumentException("Unknown certification.", nameof(t));
        ArgumentNullException.ThrowIfNull(t.Retention, nameof(t));
        if (t.Retention.WorkingDataDaysAfterClosure < 1 || t.Retention.EvidenceYearsAfterClosure < 1 || t.Retention.UnfollowedIntakeDays < 1
            || t.Retention.ComplaintYearsAfterClosure < 1 || t.Retention.OutboxDays < 1 || t.Retention.AccessLogDays < 1)
            throw new ArgumentException("Retention periods must be positive.", nameof(t));
        foreach (var (name, value) in new[]
        {
            (nameof(t.Reference), t.Reference), (nameof(t.ClientFirstName), t.ClientFirstName), (nameof(t.ClientLastName), t.ClientLastName),
            (nameof(t.CoachDisplayName), t.CoachDisplayName), (nameof(t.ComplaintContact), t.ComplaintContact),
        })
        {
            if (string.IsNullOrWhiteSpace(value) || !IsPlainLine(value, multiline: false))
                throw new ArgumentException($"{name} must be one line of visible text.", nameof(t));
        }
        if (t.CoachCertifyingBody is { } certifyingBody && (string.IsNullOrWhiteSpace(certifyingBody) || !IsPlainLine(certifyingBody, multiline: false)))
            throw new ArgumentException("CoachCertifyingBody must be one line of visible text.", nameof(t));
        if (t.CoachMessage is { } message && !IsPlainLine(message, multiline: true))
            throw new ArgumentException("CoachMessage must not hold control or invisible formatting characters.", nameof(t));
    }

    /// <summary>No control characters (but line ends and tabs in a message), no line or paragraph separators, no invisible formatting but the emoji joiner.</summary>
    private static bool IsPlainLine(string value, bool multiline)
    {
        foreach (var c in value)
        {
            if (char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t'))
                return false;
            if (CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
                return false;
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format && !(multiline && c == '\u200D'))
                return false;
        }
        return true;
    }
}
