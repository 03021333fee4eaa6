using System.Text;
using System.Text.Json;
using Scout.Core.Model;
using Scout.Purl;

namespace Scout.Sbom.Tests;

public class GraphAndOsTests
{
    private static NormalizedSbom Load(string relative) => new SbomNormalizer().Normalize(File.ReadAllBytes(Path.Combine(SbomFiles.Root, relative)));

    [Fact]
    public void Direct_and_transitive_follow_the_real_dependency_graph()
    {
        // trivy's fluentd image SBOM: image -> (OS component, gems); OS component -> deb packages -> their dependencies.
        const string file = "images/trivy/fluentd-multiple-lockfiles.cdx.json";
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(SbomFiles.Root, file)));
        var root = doc.RootElement;
        var subject = root.GetProperty("metadata").GetProperty("component").GetProperty("bom-ref").GetString()!;
        var purlOf = root.GetProperty("components").EnumerateArray()
            .ToDictionary(c => c.GetProperty("bom-ref").GetString()!, c => c.TryGetProperty("purl", out var p) ? PackageUrl.Canonicalize(p.GetString()!) : null);
        var deps = root.GetProperty("dependencies").EnumerateArray()
            .ToDictionary(d => d.GetProperty("ref").GetString()!, d => d.TryGetProperty("dependsOn", out var on) ? on.EnumerateArray().Select(x => x.GetString()!).ToList() : []);
        // Independent expectation: first layer = purl-carrying refs reachable from the subject through purl-less nodes only.
        var first = new HashSet<string>();
        var stack = new Stack<string>([subject]);
        var seenGroups = new HashSet<string>();
        while (stack.TryPop(out var r))
            foreach (var d in deps.GetValueOrDefault(r, []))
                if (purlOf.GetValueOrDefault(d) is { } purl) first.Add(purl);
                else if (seenGroups.Add(d)) stack.Push(d);
        var reachable = new HashSet<string>();
        var frontier = new Stack<string>(deps.Keys.Where(k => first.Contains(purlOf.GetValueOrDefault(k) ?? "")));
        while (frontier.TryPop(out var r))
            foreach (var d in deps.GetValueOrDefault(r, []))
                if (purlOf.GetValueOrDefault(d) is { } purl && reachable.Add(purl)) frontier.Push(d);

        var result = Load(file);
        Assert.NotEmpty(first);
        Assert.NotEmpty(reachable.Except(first));
        foreach (var p in result.Packages.Where(p => p.Purl is not null))
        {
            var expected = first.Contains(p.Purl!) ? DependencyType.Direct : reachable.Contains(p.Purl!) ? DependencyType.Transitive : DependencyType.Unknown;
            Assert.True(expected == p.DependencyType, $"{p.Purl}: expected {expected}, got {p.DependencyType}");
        }
        Assert.Contains(result.Packages, p => p.Purl == "pkg:gem/fluentd@1.8.0" && p.DependencyType == DependencyType.Direct);
    }

    [Fact]
    public void Without_a_graph_dependency_type_is_unknown()
    {
        var result = Load("images/guac/alpine-cyclonedx.json");
        Assert.All(result.Packages, p => Assert.Equal(DependencyType.Unknown, p.DependencyType));
    }

    [Fact]
    public void Spdx_graph_without_a_subject_marks_roots_direct_and_their_dependencies_transitive()
    {
        var doc = """
            {"spdxVersion":"SPDX-2.3","SPDXID":"SPDXRef-DOCUMENT","name":"x","packages":[
              {"SPDXID":"SPDXRef-a","name":"a","versionInfo":"1","externalRefs":[{"referenceCategory":"PACKAGE-MANAGER","referenceType":"purl","referenceLocator":"pkg:npm/a@1"}]},
              {"SPDXID":"SPDXRef-b","name":"b","versionInfo":"1","externalRefs":[{"referenceCategory":"PACKAGE-MANAGER","referenceType":"purl","referenceLocator":"pkg:npm/b@1"}]},
              {"SPDXID":"SPDXRef-c","name":"c","versionInfo":"1","externalRefs":[{"referenceCategory":"PACKAGE-MANAGER","referenceType":"purl","referenceLocator":"pkg:npm/c@1"}]},
              {"SPDXID":"SPDXRef-d","name":"d","versionInfo":"1","externalRefs":[{"referenceCategory":"PACKAGE-MANAGER","referenceType":"purl","referenceLocator":"pkg:npm/d@1"}]}],
             "relationships":[{"spdxElementId":"SPDXRef-a","relationshipType":"DEPENDS_ON","relatedSpdxElement":"SPDXRef-b"},
                              {"spdxElementId":"SPDXRef-c","relationshipType":"DEPENDENCY_OF","relatedSpdxElement":"SPDXRef-b"}]}
            """;
        var result = new SbomNormalizer().Normalize(Encoding.UTF8.GetBytes(doc));
        DependencyType Of(string name) => result.Packages.Single(p => p.Name == name).DependencyType;
        Assert.Equal(DependencyType.Direct, Of("a"));
        Assert.Equal(DependencyType.Transitive, Of("b"));
        Assert.Equal(DependencyType.Transitive, Of("c"));
        Assert.Equal(DependencyType.Unknown, Of("d"));
    }

    [Theory]
    [InlineData("images/guac/alpine-cyclonedx.json", "alpine", "3.16.2")]
    [InlineData("images/guac/alpine-spdx.json", "alpine", "3.16.2")]
    [InlineData("images/guac/big-mongo-cyclonedx.json", "ubuntu", "20.04")]
    [InlineData("images/guac/distroless-cyclonedx.json", "debian", "11")]
    [InlineData("images/trivy/centos-7-cyclonedx.json", "centos", "7.6.1810")]
    [InlineData("images/trivy/centos-7-spdx.json", "centos", "7.6.1810")]
    [InlineData("images/trivy/centos-7-spdx.txt", "centos", "7.6.1810")]
    [InlineData("images/attestations/trivy/centos-7-cyclonedx.intoto.jsonl", "centos", "7.6.1810")]
    [InlineData("images/trivy/fluentd-multiple-lockfiles.cdx.json", "debian", "10.2")]
    [InlineData("images/osv-scanner-sbom-insecure/postgres-stretch.cdx.xml", "debian", "9")]
    [InlineData("images/osv-scanner-sbom-insecure/alpine.cdx.xml", "alpine", "3.17.2")]
    [InlineData("images/osv-scanner-sbom-insecure/alpine-zlib-16.cdx.json", "alpine", "3.22.0")]
    [InlineData("images/osv-scanner-sbom-insecure/only-unimportant.spdx.json", "ubuntu", "20.04")]
    [InlineData("images/bom-shelter-in-the-lab/puppet_puppet-agent-ubuntu/spdx-trivy-puppet_puppet-agent-ubuntu-sha256_9223a40ef490.json", "ubuntu", "18.04")]
    [InlineData("images/bom-shelter-in-the-lab/rancher_library-nginx/spdx-syft-rancher_library-nginx-sha256_2a873cb32871.json", "alpine", "3.12.0")]
    public void Os_release_is_detected(string file, string id, string version)
    {
        var result = Load(file);
        Assert.Equal(new OsRelease(id, version), result.Os);
        Assert.DoesNotContain(result.Packages, p => p.Name == id && p.Purl is null && p.Version == version);
    }

    [Fact]
    public void Source_packages_come_from_purl_upstream_and_trivy_source_info()
    {
        var centos = Load("images/trivy/centos-7-spdx.json");
        Assert.All(centos.Packages, p => Assert.NotNull(p.SourcePackage));
        var postgres = Load("images/osv-scanner-sbom-insecure/postgres-stretch.cdx.xml");
        Assert.Contains(postgres.Packages, p => p.Type == "deb" && p.SourcePackage is not null && p.SourcePackage != p.Name);
    }
}
