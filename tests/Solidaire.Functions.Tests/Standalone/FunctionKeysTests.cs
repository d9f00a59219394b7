using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Solidaire.Functions.Metadata;
using Solidaire.Functions.Standalone;

namespace Solidaire.Functions.Tests.Standalone;

/// <summary>Standalone mode applies auth levels as the Functions host does; without a configured key, the level is closed.</summary>
public sealed class FunctionKeysTests
{
    private const string FunctionKey = "function-key-1";
    private const string MasterKey = "master-key-1";

    private static readonly IConfiguration BothKeys = Configuration(FunctionKey, MasterKey);

    private static IConfiguration Configuration(string? functionKey, string? masterKey) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Standalone:FunctionKey"] = functionKey,
            ["Standalone:MasterKey"] = masterKey,
        }).Build();

    private static DefaultHttpContext Request(string? header = null, string? code = null)
    {
        var http = new DefaultHttpContext();
        if (header is not null)
            http.Request.Headers["x-functions-key"] = header;
        if (code is not null)
            http.Request.QueryString = QueryString.Create("code", code);
        return http;
    }

    [Fact]
    public void Anonymous_NeedsNoKey() =>
        Assert.True(FunctionKeys.Allows(Request(), AuthLevel.Anonymous, Configuration(null, null)));

    [Theory]
    [InlineData(AuthLevel.Function)]
    [InlineData(AuthLevel.Admin)]
    public void KeyedLevel_WithoutAKey_IsRefused(AuthLevel level) =>
        Assert.False(FunctionKeys.Allows(Request(), level, BothKeys));

    [Theory]
    [InlineData(FunctionKey, null, AuthLevel.Function, true)]
    [InlineData(null, FunctionKey, AuthLevel.Function, true)]
    [InlineData(MasterKey, null, AuthLevel.Function, true)]
    [InlineData(MasterKey, null, AuthLevel.Admin, true)]
    [InlineData(null, MasterKey, AuthLevel.Admin, true)]
    [InlineData(FunctionKey, null, AuthLevel.Admin, false)]
    [InlineData("wrong", null, AuthLevel.Function, false)]
    [InlineData("function-key-", null, AuthLevel.Function, false)]
    public void PresentedKey_InHeaderOrCode_OpensWhatItShould(string? header, string? code, AuthLevel level, bool allowed) =>
        Assert.Equal(allowed, FunctionKeys.Allows(Request(header, code), level, BothKeys));

    [Theory]
    [InlineData(AuthLevel.Function, "")]
    [InlineData(AuthLevel.Admin, "")]
    [InlineData(AuthLevel.Function, "anything")]
    public void NoConfiguredKey_ClosesTheLevel_WhateverIsPresented(AuthLevel level, string presented) =>
        Assert.False(FunctionKeys.Allows(Request(header: presented), level, Configuration(functionKey: "", masterKey: null)));
}
