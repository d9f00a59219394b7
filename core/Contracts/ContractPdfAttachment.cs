using System.Globalization;
using Solidaire.Core.Dossiers;
using Solidaire.Core.Email;
using Solidaire.Core.PersonalData;

namespace Solidaire.Core.Contracts;

/// <summary>
/// The signed contract's PDF, made when its email is sent from the contract's own records (the
/// outbox only names it: "contract-pdf|contractId"): the contract as signed, then its evidence
/// summary in the reader's language.
/// </summary>
public sealed class ContractPdfAttachment(IDossierStore dossiers, PersonalDataProtector protector) : IAttachmentSource
{
    public string Kind => "contract-pdf";

    public static string Reference(string contractId) => "contract-pdf|" + contractId;

    public async Task<EmailAttachment?> MakeAsync(RetentionUnit unit, string reference, string language, CancellationToken cancellationToken)
    {
        var contractId = reference.Split('|')[1];
        var contractUnit = new RetentionUnit(unit.Dossier, contractId);
        var snapshot = await dossiers.LoadAsync(unit.Dossier,
        [
            new RowSelector.Exact(StoredContract.RowKeyOf(contractId)),
            new RowSelector.Exact(contractUnit.DataKeyRow),
            new RowSelector.Prefix(StoredContract.EventPrefixOf(contractId)),
        ], cancellationToken).ConfigureAwait(false);
        if (snapshot.Find(StoredContract.RowKeyOf(contractId)) is not { } row || DataKeyRow.WrappedKeyOf(snapshot.Find(contractUnit.DataKeyRow)) is not { } wrapped)
            return null;
        using var cipher = UnitCipher.Open(protector, contractUnit, wrapped);
        var contract = StoredContract.Open(cipher, row);
        if (contract.Signature is null)
            return null;
        var events = snapshot.WithPrefix(StoredContract.EventPrefixOf(contractId)).OrderBy(e => e.RowKey)
            .Select(e => (Kind: e.GetString("Kind"), At: e.GetDateTimeOffset("At") ?? default))
            .ToArray();
        var pdf = ContractPdfRenderer.Render(new SignedContractPdf(contract.Document, EvidenceTitle(language), Evidence(contract, events, language), contract.Signature.SignedAt));
        var name = (language == "en" ? "support-agreement-" : "contrat-accompagnement-") + Intake.Reference.Display(unit.Id) + ".pdf";
        return new EmailAttachment(name, "application/pdf", pdf);
    }

    private static string EvidenceTitle(string language) => language == "en" ? "Evidence of signature" : "Preuve de la signature";

    /// <summary>What proves the signature (issue 9, evidence): the text's hash and version, who, when, from where, what was chosen, and the event chain.</summary>
    internal static IReadOnlyList<EvidenceLine> Evidence(StoredContract contract, IReadOnlyList<(string Kind, DateTimeOffset At)> events, string language)
    {
        var s = contract.Signature!;
        var en = language == "en";
        string When(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var contribution = s.Counterpart switch
        {
            Counterpart.Financial f => ContractFormatting.Euros(language, f.AmountEur),
            Counterpart.NonFinancial n => (en ? "non-financial: " : "non financière : ") + n.Description,
            _ => "",
        };
        static string EventName(string kind, bool en) => en ? kind : kind switch
        {
            "issued" => "émis",
            "emailed" => "envoyé par email",
            "opened" => "ouvert",
            "signed" => "signé",
            _ => kind,
        };
        string Yes(bool value) => value ? (en ? "yes" : "oui") : (en ? "no" : "non");
        return
        [
            new(en ? "SHA-256 of the contract text" : "Empreinte SHA-256 du texte du contrat", contract.Sha256),
            new(en ? "Template version" : "Version du modèle", contract.TemplateVersion),
            new(en ? "Contract version" : "Version du contrat", contract.Version.ToString(CultureInfo.InvariantCulture)),
            new(en ? "Signed by (typed name)" : "Signé par (nom saisi)", s.SignatureName),
            new(en ? "Signed at (UTC)" : "Signé le (UTC)", When(s.SignedAt)),
            new(en ? "IP address" : "Adresse IP", s.Ip ?? "—"),
            new(en ? "Browser" : "Navigateur", s.UserAgent ?? "—"),
            new(en ? "Contribution chosen" : "Contrepartie choisie", contribution),
            new(en ? "Understood the terms" : "Conditions comprises", Yes(true)),
            new(en ? "Situation discussed anonymously in supervision" : "Situation évoquée anonymement en supervision", Yes(s.SupervisionConsent)),
            new(en ? "Events" : "Événements", string.Join(" · ", events.Select(e => EventName(e.Kind, en) + " " + When(e.At)))),
            new(en ? "Hash of the event chain" : "Empreinte de la chaîne d'événements", contract.LastEventHash),
        ];
    }
}
