using Scout.Core.Model;
using static Scout.Testing.StoreContract.StoreSamples;

namespace Scout.Testing.StoreContract;

public abstract partial class StoreContractTests
{
    [Fact]
    public async Task Finding_diff_adds_changes_and_resolves()
    {
        var tenant = NewTenantId();
        var digest = NewDigest();
        var purl = Package(0).Purl!;
        var kept = Vulnerability("CVE-2024-0001", purl, Severities.High);
        var resolved = Vulnerability("CVE-2024-0002", purl, Severities.Medium);
        await Store.SaveAnalysisAsync(Analysis(tenant, digest, findings: [kept, resolved]));
        var before = await Store.GetImageAsync(tenant, digest);

        var added = Vulnerability("CVE-2024-0003", purl, Severities.Critical);
        var changed = kept with { Severity = Severities.Low, AdvisoryModified = At(30) };
        await Store.ApplyFindingDiffAsync(tenant, digest, new FindingDiff([added], [changed], [resolved]));

        var findings = (await Store.GetFindingsAsync(tenant, digest)).ToDictionary(f => f.Id);
        Assert.Equal(["CVE-2024-0001", "CVE-2024-0003"], findings.Keys.Order());
        Assert.Equal(Severities.Low, findings["CVE-2024-0001"].Severity);
        Assert.Equal(At(30), findings["CVE-2024-0001"].AdvisoryModified);
        var after = await Store.GetImageAsync(tenant, digest);
        Assert.Equal(1, after!.FindingCounts[Severities.Critical]);
        Assert.Equal(1, after.FindingCounts[Severities.Low]);
        Assert.Equal(0, after.FindingCounts[Severities.Medium]);
        Assert.True(after.Revision > before!.Revision);
    }

    [Fact]
    public async Task Suppressed_and_indeterminate_findings_are_counted_apart()
    {
        var tenant = NewTenantId();
        var digest = NewDigest();
        var purl = Package(1).Purl!;
        var suppressed = Vulnerability("CVE-2024-1000", purl) with { Suppressed = true, Vex = new VexAssessment("not_affected", "vulnerable_code_not_in_execute_path") };
        var indeterminate = new Finding { Id = "GHSA-xxxx-yyyy-zzzz", Kind = FindingKinds.Indeterminate, Purl = purl, Detail = "unknown version scheme" };
        await Store.SaveAnalysisAsync(Analysis(tenant, digest, findings: [suppressed, indeterminate]));
        var image = await Store.GetImageAsync(tenant, digest);
        Assert.Equal(1, image!.FindingCounts[FindingCounts.Suppressed]);
        Assert.Equal(1, image.FindingCounts[FindingCounts.Indeterminate]);
        Assert.Equal(0, image.FindingCounts[Severities.High]);
        var stored = (await Store.GetFindingsAsync(tenant, digest)).Single(f => f.Id == "CVE-2024-1000");
        Assert.True(stored.Suppressed);
        Assert.Equal(suppressed.Vex, stored.Vex);
    }

    [Fact]
    public async Task Many_packages_round_trip_in_order()
    {
        var tenant = NewTenantId();
        var digest = NewDigest();
        var analysis = Analysis(tenant, digest, packages: 1500);
        await Store.SaveAnalysisAsync(analysis);
        var packages = await Store.GetPackagesAsync(tenant, digest);
        Assert.Equal(analysis.Packages.Select(p => p.Purl), packages.Select(p => p.Purl));
        Assert.Equal(1500, (await Store.GetImageAsync(tenant, digest))!.PackageCount);
    }

    [Fact]
    public async Task Environments_are_linked_to_images_and_deduplicated()
    {
        var tenant = NewTenantId();
        var digest = NewDigest();
        var env = new EnvironmentRecord { Namespace = "prod", WorkloadName = "web", WorkloadType = "Deployment", ImageDigest = digest, SeenAt = At() };
        await Store.AddEnvironmentAsync(tenant, env);
        await Store.AddEnvironmentAsync(tenant, env with { SeenAt = At(10) });
        await Store.AddEnvironmentAsync(tenant, env with { Namespace = "staging" });
        var envs = await Store.GetEnvironmentsAsync(tenant, digest);
        Assert.Equal(2, envs.Count);
        Assert.Equal(At(10), envs.Single(e => e.Namespace == "prod").SeenAt);
        Assert.Empty(await Store.GetEnvironmentsAsync(NewTenantId(), digest));
    }

    [Fact]
    public async Task Vex_documents_round_trip_per_image()
    {
        var tenant = NewTenantId();
        var digest = NewDigest();
        var vex = new VexDocumentRecord("doc-1", "openvex", """{"@context":"https://openvex.dev/ns/v0.2.0","statements":[]}""", At());
        await Store.AddVexAsync(tenant, digest, vex);
        Assert.Equal([vex], await Store.GetVexAsync(tenant, digest));
        Assert.Empty(await Store.GetVexAsync(NewTenantId(), digest));
    }

    [Fact]
    public async Task Advisories_upsert_by_id_and_never_go_back_in_time()
    {
        var id = "GHSA-" + Guid.NewGuid().ToString("N")[..12];
        var key = new PackageKey("npm", "pkg-" + id);
        await Store.UpsertAdvisoriesAsync([Advisory(id, At(0), key)]);
        var newer = Advisory(id, At(10), key, new PackageKey("npm", "other-" + id));
        await Store.UpsertAdvisoriesAsync([newer]);
        await Store.UpsertAdvisoriesAsync([Advisory(id, At(5), key)]);
        var stored = await Store.GetAdvisoryAsync(id);
        Assert.Equal(At(10), stored!.Modified);
        Assert.Equal(newer.Json, stored.Json);
        Assert.Equal("test-feed", stored.Source);
        Assert.Equal(2, stored.Keys.Count);
        Assert.Equal([id], (await Store.GetAdvisoriesForPackageAsync(new PackageKey("npm", "other-" + id))).Select(a => a.Id));
        Assert.Null(await Store.GetAdvisoryAsync("missing-" + id));
    }

    [Fact]
    public async Task Withdrawn_advisories_keep_their_withdrawn_time_and_all_are_readable()
    {
        var ids = Enumerable.Range(0, 5).Select(i => $"OSV-{Guid.NewGuid():N}-{i}").ToList();
        var key = new PackageKey("PyPI", "w-" + ids[0]);
        await Store.UpsertAdvisoriesAsync(ids.Select(id => Advisory(id, At(1), key) with { Withdrawn = id == ids[0] ? At(2) : null }).ToList());
        Assert.Equal(At(2), (await Store.GetAdvisoryAsync(ids[0]))!.Withdrawn);
        var all = new HashSet<string>();
        await foreach (var a in Store.ReadAllAdvisoriesAsync()) all.Add(a.Id);
        Assert.Subset(all, ids.ToHashSet());
        Assert.Equal(5, (await Store.GetAdvisoriesForPackageAsync(key)).Count);
    }

    [Fact]
    public async Task Cursor_round_trips_and_overwrites()
    {
        var feed = "feed-" + Guid.NewGuid().ToString("N");
        Assert.Null(await Store.GetCursorAsync(feed));
        await Store.SetCursorAsync(feed, "2026-11-01T00:00:00Z");
        await Store.SetCursorAsync(feed, "2026-11-02T00:00:00Z");
        Assert.Equal("2026-11-02T00:00:00Z", await Store.GetCursorAsync(feed));
    }

    private static void AssertSameImage(ImageMetadata expected, ImageMetadata actual)
    {
        Assert.Equal(expected.Digest, actual.Digest);
        Assert.Equal(expected.CreatedAt, actual.CreatedAt);
        Assert.Equal(expected.ExposedPorts, actual.ExposedPorts);
        Assert.Equal(expected.Env, actual.Env);
        Assert.Equal(expected.Labels.OrderBy(x => x.Key), actual.Labels.OrderBy(x => x.Key));
        Assert.Equal(expected.Layers, actual.Layers);
        Assert.Equal(expected.Architecture, actual.Architecture);
        Assert.Equal(expected.Os, actual.Os);
        Assert.Equal(expected.Registry, actual.Registry);
    }

    private static void AssertSamePackage(PackageRecord expected, PackageRecord actual)
    {
        Assert.Equal(expected.Purl, actual.Purl);
        Assert.Equal(expected.Type, actual.Type);
        Assert.Equal(expected.Namespace, actual.Namespace);
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Version, actual.Version);
        Assert.Equal(expected.Licenses, actual.Licenses);
        Assert.Equal(expected.LicenseExpression, actual.LicenseExpression);
        Assert.Equal(expected.Author, actual.Author);
        Assert.Equal(expected.Description, actual.Description);
        Assert.Equal(expected.Size, actual.Size);
        Assert.Equal(expected.FilePaths, actual.FilePaths);
        Assert.Equal(expected.DependencyType, actual.DependencyType);
        Assert.Equal(expected.SourcePackage, actual.SourcePackage);
    }

    private static void AssertSameFinding(Finding expected, Finding actual)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Aliases, actual.Aliases);
        Assert.Equal(expected.Kind, actual.Kind);
        Assert.Equal(expected.Purl, actual.Purl);
        Assert.Equal(expected.InstalledVersion, actual.InstalledVersion);
        Assert.Equal(expected.AffectedRanges, actual.AffectedRanges);
        Assert.Equal(expected.FixedVersions, actual.FixedVersions);
        Assert.Equal(expected.FixState, actual.FixState);
        Assert.Equal(expected.Severity, actual.Severity);
        Assert.Equal(expected.Cvss, actual.Cvss);
        Assert.Equal(expected.Source, actual.Source);
        Assert.Equal(expected.AdvisoryModified, actual.AdvisoryModified);
        Assert.Equal(expected.Snapshot, actual.Snapshot);
        Assert.Equal(expected.MatchType, actual.MatchType);
    }
}
