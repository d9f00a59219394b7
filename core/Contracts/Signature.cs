using System.Globalization;
using System.Text.Json;
using Solidaire.Core.Forms;
using Solidaire.Core.Outcomes;

namespace Solidaire.Core.Contracts;

/// <summary>What the client gives in return (§2 Solidaire, rule 6): chosen by them alone.</summary>
public abstract record Counterpart
{
    /// <summary>An amount in euros, to the cent, from 1 € to the usual total.</summary>
    public sealed record Financial(decimal AmountEur) : Counterpart;

    /// <summary>A described exchange, 10 to 500 characters.</summary>
    public sealed record NonFinancial(string Description) : Counterpart;
}

/// <summary>The client's signature as the contract page sends it, read but not yet judged against the contract.</summary>
public sealed record SignatureForm(Counterpart Counterpart, bool SupervisionConsent, string SignatureName, string Sha256);

/// <summary>What a signature is judged against: the contract the link opens and the person it was issued to.</summary>
public sealed record SignatureContext(string CurrentSha256, decimal UsualPricePerSessionEur, int SessionsPlanned, string ClientFirstName, string ClientLastName)
{
    /// <summary>The most the client may give: the usual price for every session planned.</summary>
    public decimal MaxAmountEur => UsualPricePerSessionEur * SessionsPlanned;
}

/// <summary>
/// The signature's rules (rules 6 and 7, §2 Solidaire, §3.3, §3.14), pure. Each way a signature can
/// be wrong has its own problem code, so the page can say exactly what to change.
/// </summary>
public static class Signature
{
    public const int MinDescription = 10;
    public const int MaxDescription = 500;
    /// <summary>A first and a last name (<see cref="FormFields.MaxName"/> each) and the space between.</summary>
    public const int MaxSignatureName = 2 * FormFields.MaxName + 1;

    public static readonly Failure AmountBelowMinimum = new(FailureKind.Unprocessable, "amount_below_minimum", "A financial contribution is at least 1 €.");
    public static readonly Failure ContractChanged = new(FailureKind.Conflict, "contract_changed", "The contract changed after you read it: read it again before signing.");
    public static readonly Failure NameMismatch = new(FailureKind.Unprocessable, "signature_name_mismatch", "Type your first and last names as in your request.");

    public static Failure AmountAboveMaximum(decimal max) =>
        new(FailureKind.Unprocessable, "amount_above_maximum", $"A financial contribution is at most the coach's usual total, {max.ToString("0.00", CultureInfo.InvariantCulture)} €.");

    private static readonly HashSet<string> Fields = ["counterpart", "understood", "supervisionConsent", "signatureName", "sha256"];

    /// <summary>Reads the body: shapes and types only (a field that is not what it must be is a validation problem).</summary>
    public static Outcome<SignatureForm> Parse(JsonElement body)
    {
        var errors = new FieldErrors();
        if (!FormFields.OnlyKnownFields(body, Fields, errors))
            return errors.ToFailure();
        var counterpart = ReadCounterpart(body, errors);
        if (!body.TryGetProperty("understood", out var understood) || understood.ValueKind != JsonValueKind.True)
            errors.Add("understood", "Must be true: you confirm you understood the terms (charter §3.3).");
        bool? supervision = body.TryGetProperty("supervisionConsent", out var consent) && consent.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? consent.ValueKind == JsonValueKind.True
            : null;
        if (supervision is null)
            errors.Add("supervisionConsent", "Must be true or false: yes or no to your situation being discussed anonymously in supervision (charter §3.14).");
        var name = FormFields.Text(body, "signatureName", errors, required: true, max: MaxSignatureName, multiline: false);
        var sha = FormFields.Text(body, "sha256", errors, required: true, max: Staff.StaffForms.Sha256Length, multiline: false);
        if (sha is not null && (sha.Length != Staff.StaffForms.Sha256Length || !sha.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f')))
            errors.Add("sha256", "Must be the contract's SHA-256 as the page shows it: 64 lowercase hexadecimal digits.");
        if (errors.Any)
            return errors.ToFailure();
        return Outcome<SignatureForm>.Ok(new SignatureForm(counterpart!, supervision!.Value, name!, sha!));
    }

    /// <summary>Judges a well-formed signature against its contract: the text read, the amount's range, the signer's name.</summary>
    public static Failure? Check(SignatureForm form, SignatureContext context)
    {
        if (form.Sha256 != context.CurrentSha256)
            return ContractChanged;
        if (form.Counterpart is Counterpart.Financial { AmountEur: var amount })
        {
            if (amount < 1m)
                return AmountBelowMinimum;
            if (amount > context.MaxAmountEur)
                return AmountAboveMaximum(context.MaxAmountEur);
        }
        return NameMatches(form.SignatureName, context.ClientFirstName, context.ClientLastName) ? null : NameMismatch;
    }

    /// <summary>The typed name is the person's, in either order, whatever the case and accents ("jeanne DUPONT" = "Jeanne Dupont").</summary>
    public static bool NameMatches(string typed, string firstName, string lastName)
    {
        var signed = FormFields.Comparable(typed);
        return signed.Length > 0
            && (signed == FormFields.Comparable(firstName + " " + lastName) || signed == FormFields.Comparable(lastName + " " + firstName));
    }

    private static Counterpart? ReadCounterpart(JsonElement body, FieldErrors errors)
    {
        if (!body.TryGetProperty("counterpart", out var value) || value.ValueKind != JsonValueKind.Object)
        {
            errors.Add("counterpart", "Required: { \"kind\": \"financial\", \"amountEur\": … } or { \"kind\": \"non_financial\", \"description\": … }.");
            return null;
        }
        var kind = value.TryGetProperty("kind", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
        var known = kind switch
        {
            "financial" => new HashSet<string> { "kind", "amountEur" },
            "non_financial" => new HashSet<string> { "kind", "description" },
            _ => null,
        };
        if (known is null)
        {
            errors.Add("counterpart.kind", "Must be financial or non_financial.");
            return null;
        }
        foreach (var property in value.EnumerateObject().Where(p => !known.Contains(p.Name)))
            errors.Add("counterpart." + property.Name, "This field is not accepted.");
        if (kind == "financial")
        {
            if (!value.TryGetProperty("amountEur", out var amount) || amount.ValueKind != JsonValueKind.Number || !amount.TryGetDecimal(out var eur))
            {
                errors.Add("counterpart.amountEur", "Must be a number of euros, e.g. 1 or 45.50.");
                return null;
            }
            if (decimal.Round(eur, 2) != eur)
            {
                errors.Add("counterpart.amountEur", "Must be in euros and cents: at most two decimals.");
                return null;
            }
            return new Counterpart.Financial(eur);
        }
        var inner = new FieldErrors();
        var description = FormFields.Text(value, "description", inner, required: true, max: MaxDescription, multiline: true);
        foreach (var (field, messages) in inner.ToDictionary())
        {
            foreach (var message in messages)
                errors.Add("counterpart." + field, message);
        }
        if (description is null)
            return null;
        if (description.EnumerateRunes().Count() < MinDescription)
        {
            errors.Add("counterpart.description", $"Must be at least {MinDescription} characters: say what you will give in return.");
            return null;
        }
        return new Counterpart.NonFinancial(description);
    }
}
