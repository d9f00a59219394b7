using System.Reflection;
using PdfSharp.Fonts;

namespace Solidaire.Core.Contracts.Pdf;

/// <summary>
/// Gives PDFsharp the DejaVu Sans faces embedded in this assembly, whatever family is asked for:
/// PDFsharp on Linux finds no system fonts, and the same bytes must come out in Azure and on a laptop.
/// </summary>
internal sealed class ContractFontResolver : IFontResolver
{
    internal const string FamilyName = "DejaVu Sans";
    private const string RegularFace = "DejaVuSans";
    private const string BoldFace = "DejaVuSans-Bold";

    /// <summary>The one instance PDFsharp is given, whichever app host in the process asks first.</summary>
    internal static ContractFontResolver Instance { get; } = new();

    private static readonly Lock Gate = new();
    private static bool installed;

    private readonly Lazy<byte[]> regular = new(() => Load(RegularFace));
    private readonly Lazy<byte[]> bold = new(() => Load(BoldFace));

    private ContractFontResolver() { }

    /// <summary>
    /// Makes this resolver PDFsharp's process-wide one. PDFsharp accepts the same instance again but refuses
    /// a different one once a font was used, so every caller (every app host in a test process) shares one.
    /// </summary>
    internal static void EnsureInstalled()
    {
        if (Volatile.Read(ref installed))
            return;
        lock (Gate)
        {
            if (installed)
                return;
            GlobalFontSettings.FontResolver = Instance;
            Volatile.Write(ref installed, true);
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
        // No italic face is shipped: PDFsharp slants the regular or bold one.
        new(isBold ? BoldFace : RegularFace, mustSimulateBold: false, mustSimulateItalic: isItalic);

    public byte[]? GetFont(string faceName) => faceName switch
    {
        RegularFace => regular.Value,
        BoldFace => bold.Value,
        _ => null,
    };

    private static byte[] Load(string face)
    {
        var name = $"Solidaire.Core.Contracts.Fonts.{face}.ttf";
        using var stream = typeof(ContractFontResolver).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The font resource {name} is missing from {Assembly.GetExecutingAssembly().GetName().Name}.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
