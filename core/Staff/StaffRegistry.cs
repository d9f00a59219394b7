using System.Collections.Immutable;
using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Solidaire.Core.Dossiers;
using Solidaire.Core.Outcomes;
using Solidaire.Core.PersonalData;
using Solidaire.Core.Storage;

namespace Solidaire.Core.Staff;

/// <summary>
/// The registry of staff members (§3.2, §3.9, §3.14): one partition of the Dossiers table, one row
/// per member sealed with the member's own data key, so destroying a former member is deleting two
/// rows. A member's id is a keyed hash of their address: finding them by email is one point read,
/// and the id says nothing of the address.
/// </summary>
public sealed partial class StaffRegistry(
    IDossierStore dossiers,
    PersonalDataProtector protector,
    IOptions<StaffOptions> options,
    TimeProvider time,
    ILogger<StaffRegistry> logger)
{
    public static readonly Failure NotFound = new(FailureKind.NotFound, "staff_not_found", "There is no staff member with this id.");
    public static readonly Failure AlreadyRegistered = new(FailureKind.Conflict, "already_registered", "This person is already an active member with this role.");
    private static readonly Failure Contended = new(FailureKind.Conflict, "staff_conflict", "The record changed at the same time; please try again.");

    private ImmutableDictionary<string, string> _coordinators = ImmutableDictionary<string, string>.Empty;

    /// <summary>
    /// Where coordinator notices go: the registry's active coordinators as this instance last read
    /// them (at start, on every registry read, after every change it made); the configured first
    /// coordinators until it has read any.
    /// </summary>
    public IReadOnlyList<string> ActiveCoordinatorEmails =>
        Volatile.Read(ref _coordinators) is { Count: > 0 } known ? [.. known.Values.Order(StringComparer.Ordinal)] : options.Value.Coordinators;

    /// <summary>The member id an address has, whether or not it is registered.</summary>
    public string IdFor(string email) => "m" + protector.LookupHash("staff-email", DossierId.NormalizeEmail(email))[..32];

    /// <summary>One member, opened; null when there is none. One round trip.</summary>
    public async Task<StaffMember?> FindAsync(string memberId, CancellationToken cancellationToken)
    {
        var unit = StaffRows.UnitOf(memberId);
        var snapshot = await dossiers.LoadAsync(DossierId.StaffRegistry, Selectors(memberId), cancellationToken).ConfigureAwait(false);
        return Open(snapshot, unit);
    }

    /// <summary>Every member, opened. One round trip (the registry is one partition).</summary>
    public async Task<IReadOnlyList<StaffMember>> ListAsync(CancellationToken cancellationToken)
    {
        var snapshot = await dossiers.LoadAsync(
            DossierId.StaffRegistry, [new RowSelector.Prefix(StaffRows.MemberPrefix), new RowSelector.Prefix(DossierKeys.DataKey(""))], cancellationToken).ConfigureAwait(false);
        var members = snapshot.WithPrefix(StaffRows.MemberPrefix)
            .Select(row => Open(snapshot, StaffRows.UnitOf(row.RowKey[StaffRows.MemberPrefix.Length..])))
            .OfType<StaffMember>()
            .OrderBy(m => m.DisplayName, StringComparer.CurrentCultureIgnoreCase)
            .ToArray();
        Volatile.Write(ref _coordinators, members.Where(IsActiveCoordinator).ToImmutableDictionary(m => m.MemberId, m => m.Email, StringComparer.Ordinal));
        return members;
    }

    /// <summary>
    /// Makes <paramref name="email"/> an active member holding <paramref name="role"/>: a new record,
    /// or the role added to (and the record reactivated for) someone already registered.
    /// </summary>
    public async Task<Outcome<StaffMember>> EnrolAsync(string email, string displayName, string role, CancellationToken cancellationToken)
    {
        var memberId = IdFor(email);
        var unit = StaffRows.UnitOf(memberId);
        return Noted(await OptimisticConcurrency.RunAsync<StaffMember>(dossiers, DossierId.StaffRegistry, Selectors(memberId), snapshot =>
        {
            var existing = Open(snapshot, unit);
            if (existing is null)
            {
                using var cipher = UnitCipher.New(protector, unit);
                var member = new StaffMember(memberId, email, displayName, [role], Active: true, TokenVersion: 0, Profile: null,
                    CharterSha256: null, CharterSignedAt: null, CreatedAt: time.GetUtcNow(), DeactivatedAt: null, ETag: default);
                var transaction = new PartitionTransaction(DossierId.StaffRegistry.PartitionKey)
                    .Add(DataKeyRow.New(cipher))
                    .Add(StaffRows.ToEntity(cipher, member));
                return new Decision<StaffMember>.Commit(transaction, receipt => member with { ETag = receipt.ETags[1] });
            }
            if (existing.Active && existing.Has(role))
                return AlreadyRegistered;
            return Replace(snapshot, existing with { Roles = [.. existing.Roles.Union([role])], Active = true, DeactivatedAt = null });
        }, Contended, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Applies <paramref name="change"/> to one member's record, guarded by its ETag, retried on a lost race.</summary>
    public async Task<Outcome<StaffMember>> ChangeAsync(string memberId, Func<StaffMember, Outcome<StaffMember>> change, CancellationToken cancellationToken)
    {
        var unit = StaffRows.UnitOf(memberId);
        return Noted(await OptimisticConcurrency.RunAsync<StaffMember>(dossiers, DossierId.StaffRegistry, Selectors(memberId), snapshot =>
        {
            if (Open(snapshot, unit) is not { } existing)
                return NotFound;
            var changed = change(existing);
            if (!changed.IsSuccess)
                return changed.Failure;
            return changed.Value == existing ? new Decision<StaffMember>.Answer(Outcome<StaffMember>.Ok(existing)) : Replace(snapshot, changed.Value);
        }, Contended, cancellationToken).ConfigureAwait(false));
    }

    private static bool IsActiveCoordinator(StaffMember m) => m.Active && m.Has(StaffRoles.Coordinator);

    /// <summary>Keeps the coordinators' addresses in step with a change this instance made.</summary>
    private Outcome<StaffMember> Noted(Outcome<StaffMember> outcome)
    {
        if (outcome.IsSuccess)
        {
            var m = outcome.Value;
            ImmutableInterlocked.Update(ref _coordinators, all => IsActiveCoordinator(m) ? all.SetItem(m.MemberId, m.Email) : all.Remove(m.MemberId));
        }
        return outcome;
    }

    /// <summary>Destroys a member's record: its data key first, so no copy of its sealed fields opens again.</summary>
    /// <returns>False when the record changed meanwhile (reactivated?): look again.</returns>
    public async Task<Shredder.Shredded> DestroyAsync(StaffMember member, CancellationToken cancellationToken)
    {
        // Two rows, one transaction, nothing to read first: staff emails are sent directly, never kept in an
        // outbox. The member's row as it was read when found deactivated: reactivated since, nothing goes.
        var unit = member.Unit;
        var keyRow = new TableEntity(unit.Dossier.PartitionKey, unit.DataKeyRow) { ETag = ETag.All };
        var memberRow = new TableEntity(unit.Dossier.PartitionKey, StaffRows.MemberKey(member.MemberId)) { ETag = member.ETag };
        return await Shredder.DestroyAsync(dossiers, unit.Dossier, [keyRow, memberRow], memberRow.RowKey, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The first coordinators (Staff:BootstrapCoordinators): enrolled when missing; a member already there is left as they are.</summary>
    public async Task EnsureBootstrapCoordinatorsAsync(CancellationToken cancellationToken)
    {
        foreach (var email in options.Value.Coordinators)
        {
            if (await FindAsync(IdFor(email), cancellationToken).ConfigureAwait(false) is null)
                await EnrolAsync(email, DefaultDisplayName(email), StaffRoles.Coordinator, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Whether <paramref name="email"/> is one of the configured first coordinators.</summary>
    public bool IsBootstrapCoordinator(string email) =>
        options.Value.Coordinators.Any(c => DossierId.NormalizeEmail(c) == DossierId.NormalizeEmail(email));

    public static string DefaultDisplayName(string email) => email[..email.IndexOf('@', StringComparison.Ordinal)];

    private static RowSelector[] Selectors(string memberId) =>
        [new RowSelector.Exact(StaffRows.MemberKey(memberId)), new RowSelector.Exact(DossierKeys.DataKey(memberId))];

    private StaffMember? Open(DossierSnapshot snapshot, RetentionUnit unit)
    {
        if (snapshot.Find(StaffRows.MemberKey(unit.Id)) is not { } row || DataKeyRow.WrappedKeyOf(snapshot.Find(unit.DataKeyRow)) is not { } wrapped)
            return null;
        try
        {
            using var cipher = UnitCipher.Open(protector, unit, wrapped);
            return StaffRows.Open(cipher, row);
        }
        catch (CryptographicException)
        {
            // Sealed under keys this app no longer has: one unreadable record must not take the whole registry down.
            LogUnreadable(logger);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A staff record cannot be opened with the configured keys (were the personal-data keys replaced?); it is left out.")]
    private static partial void LogUnreadable(ILogger logger);

    private Decision<StaffMember> Replace(DossierSnapshot snapshot, StaffMember changed)
    {
        var wrapped = DataKeyRow.WrappedKeyOf(snapshot.Find(changed.Unit.DataKeyRow))!;
        using var cipher = UnitCipher.Open(protector, changed.Unit, wrapped);
        var transaction = new PartitionTransaction(DossierId.StaffRegistry.PartitionKey).Replace(StaffRows.ToEntity(cipher, changed), changed.ETag);
        return new Decision<StaffMember>.Commit(transaction, receipt => changed with { ETag = receipt.ETags[0] });
    }
}
