using System.Text.RegularExpressions;

namespace Scout.Sbom.Spdx;

/// <summary>SPDX 2 element identifiers: "SPDXRef-" then an idstring of letters, digits, '.' and '-'.</summary>
internal static partial class SpdxIds
{
    public static bool IsElementId(string id) => ElementId().IsMatch(id);

    [GeneratedRegex("^SPDXRef-[A-Za-z0-9.-]+$")]
    private static partial Regex ElementId();
}
