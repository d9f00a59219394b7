using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Solidaire.Core.Configuration;
using Solidaire.Core.Deadlines;
using Solidaire.Core.Dossiers;
using Solidaire.Core.Email;
using Solidaire.Core.Engagements;
using Solidaire.Core.Intake;
using Solidaire.Core.Outcomes;
using Solidaire.Core.PersonalData;
using Solidaire.Core.Retention;
using Solidaire.Core.Staff;
using Solidaire.Core.Storage;
using Solidaire.Core.Tokens;

namespace Solidaire.Core.Contracts;

/// <summary>What the coach gets back when issuing: the contract's id and the SHA-256 of its text.</summary>
public sealed record IssuedContract(string ContractId, string Sha256);

/// <summary>A contract as its client reads it through their link.</summary>
public sealed record ClientContract(StoredContract Contract, ContractDocument Document, string Status);

/// <summary>Where a signature came from, as the HTTP layer saw it (first hop from a trusted proxy).</summary>
public sealed record SignatureOrigin(string? Ip, string? UserAgent);

/// <summary>
/// Contracts (rules 5–7; §2 Solidaire, §3.2–3.5, §3.11, §3.14, §3.15): issued by the assigned coach
/// once they confirmed the engagement, read and signed by the client through an emailed link, the
/// contribution chosen by the client alone. Each contract is its own retention unit in the client's
/// dossier; each change one transaction, guarded by the ETags of what it changes.
/// </summary>
public sealed class ContractService(
    IDossierStore dossiers,
    IDeadlineStore deadlines,
    TokenService tokens,
    ClientLinks links,
    PersonalDataProtector protector,
    ChangeEmailSender emails,
    IOptions<ContractOptions> options,
    IOptions<RetentionOptions> retention,
    IOptions<SiteOptions> site,
    IOptions<StaffOptions> staffOptions,
    IOptions<Sessions.SessionOptions> sessionOptions,
    TimeProvider time)
{
    /// <summary>
    /// Table Storage requests of a signature on its request path, at most (asserted in the integration
    /// tests, printed by the benchmark): the dossier read, the emails' deadline, one transaction.
    /// </summary>
    public const int SigningRoundTrips = 3;

    public static readonly Failure NotActive = new(FailureKind.Conflict, "engagement_not_active", "Confirm the engagement (no conflict of interest) before issuing its contract.");
    public static readonly Failure AlreadySigned = new(FailureKind.Conflict, "already_signed", "This contract is already signed: it cannot change any more.");
    public static readonly Failure LinkExpired = new(FailureKind.Gone, "link_expired", "This link has expired or was replaced by a newer one: use the latest email, or ask your coach.");
    private static readonly Failure Contended = new(FailureKind.Conflict, "contract_conflict", "The contract changed at the same time; please try again.");

    /// <summary>The coach issues (or, while unsigned, re-issues) the contract; the client gets a new link and any older one stops working.</summary>
    public async Task<Outcome<IssuedContract>> IssueAsync(StaffMember actor, string engagementApiId, ContractIssueForm form, CancellationToken cancellationToken)
    {
        if (!StaffIds.TryEngagement(engagementApiId, out var dossier, out var intakeId, out var engagementId))
            return EngagementState.NotFound;
        var now = time.GetUtcNow();
        var contractId = Reference.New();
        var contractUnit = new RetentionUnit(dossier, contractId);
        var intakeUnit = new RetentionUnit(dossier, intakeId);
        var change = emails.Start(intakeUnit);
        var settings = options.Value;
        var link = tokens.Issue(TokenPurpose.ContractLink, ContractIds.Format(dossier, intakeId, engagementId, contractId), TimeSpan.FromDays(settings.LinkDays));
        // The link's expiry is a deadline too: the coach is told if the client has not signed by then.
        var expiry = ContractExpiry.NewDeadline(link.ExpiresAt, dossier, intakeId, contractId);
        await deadlines.ScheduleAsync([.. change.Deadlines, expiry], cancellationToken).ConfigureAwait(false);

        var outcome = await OptimisticConcurrency.RunAsync<IssuedContract>(dossiers, dossier, Selectors(intakeId), snapshot =>
        {
            if (Triage.Find(snapshot, intakeUnit) is not { } found
                || Triage.Engagements(snapshot, intakeId).FirstOrDefault(e => e.EngagementId == engagementId) is not { } engagement)
                return EngagementState.NotFound;
            if (engagement.CoachId != actor.MemberId)
                return StaffService.NotAllowed;
            if (engagement.Status != EngagementStatus.Active)
                return NotActive;
            var previous = Current(snapshot, engagement);
            if (previous?.Contract.Status == ContractStatus.Signed)
                return AlreadySigned;

            using var intakeCipher = UnitCipher.Open(protector, intakeUnit, found.WrappedKey);
            var client = IntakeRow.Open(intakeCipher, found.Row);
            var terms = new ContractTerms(
                found.Intake.PreferredLanguage, Reference.Display(intakeId), client.FirstName, client.LastName,
                actor.DisplayName, actor.Profile?.Certification ?? Certifications.InTraining, actor.Profile?.CertifyingBody,
                form.SessionsPlanned, form.Format, form.UsualPricePerSessionEur, form.Message,
                ContractRetention.From(retention.Value),
                site.Value.ComplaintContact, now);
            var document = ContractTemplate.Generate(terms);
            var sha = ContractIds.Sha256(document.Text);
            change.Add(intakeCipher, ContractEmails.Link, client.Email, EmailTemplates.ContractLink(
                found.Intake.PreferredLanguage, client.FirstName, Reference.Display(intakeId), actor.DisplayName,
                site.Value.Link("contract.html", "token=" + link.Text), link.ExpiresAt, site.Value.ErasureLink));
            var linkMessageId = change.Messages[^1].Email.MessageId;
            var (contract, issuedEvent) = new StoredContract(
                contractId, engagement.RowKey, (previous?.Contract.Version ?? 0) + 1, ContractStatus.Issued, document.TemplateVersion, document.Language,
                form.SessionsPlanned, form.Format, form.UsualPricePerSessionEur, sha, document, form.Message,
                actor.MemberId, actor.DisplayName, actor.Profile?.Certification ?? Certifications.InTraining, actor.Email,
                now, link.ExpiresAt, link.Id, 0, "", null, default, linkMessageId).WithEvent(dossier, "issued", now);

            using var cipher = UnitCipher.New(protector, contractUnit);
            var transaction = new PartitionTransaction(dossier.PartitionKey)
                .Add(DataKeyRow.New(cipher))
                .Add(contract.ToEntity(dossier, cipher))
                .Add(issuedEvent);
            if (previous is { } old)
            {
                using var oldCipher = UnitCipher.Open(protector, old.Unit, old.WrappedKey);
                var (replaced, replacedEvent) = (old.Contract with { Status = ContractStatus.Replaced }).WithEvent(dossier, "replaced", now);
                transaction.Replace(replaced.ToEntity(dossier, oldCipher), old.Contract.ETag).Add(replacedEvent);
            }
            var engagementRow = snapshot.Find(engagement.RowKey)!;
            var pointed = new TableEntity(engagementRow) { [EngagementContract] = contractId };
            transaction.Replace(pointed, engagementRow.ETag);
            change.AppendTo(transaction);
            return new Decision<IssuedContract>.Commit(transaction, receipt =>
            {
                change.Committed(receipt);
                return new IssuedContract(ContractIds.Format(dossier, intakeId, engagementId, contractId), sha);
            });
        }, Contended, cancellationToken).ConfigureAwait(false);
        if (outcome.IsSuccess)
            emails.SendAfterCommit(change);
        else
            emails.Abandon(change, expiry);
        return outcome;
    }

    /// <summary>The contract a link opens, for its client to read; the first reading is recorded in its events.</summary>
    public async Task<Outcome<ClientContract>> ReadAsync(string? linkToken, CancellationToken cancellationToken)
    {
        var opened = await OpenLinkAsync(linkToken, cancellationToken).ConfigureAwait(false);
        if (!opened.IsSuccess)
            return opened.Failure;
        var (ids, snapshot, contract) = opened.Value;
        var now = time.GetUtcNow();
        if (contract.Contract.Status is ContractStatus.Issued or ContractStatus.Emailed)
        {
            var (read, openedEvent) = (contract.Contract with { Status = ContractStatus.Opened }).WithEvent(ids.Dossier, "opened", now);
            using var cipher = UnitCipher.Open(protector, contract.Unit, contract.WrappedKey);
            var transaction = new PartitionTransaction(ids.Dossier.PartitionKey).Replace(read.ToEntity(ids.Dossier, cipher), contract.Contract.ETag).Add(openedEvent);
            // Lost to a concurrent reading or signature: that one recorded what matters.
            if ((await dossiers.CommitAsync(transaction).ConfigureAwait(false)).IsSuccess)
                contract = contract with { Contract = read };
        }
        return Outcome<ClientContract>.Ok(new ClientContract(contract.Contract, contract.Contract.Document, contract.Contract.StatusAt(now)));
    }

    /// <summary>
    /// The client signs (rules 6, 7): the contribution they chose, that they understood, yes or no to
    /// supervision, their typed name, and the hash of the text they read. Three storage round trips:
    /// the read, the emails' deadline, one transaction guarded by the contract's ETag (so of twenty
    /// concurrent signatures exactly one is recorded).
    /// </summary>
    public async Task<Outcome<StoredContract>> SignAsync(string? linkToken, SignatureForm form, SignatureOrigin origin, CancellationToken cancellationToken)
    {
        if ((await links.OpenAsync(linkToken, TokenPurpose.ContractLink).ConfigureAwait(false)).Value is not { } claims
            || !ContractIds.TryParse(claims.Subject, out var dossier, out var intakeId, out var engagementId, out var contractId))
            return StaffAccess.InvalidToken;
        var intakeUnit = new RetentionUnit(dossier, intakeId);
        var contractUnit = new RetentionUnit(dossier, contractId);
        var change = emails.Start(intakeUnit);
        var scheduled = false;
        // From the signature, the engagement is followed: reminded, then lapsed, without sessions (issue 10).
        var followUp = EngagementFollowUp.First(sessionOptions.Value, dossier, intakeId, engagementId, time.GetUtcNow());
        var outcome = await OptimisticConcurrency.RunAsync<StoredContract>(dossiers, dossier, Selectors(intakeId), snapshot =>
        {
            if (snapshot.Find(StoredContract.RowKeyOf(contractId)) is not { } row
                || DataKeyRow.WrappedKeyOf(snapshot.Find(contractUnit.DataKeyRow)) is not { } wrapped
                || Triage.Find(snapshot, intakeUnit) is not { } found)
                return LinkExpired;
            using var cipher = UnitCipher.Open(protector, contractUnit, wrapped);
            var contract = StoredContract.Open(cipher, row);
            if (contract.LinkId != claims.Id || contract.Status == ContractStatus.Replaced)
                return LinkExpired;
            if (contract.Status == ContractStatus.Signed)
                return AlreadySigned;
            // An engagement closed before its contract was signed takes its link with it.
            if (Triage.Engagements(snapshot, intakeId).FirstOrDefault(e => e.EngagementId == engagementId)?.Status != EngagementStatus.Active)
                return LinkExpired;
            if (links.HasExpired(claims))
                return LinkExpired;
            var now = time.GetUtcNow();
            using var intakeCipher = UnitCipher.Open(protector, intakeUnit, found.WrappedKey);
            var client = IntakeRow.Open(intakeCipher, found.Row);
            if (Signature.Check(form, new SignatureContext(contract.Sha256, contract.UsualPricePerSessionEur, contract.SessionsPlanned, client.FirstName, client.LastName)) is { } refused)
                return refused;
            var (signed, signedEvent) = (contract with
            {
                Status = ContractStatus.Signed,
                Signature = new ContractSignature(now, form.Counterpart, form.SupervisionConsent, form.SignatureName, origin.Ip, origin.UserAgent),
            }).WithEvent(dossier, "signed", now);
            var transaction = new PartitionTransaction(dossier.PartitionKey).Replace(signed.ToEntity(dossier, cipher), contract.ETag).Add(signedEvent);
            var reference = Reference.Display(intakeId);
            var pdf = ContractPdfAttachment.Reference(contractId);
            change.Add(intakeCipher, ContractEmails.SignedToClient, client.Email, EmailTemplates.ContractSigned(found.Intake.PreferredLanguage, client.FirstName, reference, signed, toCoach: false, site.Value.ErasureLink), pdf);
            change.Add(intakeCipher, ContractEmails.SignedToCoach, contract.CoachEmail, EmailTemplates.ContractSigned(staffOptions.Value.Language, contract.CoachDisplayName, reference, signed, toCoach: true), pdf);
            change.AppendTo(transaction);
            return new Decision<StoredContract>.Commit(transaction, receipt =>
            {
                change.Committed(receipt);
                return signed;
            });
        }, Contended, cancellationToken, beforeCommit: async ct =>
        {
            // The emails' deadline is written once, before the first attempt that commits.
            if (!scheduled)
            {
                await deadlines.ScheduleAsync([.. change.Deadlines, followUp], ct).ConfigureAwait(false);
                scheduled = true;
            }
        }).ConfigureAwait(false);
        if (outcome.IsSuccess)
            emails.SendAfterCommit(change);
        else if (scheduled)
            emails.Abandon(change, followUp);
        return outcome;
    }

    internal sealed record LinkIds(DossierId Dossier, string IntakeId, string EngagementId, string ContractId);

    internal sealed record OpenedContract(StoredContract Contract, RetentionUnit Unit, string WrappedKey);

    private async Task<Outcome<(LinkIds Ids, DossierSnapshot Snapshot, OpenedContract Contract)>> OpenLinkAsync(string? linkToken, CancellationToken cancellationToken)
    {
        if ((await links.OpenAsync(linkToken, TokenPurpose.ContractLink).ConfigureAwait(false)).Value is not { } claims
            || !ContractIds.TryParse(claims.Subject, out var dossier, out var intakeId, out var engagementId, out var contractId))
            return StaffAccess.InvalidToken;
        var ids = new LinkIds(dossier, intakeId, engagementId, contractId);
        var snapshot = await dossiers.LoadAsync(dossier, [.. Selectors(intakeId)], cancellationToken).ConfigureAwait(false);
        var unit = new RetentionUnit(dossier, contractId);
        if (snapshot.Find(StoredContract.RowKeyOf(contractId)) is not { } row || DataKeyRow.WrappedKeyOf(snapshot.Find(unit.DataKeyRow)) is not { } wrapped)
            return LinkExpired;
        using var cipher = UnitCipher.Open(protector, unit, wrapped);
        var contract = StoredContract.Open(cipher, row);
        if (contract.LinkId != claims.Id || contract.Status == ContractStatus.Replaced)
            return LinkExpired;
        if (contract.Status != ContractStatus.Signed && links.HasExpired(claims))
            return LinkExpired;
        return Outcome<(LinkIds, DossierSnapshot, OpenedContract)>.Ok((ids, snapshot, new OpenedContract(contract, unit, wrapped)));
    }

    internal const string EngagementContract = "ContractId";

    internal static RowSelector[] Selectors(string intakeId) =>
        [.. Triage.Selectors(intakeId), new RowSelector.Prefix(StoredContract.Prefix), new RowSelector.Prefix(DossierKeys.DataKey(""))];

    private OpenedContract? Current(DossierSnapshot snapshot, Engagement engagement)
    {
        if (snapshot.Find(engagement.RowKey)?.GetString(EngagementContract) is not { } contractId
            || snapshot.Find(StoredContract.RowKeyOf(contractId)) is not { } row)
            return null;
        var unit = new RetentionUnit(snapshot.Dossier, contractId);
        var wrapped = DataKeyRow.WrappedKeyOf(snapshot.Find(unit.DataKeyRow))!;
        using var cipher = UnitCipher.Open(protector, unit, wrapped);
        return new OpenedContract(StoredContract.Open(cipher, row), unit, wrapped);
    }
}
