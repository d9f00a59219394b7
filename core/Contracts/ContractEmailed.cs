using Microsoft.Extensions.Logging;
using Solidaire.Core.Dossiers;
using Solidaire.Core.Email;
using Solidaire.Core.PersonalData;
using Solidaire.Core.Storage;

namespace Solidaire.Core.Contracts;

/// <summary>
/// Records a contract's "emailed" event when the outbox reports its link email sent. A contract no
/// longer merely issued (opened, signed, replaced) keeps its status: its client already has the link,
/// and the chain stays in the order things happened. A lost race (the client opened it meanwhile)
/// leaves the winner's record. Apart from <see cref="ContractService"/>, which sends through the
/// outbox, so the outbox can tell this without a cycle.
/// </summary>
public sealed partial class ContractEmailed(IDossierStore dossiers, PersonalDataProtector protector, TimeProvider time, ILogger<ContractEmailed> logger) : IEmailSentObserver
{
    public async Task OnSentAsync(RetentionUnit unit, string kind, string messageId, CancellationToken cancellationToken)
    {
        if (kind != ContractEmails.Link)
            return;
        // One read: the contract this email links to, and the dossier's data keys (a handful of rows).
        var found = await dossiers.LoadAsync(unit.Dossier,
            [new RowSelector.Prefix(StoredContract.Prefix, nameof(StoredContract.LinkMessageId), messageId), new RowSelector.Prefix(DossierKeys.DataKey(""))], cancellationToken).ConfigureAwait(false);
        if (found.WithPrefix(StoredContract.Prefix).FirstOrDefault() is not { } row || row.GetString(nameof(StoredContract.Status)) != ContractStatus.Issued)
            return;
        var contractUnit = new RetentionUnit(unit.Dossier, row.RowKey[StoredContract.Prefix.Length..]);
        if (DataKeyRow.WrappedKeyOf(found.Find(contractUnit.DataKeyRow)) is not { } wrapped)
            return; // destroyed meanwhile
        using var cipher = UnitCipher.Open(protector, contractUnit, wrapped);
        var contract = StoredContract.Open(cipher, row);
        var (emailed, emailedEvent) = (contract with { Status = ContractStatus.Emailed }).WithEvent(unit.Dossier, "emailed", time.GetUtcNow());
        var committed = await dossiers.CommitAsync(new PartitionTransaction(unit.Dossier.PartitionKey).Replace(emailed.ToEntity(unit.Dossier, cipher), contract.ETag).Add(emailedEvent)).ConfigureAwait(false);
        if (!committed.IsSuccess)
            LogRaceLost(logger, contractUnit.Id);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Contract {ContractId} changed before its 'emailed' event was written; its newer record stands.")]
    private static partial void LogRaceLost(ILogger logger, string contractId);
}
