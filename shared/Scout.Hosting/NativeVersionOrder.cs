using Scout.Core.Ports;
using Scout.Versions;

namespace Scout.Hosting;

/// <summary>The version-order port over Scout.Versions' native schemes (dpkg, rpm, apk, PEP 440, SemVer, Maven ...).</summary>
public sealed class NativeVersionOrder : IVersionOrder
{
    public static readonly NativeVersionOrder Instance = new();

    // "alpine" is syft's older spelling of apk (shared/Scout.Purl/Ecosystems/AdvisoryEcosystems.cs maps both alike).
    public int? Compare(string purlType, string a, string b) => VersionSchemes.ForEcosystem(purlType == "alpine" ? "apk" : purlType)?.Compare(a, b);
}
