using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Scout.Core.Model;
using Scout.Core.Serialization;

namespace Scout.Core.UseCases;

/// <summary>
/// Compares an image's stored findings with a fresh overlay of the same packages. Identity is <see cref="Finding.Key"/>;
/// a finding whose content differs is "changed". The snapshot id is left out of the comparison: a re-match against a
/// newer index that yields the same finding is no change.
/// </summary>
public static class FindingDiffer
{
    // Nulls written: a field that became null is a change even where the wire format would omit it.
    private static readonly JsonTypeInfo<Finding> json = ScoutJson.TypeInfo<Finding>(ScoutJson.WithNulls);

    public static FindingDiff Diff(IEnumerable<Finding> before, IEnumerable<Finding> after)
    {
        var old = new Dictionary<string, Finding>();
        foreach (var f in before) old.TryAdd(f.Key, f);
        var added = new List<Finding>();
        var changed = new List<Finding>();
        var seen = new HashSet<string>();
        foreach (var f in after)
        {
            if (!seen.Add(f.Key)) continue;
            if (!old.TryGetValue(f.Key, out var prior)) added.Add(f);
            else if (!SameContent(prior, f)) changed.Add(f);
        }
        var resolved = old.Values.Where(f => !seen.Contains(f.Key)).ToList();
        return new FindingDiff(added, changed, resolved);
    }

    public static bool SameContent(Finding a, Finding b) =>
        JsonSerializer.Serialize(a with { Snapshot = null }, json) == JsonSerializer.Serialize(b with { Snapshot = null }, json);
}
