using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Solidaire.Core.Staff;
using Solidaire.Core.Tokens;

namespace Solidaire.Core.Tests.Tokens;

public sealed class TokenServiceTests
{
    private static readonly string KeyA = Convert.ToBase64String(Enumerable.Repeat((byte)1, 32).ToArray());
    private static readonly string KeyB = Convert.ToBase64String(Enumerable.Repeat((byte)2, 32).ToArray());

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));

    private TokenService Service(string active, params (string Id, string Key)[] keys) => new(Options.Create(new TokenOptions
    {
        SigningKeys = keys.ToDictionary(k => k.Id, k => k.Key),
        ActiveSigningKeyId = active,
    }), _time);

    [Fact]
    public async Task IssuedToken_IsValidForItsPurpose_WithItsSubjectIdAndVersion()
    {
        var tokens = Service("a", ("a", KeyA));
        var issued = tokens.Issue(TokenPurpose.StaffSignIn, "m123", TimeSpan.FromMinutes(15), version: 3);

        var claims = await tokens.ValidateAsync(issued.Text, TokenPurpose.StaffSignIn);

        Assert.NotNull(claims);
        Assert.Equal("m123", claims.Subject);
        Assert.Equal(issued.Id, claims.Id);
        Assert.Equal(3, claims.Version);
        Assert.Equal(_time.GetUtcNow().AddMinutes(15), claims.ExpiresAt);
    }

    [Fact]
    public async Task Token_IsRefusedForAnotherPurpose()
    {
        var tokens = Service("a", ("a", KeyA));
        var issued = tokens.Issue(TokenPurpose.StaffSignIn, "m123", TimeSpan.FromMinutes(15));

        Assert.Null(await tokens.ValidateAsync(issued.Text, TokenPurpose.StaffAccess));
    }

    [Fact]
    public async Task Token_IsRefusedFromTheSecondItExpires()
    {
        var tokens = Service("a", ("a", KeyA));
        var issued = tokens.Issue(TokenPurpose.StaffAccess, "m123", TimeSpan.FromHours(8));

        _time.Advance(TimeSpan.FromHours(8) - TimeSpan.FromSeconds(1));
        Assert.NotNull(await tokens.ValidateAsync(issued.Text, TokenPurpose.StaffAccess));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await tokens.ValidateAsync(issued.Text, TokenPurpose.StaffAccess));
    }

    [Fact]
    public async Task GenuineButExpiredToken_IsKnownAsSuch_WhileForgedOnesAreNot()
    {
        var tokens = Service("a", ("a", KeyA));
        var issued = tokens.Issue(TokenPurpose.ContractLink, "contract", TimeSpan.FromDays(14));
        _time.Advance(TimeSpan.FromDays(15));

        Assert.Null(await tokens.ValidateAsync(issued.Text, TokenPurpose.ContractLink));
        var genuine = await tokens.ValidateGenuineAsync(issued.Text, TokenPurpose.ContractLink);
        Assert.NotNull(genuine);
        Assert.True(genuine.ExpiresAt < _time.GetUtcNow());
        Assert.Null(await Service("b", ("b", KeyB)).ValidateGenuineAsync(issued.Text, TokenPurpose.ContractLink));
        Assert.Null(await tokens.ValidateGenuineAsync(issued.Text, TokenPurpose.StaffSignIn));
    }

    [Fact]
    public async Task AfterRotation_OldTokensStillOpen_NewOnesAreSignedWithTheNewKey()
    {
        var before = Service("a", ("a", KeyA));
        var old = before.Issue(TokenPurpose.StaffAccess, "m1", TimeSpan.FromHours(8));
        var after = Service("b", ("a", KeyA), ("b", KeyB));

        Assert.NotNull(await after.ValidateAsync(old.Text, TokenPurpose.StaffAccess));
        var fresh = after.Issue(TokenPurpose.StaffAccess, "m1", TimeSpan.FromHours(8));
        Assert.Null(await before.ValidateAsync(fresh.Text, TokenPurpose.StaffAccess)); // the old key alone does not open it
    }

    [Fact]
    public async Task TokenSignedWithARetiredKey_IsRefused()
    {
        var old = Service("a", ("a", KeyA)).Issue(TokenPurpose.StaffAccess, "m1", TimeSpan.FromHours(8));

        Assert.Null(await Service("b", ("b", KeyB)).ValidateAsync(old.Text, TokenPurpose.StaffAccess));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a token")]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJzdWIiOiJtMSJ9.")]
    public async Task Garbage_IsRefusedWithoutThrowing(string text)
    {
        Assert.Null(await Service("a", ("a", KeyA)).ValidateAsync(text, TokenPurpose.StaffAccess));
    }

    [Fact]
    public async Task OversizedToken_IsRefused()
    {
        Assert.Null(await Service("a", ("a", KeyA)).ValidateAsync(new string('a', 100_000), TokenPurpose.StaffAccess));
    }

    [Fact]
    public void Charter_IsShippedWithTheApp_AndItsHashIsStable()
    {
        Assert.StartsWith("Charte du Collectif", Charter.Current.Text.TrimStart(), StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{64}$", Charter.Current.Sha256);
    }
}
