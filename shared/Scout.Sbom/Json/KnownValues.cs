namespace Scout.Sbom.Json;

/// <summary>The value sets a CycloneDX component names over and over, found by their UTF-8 spelling (Utf8StringTable.cs).</summary>
internal static class KnownValues
{
    public static readonly Utf8StringTable ComponentTypes = Utf8StringTable.Of(CycloneDxRules.ComponentTypes);
    public static readonly Utf8StringTable Scopes = Utf8StringTable.Of(CycloneDxRules.Scopes);
    public static readonly Utf8StringTable HashAlgorithms = Utf8StringTable.Of(CycloneDxRules.HashAlgorithms);
    public static readonly Utf8StringTable LicenseIds = Utf8StringTable.Of(SpdxLicenseIds.Licenses);
}
