using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using Solidaire.Core.Configuration;

namespace Solidaire.Core.Intake;

/// <summary>
/// Looks for crisis signals in a client's words (rule 2; §3.1, §3.7, §5.1: coaches are not
/// therapists and must know when to step back and refer). A match never blocks anything: it flags
/// the intake urgent so a coordinator sees it at once. A false alarm costs a look; a missed one could
/// cost far more, so the list leans towards catching.
/// </summary>
public sealed class CrisisSignals
{
    private static readonly string[] BuiltIn =
    [
        // Français : suicide, automutilation
        "suicide", "suicidaire", "suicidaires", "suicider", "me suicide", "idees suicidaires", "idees noires", "me tuer", "me foutre en l air", "mettre fin a mes jours", "mettre fin a ma vie", "en finir",
        "envie de mourir", "veux mourir", "plus envie de vivre", "pas envie de vivre", "tentative de suicide",
        "me faire du mal", "me fais du mal", "automutilation", "me scarifier", "me scarifie", "scarification",
        // Français : violence, danger
        "violence", "violences", "me frappe", "m a frappe", "m a frappee", "me bat", "me battre", "battu", "battue", "me tape", "m a tape", "m a tapee", "menace de mort", "menaces de mort",
        "je suis en danger", "en danger de mort",
        // Français : urgence médicale
        "crise cardiaque", "douleur thoracique", "douleur dans la poitrine", "overdose", "surdose", "avale des medicaments",
        "je n arrive plus a respirer", "urgence medicale",
        // English: suicide, self-harm
        "suicidal", "suicidal thoughts", "kill myself", "killing myself", "end my life", "ending my life", "end it all", "take my own life", "want to die", "wanna die", "better off dead",
        "no reason to live", "don t want to live", "self harm", "self harming", "hurt myself", "hurting myself", "harm myself", "harming myself", "cutting myself", "overdosed",
        // English: violence, danger
        "violent", "abuse", "abused", "abusing me", "beats me", "beat me", "beating me", "hits me", "hit me", "hitting me", "threatened to kill", "death threat", "death threats", "i am in danger", "i m in danger",
        // English: medical emergency
        "heart attack", "chest pain", "can t breathe", "cannot breathe", "medical emergency",
    ];

    private readonly string[] _signals;

    public CrisisSignals(IOptions<IntakeOptions> options)
    {
        _signals = BuiltIn.Concat(SettingList.Split(options.Value.ExtraCrisisSignals))
            .Select(Normalize)
            .Where(s => s.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
    }

    public bool AreIn(string text)
    {
        var words = " " + Normalize(text) + " ";
        return _signals.Any(s => words.Contains(" " + s + " ", StringComparison.Ordinal));
    }

    /// <summary>Lowercase, no accents, every run of non-letters one space: "M'a frappée !" → "m a frappee".</summary>
    internal static string Normalize(string text) => Forms.FormFields.Comparable(text);
}
