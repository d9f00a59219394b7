using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Solidaire.Core.Contracts;
using Solidaire.Core.Tokens;
using Solidaire.Functions.Http;
using Solidaire.Functions.Staff;

namespace Solidaire.Functions.Client;

/// <summary>
/// The client's side of the contract (issue 9): no account, the emailed link's token in
/// "Authorization: Bearer". The token is checked before anything else is read.
/// </summary>
public sealed class ClientContractFunctions(ClientLinkRequests links, ContractService contracts, ClientAddress clientAddress)
{
    [Function("ClientContract")]
    public async Task<IActionResult> Read(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "client/contract")] HttpRequest request, CancellationToken cancellationToken) =>
        Answers.From(await contracts.ReadAsync(StaffFunctions.BearerToken(request), cancellationToken), StatusCodes.Status200OK, ContractViews.ForClient);

    [Function("ClientContractSignature")]
    public Task<IActionResult> Sign(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "client/contract/signature")] HttpRequest request, CancellationToken cancellationToken)
    {
        var origin = new SignatureOrigin(clientAddress.Resolve(request.HttpContext).ToString(), request.Headers.UserAgent.ToString() is { Length: > 0 } ua ? ua[..Math.Min(ua.Length, 512)] : null);
        return links.PostAsync(request, TokenPurpose.ContractLink, Signature.Parse, (token, form) => contracts.SignAsync(token, form, origin, cancellationToken),
            StatusCodes.Status201Created, ContractViews.Signed, cancellationToken);
    }
}

/// <summary>How a contract is shown to its client.</summary>
public static class ContractViews
{
    public static object ForClient(ClientContract c) => new
    {
        text = c.Document.Text,
        title = c.Document.Title,
        sections = c.Document.Sections.Select(s => new { heading = s.Heading, paragraphs = s.Paragraphs }),
        sha256 = c.Contract.Sha256,
        language = c.Contract.Language,
        sessionsPlanned = c.Contract.SessionsPlanned,
        format = c.Contract.Format,
        usualPricePerSessionEur = c.Contract.UsualPricePerSessionEur,
        maxAmountEur = c.Contract.MaxAmountEur,
        coach = new { displayName = c.Contract.CoachDisplayName, certification = c.Contract.CoachCertification },
        status = c.Status,
        expiresAt = c.Contract.ExpiresAt,
        signed = c.Contract.Signature is null ? null : Signed(c.Contract),
    };

    public static object Signed(StoredContract contract) => new
    {
        sha256 = contract.Sha256,
        signedAt = contract.Signature!.SignedAt,
        counterpart = Counterpart(contract.Signature.Counterpart),
        understood = true,
        supervisionConsent = contract.Signature.SupervisionConsent,
        signatureName = contract.Signature.SignatureName,
    };

    /// <summary>The contribution as the API spells it, for the client and for the coach.</summary>
    public static object Counterpart(Counterpart counterpart) => counterpart switch
    {
        Core.Contracts.Counterpart.Financial f => new { kind = "financial", amountEur = f.AmountEur },
        Core.Contracts.Counterpart.NonFinancial n => (object)new { kind = "non_financial", description = n.Description },
        _ => new { },
    };
}
