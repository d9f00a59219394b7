namespace Solidaire.Testing;

/// <summary>What the shared helpers expect of the app on the way, outside any test framework: a step that went wrong stops the test or the benchmark.</summary>
public static class Check
{
    public static void True([System.Diagnostics.CodeAnalysis.DoesNotReturnIf(false)] bool condition, string message)
    {
        if (!condition)
            throw new InvalidOperationException(message);
    }
}
