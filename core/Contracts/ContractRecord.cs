using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Solidaire.Core.Dossiers;
using Solidaire.Core.Forms;
using Solidaire.Core.Outcomes;

namespace Solidaire.Core.Contracts;

/// <summary>Where a contract stands. An issued contract past its link's expiry is shown as expired.</summary>
public static class ContractStatus
{
    public const string Issued = "issued";
    public const string Emailed = "emailed";
    public const string Opened = "opened";
    public const string Signed = "signed";
    public const string Replaced = "replaced";
    public const string Expired = "expired";
}

/// <summary>What the coach sets when issuing (never the counterpart: that is the client's alone).</summary>
public sealed record ContractIssueForm(int SessionsPlanned, string Format, decimal UsualPricePerSessionEur, string? Message)
{
    public const decimal MaxPricePerSessionEur = 10_000m;
    public const int MaxMessage = 2000;

    private static readonly HashSet<string> Fields = ["sessionsPlanned", "format", "usualPricePerSessionEur", "message"];

    public static Outcome<ContractIssueForm> Parse(JsonElement body)
    {
        var errors = new FieldErrors();
        if (!FormFields.OnlyKnownFields(body, Fields, errors))
            return errors.ToFailure();
        int sessions = 0;
        if (!body.TryGetProperty("sessionsPlanned", out var s) || s.ValueKind != JsonValueKind.Number || !s.TryGetInt32(out sessions) || sessions is < 1 or > ContractTemplate.MaxSessions)
            errors.Add("sessionsPlanned", $"Must be a whole number from 1 to {ContractTemplate.MaxSessions} (charter §3.5).");
        var format = SessionFormats.Default;
        if (body.TryGetProperty("format", out var f) && f.ValueKind != JsonValueKind.Null)
        {
            if (f.ValueKind != JsonValueKind.String || !SessionFormats.All.Contains(f.GetString()))
                errors.Add("format", "Must be one of: " + string.Join(", ", SessionFormats.All) + ".");
            else
                format = f.GetString()!;
        }
        decimal price = 0;
        if (!body.TryGetProperty("usualPricePerSessionEur", out var p) || p.ValueKind != JsonValueKind.Number || !p.TryGetDecimal(out price)
            || price <= 0 || price > MaxPricePerSessionEur || decimal.Round(price, 2) != price)
            errors.Add("usualPricePerSessionEur", "Must be your usual price for one session in euros, above 0, to the cent (the client must see it, charter §2).");
        var message = FormFields.Text(body, "message", errors, required: false, max: MaxMessage, multiline: true);
        return errors.Any ? errors.ToFailure() : Outcome<ContractIssueForm>.Ok(new ContractIssueForm(sessions, format, price, message));
    }
}

/// <summary>The signature as recorded: the evidence of who agreed to what, when, from where.</summary>
public sealed record ContractSignature(DateTimeOffset SignedAt, Counterpart Counterpart, bool SupervisionConsent, string SignatureName, string? Ip, string? UserAgent);

/// <summary>
/// A contract as stored in its client's dossier (its document sealed, as issued: the text a later
/// template version would write is not the one that was signed), in its own retention unit (its own data key: the
/// signed contract is proof kept longer than the engagement's working data). Row "contract|id"; its
/// events "contract-event|id|n", each hashing the one before so a changed or removed event shows.
/// </summary>
public sealed record StoredContract(
    string ContractId,
    string EngagementRowKey,
    int Version,
    string Status,
    string TemplateVersion,
    string Language,
    int SessionsPlanned,
    string Format,
    decimal UsualPricePerSessionEur,
    string Sha256,
    ContractDocument Document,
    string? Message,
    string CoachId,
    string CoachDisplayName,
    string CoachCertification,
    string CoachEmail,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    string LinkId,
    int Events,
    string LastEventHash,
    ContractSignature? Signature,
    ETag ETag,
    string? LinkMessageId = null)
{
    public const string Prefix = "contract|";
    public const string EventPrefix = "contract-event|";

    public string RowKey => RowKeyOf(ContractId);

    public static string RowKeyOf(string contractId) => Prefix + contractId;

    public static string EventPrefixOf(string contractId) => EventPrefix + contractId + "|";

    public decimal MaxAmountEur => UsualPricePerSessionEur * SessionsPlanned;

    /// <summary>The status a reader sees: an unsigned contract past its link's expiry is expired.</summary>
    public string StatusAt(DateTimeOffset now) => Status is ContractStatus.Issued or ContractStatus.Emailed or ContractStatus.Opened && now >= ExpiresAt ? ContractStatus.Expired : Status;

    /// <summary>The hash of the next event in the chain: the previous hash, the event, its time and the contract's text hash.</summary>
    public static string ChainHash(string previous, string kind, DateTimeOffset at, string contractSha256) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{previous}|{kind}|{at.ToString("O", CultureInfo.InvariantCulture)}|{contractSha256}")));

    /// <summary>This contract with one more event in its chain, and that event's row.</summary>
    public (StoredContract Contract, TableEntity Event) WithEvent(DossierId dossier, string kind, DateTimeOffset at)
    {
        var hash = ChainHash(LastEventHash, kind, at, Sha256);
        var number = Events + 1;
        var row = new TableEntity(dossier.PartitionKey, EventPrefixOf(ContractId) + number.ToString("D4", CultureInfo.InvariantCulture))
        {
            ["Kind"] = kind,
            ["At"] = at,
            ["PreviousHash"] = LastEventHash,
            ["Hash"] = hash,
        };
        return (this with { Events = number, LastEventHash = hash }, row);
    }

    public TableEntity ToEntity(DossierId dossier, UnitCipher cipher)
    {
        var key = RowKey;
        string? Seal(string field, string? value) => cipher.Seal(key, field, value);
        var entity = new TableEntity(dossier.PartitionKey, key)
        {
            [nameof(EngagementRowKey)] = EngagementRowKey,
            [nameof(Version)] = Version,
            [nameof(Status)] = Status,
            [nameof(TemplateVersion)] = TemplateVersion,
            [nameof(Language)] = Language,
            [nameof(SessionsPlanned)] = SessionsPlanned,
            [nameof(Format)] = Format,
            [nameof(UsualPricePerSessionEur)] = UsualPricePerSessionEur.ToString("0.00", CultureInfo.InvariantCulture),
            [nameof(Sha256)] = Sha256,
            [nameof(Document)] = Seal(nameof(Document), JsonSerializer.Serialize(Document)),
            [nameof(Message)] = Seal(nameof(Message), Message),
            [nameof(CoachId)] = CoachId,
            [nameof(CoachDisplayName)] = Seal(nameof(CoachDisplayName), CoachDisplayName),
            [nameof(CoachCertification)] = CoachCertification,
            [nameof(CoachEmail)] = Seal(nameof(CoachEmail), CoachEmail),
            [nameof(IssuedAt)] = IssuedAt,
            [nameof(ExpiresAt)] = ExpiresAt,
            [nameof(LinkId)] = LinkId,
            [nameof(Events)] = Events,
            [nameof(LastEventHash)] = LastEventHash,
            [nameof(LinkMessageId)] = LinkMessageId,
        };
        if (Signature is { } sig)
        {
            entity["SignedAt"] = sig.SignedAt;
            entity["CounterpartKind"] = sig.Counterpart is Counterpart.Financial ? "financial" : "non_financial";
            entity["CounterpartAmountEur"] = Seal("CounterpartAmountEur", (sig.Counterpart as Counterpart.Financial)?.AmountEur.ToString("0.00", CultureInfo.InvariantCulture));
            entity["CounterpartDescription"] = Seal("CounterpartDescription", (sig.Counterpart as Counterpart.NonFinancial)?.Description);
            entity["SupervisionConsent"] = sig.SupervisionConsent;
            entity["SignatureName"] = Seal("SignatureName", sig.SignatureName);
            entity["SignerIp"] = Seal("SignerIp", sig.Ip);
            entity["SignerUserAgent"] = Seal("SignerUserAgent", sig.UserAgent);
        }
        return entity;
    }

    public static StoredContract Open(UnitCipher cipher, TableEntity e)
    {
        string? Open(string field) => cipher.Open(e.RowKey, field, e.GetString(field));
        ContractSignature? signature = null;
        if (e.GetDateTimeOffset("SignedAt") is { } signedAt)
        {
            Counterpart counterpart = e.GetString("CounterpartKind") == "financial"
                ? new Counterpart.Financial(decimal.Parse(Open("CounterpartAmountEur")!, CultureInfo.InvariantCulture))
                : new Counterpart.NonFinancial(Open("CounterpartDescription")!);
            signature = new ContractSignature(signedAt, counterpart, e.GetBoolean("SupervisionConsent") ?? false, Open("SignatureName")!, Open("SignerIp"), Open("SignerUserAgent"));
        }
        return new StoredContract(
            e.RowKey[Prefix.Length..], e.GetString(nameof(EngagementRowKey)), e.GetInt32(nameof(Version)) ?? 1, e.GetString(nameof(Status)),
            e.GetString(nameof(TemplateVersion)), e.GetString(nameof(Language)), e.GetInt32(nameof(SessionsPlanned)) ?? 0, e.GetString(nameof(Format)),
            decimal.Parse(e.GetString(nameof(UsualPricePerSessionEur)), CultureInfo.InvariantCulture), e.GetString(nameof(Sha256)),
            JsonSerializer.Deserialize<ContractDocument>(Open(nameof(Document))!)!, Open(nameof(Message)), e.GetString(nameof(CoachId)), Open(nameof(CoachDisplayName))!, e.GetString(nameof(CoachCertification)), Open(nameof(CoachEmail))!,
            e.GetDateTimeOffset(nameof(IssuedAt)) ?? default, e.GetDateTimeOffset(nameof(ExpiresAt)) ?? default,
            e.GetString(nameof(LinkId)), e.GetInt32(nameof(Events)) ?? 0, e.GetString(nameof(LastEventHash)) ?? "", signature, e.ETag, e.GetString(nameof(LinkMessageId)));
    }
}
