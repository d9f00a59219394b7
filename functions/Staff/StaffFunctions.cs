using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Solidaire.Core.Engagements;
using Solidaire.Core.Outcomes;
using Solidaire.Core.Staff;
using Solidaire.Functions.Http;

namespace Solidaire.Functions.Staff;

/// <summary>
/// The staff API: sign-in by emailed link, then every call with "Authorization: Bearer" and the
/// access token. The functions are anonymous to the host; the token is checked here, before
/// anything else, and the member's record read, so a sign-out or deactivation holds at once.
/// </summary>
public sealed partial class StaffFunctions(
    JsonRequestReader reader, StaffAccess access, StaffService staff, Triage triage, Core.Engagements.Engagements engagements, Core.Contracts.ContractService contracts,
    Core.Sessions.SessionService sessions, Core.Engagements.EngagementClosure closure, Core.Feedback.FeedbackService feedback,
    Core.Complaints.ComplaintService complaints, Core.Statistics.StatisticsService statistics)
{
    [Function("StaffSignIn")]
    public async Task<IActionResult> SignIn(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/sign-in")] HttpRequest request, CancellationToken cancellationToken)
    {
        var form = await ReadAsync(request, StaffForms.SignIn, cancellationToken);
        if (!form.IsSuccess)
            return Problems.From(form.Failure);
        await access.RequestLinkAsync(form.Value.Email, cancellationToken);
        return new StatusCodeResult(StatusCodes.Status202Accepted);
    }

    [Function("StaffAccessToken")]
    public async Task<IActionResult> AccessToken(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/access-tokens")] HttpRequest request, CancellationToken cancellationToken)
    {
        var form = await ReadAsync(request, StaffForms.AccessToken, cancellationToken);
        if (!form.IsSuccess)
            return Problems.From(form.Failure);
        var grant = await access.ExchangeAsync(form.Value.Token, cancellationToken);
        return Answers.From(grant, StatusCodes.Status200OK, g => new { accessToken = g.AccessToken, expiresAt = g.ExpiresAt, roles = g.Roles });
    }

    [Function("StaffSignOut")]
    public Task<IActionResult> SignOut(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/sign-out")] HttpRequest request, CancellationToken cancellationToken)
        => AsMemberAsync(request, async actor =>
        {
            var signedOut = await access.SignOutAsync(actor, cancellationToken);
            return signedOut.IsSuccess ? new NoContentResult() : Problems.From(signedOut.Failure);
        }, cancellationToken);

    [Function("StaffMe")]
    public async Task<IActionResult> Me(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/me")] HttpRequest request, CancellationToken cancellationToken)
    {
        var actor = await AuthenticateAsync(request, cancellationToken);
        return Answers.From(actor, StatusCodes.Status200OK, m => StaffViews.Member(m, staff.Charter));
    }

    [Function("StaffCharter")]
    public async Task<IActionResult> Charter(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/charter")] HttpRequest request, CancellationToken cancellationToken)
    {
        var actor = await AuthenticateAsync(request, cancellationToken);
        return Answers.From(actor, StatusCodes.Status200OK, _ => new { sha256 = staff.Charter.Sha256, language = staff.Charter.Language, text = staff.Charter.Text });
    }

    [Function("StaffCharterSignature")]
    public Task<IActionResult> SignCharter(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/me/charter-signature")] HttpRequest request, CancellationToken cancellationToken) =>
        ActAsync(request, StaffForms.CharterSignature, (actor, form) => staff.SignCharterAsync(actor, form, cancellationToken), StatusCodes.Status200OK,
            m => StaffViews.Member(m, staff.Charter), cancellationToken);

    [Function("StaffProfile")]
    public Task<IActionResult> Profile(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "staff/me/profile")] HttpRequest request, CancellationToken cancellationToken) =>
        ActAsync(request, StaffForms.Profile, (actor, form) => staff.UpdateProfileAsync(actor, form, cancellationToken), StatusCodes.Status200OK,
            m => StaffViews.Member(m, staff.Charter), cancellationToken);

    [Function("StaffCoaches")]
    public Task<IActionResult> Coaches(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/coaches")] HttpRequest request, CancellationToken cancellationToken) =>
        AsMemberAsync(request, async actor => Answers.From(
            await staff.ListCoachesAsync(actor, cancellationToken), StatusCodes.Status200OK,
            list => new { items = list.Select(m => StaffViews.Coach(m, staff.Charter)) }), cancellationToken);

    [Function("StaffInviteCoach")]
    public Task<IActionResult> InviteCoach(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/coaches")] HttpRequest request, CancellationToken cancellationToken) =>
        ActAsync(request, StaffForms.Invitation, (actor, form) => staff.InviteCoachAsync(actor, form, cancellationToken), StatusCodes.Status201Created,
            m => new { coachId = m.MemberId }, cancellationToken);

    [Function("StaffDeactivateCoach")]
    public Task<IActionResult> DeactivateCoach(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/coaches/{coachId}/deactivation")] HttpRequest request, string coachId, CancellationToken cancellationToken) =>
        AsMemberAsync(request, async actor => Answers.From(
            await staff.DeactivateAsync(actor, coachId, cancellationToken), StatusCodes.Status200OK, m => StaffViews.Coach(m, staff.Charter)), cancellationToken);

    /// <summary>Authenticate, then read the body, then act: a caller without a valid token learns nothing about the body's rules.</summary>
    private async Task<IActionResult> ActAsync<TForm, TResult>(
        HttpRequest request,
        Func<System.Text.Json.JsonElement, Outcome<TForm>> parse,
        Func<StaffMember, TForm, Task<Outcome<TResult>>> act,
        int status,
        Func<TResult, object> body,
        CancellationToken cancellationToken)
    {
        return await AsMemberAsync(request, async actor =>
        {
            var form = await ReadAsync(request, parse, cancellationToken);
            return form.IsSuccess ? Answers.From(await act(actor, form.Value), status, body) : Problems.From(form.Failure);
        }, cancellationToken);
    }

    /// <summary>Runs <paramref name="act"/> for the member the request's access token stands for; 401 otherwise.</summary>
    private async Task<IActionResult> AsMemberAsync(HttpRequest request, Func<StaffMember, Task<IActionResult>> act, CancellationToken cancellationToken)
    {
        var actor = await AuthenticateAsync(request, cancellationToken);
        return actor.IsSuccess ? await act(actor.Value) : Problems.From(actor.Failure);
    }

    private async Task<Outcome<T>> ReadAsync<T>(HttpRequest request, Func<System.Text.Json.JsonElement, Outcome<T>> parse, CancellationToken cancellationToken)
    {
        var body = await reader.ReadObjectAsync(request, cancellationToken);
        if (!body.IsSuccess)
            return body.Failure;
        using var document = body.Value;
        return parse(document.RootElement);
    }

    private Task<Outcome<StaffMember>> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken) =>
        access.AuthenticateAsync(BearerToken(request), cancellationToken);

    /// <summary>The token of "Authorization: Bearer &lt;token&gt;"; null for anything else.</summary>
    internal static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : null;
    }
}
