using Scout.Core.Model;

namespace Scout.Sbom.Assembly;

/// <summary>
/// Direct = one step from the subject (or a described root) in the dependency graph, transitive = further,
/// unknown = the graph says nothing. Grouping nodes (an OS component, entries without a purl such as trivy's
/// lock-file "applications") are crossed without counting a step.
/// </summary>
/// <remarks>
/// Refs are numbered once and the graph is held in arrays: a 50,000-component SBOM's graph otherwise cost a list,
/// several dictionary entries and a linked-list node per component, and a string hash at every step of the walk.
/// </remarks>
internal static class DependencyClassifier
{
    /// <summary>
    /// Each ref's dependency type, by its number in <paramref name="refs"/> (numbers past the array: unknown). Refs the
    /// edges name are numbered here; the edges' refs that name no element are reported once, as a warning (below
    /// <paramref name="declared"/> are the subject's and the packages' refs).
    /// </summary>
    public static DependencyType[] Classify(RawSbom raw, RefIndex refs, int declared, List<SbomWarning> warnings)
    {
        var edgeCount = raw.Edges.Count + raw.NestingEdges.Count;
        // Edges as (from, to) numbers in document order (depends-on edges, then nesting); self-edges say nothing.
        var from = new int[edgeCount];
        var to = new int[edgeCount];
        var kept = 0;
        HashSet<string>? dangling = null;
        string? firstDangling = null;
        // An element's edges come one after the other (CycloneDX: a "ref" and its "dependsOn" list), its ref the same string.
        string? lastFrom = null;
        var lastFromId = -1;
        foreach (var (f, t) in raw.Edges)
        {
            var fromId = ReferenceEquals(f, lastFrom) ? lastFromId : refs.Id(f);
            (lastFrom, lastFromId) = (f, fromId);
            var toId = refs.Id(t);
            // Only a ref that is no package's needs the document's other declarations (services, SPDX documents and files).
            if (fromId >= declared && !raw.IsDeclared(f) && (dangling ??= new(StringComparer.Ordinal)).Add(f)) firstDangling ??= f;
            if (toId >= declared && !raw.IsDeclared(t) && (dangling ??= new(StringComparer.Ordinal)).Add(t)) firstDangling ??= t;
            if (fromId == toId) continue;
            (from[kept], to[kept]) = (fromId, toId);
            kept++;
        }
        if (dangling is not null)
            warnings.Add(new("dependencies", $"{dangling.Count} ref(s) in the dependency graph name no component (e.g. '{firstDangling}')"));
        if (edgeCount == 0) return [];
        foreach (var (f, t) in raw.NestingEdges)
        {
            if (f == t) continue;
            (from[kept], to[kept]) = (refs.Id(f), refs.Id(t));
            kept++;
        }

        // Adjacency in compressed rows, each node's targets in edge order; sources in order of their first edge.
        var nodeCount = refs.Count;
        var start = new int[nodeCount + 1];
        var incoming = new bool[nodeCount];
        var sources = new List<int>();
        for (var e = 0; e < kept; e++)
        {
            if (start[from[e] + 1]++ == 0) sources.Add(from[e]);
            incoming[to[e]] = true;
        }
        for (var n = 0; n < nodeCount; n++) start[n + 1] += start[n];
        var targets = new int[kept];
        var fill = new int[nodeCount];
        Array.Copy(start, fill, nodeCount);
        for (var e = 0; e < kept; e++) targets[fill[from[e]]++] = to[e];

        var grouping = new bool[nodeCount];
        for (var n = 0; n < nodeCount; n++) grouping[n] = refs.IsGrouping(n);
        var graph = new Graph(start, targets, grouping);

        // Roots the document names but the graph does not get numbers past the graph's arrays (no targets).
        var subjectId = -1;
        var fromSubject = raw.Subject?.Ref is { } subject && refs.TryGet(subject, out subjectId) && graph.HasTargets(subjectId);
        var roots = new List<int>(fromSubject ? 0 : raw.RootRefs.Count);
        if (!fromSubject)
            foreach (var r in raw.RootRefs) roots.Add(refs.Id(r));
        var types = new DependencyType[refs.Count];
        if (fromSubject)
        {
            Walk(graph, [subjectId], 0, types, groupingTopsAreRoots: false);
        }
        else if (roots.Count > 0)
        {
            // Several described packages: they are what the document is about, so each is direct.
            foreach (var id in roots) types[id] = DependencyType.Direct;
            Walk(graph, roots, 1, types, groupingTopsAreRoots: false);
        }
        else
        {
            // No subject: a package nothing depends on is top-level (direct); what it reaches is transitive.
            var tops = new List<int>();
            foreach (var s in sources)
                if (!incoming[s]) tops.Add(s);
            foreach (var t in tops) if (!grouping[t]) types[t] = DependencyType.Direct;
            Walk(graph, tops, 1, types, groupingTopsAreRoots: true);
        }
        return types;
    }

    /// <summary>The type of the ref numbered <paramref name="id"/> (-1: no ref).</summary>
    public static DependencyType Of(DependencyType[] types, int id) => id >= 0 && id < types.Length ? types[id] : DependencyType.Unknown;

    /// <summary>The graph over node ids; ids past the arrays (roots named only by the document) have no targets.</summary>
    private sealed class Graph(int[] start, int[] targets, bool[] grouping)
    {
        public bool HasTargets(int node) => node < grouping.Length && start[node + 1] > start[node];
        public ReadOnlySpan<int> Targets(int node) => node < grouping.Length ? targets.AsSpan(start[node], start[node + 1] - start[node]) : [];
        public bool IsGrouping(int node) => node < grouping.Length && grouping[node];
    }

    /// <summary>0-1 breadth-first search: a grouping node costs no step.</summary>
    private static void Walk(Graph graph, List<int> starts, int startLevel, DependencyType[] types, bool groupingTopsAreRoots)
    {
        var level = new int[types.Length];
        for (var i = 0; i < level.Length; i++) level[i] = -1; // Array.Fill<int> has no precompiled code: unoptimized
        var reached = new List<int>();
        var queue = new Deque();
        foreach (var s in starts)
        {
            if (level[s] >= 0) continue;
            level[s] = groupingTopsAreRoots && graph.IsGrouping(s) ? 0 : startLevel;
            reached.Add(s);
            queue.PushBack(s);
        }
        while (queue.Count > 0)
        {
            var current = queue.PopFront();
            foreach (var n in graph.Targets(current))
            {
                var isGrouping = graph.IsGrouping(n);
                var l = level[current] + (isGrouping ? 0 : 1);
                if (level[n] >= 0 && level[n] <= l) continue;
                if (level[n] < 0) reached.Add(n);
                level[n] = l;
                if (isGrouping) queue.PushFront(n); else queue.PushBack(n);
            }
        }
        foreach (var r in reached)
        {
            var l = level[r];
            if (l == 0 || graph.IsGrouping(r)) continue;
            var type = l == 1 ? DependencyType.Direct : DependencyType.Transitive;
            if (Rank(type) > Rank(types[r])) types[r] = type;
        }
    }

    /// <summary>A growable ring buffer of node ids (the walk re-queues a node whose level improves).</summary>
    private sealed class Deque
    {
        private int[] items = new int[64];
        private int head;
        public int Count { get; private set; }

        public void PushBack(int value)
        {
            Grow();
            items[(head + Count++) % items.Length] = value;
        }

        public void PushFront(int value)
        {
            Grow();
            head = (head - 1 + items.Length) % items.Length;
            items[head] = value;
            Count++;
        }

        public int PopFront()
        {
            var value = items[head];
            head = (head + 1) % items.Length;
            Count--;
            return value;
        }

        private void Grow()
        {
            if (Count < items.Length) return;
            var larger = new int[items.Length * 2];
            for (var i = 0; i < Count; i++) larger[i] = items[(head + i) % items.Length];
            items = larger;
            head = 0;
        }
    }

    public static int Rank(DependencyType t) => t switch
    {
        DependencyType.Direct => 2,
        DependencyType.Transitive => 1,
        _ => 0,
    };
}
