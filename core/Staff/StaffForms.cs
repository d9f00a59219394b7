using System.Text.Json;
using Solidaire.Core.Forms;
using Solidaire.Core.Outcomes;

namespace Solidaire.Core.Staff;

public sealed record SignInRequest(string Email);

public sealed record AccessTokenRequest(string Token);

public sealed record CoachInvitation(string Email, string DisplayName);

public sealed record ProfileForm(string DisplayName, CoachProfile Profile);

public sealed record CharterSignatureForm(string CharterSha256);

public sealed record ConfirmationForm(bool NoConflictDeclared);

/// <summary>The staff API's request bodies, read with the same rules as the intake form: unknown fields refused.</summary>
public static class StaffForms
{
    public const int MaxToken = 4096;
    public const int MaxCertification = 20;
    public const int MaxProfileText = 200;
    public const int Sha256Length = 64;
    public const int MaxMemberId = 64;
    public const int MaxReason = 1000;
    public const int MaxResolution = 4000;
    public const int MaxLanguages = 2;

    public static Outcome<SignInRequest> SignIn(JsonElement body) =>
        Read(body, ["email"], errors => FormFields.Email(body, "email", errors) is { } email ? new SignInRequest(email) : null);

    public static Outcome<AccessTokenRequest> AccessToken(JsonElement body) =>
        Read(body, ["token"], errors => FormFields.Text(body, "token", errors, required: true, max: MaxToken, multiline: false) is { } token ? new AccessTokenRequest(token) : null);

    public static Outcome<CoachInvitation> Invitation(JsonElement body) => Read(body, ["email", "displayName"], errors =>
    {
        var email = FormFields.Email(body, "email", errors);
        var name = FormFields.Name(body, "displayName", errors);
        return email is null || name is null ? null : new CoachInvitation(email, name);
    });

    public static Outcome<ProfileForm> Profile(JsonElement body) => Read(body, ["displayName", "languages", "certification", "certifyingBody", "supervisor", "insurance"], errors =>
    {
        var name = FormFields.Name(body, "displayName", errors);
        var languages = Languages(body, errors);
        var certification = FormFields.Text(body, "certification", errors, required: true, max: MaxCertification, multiline: false);
        if (certification is not null && !Certifications.All.Contains(certification))
        {
            errors.Add("certification", "Must be one of: " + string.Join(", ", Certifications.All) + ".");
            certification = null;
        }
        var certifyingBody = FormFields.Text(body, "certifyingBody", errors, required: false, max: MaxProfileText, multiline: false);
        var supervisor = FormFields.Text(body, "supervisor", errors, required: true, max: MaxProfileText, multiline: false);
        var insurance = FormFields.Text(body, "insurance", errors, required: false, max: MaxProfileText, multiline: false);
        return name is null || languages is null || certification is null || supervisor is null
            ? null
            : new ProfileForm(name, new CoachProfile(languages, certification, certifyingBody, supervisor, insurance));
    });

    public static Outcome<CharterSignatureForm> CharterSignature(JsonElement body) => Read(body, ["charterSha256"], errors =>
    {
        var hash = FormFields.Text(body, "charterSha256", errors, required: true, max: Sha256Length, multiline: false);
        if (hash is not null && (hash.Length != Sha256Length || hash.Any(c => !char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c))))
        {
            errors.Add("charterSha256", "Must be the SHA-256 of the charter: 64 lowercase hexadecimal digits.");
            return null;
        }
        return hash is null ? null : new CharterSignatureForm(hash);
    });

    public static Outcome<string> Assignment(JsonElement body) =>
        Read(body, ["coachId"], errors => FormFields.Text(body, "coachId", errors, required: true, max: MaxMemberId, multiline: false));

    public static Outcome<Engagements.DeclineForm> Decline(JsonElement body) => Read(body, ["reason", "referral"], errors =>
    {
        var reason = FormFields.Text(body, "reason", errors, required: true, max: MaxReason, multiline: true);
        var referral = FormFields.Text(body, "referral", errors, required: false, max: MaxReason, multiline: true);
        return reason is null ? null : new Engagements.DeclineForm(reason, referral);
    });

    public static Outcome<ConfirmationForm> Confirmation(JsonElement body) => Read(body, ["noConflictDeclared"], errors =>
    {
        if (!body.TryGetProperty("noConflictDeclared", out var value) || value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            errors.Add("noConflictDeclared", "Must be true: the declaration of no prior personal or business relationship with this person (charter §3.18).");
            return null;
        }
        return new ConfirmationForm(value.ValueKind == JsonValueKind.True);
    });

    public static Outcome<string> Refusal(JsonElement body) =>
        Read(body, ["reason"], errors => FormFields.Text(body, "reason", errors, required: true, max: MaxReason, multiline: true));

    public static Outcome<Complaints.ComplaintClosure> ComplaintClosure(JsonElement body) => Read(body, ["resolution"], errors =>
        FormFields.Text(body, "resolution", errors, required: true, max: MaxResolution, multiline: true) is { } resolution ? new Complaints.ComplaintClosure(resolution) : null);

    private static IReadOnlyList<string>? Languages(JsonElement body, FieldErrors errors)
    {
        if (!body.TryGetProperty("languages", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            errors.Add("languages", "Required.");
            return null;
        }
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() is 0 or > MaxLanguages
            || value.EnumerateArray().Any(l => l.ValueKind != JsonValueKind.String || l.GetString() is not ("fr" or "en")))
        {
            errors.Add("languages", "Must be a list of one or two of: fr, en.");
            return null;
        }
        var languages = value.EnumerateArray().Select(l => l.GetString()!).Distinct(StringComparer.Ordinal).ToArray();
        return languages;
    }

    private static Outcome<T> Read<T>(JsonElement body, HashSet<string> fields, Func<FieldErrors, T?> read) where T : class
    {
        var errors = new FieldErrors();
        if (!FormFields.OnlyKnownFields(body, fields, errors))
            return errors.ToFailure();
        var value = read(errors);
        return errors.Any || value is null ? errors.ToFailure() : Outcome<T>.Ok(value);
    }
}
