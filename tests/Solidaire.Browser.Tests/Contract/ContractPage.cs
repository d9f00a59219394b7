using Microsoft.Playwright;
using Solidaire.Browser.Tests.Harness;

namespace Solidaire.Browser.Tests.Contract;

/// <summary>The contract page (web/contract.html) as its client sees it: controls found by role and visible name in the page's language.</summary>
public sealed class ContractPage(IPage page, string language) : LinkPage(page, language, "contract")
{
    public ContractTexts Texts => ContractTexts.For(Language);

    public ILocator Main => Page.GetByRole(AriaRole.Main);
    public ILocator Radio(string name) => Page.GetByRole(AriaRole.Radio, new() { Name = name, Exact = true });
    public ILocator Checkbox(string name) => Page.GetByRole(AriaRole.Checkbox, new() { Name = name, Exact = true });
    public ILocator Field(string label) => Page.GetByLabel(label, new() { Exact = true });
    public ILocator Button(string name) => Page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    /// <summary>Fills the form as a person would; null leaves a part untouched.</summary>
    public async Task FillAsync(string? amount = null, string? description = null, bool understood = true, bool? supervision = true, string? name = ContractStage.ClientName)
    {
        if (amount is not null)
        {
            await Radio(Texts.Financial).CheckAsync();
            await Field(Texts.Amount).FillAsync(amount);
        }
        if (description is not null)
        {
            await Radio(Texts.NonFinancial).CheckAsync();
            await Field(Texts.Description).FillAsync(description);
        }
        if (understood)
            await Checkbox(Texts.Understood).CheckAsync();
        if (supervision is { } yes)
            await Radio(yes ? Texts.SupervisionYes : Texts.SupervisionNo).CheckAsync();
        if (name is not null)
            await Field(Texts.SignatureName).FillAsync(name);
    }

    public Task SignAsync() => Button(Texts.Sign).ClickAsync();
}

/// <summary>What the contract page says, in each language: the tests read it as a person does.</summary>
public sealed record ContractTexts(
    string Heading, string Financial, string NonFinancial, string Amount, string Description, string Understood,
    string SupervisionYes, string SupervisionNo, string SignatureName, string Sign, string SignedHeading, string SignedNow,
    string SignedBefore, string Expired, string Invalid, string Unavailable, string Retry, string EmailCopy,
    string BelowMinimum, string AboveMaximum, string AmountInvalid, string DescriptionRequired, string NameMismatch,
    string KindRequired, string UnderstoodRequired, string SupervisionRequired, string NameRequired)
{
    public static readonly ContractTexts French = new(
        Heading: "Votre contrat d'accompagnement",
        Financial: "Une somme d'argent",
        NonFinancial: "Une contrepartie non financière",
        Amount: "Montant, en euros (obligatoire)",
        Description: "Ce que vous proposez (obligatoire)",
        Understood: "J'ai lu ce contrat et j'en ai compris les termes. (obligatoire)",
        SupervisionYes: "Oui, j'accepte",
        SupervisionNo: "Non, je n'accepte pas",
        SignatureName: "Vos prénom et nom (obligatoire)",
        Sign: "Signer le contrat",
        SignedHeading: "Contrat signé",
        SignedNow: "Merci, votre contrat est signé",
        SignedBefore: "Ce contrat est déjà signé",
        Expired: "Ce lien n'est plus valable",
        Invalid: "Ce lien ne permet pas d'ouvrir un contrat",
        Unavailable: "Votre contrat ne peut pas s'afficher pour l'instant",
        Retry: "Réessayer",
        EmailCopy: "Une copie du contrat signé, en PDF, vous est envoyée par email.",
        BelowMinimum: "Le montant est d'au moins 1\u00a0€.",
        AboveMaximum: "Le montant est d'au plus 270,00\u202f€, le prix habituel de toutes les séances prévues.",
        AmountInvalid: "Écrivez le montant en chiffres, par exemple 1 ou 12,50.",
        DescriptionRequired: "Décrivez ce que vous proposez en retour.",
        NameMismatch: "Ce nom ne correspond pas à celui de votre demande\u00a0: tapez vos prénom et nom tels que vous les avez écrits.",
        KindRequired: "Choisissez votre contrepartie\u00a0: une somme d'argent, ou une contrepartie non financière.",
        UnderstoodRequired: "Cochez la case pour confirmer que vous avez compris les termes du contrat.",
        SupervisionRequired: "Répondez oui ou non sur la supervision\u00a0: les deux réponses sont possibles.",
        NameRequired: "Tapez vos prénom et nom pour signer.");

    public static readonly ContractTexts English = new(
        Heading: "Your support contract",
        Financial: "An amount of money",
        NonFinancial: "A non-financial contribution",
        Amount: "Amount, in euros (required)",
        Description: "What you offer (required)",
        Understood: "I have read this contract and understood its terms. (required)",
        SupervisionYes: "Yes, I agree",
        SupervisionNo: "No, I do not agree",
        SignatureName: "Your first and last name (required)",
        Sign: "Sign the contract",
        SignedHeading: "Contract signed",
        SignedNow: "Thank you, your contract is signed",
        SignedBefore: "This contract is already signed",
        Expired: "This link is no longer valid",
        Invalid: "This link cannot open a contract",
        Unavailable: "Your contract cannot be shown right now",
        Retry: "Try again",
        EmailCopy: "A copy of the signed contract, as a PDF, is on its way to you by email.",
        BelowMinimum: "The amount is at least €1.00.",
        AboveMaximum: "The amount is at most €270.00, the usual price of all the sessions planned.",
        AmountInvalid: "Write the amount in figures, for example 1 or 12.50.",
        DescriptionRequired: "Describe what you offer in return.",
        NameMismatch: "This name does not match the one in your request: type your first and last name as you wrote them.",
        KindRequired: "Choose your contribution: an amount of money, or a non-financial contribution.",
        UnderstoodRequired: "Tick the box to confirm that you understood the terms of the contract.",
        SupervisionRequired: "Answer yes or no about supervision: both answers are fine.",
        NameRequired: "Type your first and last name to sign.");

    public static ContractTexts For(string language) => language == "en" ? English : French;
}
