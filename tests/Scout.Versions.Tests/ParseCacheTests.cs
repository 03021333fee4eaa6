using Scout.Versions.Schemes;

namespace Scout.Versions.Tests;

public class ParseCacheTests
{
    [Fact]
    public void A_string_is_parsed_once_and_the_cached_answer_equals_the_uncached_one()
    {
        var scheme = Pep440VersionScheme.Instance;
        var first = scheme.TryParse("3.1.4rc1");
        Assert.Same(first, scheme.TryParse("3.1.4rc1"));
        Assert.Equal(scheme.CompareUncached("1.0", "1.0.post1"), scheme.Compare("1.0", "1.0.post1"));
        Assert.Null(scheme.TryParse("no version"));
        Assert.Null(scheme.TryParse(null));
    }

    [Fact]
    public void The_cache_stays_bounded()
    {
        var cache = new ParseCache<string>(100);
        for (var i = 0; i < 1000; i++) cache.GetOrParse(i.ToString(), s => s);
        Assert.True(cache.Count <= 100, $"cache holds {cache.Count}");
    }
}
