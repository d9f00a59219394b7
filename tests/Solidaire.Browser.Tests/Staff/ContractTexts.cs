namespace Solidaire.Browser.Tests.Staff;

/// <summary>What the engagement screen's contract panel says, in each language ("{0}" marks a value).</summary>
public sealed record ContractTexts(
    string NavEngagements, string OpenEngagement, string Heading, string NotYet, string None, string Price, string Sessions,
    string Message, string Phone, string Issue, string Reissue, string Sent, string Issued, string Emailed, string Opened, string SignedOn,
    string Status, string Version, string Contribution, string NonFinancial, string Understood, string Supervision, string Yes, string No,
    string PriceInvalid, string SessionsInvalid)
{
    /// <summary>Right after issuing, the link email may or may not have left yet: the status is one of the two.</summary>
    public System.Text.RegularExpressions.Regex IssuedOrEmailed => new("^(" + System.Text.RegularExpressions.Regex.Escape(Issued) + "|" + System.Text.RegularExpressions.Regex.Escape(Emailed) + ")$");

    public static readonly ContractTexts French = new(
        NavEngagements: "Mes accompagnements",
        OpenEngagement: "Ouvrir l'accompagnement {0}",
        Heading: "Le contrat",
        NotYet: "Le contrat pourra être envoyé une fois l'accompagnement confirmé : confirmez d'abord ci-dessous, avec la déclaration d'absence de conflit.",
        None: "Aucun contrat n'a encore été envoyé.",
        Price: "Votre tarif habituel par séance, en euros (obligatoire)",
        Sessions: "Nombre de séances prévues (obligatoire)",
        Message: "Un message personnel pour la personne (facultatif)",
        Phone: "Téléphone",
        Issue: "Envoyer le contrat",
        Reissue: "Envoyer la nouvelle version",
        Sent: "Contrat envoyé (version {0}).",
        Issued: "prêt, email en cours d'envoi",
        Emailed: "envoyé par email à la personne",
        Opened: "ouvert par la personne",
        SignedOn: "Signé le ",
        Status: "État",
        Version: "Version",
        Contribution: "Contrepartie choisie",
        NonFinancial: "non financière : ",
        Understood: "A compris les conditions",
        Supervision: "Accepte que sa situation soit évoquée anonymement en supervision (charte §3.14)",
        Yes: "oui",
        No: "non",
        PriceInvalid: "Indiquez un tarif en euros supérieur à 0",
        SessionsInvalid: "Indiquez un nombre entier de séances de 1 à 4.");

    public static readonly ContractTexts English = new(
        NavEngagements: "My engagements",
        OpenEngagement: "Open engagement {0}",
        Heading: "The contract",
        NotYet: "The contract can be sent once the engagement is confirmed: confirm it first below, with the no-conflict declaration.",
        None: "No contract has been sent yet.",
        Price: "Your usual price per session, in euros (required)",
        Sessions: "Number of sessions planned (required)",
        Message: "A personal message for the client (optional)",
        Phone: "Phone",
        Issue: "Send the contract",
        Reissue: "Send the new version",
        Sent: "Contract sent (version {0}).",
        Issued: "ready, email being sent",
        Emailed: "emailed to the client",
        Opened: "opened by the client",
        SignedOn: "Signed on ",
        Status: "Status",
        Version: "Version",
        Contribution: "Contribution chosen",
        NonFinancial: "non-financial: ",
        Understood: "Understood the terms",
        Supervision: "Agrees that their situation may be discussed anonymously in supervision (charter §3.14)",
        Yes: "yes",
        No: "no",
        PriceInvalid: "Enter a price in euros above 0",
        SessionsInvalid: "Enter a whole number of sessions from 1 to 4.");

    public static ContractTexts For(string language) => language switch
    {
        "fr" => French,
        "en" => English,
        _ => throw new ArgumentOutOfRangeException(nameof(language), language, "The console exists in fr and en."),
    };
}
