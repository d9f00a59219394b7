using Microsoft.Extensions.Options;
using Solidaire.Core.Configuration;
using Solidaire.Core.Deadlines;
using Solidaire.Core.Dossiers;
using Solidaire.Core.Email;
using Solidaire.Core.Engagements;
using Solidaire.Core.Intake;
using Solidaire.Core.PersonalData;
using Solidaire.Core.Sessions;
using Solidaire.Core.Staff;
using Solidaire.Core.Storage;

namespace Solidaire.Core.Contracts;

/// <summary>
/// When an unsigned contract's link expires, its coach is told, once: the contract's row records it
/// under its ETag, in the same transaction as the email. A contract signed or replaced by then has
/// nothing to tell.
/// </summary>
public sealed class ContractExpiry(
    IDossierStore dossiers,
    PersonalDataProtector protector,
    ChangeEmailSender emails,
    IOptions<StaffOptions> staffOptions,
    IOptions<SiteOptions> site,
    TimeProvider time) : IDeadlineHandler
{
    /// <summary>"Tell the coach if this link expired unsigned": subject = "intakeId|contractId".</summary>
    public static readonly DeadlineKind Expiry = new("contract.expiry", DeadlineLane.Prompt);

    public DeadlineKind Kind => Expiry;

    internal const string ExpiryToldColumn = "ExpiryToldAt";

    public static Deadline NewDeadline(DateTimeOffset expiresAt, DossierId dossier, string intakeId, string contractId) =>
        Deadline.New(Expiry, expiresAt, dossier.PartitionKey, intakeId + "|" + contractId);

    public async Task<DeadlineResult> HandleAsync(Deadline deadline, CancellationToken cancellationToken)
    {
        var dossier = DossierId.Parse(deadline.Dossier);
        var ids = deadline.Subject.Split('|');
        var (intakeId, contractId) = (ids[0], ids[1]);
        var intakeUnit = new RetentionUnit(dossier, intakeId);
        var contractUnit = new RetentionUnit(dossier, contractId);
        var snapshot = await dossiers.LoadAsync(dossier, ContractService.Selectors(intakeId), cancellationToken).ConfigureAwait(false);
        if (snapshot.Find(StoredContract.RowKeyOf(contractId)) is not { } row
            || DataKeyRow.WrappedKeyOf(snapshot.Find(contractUnit.DataKeyRow)) is not { } contractKey
            || Triage.Find(snapshot, intakeUnit) is not { } found
            || row.GetDateTimeOffset(ExpiryToldColumn) is not null)
            return DeadlineResult.Done;
        using var contractCipher = UnitCipher.Open(protector, contractUnit, contractKey);
        var contract = StoredContract.Open(contractCipher, row);
        var now = time.GetUtcNow();
        if (contract.StatusAt(now) != ContractStatus.Expired)
            return contract.Status is ContractStatus.Signed or ContractStatus.Replaced ? DeadlineResult.Done : DeadlineResult.Later(contract.ExpiresAt);

        var change = emails.Start(intakeUnit);
        using var intakeCipher = UnitCipher.Open(protector, intakeUnit, found.WrappedKey);
        var engagementId = contract.EngagementRowKey.Split('|')[2];
        var link = site.Value.EngagementLink(dossier, intakeId, engagementId);
        change.Add(intakeCipher, SessionEmails.ContractExpiredToCoach, contract.CoachEmail,
            EmailTemplates.ContractExpiredToCoach(staffOptions.Value.Language, contract.CoachDisplayName, Reference.Display(intakeId), link));
        var transaction = new PartitionTransaction(dossier.PartitionKey)
            .Replace(new Azure.Data.Tables.TableEntity(row) { [ExpiryToldColumn] = now }, row.ETag);
        return await emails.CommitAsync(change, transaction, [], cancellationToken).ConfigureAwait(false)
            ? DeadlineResult.Done
            : DeadlineResult.Later(now); // it changed meanwhile (opened, signed, replaced): look again
    }
}
