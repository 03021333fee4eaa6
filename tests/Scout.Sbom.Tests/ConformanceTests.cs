using Xunit.Abstractions;

namespace Scout.Sbom.Tests;

/// <summary>The CycloneDX and SPDX specifications' own valid and invalid documents.</summary>
public class ConformanceTests(ITestOutputHelper output)
{
    public static TheoryData<string> ValidFiles()
    {
        var data = new TheoryData<string>();
        foreach (var f in SbomFiles.Under("cyclonedx", "conformance", "valid").Concat(SbomFiles.Under("spdx", "conformance", "valid"))
                     .Concat(SbomFiles.Under("spdx", "conformance", "warning")))
            data.Add(SbomFiles.Relative(f));
        return data;
    }

    [Theory]
    [MemberData(nameof(ValidFiles))]
    public async Task Valid_documents_load(string relative)
    {
        var (result, refusal) = await SbomFiles.NormalizeGuarded(File.ReadAllBytes(Path.Combine(SbomFiles.Root, relative)));
        if (relative.EndsWith(".yaml", StringComparison.Ordinal))
        {
            Assert.Contains("YAML is not supported", refusal?.Message);
            return;
        }
        Assert.True(refusal is null, $"{relative} refused: {refusal?.Message}");
        Assert.Equal(result!.Packages.Count, result.TotalPackages);
    }

    /// <summary>Invalid documents whose violation is one the reader checks: each must be refused or warned about.</summary>
    private static readonly string[] checkedViolations =
    [
        "bomformat", "component-type", "missing-component-type", "hash-", "scope", "serialnumber", "metadata-timestamp",
        "empty-component", "namespace", "license-missing-id-and-name", "dependency", "component-ref", "license-choice", "properties",
        "wrongversion", "WrongVersion", "license-encoding", "versionRange", "version-and-range", "BadJSON", "powershell", "invalid-spdx", "invalid-cyclonedx",
    ];

    [Fact]
    public async Task Invalid_documents_are_refused_or_warned_never_crash()
    {
        var files = SbomFiles.Under("cyclonedx", "conformance", "invalid").Concat(SbomFiles.Under("cyclonedx", "conformance", "other"))
            .Concat(SbomFiles.Under("spdx", "conformance", "invalid")).ToList();
        int refused = 0, warned = 0, silent = 0, onlyPurlWarnings = 0;
        var silentFiles = new List<string>();
        var unexpected = new List<string>();
        foreach (var f in files)
        {
            var rel = SbomFiles.Relative(f);
            var (result, refusal) = await SbomFiles.NormalizeGuarded(File.ReadAllBytes(f));
            if (refusal is not null)
            {
                refused++;
                Assert.False(string.IsNullOrWhiteSpace(refusal.Reason));
                output.WriteLine($"refused  {rel}: {refusal.Message}");
            }
            else if (result!.Warnings.Count > 0)
            {
                warned++;
                if (result.Warnings.All(w => w.Message.Contains("purl", StringComparison.Ordinal)))
                {
                    onlyPurlWarnings++;
                    if (checkedViolations.Any(v => Path.GetFileName(rel).Contains(v, StringComparison.Ordinal))) unexpected.Add(rel);
                }
                output.WriteLine($"warned   {rel}: {result.Warnings[0].Path}: {result.Warnings[0].Message}");
            }
            else
            {
                silent++;
                silentFiles.Add(rel);
                output.WriteLine($"accepted {rel}");
                if (checkedViolations.Any(v => Path.GetFileName(rel).Contains(v, StringComparison.Ordinal))) unexpected.Add(rel);
            }
        }
        output.WriteLine($"invalid set: {files.Count} documents, {refused} refused, {warned} loaded with a warning ({onlyPurlWarnings} of them only about missing purls), {silent} accepted silently");
        Assert.Equal(files.Count, refused + warned + silent);
        Assert.True(unexpected.Count == 0, "violations the reader checks went unnoticed: " + string.Join(", ", unexpected));
    }
}
