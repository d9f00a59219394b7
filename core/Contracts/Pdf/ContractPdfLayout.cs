using System.Globalization;
using System.Text;

namespace Solidaire.Core.Contracts.Pdf;

/// <summary>
/// Lays a signed contract out on pages: the title, each heading with its paragraphs, then the evidence
/// summary starting on a page of its own (the last page, unless the evidence itself runs longer), one
/// "label : value" per item. Lines are wrapped at spaces (non-breaking spaces hold); a word wider than a
/// line (a URL, a hash) is cut, after a slash or a hyphen where one falls late enough, so no text is lost
/// and none runs past the margin. A line is never cut across pages, a paragraph does not leave a single
/// line at the foot of a page, a heading stays with the start of its text.
/// </summary>
internal sealed class ContractPdfLayout
{
    // Break a word too long for a line after one of these, if it falls in the second half of the line.
    private const string BreakAfter = "/-?&=_.,;:";
    // An evidence value that runs over several lines is indented under its label.
    private const double EvidenceHangingIndent = 12;

    private readonly Func<string, ContractPdfStyle, double> measure;
    private readonly ContractPdfGeometry geometry;
    private readonly List<List<ContractPdfLine>> pages = [];
    private List<ContractPdfLine> page = [];
    private double top;

    private ContractPdfLayout(Func<string, ContractPdfStyle, double> measure, ContractPdfGeometry geometry)
    {
        this.measure = measure;
        this.geometry = geometry;
    }

    /// <param name="document">The contract and its evidence.</param>
    /// <param name="measure">The width in points of a text set in a style.</param>
    /// <param name="geometry">The page and its margins.</param>
    internal static IReadOnlyList<ContractPdfPage> Lay(SignedContractPdf document, Func<string, ContractPdfStyle, double> measure, ContractPdfGeometry geometry)
    {
        var layout = new ContractPdfLayout(measure, geometry);
        var heading = ContractPdfStyle.Heading;
        var body = ContractPdfStyle.Body;

        layout.NewPage();
        layout.Block(ContractPdfStyle.Title, 0, heading.SpaceBefore + heading.LineHeight, (document.Contract.Title, ContractPdfStyle.Title));
        foreach (var section in document.Contract.Sections)
        {
            layout.Block(heading, 0, body.SpaceBefore + 2 * body.LineHeight, (section.Heading, heading));
            foreach (var paragraph in section.Paragraphs)
                layout.Block(body, 0, 0, (paragraph, body));
        }

        layout.NewPage();
        layout.Block(ContractPdfStyle.EvidenceTitle, 0, 0, (document.EvidenceTitle, ContractPdfStyle.EvidenceTitle));
        // French sets a non-breaking space before the colon.
        var separator = document.Contract.Language == "fr" ? "\u00A0:" : ":";
        foreach (var line in document.Evidence)
        {
            layout.Block(ContractPdfStyle.EvidenceValue, EvidenceHangingIndent, 0,
                (line.Label + separator, ContractPdfStyle.EvidenceLabel), (line.Value, ContractPdfStyle.EvidenceValue));
        }

        return layout.pages.Select(p => new ContractPdfPage(p)).ToList();
    }

    private void NewPage()
    {
        page = [];
        pages.Add(page);
        top = geometry.MarginTop;
    }

    private bool AtPageTop => page.Count == 0;

    /// <param name="style">Gives the block its line height and the space before it.</param>
    /// <param name="hangingIndent">Indent of every line after the first.</param>
    /// <param name="keepWithNext">Height (points) of what follows that must share the page with this block's last line.</param>
    /// <param name="segments">The block's text, each part in its own style, a space apart.</param>
    private void Block(ContractPdfStyle style, double hangingIndent, double keepWithNext, params (string Text, ContractPdfStyle Style)[] segments)
    {
        var lines = Wrap(segments, hangingIndent);
        if (lines.Count == 0)
            return;

        // The first two lines of a paragraph (or all of a shorter block, with what must follow) go together.
        var together = Math.Min(lines.Count, 2) * style.LineHeight + (lines.Count <= 2 ? keepWithNext : 0);
        if (!AtPageTop && top + style.SpaceBefore + together > geometry.ContentBottom)
            NewPage();
        if (!AtPageTop)
            top += style.SpaceBefore;

        for (var i = 0; i < lines.Count; i++)
        {
            var need = style.LineHeight + (i == lines.Count - 1 ? keepWithNext : 0);
            if (!AtPageTop && top + need > geometry.ContentBottom)
                NewPage();
            page.Add(Place(lines[i], geometry.MarginLeft + (i == 0 ? 0 : hangingIndent), top));
            top += style.LineHeight;
        }
    }

    private ContractPdfLine Place(List<Word> words, double left, double lineTop)
    {
        var runs = new List<ContractPdfRun>();
        var x = left;
        var i = 0;
        while (i < words.Count)
        {
            // Consecutive words of one style make one run.
            var style = words[i].Style;
            var start = x + (i == 0 ? 0 : Space(style));
            var text = new StringBuilder(words[i].Text);
            x = start + words[i].Width;
            for (i++; i < words.Count && words[i].Style == style; i++)
            {
                text.Append(' ').Append(words[i].Text);
                x += Space(style) + words[i].Width;
            }
            runs.Add(new ContractPdfRun(text.ToString(), style, start, x - start));
        }
        return new ContractPdfLine(runs, lineTop);
    }

    /// <summary>Greedy wrapping at spaces (U+0020 only), explicit line breaks kept, blank lines at either end dropped.</summary>
    private List<List<Word>> Wrap((string Text, ContractPdfStyle Style)[] segments, double hangingIndent)
    {
        var full = geometry.ContentWidth;
        var lines = new List<List<Word>>();
        var current = new List<Word>();
        var used = 0.0;
        double Room() => (lines.Count == 0 ? full : full - hangingIndent) - used;
        void Flush()
        {
            lines.Add(current);
            current = [];
            used = 0;
        }
        void Add(string text, ContractPdfStyle style, double width)
        {
            used += (current.Count == 0 ? 0 : Space(style)) + width;
            current.Add(new Word(text, style, width));
        }

        foreach (var (text, style) in segments)
        {
            var hardLines = Clean(text).Split('\n');
            for (var h = 0; h < hardLines.Length; h++)
            {
                if (h > 0)
                    Flush();
                foreach (var word in hardLines[h].Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    var width = Measure(word, style);
                    var space = current.Count == 0 ? 0 : Space(style);
                    if (space + width <= Room())
                    {
                        Add(word, style, width);
                        continue;
                    }

                    var rest = word;
                    if (current.Count > 0)
                    {
                        if (width <= full - hangingIndent)
                        {
                            Flush();
                            Add(word, style, width);
                            continue;
                        }

                        // Too wide for any line: fill what is left of this one, if that is worth it.
                        var room = Room() - space;
                        if (room >= full * 0.3)
                        {
                            var head = Cut(rest, style, room);
                            Add(head, style, Measure(head, style));
                            rest = rest[head.Length..];
                        }
                        Flush();
                    }

                    while (Measure(rest, style) > Room())
                    {
                        var head = Cut(rest, style, Room());
                        Add(head, style, Measure(head, style));
                        Flush();
                        rest = rest[head.Length..];
                    }
                    Add(rest, style, Measure(rest, style));
                }
            }
        }
        if (current.Count > 0)
            Flush();

        var first = lines.FindIndex(l => l.Count > 0);
        var last = lines.FindLastIndex(l => l.Count > 0);
        return first < 0 ? [] : lines.GetRange(first, last - first + 1);
    }

    /// <summary>The longest head of <paramref name="word"/> (whole characters, at least one) that fits in <paramref name="room"/>.</summary>
    private string Cut(string word, ContractPdfStyle style, double room)
    {
        var elements = StringInfo.GetTextElementEnumerator(word);
        var length = 0;
        var used = 0.0;
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            // Characters are measured one by one: PDFsharp does not kern, so widths add up.
            var next = used + Measure(element, style);
            if (next > room && length > 0)
                break;
            used = next;
            length += element.Length;
        }

        var preferred = word.AsSpan(0, length).LastIndexOfAny(BreakAfter);
        return length < word.Length && preferred >= length / 2 ? word[..(preferred + 1)] : word[..length];
    }

    private double Measure(string text, ContractPdfStyle style) => text.Length == 0 ? 0 : measure(text, style);

    private double Space(ContractPdfStyle style) => Measure(" ", style);

    /// <summary>Tabs and carriage returns become spaces and line feeds; other control characters (no glyph) go.</summary>
    private static string Clean(string text)
    {
        var clean = new StringBuilder(text.Length);
        foreach (var c in text.Replace("\r\n", "\n", StringComparison.Ordinal))
        {
            if (c is '\t' or '\r')
                clean.Append(c == '\t' ? ' ' : '\n');
            else if (c == '\n' || !char.IsControl(c))
                clean.Append(c);
        }
        return clean.ToString();
    }

    private readonly record struct Word(string Text, ContractPdfStyle Style, double Width);
}
