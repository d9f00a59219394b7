using Microsoft.Extensions.Options;

namespace Solidaire.Functions;

/// <summary>Tells a bad setting at start from any other failure, and says what is wrong with it.</summary>
public static class StartupFailure
{
    public static bool IsBadSetting(Exception e) => e switch
    {
        OptionsValidationException or InvalidSettingException => true,
        // ConfigurationBinder's way of saying a value does not fit its type ("banana" for a TimeSpan).
        InvalidOperationException { InnerException: FormatException } i when i.Message.Contains("configuration value", StringComparison.Ordinal) => true,
        AggregateException a => a.InnerExceptions.All(IsBadSetting),
        _ => e.InnerException is { } inner && IsBadSetting(inner),
    };

    public static string Describe(Exception e) => e switch
    {
        OptionsValidationException o => string.Join(" ", o.Failures),
        AggregateException a => string.Join(" ", a.InnerExceptions.Select(Describe)),
        InvalidSettingException s => s.Message,
        InvalidOperationException { InnerException: FormatException } i => i.Message,
        _ => e.InnerException is { } inner ? Describe(inner) : e.Message,
    };
}

/// <summary>A setting the app cannot work with, named in the message.</summary>
public sealed class InvalidSettingException(string message) : Exception(message);
