using Solidaire.Core.Intake;

namespace Solidaire.Core.Tests.Intake;

public sealed class CrisisSignalsTests
{
    private static CrisisSignals Signals(string extra = "") =>
        new(Microsoft.Extensions.Options.Options.Create(new IntakeOptions { ExtraCrisisSignals = extra }));

    [Theory]
    [InlineData("Je veux EN FINIR.")]
    [InlineData("il m'a frappée")]
    [InlineData("Il M’A FRAPPEE hier soir")]
    [InlineData("Je pense à me suicider")]
    [InlineData("I feel SUICIDAL")]
    [InlineData("je n'ai plus envie de vivre")]
    [InlineData("Je n’arrive plus à respirer")]
    [InlineData("douleur thoracique depuis ce matin")]
    [InlineData("I want to kill myself")]
    [InlineData("I can't breathe")]
    [InlineData("I'm in danger at home")]
    [InlineData("chest pain")]
    [InlineData("CHEST-PAIN!!!")]
    public void AreIn_WhenTextHoldsACrisisExpression_FlagsIt(string text)
    {
        var found = Signals().AreIn(text);

        Assert.True(found);
    }

    [Theory]
    [InlineData("J'ai des idées suicidaires")] // "suicidaire" is listed, not the plural
    [InlineData("I keep thinking about killing myself")] // "kill myself" is listed, not "killing myself"
    [InlineData("I have been hurting myself")] // "hurt myself" is listed, not "hurting myself"
    [InlineData("He hit me last night")] // "hits me" is listed, not "hit me"
    [InlineData("Mon mari me bat")] // "me frappe" and "battu" are listed, not "me bat"
    public void AreIn_WhenTextHoldsAnInflectedCrisisExpression_FlagsIt(string text)
    {
        var found = Signals().AreIn(text);

        Assert.True(found);
    }

    [Theory]
    [InlineData("la crise économique frappe notre secteur")]
    [InlineData("our cash flow is in danger")]
    [InlineData("Notre entreprise est en danger, je dois réorganiser mon équipe.")]
    [InlineData("I would like to improve how I delegate to my team.")]
    [InlineData("Je veux mieux gérer mes priorités et mon temps.")]
    public void AreIn_WhenTextIsOrdinaryBusinessTalk_DoesNotFlagIt(string text)
    {
        var found = Signals().AreIn(text);

        Assert.False(found);
    }

    [Theory]
    [InlineData("La violence des échanges en réunion m'épuise.")]
    [InlineData("Je veux en finir avec ce projet.")]
    public void AreIn_WhenBusinessTextUsesAListedExpression_FlagsItAnyway(string text)
    {
        // By design: the list leans towards catching; a false alarm costs a coordinator a look.
        var found = Signals().AreIn(text);

        Assert.True(found);
    }

    [Fact]
    public void AreIn_WhenListedWordStandsAlone_FlagsIt()
    {
        var found = Signals().AreIn("My manager's abuse has gone on for months.");

        Assert.True(found);
    }

    [Theory]
    [InlineData("My manager sends abusive emails.")] // "abuse" inside "abusive"
    [InlineData("The market reacted violently.")] // "violent" inside "violently"
    [InlineData("Il a combattu pour garder son poste.")] // "battu" inside "combattu"
    public void AreIn_WhenListedWordIsOnlyPartOfALongerWord_DoesNotFlagIt(string text)
    {
        var found = Signals().AreIn(text);

        Assert.False(found);
    }

    [Fact]
    public void AreIn_WhenExpressionIsSplitAcrossLines_StillFlagsIt()
    {
        var found = Signals().AreIn("Je veux en\r\nfinir.");

        Assert.True(found);
    }

    [Fact]
    public void AreIn_WhenExtraSignalIsConfigured_FlagsIt()
    {
        var signals = Signals("burn-out, Harcèlement");

        Assert.True(signals.AreIn("Je subis du HARCELEMENT au travail."));
    }

    [Fact]
    public void AreIn_WhenExtraSignalIsConfigured_MatchesItRegardlessOfPunctuation()
    {
        var signals = Signals("burn-out, harcèlement");

        Assert.True(signals.AreIn("Je suis au bord du Burn Out."));
    }

    [Fact]
    public void AreIn_WhenExtraSignalsAreSemicolonSeparated_FlagsEach()
    {
        var signals = Signals("burn-out;harcèlement");

        Assert.True(signals.AreIn("burn out"));
        Assert.True(signals.AreIn("harcelement"));
    }

    [Fact]
    public void AreIn_WhenNoExtraSignalIsConfigured_DoesNotFlagTheExtraExpression()
    {
        var found = Signals().AreIn("Je subis du harcèlement au travail.");

        Assert.False(found);
    }

    [Fact]
    public void AreIn_WhenExtraSignalsAreConfigured_KeepsTheBuiltInOnes()
    {
        var found = Signals("burn-out").AreIn("I want to kill myself");

        Assert.True(found);
    }

    [Fact]
    public void AreIn_WhenExtraSignalsHoldOnlyPunctuation_DoesNotFlagEveryText()
    {
        var found = Signals(" , - , !! ").AreIn("Je veux mieux gérer mon temps.");

        Assert.False(found);
    }
}
