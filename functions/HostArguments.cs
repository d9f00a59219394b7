namespace Solidaire.Functions;

/// <summary>The command line both hosts build from.</summary>
public static class HostArguments
{
    /// <summary>
    /// The arguments with the host's configuration file watching turned off, unless the command line
    /// turns it back on (a later argument wins). The app has no appsettings.json to reload, and the
    /// default watcher for one adds an inotify watch on every folder under the content root, recursively:
    /// about 140 ms of every start from the repository (node_modules included) for nothing.
    /// </summary>
    public static string[] WithoutConfigFileWatching(IEnumerable<string> args) =>
        ["--hostBuilder:reloadConfigOnChange=false", .. args];
}
