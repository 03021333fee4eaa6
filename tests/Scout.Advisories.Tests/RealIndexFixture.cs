using Scout.Advisories.Feeds;
using Scout.Testing;

namespace Scout.Advisories.Tests;

/// <summary>The whole OSV test-data tree loaded into an index with the production adapters (Scout.Purl, Scout.Versions).</summary>
public sealed class RealIndexFixture
{
    public AdvisoryServices Services { get; }
    public IReadOnlyList<string> SkippedRecords { get; }

    public RealIndexFixture()
    {
        Services = AdvisoryServices.CreateDetached();
        SkippedRecords = Services.LoadAsync(new DirectoryFeed(TestData.Path("osv"), Services.Parser)).GetAwaiter().GetResult();
    }
}
