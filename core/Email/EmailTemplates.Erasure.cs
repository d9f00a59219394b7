using Solidaire.Core.Contracts;
using Solidaire.Core.Erasure;

namespace Solidaire.Core.Email;

/// <summary>The emails of erasure on request (GDPR Art. 17, rule 10), in French and English.</summary>
public static partial class EmailTemplates
{
    /// <summary>The words under every email to a client: where to ask for their data to be erased.</summary>
    internal static string ErasureFooter(string language, string erasureLink) =>
        language == "en" ? "Erase my data: " + erasureLink : "Effacer mes données : " + erasureLink;

    /// <summary>To whoever asked for an erasure with a known address: the confirmation link. Nothing is erased without it.</summary>
    public static EmailContent ErasureLink(string language, string link, int hours) => language == "en"
        ? Render("en", "Confirm the erasure of your data", "Hello,",
            [
                "Someone, probably you, asked the Solidaire collective to erase the data it holds about this address.",
                $"To see what would be destroyed and what must be kept, then confirm, open this link. It works for {hours} hours.",
            ],
            null, [], "If you did not ask for it, ignore this email: nothing is erased without this link.", "The Solidaire collective",
            action: new EmailAction("See and confirm the erasure", link))
        : Render("fr", "Confirmez l'effacement de vos données", "Bonjour,",
            [
                "Quelqu'un, sans doute vous, a demandé au collectif Solidaire d'effacer les données qu'il détient sur cette adresse.",
                $"Pour voir ce qui serait détruit et ce qui doit être conservé, puis confirmer, ouvrez ce lien. Il fonctionne pendant {hours} heures.",
            ],
            null, [], "Si vous n'avez rien demandé, ignorez cet email : rien n'est effacé sans ce lien.", "Le collectif Solidaire",
            action: new EmailAction("Voir et confirmer l'effacement", link));

    /// <summary>To the client once the erasure is done: exactly what was destroyed, what is kept, why and until when.</summary>
    public static EmailContent ErasureDone(string language, ErasureCounts destroyed, IReadOnlyList<KeptContract> kept, int evidenceYears)
    {
        var en = language == "en";
        List<string> paragraphs =
        [
            en ? "As you asked, the Solidaire collective has erased your data. What was destroyed:" : "Comme vous l'avez demandé, le collectif Solidaire a effacé vos données. Ce qui a été détruit :",
            .. ErasureLines(language, destroyed),
        ];
        if (kept.Count == 0)
            paragraphs.Add(en ? "Nothing is kept about you." : "Rien n'est conservé à votre sujet.");
        else
        {
            paragraphs.Add(en
                ? "What is kept, and why: the support agreement you signed is the proof of what was agreed, in case of a claim. The law allows it to be kept for that purpose (GDPR Article 17(3)(e): the establishment, exercise or defence of legal claims). It is kept apart, encrypted, seen by no one, then destroyed:"
                : "Ce qui est conservé, et pourquoi : le contrat d'accompagnement que vous avez signé est la preuve de ce qui a été convenu, en cas de réclamation. La loi permet de le garder pour cela (RGPD, article 17(3)(e) : constatation, exercice ou défense de droits en justice). Il est conservé à part, chiffré, consulté par personne, puis détruit :");
            paragraphs.AddRange(kept.Select(k => KeptLine(language, k, evidenceYears)));
        }
        paragraphs.Add(en
            ? "All that remains otherwise is anonymous counts (numbers, with no name or address)."
            : "Il ne reste sinon que des comptes anonymes (des nombres, sans nom ni adresse).");
        return Render(en ? "en" : "fr", en ? "Your data has been erased" : "Vos données ont été effacées", en ? "Hello," : "Bonjour,", paragraphs,
            en ? "If you are in danger or thinking about suicide, do not wait:" : "Si vous êtes en danger ou pensez au suicide, n'attendez pas :", en ? HelpEn : HelpFr,
            en ? "This email is the last one we send you, unless you write to us again." : "Cet email est le dernier que nous vous envoyons, sauf si vous nous écrivez de nouveau.",
            en ? "The Solidaire collective" : "Le collectif Solidaire");
    }

    /// <summary>One line per kind of record destroyed, kinds with none left out.</summary>
    public static IReadOnlyList<string> ErasureLines(string language, ErasureCounts c)
    {
        var en = language == "en";
        (int Count, string En, string Fr)[] kinds =
        [
            (c.Requests, "requests for support", "demandes d'accompagnement"),
            (c.Engagements, "supports (with their coach)", "accompagnements (avec leur coach)"),
            (c.Sessions, "sessions", "séances"),
            (c.FeedbackAnswers, "feedback answers", "avis donnés"),
            (c.Emails, "emails sent to you or about you", "emails qui vous ont été envoyés ou qui vous concernent"),
            (c.UnsignedContracts, "unsigned agreements", "contrats non signés"),
            (c.AccessRecords, "records of who read your contact details", "traces de consultation de vos coordonnées"),
        ];
        var lines = kinds.Where(k => k.Count > 0).Select(k => $"- {(en ? k.En : k.Fr)}{(en ? ": " : " : ")}{k.Count}").ToList();
        if (lines.Count == 0)
            lines.Add(en ? "- nothing was left to destroy." : "- il ne restait rien à détruire.");
        return lines;
    }

    private static string KeptLine(string language, KeptContract k, int evidenceYears) => language == "en"
        ? $"- the agreement signed on {ContractFormatting.Date("en", k.SignedAt)} (reference {k.Reference}): kept until {(k.KeptUntil is { } until ? ContractFormatting.Date("en", until) : $"{evidenceYears} years after the support ended")}."
        : $"- le contrat signé le {ContractFormatting.Date("fr", k.SignedAt)} (référence {k.Reference}) : conservé jusqu'au {(k.KeptUntil is { } day ? ContractFormatting.Date("fr", day) : $"terme de {evidenceYears} ans après la fin de l'accompagnement")}.";

    /// <summary>To the coach of an engagement an erasure closed: that it ended, its reference, nothing more (no name, no reason).</summary>
    public static EmailContent ErasureCoachNotice(string language, string coachName, string reference) => language == "en"
        ? Render("en", $"Engagement {reference} has ended", $"Hello {coachName},",
            [$"Engagement {reference} has been ended by the client. It no longer appears in your console, and there is nothing for you to do."],
            null, [], "Sent by the Solidaire console.", "Solidaire")
        : Render("fr", $"L'accompagnement {reference} a pris fin", $"Bonjour {coachName},",
            [$"L'accompagnement {reference} a pris fin à la demande de la personne. Il n'apparaît plus dans votre console, et vous n'avez rien à faire."],
            null, [], "Envoyé par la console Solidaire.", "Solidaire");
}
