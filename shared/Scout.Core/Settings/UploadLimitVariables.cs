using System.Globalization;
using Scout.Core.Ports;
using Scout.Core.UseCases;

namespace Scout.Core.Settings;

/// <summary>
/// The SCOUT_MAX_* variables, one per <see cref="UploadLimits"/> value (README "Configuration" lists them). An unset
/// variable keeps the default; a value that is not a whole number above zero (or does not fit) is refused with one line
/// naming the variable, so a host ends with exit code 2 before it serves anything.
/// </summary>
public static class UploadLimitVariables
{
    private sealed record Variable(string Name, long Max, Func<UploadLimits, long> Get, Func<UploadLimits, long, UploadLimits> Set);

    private static readonly Variable[] Variables =
    [
        new("SCOUT_MAX_COMPRESSED_BYTES", int.MaxValue, l => l.MaxCompressedBytes, (l, v) => l with { MaxCompressedBytes = v }),
        new("SCOUT_MAX_DECOMPRESSED_BYTES", int.MaxValue, l => l.MaxDecompressedBytes, (l, v) => l with { MaxDecompressedBytes = v }),
        new("SCOUT_MAX_JSON_DEPTH", int.MaxValue, l => l.MaxJsonDepth, (l, v) => l with { MaxJsonDepth = (int)v }),
        new("SCOUT_MAX_ENV_VARS", int.MaxValue, l => l.MaxEnvVars, (l, v) => l with { MaxEnvVars = (int)v }),
        new("SCOUT_MAX_LABELS", int.MaxValue, l => l.MaxLabels, (l, v) => l with { MaxLabels = (int)v }),
        new("SCOUT_MAX_LAYERS", int.MaxValue, l => l.MaxLayers, (l, v) => l with { MaxLayers = (int)v }),
        new("SCOUT_MAX_LOCAL_PURLS", int.MaxValue, l => l.MaxLocalPurls, (l, v) => l with { MaxLocalPurls = (int)v }),
        new("SCOUT_MAX_PURL_BYTES", int.MaxValue, l => l.MaxPurlBytes, (l, v) => l with { MaxPurlBytes = (int)v }),
        new("SCOUT_MAX_LOCAL_WARNINGS", int.MaxValue, l => l.MaxLocalWarnings, (l, v) => l with { MaxLocalWarnings = (int)v }),
        new("SCOUT_MAX_LOCAL_FINDINGS", int.MaxValue, l => l.MaxLocalFindings, (l, v) => l with { MaxLocalFindings = (int)v }),
        new("SCOUT_MAX_VEX_DOCUMENTS", int.MaxValue, l => l.MaxVexDocuments, (l, v) => l with { MaxVexDocuments = (int)v }),
        new("SCOUT_MAX_VEX_BYTES", int.MaxValue, l => l.MaxVexBytes, (l, v) => l with { MaxVexBytes = (int)v }),
    ];

    /// <summary>The variable names, in the order of <see cref="UploadLimits"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Variables.Select(v => v.Name)];

    /// <summary>The limits with every set variable applied; <paramref name="read"/> gives a trimmed value or null.</summary>
    public static UploadLimits Read(Func<string, string?> read)
    {
        var limits = new UploadLimits();
        foreach (var variable in Variables)
        {
            if (read(variable.Name) is not { } text) continue;
            // Decimal digits only: no sign, no separators, no exponent, so "6MiB", "-1", "0x10" and "1e6" are all refused.
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0 || value > variable.Max)
                throw new InputException($"{variable.Name}={text}: expected a whole number from 1 to {variable.Max} (default {variable.Get(limits)})");
            limits = variable.Set(limits, value);
        }
        return limits;
    }
}
