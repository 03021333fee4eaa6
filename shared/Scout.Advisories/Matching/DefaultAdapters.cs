namespace Scout.Advisories.Matching;

/// <summary>The production key resolver and affected evaluator (Scout.Purl ecosystem mapping, Scout.Versions schemes).</summary>
internal static class DefaultAdapters
{
    public static IPackageKeyResolver Keys => throw new NotSupportedException("waiting for Scout.Purl.Ecosystems");
    public static IAffectedEvaluator Evaluator => throw new NotSupportedException("waiting for Scout.Versions.Osv");
}
