using Scout.Core.Model;

namespace Scout.Sbom.Assembly;

/// <summary>
/// Direct = one step from the subject (or a described root) in the dependency graph, transitive = further,
/// unknown = the graph says nothing. Grouping nodes (an OS component, entries without a purl such as trivy's
/// lock-file "applications") are crossed without counting a step.
/// </summary>
internal static class DependencyClassifier
{
    public static Dictionary<string, DependencyType> Classify(RawSbom raw, Func<string, bool> isGrouping)
    {
        var result = new Dictionary<string, DependencyType>(StringComparer.Ordinal);
        var edges = raw.Edges.Concat(raw.NestingEdges).ToList();
        if (edges.Count == 0) return result;
        var adjacency = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var incoming = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (from, to) in edges)
        {
            if (from == to) continue;
            if (!adjacency.TryGetValue(from, out var list)) adjacency[from] = list = [];
            list.Add(to);
            incoming.Add(to);
        }

        var roots = new List<string>();
        if (raw.Subject?.Ref is { } subject && adjacency.ContainsKey(subject)) roots.Add(subject);
        else if (raw.RootRefs.Count > 0)
        {
            // Several described packages: they are what the document is about, so each is direct.
            foreach (var r in raw.RootRefs) result[r] = DependencyType.Direct;
            Walk(raw.RootRefs, 1, adjacency, isGrouping, result);
            return result;
        }
        else
        {
            // No subject: a package nothing depends on is top-level (direct); what it reaches is transitive.
            var tops = adjacency.Keys.Where(k => !incoming.Contains(k)).ToList();
            foreach (var t in tops) if (!isGrouping(t)) result[t] = DependencyType.Direct;
            Walk(tops, 1, adjacency, isGrouping, result, groupingTopsAreRoots: true);
            return result;
        }
        Walk(roots, 0, adjacency, isGrouping, result);
        return result;
    }

    /// <summary>0-1 breadth-first search: a grouping node costs no step.</summary>
    private static void Walk(List<string> starts, int startLevel, Dictionary<string, List<string>> adjacency,
        Func<string, bool> isGrouping, Dictionary<string, DependencyType> result, bool groupingTopsAreRoots = false)
    {
        var level = new Dictionary<string, int>(StringComparer.Ordinal);
        var queue = new LinkedList<string>();
        foreach (var s in starts)
        {
            var l = groupingTopsAreRoots && isGrouping(s) ? 0 : startLevel;
            if (level.TryAdd(s, l)) queue.AddLast(s);
        }
        while (queue.First is { } node)
        {
            queue.RemoveFirst();
            var current = node.Value;
            if (!adjacency.TryGetValue(current, out var next)) continue;
            foreach (var n in next)
            {
                var grouping = isGrouping(n);
                var l = level[current] + (grouping ? 0 : 1);
                if (level.TryGetValue(n, out var seen) && seen <= l) continue;
                level[n] = l;
                if (grouping) queue.AddFirst(n); else queue.AddLast(n);
            }
        }
        foreach (var (r, l) in level)
        {
            if (l == 0 || isGrouping(r)) continue;
            var type = l == 1 ? DependencyType.Direct : DependencyType.Transitive;
            if (!result.TryGetValue(r, out var existing) || Rank(type) > Rank(existing)) result[r] = type;
        }
    }

    public static int Rank(DependencyType t) => t switch
    {
        DependencyType.Direct => 2,
        DependencyType.Transitive => 1,
        _ => 0,
    };
}
