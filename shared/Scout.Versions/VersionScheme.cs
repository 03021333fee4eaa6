namespace Scout.Versions;

/// <summary>
/// A scheme that parses a string once into <typeparamref name="TParsed"/> (null = the ecosystem rejects it) and
/// orders parsed values. Parses are cached per scheme instance.
/// </summary>
public abstract class VersionScheme<TParsed> : IVersionScheme where TParsed : class
{
    private const int CacheCapacity = 1 << 16;

    /// <summary>
    /// Longer strings are invalid in every scheme: no real version comes near it, and pathological lengths would
    /// cost unbounded time or, for Maven's nested lists, stack. (node-semver itself stops at 256.)
    /// </summary>
    public const int MaxLength = 4096;
    private readonly ParseCache<TParsed> cache = new(CacheCapacity);

    public abstract string Name { get; }

    /// <summary>The ecosystem's parse; returns null for a string its tool rejects. May throw on absurd input; callers guard.</summary>
    protected abstract TParsed? Parse(string version);

    /// <summary>Negative, zero or positive.</summary>
    protected abstract int CompareParsed(TParsed a, TParsed b);

    public TParsed? TryParse(string? version)
    {
        if (version is null || version.Length > MaxLength) return null;
        return cache.GetOrParse(version, SafeParse);
    }

    public TParsed? TryParseUncached(string? version) => version is null || version.Length > MaxLength ? null : SafeParse(version);

    public bool IsValid(string version) => TryParse(version) is not null;

    public int? Compare(string a, string b) => CompareValues(TryParse(a), TryParse(b));

    /// <summary>The same answer as <see cref="Compare"/> without the parse cache (for measuring what the cache buys).</summary>
    public int? CompareUncached(string a, string b) => CompareValues(TryParseUncached(a), TryParseUncached(b));

    private int? CompareValues(TParsed? pa, TParsed? pb)
    {
        if (pa is null || pb is null) return null;
        return Math.Sign(CompareParsed(pa, pb));
    }

    private TParsed? SafeParse(string version)
    {
        try
        {
            return Parse(version);
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
