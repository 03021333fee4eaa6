namespace Scout.Purl.Ecosystems;

/// <summary>
/// A normalized advisory-index key: an OSV ecosystem string (e.g. "Debian:12", "Ubuntu:22.04", "PyPI") and the
/// package name normalized the way that ecosystem compares names. Purls and OSV records meet on equal keys.
/// </summary>
public sealed record AdvisoryKey(string Ecosystem, string Name)
{
    /// <summary>The ecosystem before its first ':' ("Debian:12" -> "Debian"): what version schemes are chosen by.</summary>
    public string BaseEcosystem => AdvisoryEcosystems.BaseEcosystem(Ecosystem);

    public override string ToString() => $"{Ecosystem}/{Name}";
}

/// <summary>
/// Where a purl's advisories are found. <see cref="Key"/> is the package itself; for OS packages
/// <see cref="SourceKey"/> is its source package (Debian, Ubuntu and Alpine advisories are keyed on it; Red Hat,
/// AlmaLinux, Rocky and SUSE on binary names), so a matcher looks up <see cref="LookupKeys"/>.
/// A purl that maps nowhere has a null Key and an <see cref="UnmappedReason"/>.
/// </summary>
public sealed record EcosystemMapping(AdvisoryKey? Key, AdvisoryKey? SourceKey, string? UnmappedReason)
{
    public bool IsMapped => Key != null;

    /// <summary>
    /// The source package's version when the purl states it and it differs from the package's own (a Debian binNMU,
    /// "upstream=openssl@3.0.11-1", or an rpm "upstream=openssl-3.0.7-24.el9.src.rpm"): advisories keyed on the
    /// source package are about source versions. Null when the purl does not say.
    /// </summary>
    public string? SourceVersion { get; init; }

    /// <summary>The distinct keys to look advisories up under (Key, then SourceKey when it differs).</summary>
    public IReadOnlyList<AdvisoryKey> LookupKeys =>
        Key is null ? [] : SourceKey is null || SourceKey == Key ? [Key] : [Key, SourceKey];

    internal static EcosystemMapping Unmapped(string reason) => new(null, null, reason);
}
