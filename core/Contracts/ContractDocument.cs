namespace Solidaire.Core.Contracts;

/// <summary>One titled part of a contract: a heading and its paragraphs, as read on the page and in the PDF.</summary>
public sealed record ContractSection(string Heading, IReadOnlyList<string> Paragraphs);

/// <summary>
/// A contract as generated from its template, in one language: what the client reads on the
/// contract page, what is hashed (<see cref="Text"/>, whose SHA-256 the client signs) and what the
/// PDF prints before its evidence page.
/// </summary>
public sealed record ContractDocument(string Language, string TemplateVersion, string Title, IReadOnlyList<ContractSection> Sections)
{
    /// <summary>The canonical text: the title, then each heading and its paragraphs, separated by blank lines, "\n" line ends.</summary>
    public string Text => string.Join("\n\n", new[] { Title }.Concat(Sections.SelectMany(s => new[] { s.Heading }.Concat(s.Paragraphs)))) + "\n";
}

/// <summary>One line of a signed contract's evidence summary (the PDF's last page): a label and its value, in the reader's language.</summary>
public sealed record EvidenceLine(string Label, string Value);

/// <summary>What the signed contract's PDF holds: the contract, then its evidence summary in the reader's language.</summary>
public sealed record SignedContractPdf(ContractDocument Contract, string EvidenceTitle, IReadOnlyList<EvidenceLine> Evidence, DateTimeOffset SignedAt);
