using System.Text.Json;
using Scout.Testing;

namespace Scout.Purl.Tests.Conformance;

/// <summary>
/// The historical flat purl test suite (classic/test-suite-data.json), run leniently (it predates the
/// required/recommended split and expects e.g. "Platform=java" to normalize). Where it contradicts the current
/// authoritative files (tests/types, types/*-definition.json) the contradiction is listed below with its source,
/// and the authoritative answer is asserted instead.
/// </summary>
public sealed class ClassicSuiteTests
{
    private sealed record Contradiction(string Why, string? AuthoritativeCanonical);

    private static readonly Dictionary<string, Contradiction> Contradictions = new(StringComparer.Ordinal)
    {
        // Qualifier values: the classic suite leaves '/' unencoded; tests/types encode it (%2F), e.g. maven-test.json#8.
        ["pkg:Maven/org.apache.xmlgraphics/batik-anim@1.9.1?classifier=sources&repositorY_url=repo.spring.io/release"] = new(
            "'/' in a qualifier value is percent-encoded (maven-test.json)",
            "pkg:maven/org.apache.xmlgraphics/batik-anim@1.9.1?classifier=sources&repository_url=repo.spring.io%2Frelease"),
        ["pkg:Maven/org.apache.xmlgraphics/batik-anim@1.9.1?extension=pom&repositorY_url=repo.spring.io/release"] = new(
            "'/' in a qualifier value is percent-encoded (maven-test.json)",
            "pkg:maven/org.apache.xmlgraphics/batik-anim@1.9.1?extension=pom&repository_url=repo.spring.io%2Frelease"),
        ["pkg:huggingface/microsoft/deberta-v3-base@559062ad13d311b87b2c455e67dcd5f1c8f65111?repository_url=https://hub-ci.huggingface.co"] = new(
            "'/' in a qualifier value is percent-encoded (huggingface-test.json)",
            "pkg:huggingface/microsoft/deberta-v3-base@559062ad13d311b87b2c455e67dcd5f1c8f65111?repository_url=https:%2F%2Fhub-ci.huggingface.co"),
        ["pkg:mlflow/CreditFraud@3?repository_url=https://adb-5245952564735461.0.azuredatabricks.net/api/2.0/mlflow"] = new(
            "'/' in a qualifier value is percent-encoded (mlflow-test.json)",
            "pkg:mlflow/creditfraud@3?repository_url=https:%2F%2Fadb-5245952564735461.0.azuredatabricks.net%2Fapi%2F2.0%2Fmlflow"),
        ["pkg:mlflow/CreditFraud@3?repository_url=https://westus2.api.azureml.ms/mlflow/v1.0/subscriptions/a50f2011-fab8-4164-af23-c62881ef8c95/resourceGroups/TestResourceGroup/providers/Microsoft.MachineLearningServices/workspaces/TestWorkspace"] = new(
            "'/' in a qualifier value is percent-encoded (mlflow-test.json)",
            "pkg:mlflow/CreditFraud@3?repository_url=https:%2F%2Fwestus2.api.azureml.ms%2Fmlflow%2Fv1.0%2Fsubscriptions%2Fa50f2011-fab8-4164-af23-c62881ef8c95%2FresourceGroups%2FTestResourceGroup%2Fproviders%2FMicrosoft.MachineLearningServices%2Fworkspaces%2FTestWorkspace"),
        ["pkg:mlflow/trafficsigns@10?model_uuid=36233173b22f4c89b451f1228d700d49&run_id=410a3121-2709-4f88-98dd-dba0ef056b0a&repository_url=https://adb-5245952564735461.0.azuredatabricks.net/api/2.0/mlflow"] = new(
            "'/' in a qualifier value is percent-encoded (mlflow-test.json)",
            "pkg:mlflow/trafficsigns@10?model_uuid=36233173b22f4c89b451f1228d700d49&repository_url=https:%2F%2Fadb-5245952564735461.0.azuredatabricks.net%2Fapi%2F2.0%2Fmlflow&run_id=410a3121-2709-4f88-98dd-dba0ef056b0a"),
        // Subpath: '.' and '..' segments are discarded (spec); these cases' own components keep them while their canonical drops them.
        ["pkg:GOLANG/google.golang.org/genproto@abcdedf#/googleapis/%2E%2E/api/annotations/"] = new(
            "'..' subpath segments are discarded, so the parsed subpath is googleapis/api/annotations",
            "pkg:golang/google.golang.org/genproto@abcdedf#googleapis/api/annotations"),
        ["pkg:GOLANG/google.golang.org/genproto@abcdedf#/googleapis/%2E/api/annotations/"] = new(
            "'.' subpath segments are discarded, so the parsed subpath is googleapis/api/annotations",
            "pkg:golang/google.golang.org/genproto@abcdedf#googleapis/api/annotations"),
        // Validity: the type definitions and tests/types decide.
        ["pkg:huggingface/distilbert-base-uncased@043235d6088ecd3dd5fb5ca3592b6913fd516027"] = new(
            "huggingface-definition.json: namespace is required", null),
        ["pkg:cpan/URI::PackageURL@2.11"] = new(
            "cpan-definition.json / cpan-test.json: a distribution name cannot contain '::'", null),
        ["pkg:cpan/Perl-Version@1.013"] = new(
            "cpan-test.json: a distribution name without namespace is valid (pkg:cpan/DateTime@1.55)", "pkg:cpan/Perl-Version@1.013"),
        ["pkg:conan/bincrafters/cctz@2.3"] = new(
            "conan-definition.json: namespace and channel are independent and optional", "pkg:conan/bincrafters/cctz@2.3"),
        ["pkg:conan/cctz@2.3?channel=stable"] = new(
            "conan-definition.json: namespace and channel are independent and optional", "pkg:conan/cctz@2.3?channel=stable"),
        ["pkg:cran/A3"] = new("cran-definition.json: version is optional", "pkg:cran/A3"),
        ["pkg:swift/github.com/Alamofire/Alamofire"] = new(
            "swift-definition.json: version is optional", "pkg:swift/github.com/Alamofire/Alamofire"),
    };

    public static IEnumerable<object[]> Cases()
    {
        var path = TestData.Path("purl", "classic", "test-suite-data.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var i = 0;
        foreach (var _ in doc.RootElement.EnumerateArray()) yield return [i++];
    }

    private static JsonElement Case(int index)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(TestData.Path("purl", "classic", "test-suite-data.json")));
        return doc.RootElement[index].Clone();
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_case_of_the_classic_suite_holds(int index)
    {
        var c = Case(index);
        var purl = c.GetProperty("purl").GetString()!;
        if (Contradictions.TryGetValue(purl, out var contradiction))
        {
            if (contradiction.AuthoritativeCanonical is null)
                Assert.Throws<PurlException>(() => PackageUrl.Parse(purl, PurlParseMode.Lenient));
            else
                Assert.Equal(contradiction.AuthoritativeCanonical, PackageUrl.Canonicalize(purl));
            return;
        }
        if (c.GetProperty("is_invalid").GetBoolean())
        {
            Assert.Throws<PurlException>(() => PackageUrl.Parse(purl, PurlParseMode.Lenient));
            return;
        }
        var canonical = c.GetProperty("canonical_purl").GetString()!;
        var parsed = PackageUrl.Parse(purl, PurlParseMode.Lenient);
        Assert.Equal(canonical, parsed.ToString());
        PurlSpecConformanceTests.AssertComponents(c, parsed);
        Assert.Equal(canonical, PackageUrl.Parse(canonical).ToString());
        var built = PackageUrl.Build(PurlSpecCases.Str(c, "type")!, PurlSpecCases.Str(c, "namespace"), PurlSpecCases.Str(c, "name")!,
            PurlSpecCases.Str(c, "version"), PurlSpecCases.Qualifiers(c), PurlSpecCases.Str(c, "subpath"));
        Assert.Equal(canonical, built.ToString());
    }

    [Fact]
    public void Every_contradiction_is_in_the_classic_suite()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(TestData.Path("purl", "classic", "test-suite-data.json")));
        var purls = doc.RootElement.EnumerateArray().Select(e => e.GetProperty("purl").GetString()).ToHashSet();
        Assert.All(Contradictions.Keys, k => Assert.Contains(k, purls));
    }
}
