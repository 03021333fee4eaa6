using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;
using Cronos;

namespace Scout.Cli.Platform;

/// <summary>
/// Checks of option and argument values, run by the parser before any command starts: a bad value ends the program
/// with exit code 2 and one line naming the option (issue #18). One place for what a port, URL, folder, number,
/// cron expression or name must look like.
/// </summary>
public static partial class OptionRules
{
    // A value the parser could not convert is already its own error (naming the option); the rule has nothing to add.
    private static bool TryValue<T>(SymbolResult result, out T? value)
    {
        value = default;
        try
        {
            value = result switch
            {
                OptionResult o => o.GetValueOrDefault<T>(),
                ArgumentResult a => a.GetValueOrDefault<T>(),
                _ => default,
            };
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    public static Option<int> Port(this Option<int> option)
    {
        option.Validators.Add(r =>
        {
            if (TryValue<int>(r, out var port) && port is < 0 or > 65535) r.AddError($"{option.Name} {port}: expected a port number from 0 to 65535 (0: any free port)");
        });
        return option;
    }

    public static Option<int> Between(this Option<int> option, int min, int max, string unit)
    {
        option.Validators.Add(r =>
        {
            if (TryValue<int>(r, out var value) && (value < min || value > max)) r.AddError($"{option.Name} {value}: expected {min} to {max} {unit}");
        });
        return option;
    }

    /// <summary>An absolute http(s) URL.</summary>
    public static Option<string?> HttpUrl(this Option<string?> option)
    {
        option.Validators.Add(r =>
        {
            if (TryValue<string?>(r, out var value) && value != null && !IsHttpUrl(value))
                r.AddError($"{option.Name} '{value}': expected an absolute http(s) URL");
        });
        return option;
    }

    public static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host);

    /// <summary>A folder the program may create or use: not empty, not a file, not below a file.</summary>
    public static Option<string?> Folder(this Option<string?> option)
    {
        option.Validators.Add(r =>
        {
            if (!TryValue<string?>(r, out var value) || value == null) return;
            if (FolderProblem(value) is { } problem) r.AddError($"{option.Name} '{value}': {problem}");
        });
        return option;
    }

    public static string? FolderProblem(string value)
    {
        if (string.IsNullOrWhiteSpace(value)) return "expected a folder path";
        string full;
        try { full = Path.GetFullPath(value); }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException) { return "not a valid path"; }
        if (File.Exists(full)) return "is a file, not a folder";
        for (var parent = Path.GetDirectoryName(full); parent != null; parent = Path.GetDirectoryName(parent))
            if (File.Exists(parent)) return $"{parent} is a file, not a folder";
        return null;
    }

    /// <summary>A file or folder that exists.</summary>
    public static Argument<string> ExistingPath(this Argument<string> argument, bool fileOnly = false)
    {
        argument.Validators.Add(r =>
        {
            if (!TryValue<string>(r, out var value) || value == "-" && fileOnly) return; // '-': stdin
            if (string.IsNullOrWhiteSpace(value)) r.AddError($"{argument.Name}: expected a path");
            else if (fileOnly ? !File.Exists(value) : !File.Exists(value) && !Directory.Exists(value))
                r.AddError($"{argument.Name} '{value}': no such {(fileOnly ? "file" : "file or folder")}");
        });
        return argument;
    }

    public static Option<string?> ExistingPath(this Option<string?> option)
    {
        option.Validators.Add(r =>
        {
            if (!TryValue<string?>(r, out var value) || value == null) return;
            if (!File.Exists(value) && !Directory.Exists(value)) r.AddError($"{option.Name} '{value}': no such file or folder");
        });
        return option;
    }

    /// <summary>A cron expression (five fields, UTC).</summary>
    public static Option<string?> Cron(this Option<string?> option)
    {
        option.Validators.Add(r =>
        {
            if (!TryValue<string?>(r, out var value) || value == null) return;
            try { CronExpression.Parse(value); }
            catch (CronFormatException e) { r.AddError($"{option.Name} '{value}': not a cron expression ({e.Message})"); }
        });
        return option;
    }

    /// <summary>Text matching a pattern, e.g. a tenant id or an os-release field.</summary>
    public static Option<T> Matching<T>(this Option<T> option, Regex pattern, string expected)
    {
        option.Validators.Add(r =>
        {
            if (TryValue<T>(r, out var v) && v is string value && !pattern.IsMatch(value)) r.AddError($"{option.Name} '{value}': expected {expected}");
        });
        return option;
    }

    public static Argument<string> Matching(this Argument<string> argument, Regex pattern, string expected)
    {
        argument.Validators.Add(r =>
        {
            if (TryValue<string>(r, out var value) && (value == null || !pattern.IsMatch(value))) r.AddError($"{argument.Name} '{value}': expected {expected}");
        });
        return argument;
    }

    /// <summary>Tenant ids as ApiKeys creates them.</summary>
    [GeneratedRegex("^tn_[0-9a-f]{16}$")]
    public static partial Regex TenantId();

    /// <summary>An image digest in the OCI grammar: algorithm ":" encoded.</summary>
    [GeneratedRegex("^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$")]
    public static partial Regex Digest();

    /// <summary>os-release ID / VERSION_ID: lower-case letters, digits, '.', '_' and '-' (os-release(5)).</summary>
    [GeneratedRegex("^[a-z0-9._-]+$")]
    public static partial Regex OsReleaseField();

    /// <summary>A name a person typed: printable, not blank, at most 128 characters.</summary>
    [GeneratedRegex(@"^(?=.*\S)[^\p{C}]{1,128}$")]
    public static partial Regex Name();
}
