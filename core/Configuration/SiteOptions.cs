using System.ComponentModel.DataAnnotations;

namespace Solidaire.Core.Configuration;

/// <summary>
/// Section "Site": where the public pages are served, so emailed links point at them (the staff
/// console, later the contract page). Locally the app serves them itself.
/// </summary>
public sealed class SiteOptions : IValidatableObject
{
    public const string Section = "Site";

    public string BaseUrl { get; set; } = "http://127.0.0.1:7071";

    /// <summary>Where the collective's ethics referents receive complaints (§1, §4.8, rule 12): stated in every contract.</summary>
    [Required, EmailAddress]
    public string ComplaintContact { get; set; } = "ethique@solidaire.example";

    /// <summary>A page of the site, e.g. "staff/", with an optional fragment (tokens travel there, never in a query).</summary>
    public string Link(string page, string? fragment = null) =>
        BaseUrl.TrimEnd('/') + "/" + page + (fragment is null ? "" : "#" + fragment);

    /// <summary>The page where a client asks for their data to be erased: every email to a client links there (GDPR Art. 17).</summary>
    public string ErasureLink => Link("erasure.html");

    /// <summary>An engagement's screen in the staff console (emails to coaches link there).</summary>
    public string EngagementLink(Dossiers.DossierId dossier, string intakeId, string engagementId) =>
        Link("staff/", "engagement=" + Engagements.StaffIds.Engagement(dossier, intakeId, engagementId));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Query.Length > 0 || uri.Fragment.Length > 0)
            yield return new ValidationResult("Site:BaseUrl must be an absolute http(s) address with no query or fragment.");
    }
}
