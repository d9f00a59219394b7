using System.Text;

namespace Solidaire.Testing;

public static class Json
{
    public static StringContent Body(string json, string mediaType = "application/json") => new(json, Encoding.UTF8, mediaType);
}
