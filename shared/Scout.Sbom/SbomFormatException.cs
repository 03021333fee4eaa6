using Scout.Core.Ports;

namespace Scout.Sbom;

/// <summary>
/// An SBOM that cannot be read: names the format, where (JSON path or line) and, when a limit was hit, which one.
/// The message is one line so the CLI and the HTTP API can show it as is.
/// </summary>
public sealed class SbomFormatException : InputException
{
    public SbomFormatException(string format, string? path, long? line, string reason, string? limit = null)
        : base(Compose(format, path, line, reason, limit))
    {
        Format = format;
        Path = path;
        Line = line;
        Limit = limit;
        Reason = reason;
    }

    /// <summary>cyclonedx-json, cyclonedx-xml, spdx-json, spdx-tag-value, syft-json, in-toto, dsse, json, xml, unknown ...</summary>
    public string Format { get; }
    public string? Path { get; }
    public long? Line { get; }
    /// <summary>The limit that was exceeded (e.g. "max depth 64"), null when the document is malformed rather than too big.</summary>
    public string? Limit { get; }
    public string Reason { get; }

    private static string Compose(string format, string? path, long? line, string reason, string? limit)
    {
        var where = (path, line) switch
        {
            (not null, not null) => $" at {path} (line {line})",
            (not null, null) => $" at {path}",
            (null, not null) => $" at line {line}",
            _ => "",
        };
        var limitText = limit is null ? "" : $" (limit: {limit})";
        return $"{format}: {reason}{where}{limitText}".ReplaceLineEndings(" ");
    }
}
