using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace Solidaire.Core.Staff;

/// <summary>
/// The collective's charter as coaches sign it (§3.2): its text, shipped with the app, and the
/// SHA-256 of that text's UTF-8 bytes. A signature records the hash it was given; when the text
/// changes, so does the hash, and every coach must sign again to stay assignable.
/// </summary>
public sealed class Charter
{
    private const string Resource = "Solidaire.Core.Staff.Charter.charte-accompagnement-soutien-solidaire.fr.txt";

    private Charter(string text)
    {
        Text = text;
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>The charter in force.</summary>
    public static Charter Current { get; } = Load();

    /// <summary>The charter exists in French only: it is the collective's own text.</summary>
    public string Language => "fr";

    public string Text { get; }

    public string Sha256 { get; }

    private static Charter Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException("The charter is not embedded in the core library.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return new Charter(reader.ReadToEnd());
    }
}
