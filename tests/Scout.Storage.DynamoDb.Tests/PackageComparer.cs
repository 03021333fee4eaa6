using Scout.Core.Model;

namespace Scout.Storage.DynamoDb.Tests;

/// <summary>Records with list members compare lists by reference; this compares what a package holds.</summary>
internal sealed class PackageComparer : IEqualityComparer<PackageRecord>
{
    public static readonly PackageComparer Instance = new();

    public bool Equals(PackageRecord? a, PackageRecord? b) =>
        a is not null && b is not null
        && a with { Licenses = [], FilePaths = [] } == b with { Licenses = [], FilePaths = [] }
        && a.Licenses.SequenceEqual(b.Licenses) && a.FilePaths.SequenceEqual(b.FilePaths);

    public int GetHashCode(PackageRecord p) => HashCode.Combine(p.Purl, p.Name, p.Version);
}
