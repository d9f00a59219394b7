using Solidaire.Core.Contracts;

namespace Solidaire.Testing;

/// <summary>
/// Signed contracts as the PDF receives them, in French and in English: a realistic crisis-support
/// contract (about three pages) and its evidence, with accents, €, typographic apostrophes and
/// non-breaking spaces (U+00A0, U+202F) where French typography puts them.
/// </summary>
public static class ContractPdfSamples
{
    public const string Sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    public const string ChainHash = "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae";
    public static readonly DateTimeOffset SignedAt = new(2025, 3, 14, 9, 26, 53, TimeSpan.Zero);

    private const string Nbsp = "\u00A0";
    private const string Thin = "\u202F";
    private const string UserAgent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    public static ContractDocument FrenchContract() => new("fr", "fr-2025-03", "Contrat d’accompagnement en situation de crise", [
        new("1. Les parties et l’engagement de la charte", [
            $"Le présent contrat est conclu entre Jeanne Dupont-Lefèvre, ci-après «{Nbsp}la personne accompagnée{Nbsp}», et Camille Martin, coach membre du collectif Solidaire, ci-après «{Nbsp}le coach{Nbsp}». Il est établi dans le cadre de la charte du collectif, que le coach s’est engagé à respecter et que la personne accompagnée peut consulter à tout moment sur https://solidaire.example.org/charte.",
            "Le collectif Solidaire réunit des coachs qui offrent un accompagnement ponctuel aux personnes traversant une crise professionnelle : dirigeants de petites structures, managers, indépendants. Chaque coach s’engage à agir avec loyauté, à ne rechercher aucun avantage personnel au-delà de la contrepartie librement choisie, et à orienter la personne vers d’autres professionnels lorsque la situation le demande.",
        ]),
        new("2. Nature et limites de l’accompagnement", [
            $"L’accompagnement proposé est un soutien de crise{Nbsp}: il aide à prendre du recul, à clarifier les décisions urgentes et à retrouver des marges de manœuvre. Ce n’est ni une thérapie, ni un suivi médical, ni un conseil juridique ou financier. Le coach ne pose aucun diagnostic et ne prescrit aucun traitement.",
            $"Si la personne accompagnée exprime une détresse qui dépasse ce cadre, le coach l’oriente sans délai vers un professionnel de santé ou un service d’urgence. En France, le numéro national de prévention du suicide, le 3114, répond jour et nuit{Nbsp}; en cas de danger immédiat, composer le 15 ou le 112.",
            $"Pourquoi ces limites{Thin}? Parce qu’un accompagnement honnête commence par dire ce qu’il n’est pas. La personne accompagnée reste libre d’interrompre l’accompagnement à tout moment, sans justification et sans frais supplémentaires.",
        ]),
        new("3. Nombre de séances et format", [
            $"Il est prévu 3 séances d’environ une heure, en visioconférence, à des dates convenues entre les parties. Les séances sont espacées d’au moins sept jours afin que la personne accompagnée puisse mettre en œuvre ce qui a été décidé. Un même accompagnement ne peut dépasser 4 séances.",
            "Au-delà de 4 séances, l’accompagnement de crise prend fin. Si la personne accompagnée souhaite poursuivre, le coach lui propose un contrat de coaching classique, distinct du présent contrat, aux conditions habituelles du coach, ou l’oriente vers un autre professionnel. Rien ne l’oblige à accepter cette proposition.",
            "Le lien de visioconférence est transmis par courriel avant chaque séance. Si une séance doit être déplacée, la partie qui la déplace prévient l’autre au moins vingt-quatre heures à l’avance, sauf imprévu.",
        ]),
        new("4. Prix habituel et contrepartie", [
            $"Le prix habituel d’une séance chez ce coach est de 90,00{Nbsp}€, soit 270,00{Nbsp}€ pour les 3 séances prévues. Ce prix est indiqué pour que la personne accompagnée sache ce que représente l’accompagnement ; il n’est pas exigé.",
            $"La personne accompagnée choisit seule sa contrepartie{Nbsp}: une somme comprise entre 1,00{Nbsp}€ et 270,00{Nbsp}€, ou une contrepartie non financière qu’elle décrit elle-même (un service rendu, un don à une association, un témoignage…). Le coach ne peut ni fixer ni modifier cette contrepartie, ni la commenter.",
            $"La contrepartie financière est réglée après la dernière séance, par virement, selon les indications du coach. Aucune somme n’est due si l’accompagnement est interrompu avant la première séance{Thin}!",
        ]),
        new("5. Confidentialité et ses limites légales", [
            "Tout ce qui est dit pendant les séances est confidentiel. Le coach ne le répète à personne, ni à l’employeur de la personne accompagnée, ni à ses proches, ni aux autres membres du collectif, sauf dans le cadre de la supervision décrite ci-dessous et sous forme anonyme.",
            "Cette confidentialité a des limites fixées par la loi : le coach doit agir s’il apprend qu’une personne est en danger grave et imminent, ou si la loi l’oblige à signaler certains faits (par exemple des mauvais traitements infligés à un mineur). Dans ce cas, il en informe la personne accompagnée, sauf si cela aggrave le danger.",
        ]),
        new("6. Supervision", [
            $"Les coachs du collectif sont supervisés{Nbsp}: ils présentent régulièrement des situations, sans nom ni détail permettant d’identifier qui que ce soit, à un superviseur expérimenté, pour vérifier la qualité de leur pratique. La personne accompagnée peut accepter ou refuser que sa situation soit évoquée en supervision ; son choix ne change rien à l’accompagnement.",
        ]),
        new("7. Conservation et destruction des données", [
            $"Les informations transmises lors de la demande d’accompagnement et les notes du coach sont conservées pendant la durée de l’accompagnement, puis 90{Nbsp}jours après la dernière séance, et détruites ensuite. Le présent contrat signé et ses preuves de signature sont conservés 5{Nbsp}ans, pour pouvoir établir ce qui a été convenu, puis détruits.",
            "La destruction consiste à effacer la clé de chiffrement propre au dossier : une fois cette clé effacée, les données ne peuvent plus être lues par personne. La personne accompagnée peut demander à tout moment l’accès à ses données, leur rectification ou leur effacement anticipé, dans les limites prévues par la loi.",
        ]),
        new("8. Certification du coach", [
            $"Camille Martin est coach certifiée (certification professionnelle enregistrée au RNCP, niveau 6), membre du collectif depuis 2022. Sa certification et son engagement à respecter la charte ont été vérifiés par le collectif. Numéro de membre{Nbsp}: SOL-2022-0147.",
        ]),
        new("9. Réclamations", [
            "En cas de désaccord ou de manquement à la charte, la personne accompagnée peut s’adresser d’abord au coach, puis au comité d’éthique du collectif à l’adresse ethique@solidaire.example.org. Le comité accuse réception sous sept jours, entend les deux parties et rend un avis motivé dans un délai d’un mois.",
            "Si la réclamation concerne le traitement des données personnelles, la personne accompagnée peut aussi saisir la Commission nationale de l’informatique et des libertés (CNIL). Le présent contrat est régi par le droit français.",
        ]),
        new("10. Déroulement d’une séance", [
            "Chaque séance commence par un point sur ce qui s’est passé depuis la précédente : les décisions prises, ce qui a fonctionné, ce qui a résisté. La personne accompagnée choisit ensuite la question sur laquelle elle veut avancer ; le coach l’aide à la formuler, à examiner les options et leurs conséquences, puis à décider d’une prochaine étape concrète et réaliste.",
            "Le coach peut proposer des exercices simples entre les séances (noter les situations difficiles, préparer une conversation, lister les appuis disponibles). Ils sont facultatifs : la personne accompagnée reste seule juge de ce qui lui est utile, et ne pas les faire n’est jamais un reproche.",
            $"À la fin de la dernière séance, les parties font ensemble le bilan de l’accompagnement. Si la situation de crise est passée, l’accompagnement s’arrête là{Nbsp}; sinon, le coach indique les relais possibles, au sein du collectif ou en dehors.",
        ]),
        new("11. Signature électronique et preuves", [
            "La personne accompagnée signe le présent contrat en ligne, à partir du lien personnel reçu par courriel, en saisissant son nom complet et en répondant aux deux questions de consentement. Le texte signé est identifié par son empreinte SHA-256, affichée avant la signature : un texte modifié après affichage ne peut pas être signé.",
            "Sont enregistrés comme preuves : l’empreinte du texte et la version du modèle, le nom saisi, la date et l’heure de la signature, l’adresse IP et le navigateur utilisés, les réponses aux questions de consentement, et une chaîne d’empreintes reliant les événements du contrat (émission, envoi, ouverture, signature), de sorte que toute altération se voie.",
            "Après la signature, chacune des parties reçoit par courriel le contrat signé au format PDF ; sa dernière page résume ces preuves. Le contrat ne peut plus être modifié une fois signé.",
        ]),
    ]);

    public static ContractDocument EnglishContract() => new("en", "en-2025-03", "Crisis support contract", [
        new("1. The parties and the charter commitment", [
            "This contract is made between Jeanne Dupont-Lefèvre, “the client”, and Camille Martin, a coach member of the Solidaire collective, “the coach”. It is made under the collective’s charter, which the coach has committed to and which the client can read at any time at https://solidaire.example.org/charter.",
            "The Solidaire collective brings together coaches who offer short-term support to people going through a professional crisis: owners of small organisations, managers, freelancers. Each coach commits to act in good faith, to seek no personal advantage beyond the contribution the client freely chooses, and to refer the client to other professionals when the situation calls for it.",
        ]),
        new("2. Nature and limits of the support", [
            "The support offered is crisis support: it helps the client step back, clarify urgent decisions and regain room to act. It is not therapy, medical care, or legal or financial advice. The coach makes no diagnosis and prescribes no treatment.",
            "If the client expresses distress beyond this scope, the coach refers them without delay to a health professional or an emergency service. In France, the national suicide prevention line, 3114, answers day and night; in immediate danger, call 15 or 112.",
            "The client may stop the support at any time, without giving a reason and at no extra cost.",
        ]),
        new("3. Number of sessions and format", [
            "Three sessions of about an hour each are planned, by video call, on dates agreed between the parties. Sessions are at least seven days apart so that the client can act on what was decided. One engagement never exceeds four sessions.",
            "After four sessions, crisis support ends. If the client wishes to go on, the coach offers a classic coaching contract, separate from this one, on the coach’s usual terms, or refers the client to another professional. The client is under no obligation to accept.",
        ]),
        new("4. Usual price and contribution", [
            "The coach’s usual price is €90.00 per session, that is €270.00 for the three planned sessions. The price is shown so that the client knows what the support represents; it is not required.",
            "The client alone chooses their contribution: an amount between €1.00 and €270.00, or a non-financial contribution the client describes (a service, a donation to a charity, a testimonial…). The coach can neither set nor change the contribution, nor comment on it.",
        ]),
        new("5. Confidentiality and its legal limits", [
            "Everything said during sessions is confidential. The coach repeats it to no one — not the client’s employer, not their family, not other members of the collective — except anonymously within the supervision described below.",
            "This confidentiality has limits set by law: the coach must act on learning that someone is in serious and imminent danger, or where the law requires certain facts to be reported. The coach then tells the client, unless doing so would increase the danger.",
        ]),
        new("6. Supervision", [
            "The collective’s coaches are supervised: they regularly present situations, with no name or detail that could identify anyone, to an experienced supervisor. The client may accept or refuse that their situation be discussed in supervision; the choice changes nothing in the support.",
        ]),
        new("7. Retention and destruction of records", [
            "The information given in the request for support and the coach’s notes are kept for the duration of the support, then for 90 days after the last session, and destroyed. This signed contract and the evidence of its signature are kept for 5 years, to establish what was agreed, then destroyed.",
        ]),
        new("8. The coach’s certification", [
            "Camille Martin is a certified coach (professional certification registered with RNCP, level 6), a member of the collective since 2022. Member number: SOL-2022-0147.",
        ]),
        new("9. Complaints", [
            "In case of disagreement or breach of the charter, the client may first speak to the coach, then write to the collective’s ethics committee at ethics@solidaire.example.org, which acknowledges within seven days and gives a reasoned opinion within a month. This contract is governed by French law.",
        ]),
    ]);

    public static SignedContractPdf French(ContractDocument? contract = null) => new(contract ?? FrenchContract(), "Résumé des preuves de signature", [
        new("Empreinte SHA-256 du texte du contrat", Sha256),
        new("Version du modèle", "fr-2025-03"),
        new("Nom saisi par la personne signataire", "Jeanne Dupont-Lefèvre"),
        new("Date et heure de la signature (UTC)", "2025-03-14T09:26:53+00:00"),
        new("Adresse IP", "203.0.113.24"),
        new("Navigateur", UserAgent),
        new("Contribution choisie", $"1,00{Nbsp}€"),
        new("J’ai compris la nature de l’accompagnement", "oui"),
        new("Consentement à la supervision", "non"),
        new("Chaîne des événements", "émis 2025-03-10T14:02:11+00:00 ; envoyé 2025-03-10T14:02:12+00:00 ; ouvert 2025-03-14T09:20:05+00:00 ; signé 2025-03-14T09:26:53+00:00"),
        new("Empreinte de la chaîne", ChainHash),
    ], SignedAt);

    public static SignedContractPdf English(ContractDocument? contract = null) => new(contract ?? EnglishContract(), "Signature evidence summary", [
        new("SHA-256 of the contract text", Sha256),
        new("Template version", "en-2025-03"),
        new("Name typed by the signer", "Jeanne Dupont-Lefèvre"),
        new("Signed at (UTC)", "2025-03-14T09:26:53+00:00"),
        new("IP address", "203.0.113.24"),
        new("Browser", UserAgent),
        new("Chosen contribution", "Non-financial: I will give two hours a month to the food bank of my town until the summer."),
        new("I understood the nature of the support", "yes"),
        new("Consent to supervision", "yes"),
        new("Event chain", "issued 2025-03-10T14:02:11+00:00; emailed 2025-03-10T14:02:12+00:00; opened 2025-03-14T09:20:05+00:00; signed 2025-03-14T09:26:53+00:00"),
        new("Chain hash", ChainHash),
    ], SignedAt);

    /// <summary>The heading of the section <see cref="WithAnnex"/> adds.</summary>
    public const string AnnexHeading = "12. Annexe";

    /// <summary>A paragraph of exactly 5,000 characters.</summary>
    public static readonly string Paragraph5000 =
        string.Concat(Enumerable.Repeat("La personne accompagnée choisit seule sa contrepartie, de 1 € au prix habituel. ", 63))[..5000];

    /// <summary>A word of 300 letters and no space.</summary>
    public static readonly string Word300 = string.Concat(Enumerable.Range(0, 300).Select(i => (char)('a' + i % 26)));

    /// <summary>A URL far wider than a line, with slashes to cut after.</summary>
    public static readonly string LongUrl = "https://solidaire.example.org/" + string.Join("/", Enumerable.Range(0, 40).Select(i => $"segment{i}"));

    /// <summary>The French sample with one more section, <see cref="AnnexHeading"/>, holding <paramref name="paragraphs"/>.</summary>
    public static SignedContractPdf WithAnnex(params string[] paragraphs)
    {
        var contract = FrenchContract();
        return French(contract with { Sections = [.. contract.Sections, new ContractSection(AnnexHeading, paragraphs)] });
    }

    /// <summary>A contract of <paramref name="sections"/> sections of three long paragraphs each, to run over many pages.</summary>
    public static ContractDocument LongContract(int sections) => FrenchContract() with
    {
        Sections = Enumerable.Range(1, sections).Select(i => new ContractSection($"Article {i}", [
            string.Concat(Enumerable.Repeat($"Clause {i}{Nbsp}: la personne accompagnée choisit seule sa contrepartie, entre 1{Nbsp}€ et le prix habituel. ", 8)),
            string.Concat(Enumerable.Repeat("Tout ce qui est dit pendant les séances est confidentiel, dans les limites fixées par la loi. ", 8)),
            string.Concat(Enumerable.Repeat("Les données sont détruites à la fin de la durée de conservation, en effaçant la clé du dossier. ", 8)),
        ])).ToList(),
    };
}
