using System.Text.RegularExpressions;
using Scout.Core.Model;
using Xunit.Abstractions;

namespace Scout.Sbom.Tests;

/// <summary>The CycloneDX and SPDX specifications' own valid and invalid documents.</summary>
public partial class ConformanceTests(ITestOutputHelper output)
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

    /// <summary>
    /// What each invalid document violates (read from the document and its name), as words a warning about it must
    /// contain in its path or message. Keyed by file name without spec version and extension.
    /// </summary>
    private static readonly Dictionary<string, string[]> violations = new(StringComparer.Ordinal)
    {
        ["invalid-bomformat"] = ["bomFormat"],
        ["invalid-citations"] = ["citation"],
        ["invalid-component-external-version-and-range"] = ["versionRange"],
        ["invalid-component-versionRange-non-external-explicit"] = ["versionRange"],
        ["invalid-component-versionRange-non-external-implicit"] = ["versionRange"],
        ["informal-invalid-component-versionRange-non-external-explicit"] = ["versionRange"],
        ["informal-invalid-component-versionRange-non-external-implicit"] = ["versionRange"],
        ["invalid-component-ref"] = ["bom-ref"],
        ["invalid-component-swid"] = ["swid"],
        ["invalid-component-type"] = ["component type"],
        ["invalid-cyclonedx"] = ["bomFormat", "cyclonedx"],
        ["invalid-dependency"] = ["depend"],
        ["invalid-depgraph"] = ["depend"],
        ["invalid-empty-component"] = ["no name", "no type"],
        ["skip_invalid-empty-component"] = ["no name", "no type"],
        ["invalid-missing-component-type"] = ["no type"],
        ["skip_invalid-missing-component-type"] = ["no type"],
        ["invalid-hash-alg"] = ["hash"],
        ["invalid-hash-md5"] = ["MD5"],
        ["invalid-hash-sha1"] = ["SHA-1"],
        ["invalid-hash-sha256"] = ["SHA-256"],
        ["invalid-hash-sha512"] = ["SHA-512"],
        ["invalid-issue-type"] = ["issue type"],
        ["invalid-patch-type"] = ["patch type"],
        ["invalid-license-choice"] = ["licenses mixes", "license choice has both"],
        ["invalid-license-declared-concluded-mix"] = ["licenses mixes"],
        ["invalid-license-encoding"] = ["encoding"],
        ["invalid-license-id"] = ["not an SPDX license id"],
        ["invalid-license-id-count"] = ["more than one id"],
        ["invalid-license-name-count"] = ["more than one id or name"],
        ["invalid-license-missing-id-and-name"] = ["neither an id nor a name"],
        ["invalid-metadata-distribution"] = ["distribution"],
        ["invalid-metadata-license"] = ["metadata.licenses", "metadata/licenses"],
        ["invalid-metadata-timestamp"] = ["timestamp"],
        ["invalid-namespace"] = ["namespace"],
        ["invalid-properties"] = ["propert"],
        ["invalid-scope"] = ["scope"],
        ["invalid-serialnumber"] = ["serialNumber"],
        ["invalid-service-data"] = ["services", "flow"],
        ["invalid-spdx"] = ["spdx"],
        ["invalid-spdx-identifier-spdx"] = ["SPDXID"],
        ["BadJSON.spdx"] = ["no name"],
        ["SPDXWrongVersion.spdx"] = ["version"],
        ["SPDXJSONExample-wrongversion.spdx"] = ["version"],
        ["powershell-2.2.6.spdx"] = ["trailing content"],
    };

    private static string ViolationKey(string file) => VersionSuffix().Replace(Path.GetFileName(file), "");

    [GeneratedRegex(@"(-1\.[0-9]+)?\.(json|xml)$")]
    private static partial Regex VersionSuffix();

    private static bool IsMissingPurl(SbomWarning w) => w.Message.Contains("has no purl", StringComparison.Ordinal);

    [Fact]
    public async Task Every_invalid_document_is_refused_or_warned_about_its_own_violation()
    {
        var files = SbomFiles.Under("cyclonedx", "conformance", "invalid").Concat(SbomFiles.Under("cyclonedx", "conformance", "other"))
            .Concat(SbomFiles.Under("spdx", "conformance", "invalid")).ToList();
        int refused = 0, named = 0, onlyOther = 0, onlyPurl = 0, silent = 0;
        var failures = new List<string>();
        foreach (var f in files)
        {
            var rel = SbomFiles.Relative(f);
            var key = ViolationKey(f);
            var (result, refusal) = await SbomFiles.NormalizeGuarded(File.ReadAllBytes(f));
            if (refusal is not null)
            {
                refused++;
                Assert.False(string.IsNullOrWhiteSpace(refusal.Reason));
                output.WriteLine($"refused  {rel}: {refusal.Message}");
                continue;
            }
            if (!violations.TryGetValue(key, out var words))
            {
                failures.Add($"{rel}: no expectation for '{key}' (read the document and add one)");
                continue;
            }
            var relevant = result!.Warnings.Where(w => !IsMissingPurl(w)).ToList();
            var naming = relevant.FirstOrDefault(w => words.Any(k => $"{w.Path}: {w.Message}".Contains(k, StringComparison.OrdinalIgnoreCase)));
            if (naming is not null)
            {
                named++;
                output.WriteLine($"warned   {rel}: {naming.Path}: {naming.Message}");
                continue;
            }
            if (relevant.Count > 0) onlyOther++;
            else if (result.Warnings.Count > 0) onlyPurl++;
            else silent++;
            failures.Add($"{rel}: no warning about [{string.Join(" | ", words)}]; got: " +
                (result.Warnings.Count == 0 ? "none" : string.Join("; ", result.Warnings.Select(w => $"{w.Path}: {w.Message}"))));
        }
        output.WriteLine($"invalid set: {files.Count} documents: {refused} refused, {named} warned naming the violation, " +
            $"{onlyOther} warned about something else, {onlyPurl} warned only about missing purls, {silent} accepted silently");
        Assert.True(failures.Count == 0, $"{failures.Count} invalid documents not refused and not warned about their violation:\n" + string.Join("\n", failures));
    }

    /// <summary>The valid documents must not set off any schema warning: only missing purls (and the documented format notes) are allowed.</summary>
    [Fact]
    public async Task Valid_documents_raise_no_violation_warnings()
    {
        var spurious = new List<string>();
        foreach (var f in SbomFiles.Under("cyclonedx", "conformance", "valid").Concat(SbomFiles.Under("spdx", "conformance", "valid")))
        {
            if (f.EndsWith(".yaml", StringComparison.Ordinal)) continue;
            var (result, refusal) = await SbomFiles.NormalizeGuarded(File.ReadAllBytes(f));
            if (refusal is not null) continue;
            foreach (var w in result!.Warnings.Where(w => !IsMissingPurl(w)))
            {
                spurious.Add($"{SbomFiles.Relative(f)}: {w.Path}: {w.Message}");
                output.WriteLine($"{SbomFiles.Relative(f)}: {w.Path}: {w.Message}");
            }
        }
        output.WriteLine($"valid set: {spurious.Count} warnings other than missing purls");
        Assert.True(spurious.Count == 0, string.Join("\n", spurious));
    }
}
