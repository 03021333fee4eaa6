using System.Runtime.InteropServices;

namespace Scout.Sbom.Assembly;

/// <summary>
/// Numbers the refs (bom-ref / SPDXID) of one SBOM once: the subject's and the packages' first, then those only the
/// graph names. Duplicate checks, dangling-edge checks, the graph and each package's dependency type then work on the
/// numbers: a 50,000-package SBOM otherwise hashed every ref string again in each of those steps.
/// </summary>
internal sealed class RefIndex(int capacity)
{
    private readonly Dictionary<string, int> ids = new(capacity, StringComparer.Ordinal);
    // Grouping nodes (an OS component, a package without a purl, a repeat of the subject): crossed without a step.
    private bool[] grouping = new bool[Math.Max(capacity, 16)];

    public int Count => ids.Count;

    /// <summary>The ref's number, given it now when it has none.</summary>
    public int Id(string bomRef) => Id(bomRef, out _);

    public int Id(string bomRef, out bool existed)
    {
        ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(ids, bomRef, out existed);
        if (!existed) id = ids.Count - 1;
        return id;
    }

    public bool TryGet(string bomRef, out int id) => ids.TryGetValue(bomRef, out id);

    public void MarkGrouping(int id)
    {
        if (id >= grouping.Length) Array.Resize(ref grouping, Math.Max(grouping.Length * 2, id + 1));
        grouping[id] = true;
    }

    public bool IsGrouping(int id) => id < grouping.Length && grouping[id];
}
