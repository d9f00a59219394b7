using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Solidaire.Core.Outcomes;
using Solidaire.Core.Tokens;
using Solidaire.Functions.Http;
using Solidaire.Functions.Staff;

namespace Solidaire.Functions.Client;

/// <summary>
/// A client's POST through an emailed link (a contract's signature, feedback): the link's token in
/// "Authorization: Bearer" is checked first (no storage read), then the body is read and parsed,
/// then the one core call runs. A caller without a link learns nothing about the body's rules.
/// </summary>
public sealed class ClientLinkRequests(JsonRequestReader reader, ClientLinks links)
{
    public async Task<IActionResult> PostAsync<TForm, TResult>(
        HttpRequest request,
        TokenPurpose purpose,
        Func<JsonElement, Outcome<TForm>> parse,
        Func<string?, TForm, Task<Outcome<TResult>>> act,
        int status,
        Func<TResult, object> body,
        CancellationToken cancellationToken)
    {
        var token = StaffFunctions.BearerToken(request);
        if (await links.RefuseUnlessLinkAsync(token, purpose) is { } refused)
            return Problems.From(refused);
        var read = await reader.ReadObjectAsync(request, cancellationToken);
        if (!read.IsSuccess)
            return Problems.From(read.Failure);
        using var document = read.Value;
        var form = parse(document.RootElement);
        if (!form.IsSuccess)
            return Problems.From(form.Failure);
        return Answers.From(await act(token, form.Value), status, body);
    }
}
