using System.Text;

namespace Scout.Purl.Ecosystems;

/// <summary>Name normalizations of package registries, applied alike to purl names and OSV names.</summary>
internal static class PackageNames
{
    public static string Exact(string name) => name;

    public static string Lower(string name) => name.ToLowerInvariant();

    /// <summary>PEP 503: lowercase, and every run of '-', '_' and '.' becomes one '-'.</summary>
    public static string Pep503(string name)
    {
        var sb = new StringBuilder(name.Length);
        var inRun = false;
        foreach (var c in name)
        {
            if (c is '-' or '_' or '.')
            {
                if (!inRun) sb.Append('-');
                inRun = true;
                continue;
            }
            inRun = false;
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }

    /// <summary>crates.io refuses names differing only in case or '-' vs '_', so folding both is lossless.</summary>
    public static string Crate(string name) => name.ToLowerInvariant().Replace('_', '-');

    public static string Joined(PackageUrl purl, char separator) =>
        purl.Namespace is null ? purl.Name : purl.Namespace + separator + purl.Name;
}
