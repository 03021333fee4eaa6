namespace Scout.Purl;

/// <summary>
/// Strings a caller already holds that a purl's decoded components are likely to equal (an SBOM component's group, name
/// and version beside its purl). A component equal to its hint is that very string rather than a new copy, so a big
/// SBOM's packages do not hold each name and version twice. Hints never change what a purl parses to.
/// </summary>
public readonly record struct PurlComponentHints(string? Namespace = null, string? Name = null, string? Version = null);
