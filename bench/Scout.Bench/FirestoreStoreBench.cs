using System.Diagnostics;
using System.Text.Json.Nodes;
using Scout.Core.Model;
using Scout.Storage.Firestore;
using Scout.Storage.Firestore.Rest;

namespace Scout.Bench;

/// <summary>
/// Documents/s for storing an N-package SBOM analysis through FirestoreScoutStore on the emulator, against raw
/// commits of the same documents (same names, same fields, same batching) in the same process.
/// Usage: FIRESTORE_EMULATOR_HOST=127.0.0.1:8085 GOOGLE_CLOUD_PROJECT=demo-test Scout.Bench firestore [--packages 10000] [--rounds 3]
/// </summary>
public static class FirestoreStoreBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var packages = Arg(args, "--packages", 10_000);
        var rounds = Arg(args, "--rounds", 3);
        var options = FirestoreOptions.FromEnvironment() with { ConfiguredLocation = "us-east4" };
        if (!options.UsesEmulator) { Console.Error.WriteLine("firestore bench: set FIRESTORE_EMULATOR_HOST (it writes thousands of documents)"); return 2; }
        var client = FirestoreRestClient.Create(options);
        var store = new FirestoreScoutStore(client);
        await store.InitializeAsync();
        var paths = new FirestorePaths(options.DocumentsRoot);

        var storeRates = new List<double>();
        var resaveRates = new List<double>();
        var rawSequential = new List<double>();
        var rawParallel = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            var analysis = Analysis($"bench-{Guid.NewGuid():N}"[..18], packages);
            var scope = paths.Tenant(analysis.TenantId);
            // The store's layout is known only after a save; a warm-up save of another tenant gives the image fields.
            var probe = analysis with { TenantId = analysis.TenantId + "-probe" };
            await store.SaveAnalysisAsync(probe);
            var image = (await client.GetAsync(paths.Tenant(probe.TenantId).Image(analysis.Image.Digest), default))!;
            var documents = RawWrites(scope, analysis, image).Count;
            // Alternate the order each round so neither side always runs on a warmer (or fuller) emulator.
            var rawFirst = round % 2 == 1;
            if (rawFirst) await RawAsync();
            var sw = Stopwatch.StartNew();
            await store.SaveAnalysisAsync(analysis);
            storeRates.Add(documents / sw.Elapsed.TotalSeconds);
            sw.Restart();
            await store.SaveAnalysisAsync(analysis with { AnalyzedAt = analysis.AnalyzedAt.AddMinutes(1) });
            resaveRates.Add(documents / sw.Elapsed.TotalSeconds);
            if (!rawFirst) await RawAsync();

            async Task RawAsync()
            {
                var rawDocs = RawWrites(paths.Tenant(analysis.TenantId + "-raw"), analysis, image);
                var raw = Stopwatch.StartNew();
                foreach (var batch in CommitPlanner.Plan(rawDocs, maxBytes: options.MaxCommitBytes)) await client.CommitAsync(batch, default);
                rawSequential.Add(rawDocs.Count / raw.Elapsed.TotalSeconds);
                var rawDocs2 = RawWrites(paths.Tenant(analysis.TenantId + "-rawp"), analysis, image);
                raw.Restart();
                await CommitPlanner.CommitAllAsync(client, rawDocs2, default);
                rawParallel.Add(rawDocs2.Count / raw.Elapsed.TotalSeconds);
            }
            Console.WriteLine($"round {round + 1} ({(rawFirst ? "raw first" : "store first")}): {documents} documents; store {storeRates[^1]:F0}/s, re-save {resaveRates[^1]:F0}/s, raw sequential {rawSequential[^1]:F0}/s, raw 4-parallel {rawParallel[^1]:F0}/s");
        }
        double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);
        Console.WriteLine($"firestore emulator, {packages} packages, median of {rounds}: store {Median(storeRates):F0} docs/s = " +
            $"{Median(storeRates) / Median(rawSequential):F2}x raw sequential commits ({Median(rawSequential):F0}/s), " +
            $"{Median(storeRates) / Median(rawParallel):F2}x raw 4-parallel commits ({Median(rawParallel):F0}/s); " +
            $"idempotent re-save {Median(resaveRates):F0} docs/s-equivalent");
        return 0;
    }

    /// <summary>The documents the store wrote, rebuilt as plain writes: index entries, blob chunks, the image document.</summary>
    private static List<JsonObject> RawWrites(TenantScope scope, ImageAnalysis analysis, FirestoreDocument image)
    {
        var digest = analysis.Image.Digest;
        var writes = analysis.IndexKeys.Select(FirestorePaths.IndexKey).Distinct().Select(k => Fs.Set(scope.IndexEntry(digest, k), new JsonObject
        {
            ["key"] = Fs.Str(k), ["ecosystem"] = Fs.Str(k.Split('\n')[0]), ["name"] = Fs.Str(k.Split('\n')[1]),
            ["tenantId"] = Fs.Str(scope.TenantId), ["digest"] = Fs.Str(digest),
        })).ToList();
        foreach (var (kind, payload) in new[] { ("packages", Blobs.GzipJson(analysis.Packages)), ("findings", Blobs.GzipJson(analysis.Findings)) })
        {
            var chunks = Blobs.Split(payload);
            for (var i = 0; i < chunks.Count; i++) writes.Add(Fs.Set(scope.ImageBlob(digest, kind, "raw", i), Blobs.ChunkFields(chunks[i])));
        }
        var fields = new JsonObject();
        foreach (var (name, value) in image.Fields) fields[name] = JsonNode.Parse(value.GetRawText());
        writes.Add(Fs.Set(scope.Image(digest), fields));
        return writes;
    }

    private static ImageAnalysis Analysis(string tenant, int count)
    {
        var digest = "sha256:" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Guid.NewGuid().ToByteArray())).ToLowerInvariant();
        var packages = Enumerable.Range(0, count).Select(i => new PackageRecord
        {
            Purl = $"pkg:npm/%40scope{i % 50}/package-{i}@{i % 7}.{i % 13}.{i % 5}", Type = "npm", Namespace = $"@scope{i % 50}", Name = $"package-{i}",
            Version = $"{i % 7}.{i % 13}.{i % 5}", Licenses = ["MIT"], Description = "a package of a large SBOM",
            FilePaths = [$"/app/node_modules/@scope{i % 50}/package-{i}/package.json"], DependencyType = i % 10 == 0 ? DependencyType.Direct : DependencyType.Transitive,
        }).ToList();
        return new ImageAnalysis
        {
            TenantId = tenant, Image = new ImageMetadata { Digest = digest, Architecture = "amd64" }, SbomSha256 = new string('a', 64),
            SbomFormat = "cyclonedx", TotalPackages = count, Packages = packages,
            Findings = packages.Where((_, i) => i % 20 == 0).Select(p => new Finding
            {
                Id = "GHSA-" + p.Name, Kind = FindingKinds.Vulnerability, Purl = p.Purl, InstalledVersion = p.Version, Severity = Severities.High,
            }).ToList(),
            IndexKeys = packages.Select(p => new PackageKey("npm", $"{p.Namespace}/{p.Name}")).ToList(),
            AnalyzedAt = DateTimeOffset.UtcNow,
        };
    }

    private static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : fallback;
    }
}
