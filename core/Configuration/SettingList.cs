namespace Solidaire.Core.Configuration;

/// <summary>Settings that hold lists are comma-separated strings, so one environment variable can carry them.</summary>
public static class SettingList
{
    public static IReadOnlyList<string> Split(string? value) =>
        string.IsNullOrWhiteSpace(value)
            ? []
            : value.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
