namespace Solidaire.Testing;

public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string AzuriteTable => Path.Combine(Root, "node_modules", ".bin", "azurite-table");

    /// <summary>The configuration the tests were built in (Debug or Release): the app is taken from the same.</summary>
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    public static string FunctionsOutput => Path.Combine(Root, "functions", "bin", Configuration, "net10.0");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Serverless.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("Cannot find the repository root (Serverless.sln) above " + AppContext.BaseDirectory);
    }
}
