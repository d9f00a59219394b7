namespace Solidaire.Integration.Tests.Harness;

public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string AzuriteTable => Path.Combine(Root, "node_modules", ".bin", "azurite-table");

    public static string Configuration =>
#if DEBUG
        "Debug";
#else
        "Release";
#endif

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
