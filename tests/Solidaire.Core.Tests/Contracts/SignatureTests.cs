using System.Text.Json;
using Solidaire.Core.Contracts;

namespace Solidaire.Core.Tests.Contracts;

public sealed class SignatureTests
{
    private static readonly string Sha = new('a', 64);
    private static readonly SignatureContext Context = new(Sha, UsualPricePerSessionEur: 90m, SessionsPlanned: 3, ClientFirstName: "Amélie", ClientLastName: "Durand");

    private static JsonElement Body(string counterpart, string name = "Amélie Durand", string sha = "", string understood = "true", string supervision = "false") =>
        JsonDocument.Parse($$"""{"counterpart":{{counterpart}},"understood":{{understood}},"supervisionConsent":{{supervision}},"signatureName":"{{name}}","sha256":"{{(sha.Length == 0 ? Sha : sha)}}"}""").RootElement;

    private static SignatureForm Form(JsonElement body)
    {
        var parsed = Signature.Parse(body);
        Assert.True(parsed.IsSuccess, string.Join("; ", parsed.Failure?.Errors?.Select(e => e.Key + ": " + string.Join(",", e.Value)) ?? []));
        return parsed.Value;
    }

    private static IReadOnlyDictionary<string, string[]> Errors(JsonElement body)
    {
        var parsed = Signature.Parse(body);
        Assert.False(parsed.IsSuccess);
        Assert.Equal("validation_failed", parsed.Failure!.Code);
        return parsed.Failure.Errors!;
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("1.00", 1)]
    [InlineData("45.5", 45.5)]
    [InlineData("270", 270)]
    public void FinancialContribution_FromOneEuroToTheUsualTotal_IsAccepted(string amount, decimal expected)
    {
        var form = Form(Body($$"""{"kind":"financial","amountEur":{{amount}}}"""));

        Assert.Equal(new Counterpart.Financial(expected), form.Counterpart);
        Assert.Null(Signature.Check(form, Context));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0.99")]
    [InlineData("-5")]
    public void FinancialContribution_UnderOneEuro_IsRefusedAsBelowTheMinimum(string amount)
    {
        Assert.Equal("amount_below_minimum", Signature.Check(Form(Body($$"""{"kind":"financial","amountEur":{{amount}}}""")), Context)!.Code);
    }

    [Fact]
    public void FinancialContribution_OverTheUsualTotal_IsRefusedAsAboveTheMaximum()
    {
        var failure = Signature.Check(Form(Body("""{"kind":"financial","amountEur":270.01}""")), Context)!;

        Assert.Equal("amount_above_maximum", failure.Code);
        Assert.Contains("270.00", failure.Title, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"10\"")]
    [InlineData("null")]
    [InlineData("1.001")]
    [InlineData("true")]
    public void FinancialContribution_NotAnAmountToTheCent_IsAValidationProblem(string amount)
    {
        Assert.Contains("counterpart.amountEur", Errors(Body($$"""{"kind":"financial","amountEur":{{amount}}}""")).Keys);
    }

    [Fact]
    public void NonFinancialContribution_WithADescription_IsAccepted()
    {
        var form = Form(Body("""{"kind":"non_financial","description":"Je relirai les statuts de l'association."}"""));

        Assert.Equal(new Counterpart.NonFinancial("Je relirai les statuts de l'association."), form.Counterpart);
    }

    [Theory]
    [InlineData("""{"kind":"non_financial","description":""}""")]
    [InlineData("""{"kind":"non_financial","description":"   "}""")]
    [InlineData("""{"kind":"non_financial","description":"court"}""")]
    [InlineData("""{"kind":"non_financial"}""")]
    public void NonFinancialContribution_WithoutARealDescription_IsRefused(string counterpart)
    {
        Assert.Contains("counterpart.description", Errors(Body(counterpart)).Keys);
    }

    [Theory]
    [InlineData("""{"kind":"gift"}""", "counterpart.kind")]
    [InlineData("""{"kind":"financial","amountEur":5,"description":"x"}""", "counterpart.description")]
    [InlineData("\"5\"", "counterpart")]
    public void Counterpart_OfAnotherShape_IsRefused(string counterpart, string field)
    {
        Assert.Contains(field, Errors(Body(counterpart)).Keys);
    }

    [Fact]
    public void NotConfirmingTheTermsWereUnderstood_IsRefused()
    {
        Assert.Contains("understood", Errors(Body("""{"kind":"financial","amountEur":1}""", understood: "false")).Keys);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public void SupervisionConsent_YesOrNo_IsRecordedAsGiven(string given, bool expected)
    {
        Assert.Equal(expected, Form(Body("""{"kind":"financial","amountEur":1}""", supervision: given)).SupervisionConsent);
    }

    [Fact]
    public void SupervisionConsent_Missing_IsRefused()
    {
        Assert.Contains("supervisionConsent", Errors(Body("""{"kind":"financial","amountEur":1}""", supervision: "null")).Keys);
    }

    [Theory]
    [InlineData("Amélie Durand")]
    [InlineData("amelie durand")]
    [InlineData("DURAND Amélie")]
    [InlineData("  Ame\u0301lie   Durand ")]
    public void TypedName_ThePersonsNameInAnyCaseOrderOrAccents_Matches(string typed)
    {
        Assert.Null(Signature.Check(Form(Body("""{"kind":"financial","amountEur":1}""", name: typed)), Context));
    }

    [Theory]
    [InlineData("Amélie")]
    [InlineData("Jeanne Dupont")]
    [InlineData("Amélie Durand-Martin")]
    public void TypedName_NotThePersons_IsRefused(string typed)
    {
        Assert.Equal("signature_name_mismatch", Signature.Check(Form(Body("""{"kind":"financial","amountEur":1}""", name: typed)), Context)!.Code);
    }

    [Fact]
    public void AHashOtherThanTheContractInForce_IsRefused_ContractChanged()
    {
        Assert.Equal("contract_changed", Signature.Check(Form(Body("""{"kind":"financial","amountEur":1}""", sha: new string('b', 64))), Context)!.Code);
    }

    [Fact]
    public void UnknownField_IsRefused_SoNobodySetsWhatTheClientDoesNot()
    {
        var body = JsonDocument.Parse($$"""{"counterpart":{"kind":"financial","amountEur":1},"understood":true,"supervisionConsent":true,"signatureName":"Amélie Durand","sha256":"{{Sha}}","usualPricePerSessionEur":1}""").RootElement;

        Assert.Contains("usualPricePerSessionEur", Errors(body).Keys);
    }
}
