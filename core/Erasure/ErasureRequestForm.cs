using System.Text.Json;
using Solidaire.Core.Forms;
using Solidaire.Core.Outcomes;

namespace Solidaire.Core.Erasure;

/// <summary>The public erasure request: { "email" }, read with the intake form's rules (unknown fields refused).</summary>
public static class ErasureRequestForm
{
    private static readonly HashSet<string> Fields = ["email"];

    public static Outcome<string> Parse(JsonElement body)
    {
        var errors = new FieldErrors();
        if (!FormFields.OnlyKnownFields(body, Fields, errors))
            return errors.ToFailure();
        return FormFields.Email(body, "email", errors) is { } email && !errors.Any ? Outcome<string>.Ok(email) : errors.ToFailure();
    }
}
