using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Solidaire.Core.Tokens;

/// <summary>
/// What a token is for. The purpose travels as a claim and the audience as "aud"; a token is only
/// ever accepted for the purpose it was issued for (a sign-in link is not an access token).
/// </summary>
public sealed record TokenPurpose(string Name, string Audience)
{
    public static readonly TokenPurpose StaffSignIn = new("staff-sign-in", "solidaire-staff");
    public static readonly TokenPurpose StaffAccess = new("staff-access", "solidaire-staff");

    /// <summary>The emailed link to a contract, for the client to read and sign it (no account).</summary>
    public static readonly TokenPurpose ContractLink = new("contract-link", "solidaire-client");

    /// <summary>The link in the thank-you sent at closure, for the client to give feedback once (§5.9).</summary>
    public static readonly TokenPurpose FeedbackLink = new("feedback-link", "solidaire-client");

    /// <summary>The link that confirms a client's erasure request (GDPR Art. 17): its subject is the dossier id, never the address.</summary>
    public static readonly TokenPurpose ErasureLink = new("erasure-link", "solidaire-client");
}

/// <summary>A token as handed out: its text, its unique id and when it stops working.</summary>
public sealed record IssuedToken(string Text, string Id, DateTimeOffset ExpiresAt);

/// <summary>What a valid token says.</summary>
public sealed record TokenClaims(string Id, string Subject, DateTimeOffset ExpiresAt, int Version);

/// <summary>
/// Signed, expiring, single-purpose tokens (DESIGN.md, tokens): compact JWTs signed with HMAC-SHA256
/// by Microsoft.IdentityModel.JsonWebTokens, the key named in the header ("kid") so keys rotate.
/// Validation checks signature, algorithm, issuer, audience, purpose and lifetime against this
/// app's clock; single use, where a purpose needs it, is the caller's to record.
/// </summary>
public sealed class TokenService
{
    private const string Issuer = "solidaire";
    private const string PurposeClaim = "purpose";
    private const string VersionClaim = "ver";
    private const int MaxTokenBytes = 2048;

    private readonly JsonWebTokenHandler _handler = new() { MaximumTokenSizeInBytes = MaxTokenBytes, SetDefaultTimesOnTokenCreation = false };
    private readonly SymmetricSecurityKey[] _keys;
    private readonly SigningCredentials _signing;
    private readonly TimeProvider _time;

    public TokenService(IOptions<TokenOptions> options, TimeProvider time)
    {
        _time = time;
        var configured = options.Value;
        _keys = configured.SigningKeys
            .Select(k => new SymmetricSecurityKey(Convert.FromBase64String(k.Value)) { KeyId = k.Key })
            .ToArray();
        _signing = new SigningCredentials(_keys.Single(k => k.KeyId == configured.ActiveSigningKeyId), SecurityAlgorithms.HmacSha256);
    }

    public IssuedToken Issue(TokenPurpose purpose, string subject, TimeSpan lifetime, int version = 0)
    {
        var now = _time.GetUtcNow();
        // Whole seconds: the token says its expiry in seconds, and the caller may key storage by it.
        var expires = DateTimeOffset.FromUnixTimeSeconds((now + lifetime).ToUnixTimeSeconds());
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var text = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = purpose.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = _signing,
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = subject,
                [JwtRegisteredClaimNames.Jti] = id,
                [PurposeClaim] = purpose.Name,
                [VersionClaim] = version,
            },
        });
        return new IssuedToken(text, id, expires);
    }

    /// <summary>The claims of <paramref name="text"/> when it is a valid token for <paramref name="purpose"/>; null otherwise, whatever the reason.</summary>
    public Task<TokenClaims?> ValidateAsync(string? text, TokenPurpose purpose) => ValidateAsync(text, purpose, acceptExpired: false);

    /// <summary>
    /// The claims of a genuine token for <paramref name="purpose"/>, expired or not: for links whose
    /// expiry deserves its own answer ("this link has expired") rather than "this is not a link".
    /// The caller judges <see cref="TokenClaims.ExpiresAt"/>.
    /// </summary>
    public Task<TokenClaims?> ValidateGenuineAsync(string? text, TokenPurpose purpose) => ValidateAsync(text, purpose, acceptExpired: true);

    private async Task<TokenClaims?> ValidateAsync(string? text, TokenPurpose purpose, bool acceptExpired)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxTokenBytes)
            return null;
        var now = _time.GetUtcNow();
        var result = await _handler.ValidateTokenAsync(text, new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = purpose.Audience,
            IssuerSigningKeys = _keys,
            TryAllIssuerSigningKeys = false,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.Zero,
            // This app's clock, not the machine's: tests and the app agree on what "expired" means.
            LifetimeValidator = (notBefore, expires, _, _) =>
                expires is { } e && (acceptExpired || now < new DateTimeOffset(e, TimeSpan.Zero)) && (notBefore is not { } n || new DateTimeOffset(n, TimeSpan.Zero) <= now),
        }).ConfigureAwait(false);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken token)
            return null;
        if (!token.TryGetPayloadValue<string>(PurposeClaim, out var tokenPurpose) || tokenPurpose != purpose.Name)
            return null;
        if (string.IsNullOrEmpty(token.Subject) || string.IsNullOrEmpty(token.Id))
            return null;
        var version = token.TryGetPayloadValue<int>(VersionClaim, out var v) ? v : 0;
        return new TokenClaims(token.Id, token.Subject, new DateTimeOffset(token.ValidTo, TimeSpan.Zero), version);
    }
}
