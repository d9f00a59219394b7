namespace Solidaire.Testing;

/// <summary>
/// A running app as the shared helpers (staff sign-in, intakes, contracts) reach it: real HTTP, and the
/// pickup folder its emails land in. The in-process test app and the app run as a process both are one.
/// </summary>
public interface IServedApp
{
    HttpClient Client { get; }
    string MailFolder { get; }
}
