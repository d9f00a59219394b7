using Solidaire.Core.Outcomes;
using Solidaire.Core.Staff;

namespace Solidaire.Core.Tokens;

/// <summary>
/// The links a client opens without an account (their contract, their feedback): a genuine token of
/// the link's own purpose, or "not a link" (401 invalid_token, whatever the reason: tampered, unknown,
/// another purpose); a genuine one past its expiry deserves its own answer (410 link_expired), which
/// the caller gives, since what else ends a link (a newer contract) is the caller's to know.
/// </summary>
public sealed class ClientLinks(TokenService tokens, TimeProvider time)
{
    /// <summary>The claims of a genuine link of <paramref name="purpose"/>, expired or not; <see cref="StaffAccess.InvalidToken"/> otherwise.</summary>
    public async Task<Outcome<TokenClaims>> OpenAsync(string? linkToken, TokenPurpose purpose) =>
        await tokens.ValidateGenuineAsync(linkToken, purpose).ConfigureAwait(false) is { } claims
            ? Outcome<TokenClaims>.Ok(claims)
            : StaffAccess.InvalidToken;

    /// <summary>Whether <paramref name="linkToken"/> is one of our links of <paramref name="purpose"/> (no storage read): checked before a body is read.</summary>
    public async Task<Failure?> RefuseUnlessLinkAsync(string? linkToken, TokenPurpose purpose) =>
        (await OpenAsync(linkToken, purpose).ConfigureAwait(false)).Failure;

    /// <summary>Whether the link's own lifetime is over, on this app's clock.</summary>
    public bool HasExpired(TokenClaims claims) => claims.ExpiresAt <= time.GetUtcNow();
}
