using Scout.Core.Model;
using Scout.Core.Ports;
using Scout.Purl;

namespace Scout.Advisories.Matching;

/// <summary>A package record from a bare purl (local analysis receives nothing else).</summary>
public static class PackageFromPurl
{
    public static PackageRecord Create(string text)
    {
        if (!PackageUrl.TryParse(text, PurlParseMode.Lenient, out var purl, out var error))
            throw new InputException($"invalid purl {text}: {error?.Message}");
        return new PackageRecord
        {
            Purl = purl.ToString(),
            Type = purl.Type,
            Namespace = purl.Namespace,
            Name = purl.Name,
            Version = purl.Version,
            SourcePackage = purl.Qualifiers.TryGetValue("upstream", out var up) ? up : null,
        };
    }
}
