using Solidaire.Core.Contracts;

namespace Solidaire.Core.Tests.Contracts;

public sealed class ContractTemplateTests
{
    private const char Nnbsp = '\u202F';
    private const string Contact = "ethique@solidaire.example";

    private static ContractTerms Terms(string language = "fr") => new(
        Language: language,
        Reference: "7KQ2-M9XD-4TZB",
        ClientFirstName: "Amélie",
        ClientLastName: "Poulain",
        CoachDisplayName: "Camille Martin",
        CoachCertification: "certified",
        CoachCertifyingBody: "EMCC",
        SessionsPlanned: 4,
        Format: "video",
        UsualPricePerSessionEur: 90m,
        CoachMessage: "Bonjour Amélie,\nà très vite.",
        Retention: ContractRetention.From(new Solidaire.Core.Retention.RetentionOptions()),
        ComplaintContact: Contact,
        IssuedAt: new DateTimeOffset(2026, 11, 12, 14, 5, 0, TimeSpan.Zero));

    /// <summary>The headings each language's contract has, in order, when the coach wrote a message.</summary>
    private static readonly Dictionary<string, string[]> Headings = new()
    {
        ["fr"] =
        [
            "Les parties", "La qualification de votre coach", "L'engagement de votre coach envers la charte",
            "Ce qu'est cet accompagnement, et ce qu'il n'est pas", "En cas d'urgence", "Les séances", "Le format des séances",
            "Tarif habituel et contrepartie", "Confidentialité", "Supervision", "Conservation et destruction de vos données",
            "Réclamation", "Le mot de votre coach", "Signer ce contrat", "Version et date",
        ],
        ["en"] =
        [
            "The parties", "Your coach's qualification", "Your coach's commitment to the charter",
            "What this support is, and what it is not", "In an emergency", "Sessions", "How sessions take place",
            "Usual price and your contribution", "Confidentiality", "Supervision", "Keeping and destroying your data",
            "Making a complaint", "A word from your coach", "Signing this agreement", "Version and date",
        ],
    };

    private enum Part { Parties, Qualification, Charter, Nature, Emergency, Sessions, Format, Price, Confidentiality, Supervision, Retention, Complaint, Message, Signing, Version }

    /// <summary>The paragraphs under one heading, joined by "\n": asserting there proves the element has its own section.</summary>
    private static string Section(ContractDocument contract, Part part)
    {
        var heading = Headings[contract.Language][(int)part];
        var section = Assert.Single(contract.Sections, s => s.Heading == heading);
        return string.Join("\n", section.Paragraphs);
    }

    private static string Read(ContractTerms terms, Part part) => Section(ContractTemplate.Generate(terms), part);

    /// <summary>Each phrase stands in the text, exactly as written.</summary>
    private static void AssertSays(string text, params string[] phrases)
    {
        foreach (var phrase in phrases)
            Assert.Contains(phrase, text, StringComparison.Ordinal);
    }

    // --- Shape ---

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public void Generate_GivesEachRequiredElementItsOwnSection_InOrder(string language)
    {
        var contract = ContractTemplate.Generate(Terms(language));

        Assert.Equal(Headings[language], contract.Sections.Select(s => s.Heading));
        Assert.Equal(language, contract.Language);
        Assert.Equal(ContractTemplate.Version, contract.TemplateVersion);
    }

    [Theory]
    [InlineData("fr", "Contrat d'accompagnement de soutien solidaire")]
    [InlineData("en", "Solidarity support agreement")]
    public void Generate_TitlesTheContractInItsLanguage(string language, string title)
    {
        var contract = ContractTemplate.Generate(Terms(language));

        Assert.Equal(title, contract.Title);
        Assert.StartsWith(title + "\n\n", contract.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("fr")]
    [InlineData("de")]
    [InlineData("EN")]
    [InlineData("en-GB")]
    public void Generate_WhenTheLanguageIsAnythingButEn_IsFrench(string language)
    {
        var contract = ContractTemplate.Generate(Terms(language));

        Assert.Equal("fr", contract.Language);
        Assert.Equal(ContractTemplate.Generate(Terms("fr")).Text, contract.Text);
    }

    // --- Each element of rule 5 ---

    [Theory]
    [InlineData("fr", "Vous : Amélie Poulain", "Votre coach : Camille Martin", "collectif Solidaire")]
    [InlineData("en", "You: Amélie Poulain", "Your coach: Camille Martin", "Solidaire collective")]
    public void Generate_NamesTheClientTheCoachAndTheCollective(string language, string client, string coach, string collective)
    {
        var parties = Read(Terms(language), Part.Parties);

        AssertSays(parties, client, coach, collective, "7KQ2-M9XD-4TZB");
    }

    [Theory]
    [InlineData("fr", "Camille Martin a signé la charte du collectif Solidaire et s'engage à la respecter")]
    [InlineData("en", "Camille Martin has signed the charter of the Solidaire collective and commits to respecting it")]
    public void Generate_StatesTheCoachSignedTheCharterAndCommitsToIt(string language, string commitment)
    {
        var charter = Read(Terms(language), Part.Charter);

        Assert.Contains(commitment, charter, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr", "C'est du coaching. Ce n'est ni une thérapie, ni un suivi psychologique, ni un soin médical.", "vous oriente vers un·e autre coach du collectif ou vers un professionnel adapté")]
    [InlineData("en", "It is coaching. It is not therapy, psychological counselling or medical care.", "refers you to another coach of the collective or to a suitable professional")]
    public void Generate_StatesCoachingIsNotTherapyAndTheCoachRefersWhenNeeded(string language, string notTherapy, string referral)
    {
        var nature = Read(Terms(language), Part.Nature);

        AssertSays(nature, notTherapy, referral);
    }

    [Theory]
    [InlineData("fr", "appelez le 3114", "appelez le 15", "le 112", "numéro d'urgence local")]
    [InlineData("en", "call 3114", "call 15", "112", "local emergency number")]
    public void Generate_GivesTheEmergencyNumbers(string language, string suicide, string medical, string european, string abroad)
    {
        var emergency = Read(Terms(language), Part.Emergency);

        AssertSays(emergency, suicide, medical, european, abroad);
    }

    [Theory]
    [InlineData("fr", 1, "Votre accompagnement comprend 1 séance.")]
    [InlineData("fr", 2, "Votre accompagnement comprend 2 séances,")]
    [InlineData("fr", 3, "Votre accompagnement comprend 3 séances,")]
    [InlineData("fr", 4, "Votre accompagnement comprend 4 séances,")]
    [InlineData("en", 1, "Your support is 1 session.")]
    [InlineData("en", 2, "Your support is 2 sessions,")]
    [InlineData("en", 3, "Your support is 3 sessions,")]
    [InlineData("en", 4, "Your support is 4 sessions,")]
    public void Generate_StatesTheNumberOfSessionsPlanned(string language, int sessions, string statement)
    {
        var text = Read(Terms(language) with { SessionsPlanned = sessions }, Part.Sessions);

        Assert.Contains(statement, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr", "jamais plus de 4 séances", "un contrat de coaching classique, en dehors de ce programme solidaire", "vous orienter vers d'autres professionnels")]
    [InlineData("en", "never more than 4 sessions", "a classic coaching contract, outside this solidarity programme", "refer you to other professionals")]
    public void Generate_StatesWhatHappensAfterFourSessions(string language, string limit, string classic, string referral)
    {
        var sessions = Read(Terms(language), Part.Sessions);

        AssertSays(sessions, limit, classic, referral);
    }

    [Theory]
    [InlineData("fr", "video", "Les séances ont lieu en visioconférence.")]
    [InlineData("fr", "phone", "Les séances ont lieu par téléphone.")]
    [InlineData("fr", "in_person", "Les séances ont lieu en personne")]
    [InlineData("en", "video", "Sessions take place by video call.")]
    [InlineData("en", "phone", "Sessions take place by phone.")]
    [InlineData("en", "in_person", "Sessions take place in person")]
    public void Generate_StatesTheFormat(string language, string format, string statement)
    {
        var text = Read(Terms(language) with { Format = format }, Part.Format);

        Assert.Contains(statement, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr", "par défaut : le collectif privilégie les rencontres à distance")]
    [InlineData("en", "default format: the collective prefers remote meetings")]
    public void Generate_ForVideo_SaysItIsTheRemoteDefault(string language, string statement)
    {
        var text = Read(Terms(language) with { Format = "video" }, Part.Format);

        Assert.Contains(statement, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr", "90,00\u202F€ par séance", "soit 360,00\u202F€ pour 4 séances prévues")]
    [InlineData("en", "€90.00 per session", "that is €360.00 for 4 sessions planned")]
    public void Generate_StatesTheUsualPricePerSessionAndTheUsualTotal(string language, string price, string total)
    {
        var text = Read(Terms(language), Part.Price);

        AssertSays(text, price, total);
    }

    [Theory]
    [InlineData("fr", "1\u202F250,50\u202F€ par séance", "soit 3\u202F751,50\u202F€ pour 3 séances prévues")]
    [InlineData("en", "€1,250.50 per session", "that is €3,751.50 for 3 sessions planned")]
    public void Generate_GroupsThousandsAsEachLanguageWritesThem(string language, string price, string total)
    {
        var text = Read(Terms(language) with { UsualPricePerSessionEur = 1250.50m, SessionsPlanned = 3 }, Part.Price);

        AssertSays(text, price, total);
    }

    [Theory]
    [InlineData("fr", "vous seul·e, qui choisissez votre contrepartie", "un montant de 1,00\u202F€ à 360,00\u202F€", "non financière : un échange que vous décrivez", "Aucun autre paiement", "Votre coach ne peut ni la fixer ni la modifier.")]
    [InlineData("en", "only you, choose your contribution", "any amount from €1.00 to €360.00", "non-financial: an exchange you describe", "No other payment", "Your coach can neither set it nor change it.")]
    public void Generate_StatesTheClientAloneChoosesAContributionFromOneEuroToTheTotalOrNonFinancial(
        string language, string choice, string range, string nonFinancial, string noOtherPayment, string coachCannotSet)
    {
        var text = Read(Terms(language), Part.Price);

        AssertSays(text, choice, range, nonFinancial, noOtherPayment, coachCannotSet);
    }

    /// <summary>Every variant of the template's own words (the coach's message is theirs, so it is left out).</summary>
    [Theory]
    [InlineData("video", "certified", "EMCC", 4)]
    [InlineData("phone", "in_training", null, 1)]
    [InlineData("in_person", "certified", null, 2)]
    [InlineData("video", "in_training", "ICF", 3)]
    public void Generate_InEnglish_SaysContributionAndNeverCounterpart(string format, string certification, string? body, int sessions)
    {
        var terms = Terms("en") with { Format = format, CoachCertification = certification, CoachCertifyingBody = body, SessionsPlanned = sessions, CoachMessage = null };

        var text = ContractTemplate.Generate(terms).Text;

        Assert.Contains("contribution", text, StringComparison.Ordinal);
        Assert.DoesNotContain("counterpart", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("contrepartie", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Generate_InFrench_SaysContrepartie()
    {
        var text = Read(Terms("fr"), Part.Price);

        Assert.Contains("contrepartie", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr", "reste strictement confidentiel", "danger grave", "si la loi l'y oblige")]
    [InlineData("en", "stays strictly confidential", "serious danger", "when the law requires it")]
    public void Generate_StatesConfidentialityAndItsLegalLimits(string language, string confidential, string danger, string law)
    {
        var text = Read(Terms(language), Part.Confidentiality);

        AssertSays(text, confidential, danger, law);
    }

    [Theory]
    [InlineData("fr", "travaille sous supervision", "de façon anonyme", "Vous répondez oui ou non", "règles strictes de confidentialité")]
    [InlineData("en", "works under supervision", "always anonymously", "You answer yes or no", "strict confidentiality rules")]
    public void Generate_StatesSupervisionAndThatTheClientSaysYesOrNo(string language, string supervision, string anonymous, string yesOrNo, string confidential)
    {
        var text = Read(Terms(language), Part.Supervision);

        AssertSays(text, supervision, anonymous, yesOrNo, confidential);
    }

    [Theory]
    [InlineData("fr", "EMCC", "Camille Martin est coach certifié·e par EMCC.")]
    [InlineData("fr", null, "Camille Martin est coach certifié·e.")]
    [InlineData("en", "EMCC", "Camille Martin is a coach certified by EMCC.")]
    [InlineData("en", null, "Camille Martin is a certified coach.")]
    public void Generate_ForACertifiedCoach_SaysCertifiedAndByWhom(string language, string? body, string statement)
    {
        var text = Read(Terms(language) with { CoachCertification = "certified", CoachCertifyingBody = body }, Part.Qualification);

        Assert.Contains(statement, text, StringComparison.Ordinal);
        Assert.DoesNotContain(language == "en" ? "not yet certified" : "pas encore certifié", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr", "ICF", "Camille Martin est coach en formation, en vue d'une certification par ICF. Camille Martin n'est pas encore certifié·e.", "est coach certifié")]
    [InlineData("fr", null, "Camille Martin est coach en formation. Camille Martin n'est pas encore certifié·e.", "est coach certifié")]
    [InlineData("en", "ICF", "Camille Martin is a coach in training, working towards certification by ICF. Camille Martin is not yet certified.", "coach certified by")]
    [InlineData("en", null, "Camille Martin is a coach in training. Camille Martin is not yet certified.", "is a certified coach")]
    public void Generate_ForACoachInTraining_SaysInTrainingAndNotYetCertified(string language, string? body, string statement, string neverClaimed)
    {
        var text = Read(Terms(language) with { CoachCertification = "in_training", CoachCertifyingBody = body }, Part.Qualification);

        Assert.Contains(statement, text, StringComparison.Ordinal);
        Assert.DoesNotContain(neverClaimed, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr", "détruites 180 jours après la fin", "pendant 5 ans après la fin", "détruite 90 jours après sa dernière modification")]
    [InlineData("en", "destroyed 180 days after the support ends", "for 5 years after the support ends", "destroyed 90 days after its last change")]
    public void Generate_StatesTheRetentionPeriodsFromTheTerms(string language, string workingData, string evidence, string intake)
    {
        var text = Read(Terms(language), Part.Retention);

        AssertSays(text, workingData, evidence, intake);
    }

    [Theory]
    [InlineData("fr", "détruites 30 jours après la fin", "pendant 1 an après la fin", "détruite 1 jour après sa dernière modification", "180 jours")]
    [InlineData("en", "destroyed 30 days after the support ends", "for 1 year after the support ends", "destroyed 1 day after its last change", "180 days")]
    public void Generate_WhenTheRetentionSettingsChange_StatesTheNewPeriods(string language, string workingData, string evidence, string intake, string oldPeriod)
    {
        var terms = Terms(language) with { Retention = new ContractRetention(WorkingDataDaysAfterClosure: 30, EvidenceYearsAfterClosure: 1, UnfollowedIntakeDays: 1, ComplaintYearsAfterClosure: 1, OutboxDays: 1, AccessLogDays: 1) };

        var text = Read(terms, Part.Retention);

        AssertSays(text, workingData, evidence, intake);
        Assert.DoesNotContain(oldPeriod, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr", "Vous pouvez demander l'effacement de vos données à tout moment")]
    [InlineData("en", "You can ask for your data to be erased at any time")]
    public void Generate_StatesTheRightToAskForErasure(string language, string erasure)
    {
        var text = Read(Terms(language), Part.Retention);

        Assert.Contains(erasure, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr", "référent·es éthique du collectif : ethique@solidaire.example.", "pas à votre coach")]
    [InlineData("en", "the collective's ethics referents: ethique@solidaire.example.", "not to your coach")]
    public void Generate_GivesTheEthicsReferentsContactForComplaints(string language, string contact, string notTheCoach)
    {
        var text = Read(Terms(language), Part.Complaint);

        AssertSays(text, contact, notTheCoach);
    }

    [Theory]
    [InlineData("fr", "Modèle de contrat version 2026-11-2.", "Contrat émis le 12 novembre 2026 à 14:05 (UTC).")]
    [InlineData("en", "Agreement template version 2026-11-2.", "Agreement issued on 12 November 2026 at 14:05 (UTC).")]
    public void Generate_StatesTheTemplateVersionAndTheIssueDate(string language, string version, string issued)
    {
        var text = Read(Terms(language), Part.Version);

        Assert.Equal(version + "\n" + issued, text);
        Assert.Equal("2026-11-2", ContractTemplate.Version);
    }

    [Theory]
    [InlineData("fr", "Contrat émis le 1er mars 2027 à 23:30 (UTC).")]
    [InlineData("en", "Agreement issued on 1 March 2027 at 23:30 (UTC).")]
    public void Generate_WritesTheIssueDateOnTheUtcCalendar(string language, string issued)
    {
        var terms = Terms(language) with { IssuedAt = new DateTimeOffset(2027, 3, 2, 1, 30, 0, TimeSpan.FromHours(2)) };

        var text = Read(terms, Part.Version);

        Assert.Contains(issued, text, StringComparison.Ordinal);
    }

    // --- The coach's message ---

    [Theory]
    [InlineData("fr", "Message personnel de votre coach, Camille Martin, avec ses propres mots.", "Fin du message de votre coach.")]
    [InlineData("en", "A personal message from your coach, Camille Martin, in their own words.", "End of your coach's message.")]
    public void Generate_KeepsTheCoachsMessageVerbatimBetweenWordsMarkingItAsTheirs(string language, string opening, string closing)
    {
        const string message = "Bonjour Amélie,\n\nJe serai là <b>mardi</b> & jeudi.\n\tÀ très vite !";
        var contract = ContractTemplate.Generate(Terms(language) with { CoachMessage = message });

        var section = Assert.Single(contract.Sections, s => s.Heading == Headings[language][(int)Part.Message]);

        Assert.Equal(3, section.Paragraphs.Count);
        Assert.StartsWith(opening, section.Paragraphs[0], StringComparison.Ordinal);
        Assert.Equal(message, section.Paragraphs[1]);
        Assert.Equal(closing, section.Paragraphs[2]);
    }

    [Theory]
    [InlineData("fr", null)]
    [InlineData("fr", "")]
    [InlineData("en", " \r\n\t ")]
    public void Generate_WithoutAMessage_HasNoMessageSection(string language, string? message)
    {
        var contract = ContractTemplate.Generate(Terms(language) with { CoachMessage = message });

        Assert.DoesNotContain(contract.Sections, s => s.Heading == Headings[language][(int)Part.Message]);
        Assert.Equal(Headings[language].Length - 1, contract.Sections.Count);
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public void Generate_WhenTheMessageHasWindowsLineEnds_TextHasNoCarriageReturn(string language)
    {
        var terms = Terms(language) with { CoachMessage = "Bonjour,\r\nà mardi.\rCamille\r\n" };

        var contract = ContractTemplate.Generate(terms);

        Assert.DoesNotContain('\r', contract.Text);
        Assert.Contains("Bonjour,\nà mardi.\nCamille\n", contract.Text, StringComparison.Ordinal);
    }

    // --- Same terms, same text; other terms, other text ---

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public void Generate_WithTheSameTerms_GivesTheSameText(string language)
    {
        var first = ContractTemplate.Generate(Terms(language)).Text;
        var second = ContractTemplate.Generate(Terms(language)).Text;

        Assert.Equal(first, second);
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public void Generate_WithTheSameInstantInAnotherOffset_GivesTheSameText(string language)
    {
        var utc = Terms(language);
        var paris = utc with { IssuedAt = utc.IssuedAt.ToOffset(TimeSpan.FromHours(1)) };

        Assert.Equal(ContractTemplate.Generate(utc).Text, ContractTemplate.Generate(paris).Text);
    }

    public static TheoryData<string, string> Changes() => new()
    {
        { "fr", "price" }, { "fr", "sessions" }, { "fr", "format" }, { "fr", "message" }, { "fr", "certification" }, { "fr", "client" },
        { "en", "price" }, { "en", "sessions" }, { "en", "format" }, { "en", "message" }, { "en", "certification" }, { "en", "client" },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void Generate_WithOtherTerms_GivesAnotherText(string language, string change)
    {
        var terms = Terms(language);
        var other = change switch
        {
            "price" => terms with { UsualPricePerSessionEur = 90.01m },
            "sessions" => terms with { SessionsPlanned = 3 },
            "format" => terms with { Format = "phone" },
            "message" => terms with { CoachMessage = "Bonjour Amélie,\nà très vite!" },
            "certification" => terms with { CoachCertification = "in_training" },
            _ => terms with { ClientLastName = "Poulin" },
        };

        Assert.NotEqual(ContractTemplate.Generate(terms).Text, ContractTemplate.Generate(other).Text);
    }

    // --- Text safety ---

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public void Generate_KeepsMarkupInValuesAsPlainText(string language)
    {
        var terms = Terms(language) with { CoachDisplayName = "<script>alert(1)</script> & Co", CoachMessage = "<a href=\"x\">lien</a>" };

        var text = ContractTemplate.Generate(terms).Text;

        AssertSays(text, "<script>alert(1)</script> & Co", "<a href=\"x\">lien</a>");
        Assert.DoesNotContain("&lt;", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Poulain\n\nTarif habituel et contrepartie")]
    [InlineData("Poulain\r")]
    [InlineData("Poulain\u2028")]
    [InlineData("\u202EniaPuoP")]
    [InlineData(" ")]
    public void Generate_WhenANameIsNotOneLineOfVisibleText_Refuses(string lastName)
    {
        var terms = Terms() with { ClientLastName = lastName };

        Assert.Throws<ArgumentException>(() => ContractTemplate.Generate(terms));
    }

    [Theory]
    [InlineData("Bonjour\u0000")]
    [InlineData("Bonjour \u202Eenilno\u202C")]
    public void Generate_WhenTheMessageHoldsControlOrInvisibleFormatting_Refuses(string message)
    {
        var terms = Terms() with { CoachMessage = message };

        Assert.Throws<ArgumentException>(() => ContractTemplate.Generate(terms));
    }

    public static TheoryData<string> BrokenRules() => ["sessions 0", "sessions 5", "price 0", "price under a cent", "format", "certification", "retention"];

    [Theory]
    [MemberData(nameof(BrokenRules))]
    public void Generate_WhenTheTermsBreakARule_Refuses(string rule)
    {
        var terms = Terms();
        var broken = rule switch
        {
            "sessions 0" => terms with { SessionsPlanned = 0 },
            "sessions 5" => terms with { SessionsPlanned = 5 },
            "price 0" => terms with { UsualPricePerSessionEur = 0m },
            "price under a cent" => terms with { UsualPricePerSessionEur = 90.005m },
            "format" => terms with { Format = "email" },
            "certification" => terms with { CoachCertification = "expert" },
            _ => terms with { Retention = new ContractRetention(180, 0, 90, 3, 30, 365) },
        };

        Assert.Throws<ArgumentException>(() => ContractTemplate.Generate(broken));
    }
}
