using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Scout.Sbom;

// Normalize time and allocations as a ratio to JsonDocument.Parse of the same bytes, in the same process.
// Usage: dotnet run -c Release --project bench/Scout.Sbom.Bench [path-to-testdata]
//        ... --write COUNT FILE   writes a generated CycloneDX SBOM of COUNT components
//        ... --parse FILE         the whole-process proxy of bench/sbom-normalize.sh: reads FILE and parses it with
//                                 JsonDocument, nothing else (kept apart so the process loads no Scout assembly)
if (args is ["--parse", var parsePath]) return ParseOnly.Run(parsePath);
return InProcess.Run(args);

internal static class ParseOnly
{
    public static int Run(string path)
    {
        var bytes = File.ReadAllBytes(path);
        using var document = JsonDocument.Parse(bytes);
        Console.WriteLine(document.RootElement.ValueKind);
        return 0;
    }
}

internal static class InProcess
{
    public static int Run(string[] args)
    {
        if (args is ["--write", var countText, var outPath])
        {
            File.WriteAllBytes(outPath, SyntheticCycloneDx.Create(int.Parse(countText)));
            return 0;
        }
        if (args is ["--memory", var inPath])
        {
            // Run under DOTNET_GCHeapHardLimit to show the whole normalization fits a heap budget (document included).
            var document = File.ReadAllBytes(inPath);
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var normalized = new SbomNormalizer().Normalize(document);
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            var retained = GC.GetTotalMemory(forceFullCollection: true);
            var info = GC.GetGCMemoryInfo();
            Console.WriteLine($"{normalized.TotalPackages} packages from {document.Length / 1048576.0:F1} MB: allocated {allocated / 1048576.0:F1} MB in total, " +
                $"heap holding document + result {retained / 1048576.0:F1} MB, heap limit {(info.TotalAvailableMemoryBytes / 1048576.0):F0} MB, GCs {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}");
            GC.KeepAlive(normalized);
            return 0;
        }

        var testdata = args.Length > 0 ? args[0] : Environment.GetEnvironmentVariable("SCOUT_TESTDATA") ?? Path.GetFullPath("../shared/testdata");
        var largest = Directory.EnumerateFiles(Path.Combine(testdata, "sbom"), "*.json", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/schema/") && !f.Contains("/conformance/"))
            .MaxBy(f => new FileInfo(f).Length)!;

        var cases = new List<(string Name, byte[] Bytes)>
        {
            ($"largest real SBOM ({Path.GetRelativePath(testdata, largest)})", File.ReadAllBytes(largest)),
            ("generated CycloneDX, 10,000 components", SyntheticCycloneDx.Create(10_000)),
            ("generated CycloneDX, 50,000 components", SyntheticCycloneDx.Create(50_000)),
        };

        var normalizer = new SbomNormalizer();
        // JsonDocument rents its buffers from a pool, so its allocations are near zero once warm: the allocation ratio to it
        // is printed but meaningless; "alloc/B" (bytes allocated per document byte) is the useful figure.
        Console.WriteLine($"{"case",-70} {"MB",6} {"pkgs",7} {"norm ms",9} {"parse ms",9} {"time x",7} {"norm alloc MB",14} {"parse alloc KB",15} {"alloc x",9} {"alloc/B",8}");
        foreach (var (name, bytes) in cases)
        {
            var packages = normalizer.Normalize(bytes).TotalPackages;
            var (normMs, normAlloc) = Measure(() => normalizer.Normalize(bytes));
            var (parseMs, parseAlloc) = Measure(() => { using var d = JsonDocument.Parse(bytes); return d.RootElement.ValueKind; });
            Console.WriteLine($"{name,-70} {bytes.Length / 1048576.0,6:F1} {packages,7} {normMs,9:F1} {parseMs,9:F1} {normMs / parseMs,7:F2} {normAlloc / 1048576.0,14:F1} {parseAlloc / 1024.0,15:F1} {(double)normAlloc / Math.Max(1, parseAlloc),9:F0} {(double)normAlloc / bytes.Length,8:F2}");
        }
        return 0;
    }

        // Best of several runs after warm-up (the machine is shared: the minimum is the least disturbed run); allocations per run on this thread.
        public static (double Ms, long Bytes) Measure<T>(Func<T> work)
        {
            for (var i = 0; i < 3; i++) GC.KeepAlive(work());
            var times = new List<double>();
            var allocs = new List<long>();
            for (var i = 0; i < 15; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                var before = GC.GetAllocatedBytesForCurrentThread();
                var sw = Stopwatch.StartNew();
                GC.KeepAlive(work());
                sw.Stop();
                allocs.Add(GC.GetAllocatedBytesForCurrentThread() - before);
                times.Add(sw.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            allocs.Sort();
            return (times[0], allocs[allocs.Count / 2]);
        }
}

/// <summary>A syft-shaped CycloneDX 1.6 image SBOM: licenses, properties with locations, a dependency graph.</summary>
internal static class SyntheticCycloneDx
{
    public static byte[] Create(int count)
    {
        var sb = new StringBuilder(count * 900);
        sb.Append("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"serialNumber\":\"urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79\",\"version\":1,");
        sb.Append("\"metadata\":{\"timestamp\":\"2024-01-01T00:00:00Z\",\"component\":{\"bom-ref\":\"image\",\"type\":\"container\",\"name\":\"example/image\",\"version\":\"sha256:00\"}},\"components\":[");
        for (var i = 0; i < count; i++)
        {
            if (i > 0) sb.Append(',');
            sb.Append($"{{\"bom-ref\":\"pkg:npm/%40scope/package-{i}@1.{i % 100}.{i % 7}?package-id={i:x8}\",\"type\":\"library\",\"author\":\"Author {i} <a{i}@example.com>\",");
            sb.Append($"\"name\":\"package-{i}\",\"group\":\"@scope\",\"version\":\"1.{i % 100}.{i % 7}\",\"description\":\"Package number {i} of a generated SBOM\",");
            sb.Append("\"licenses\":[{\"license\":{\"id\":\"MIT\"}},{\"license\":{\"name\":\"Custom License\"}}],");
            sb.Append($"\"hashes\":[{{\"alg\":\"SHA-256\",\"content\":\"{i:x64}\"}}],");
            sb.Append($"\"purl\":\"pkg:npm/%40scope/package-{i}@1.{i % 100}.{i % 7}\",");
            sb.Append("\"properties\":[{\"name\":\"syft:package:foundBy\",\"value\":\"javascript-package-cataloger\"},{\"name\":\"syft:package:type\",\"value\":\"npm\"},");
            sb.Append($"{{\"name\":\"syft:location:0:layerID\",\"value\":\"sha256:{i % 13:x64}\"}},{{\"name\":\"syft:location:0:path\",\"value\":\"/app/node_modules/@scope/package-{i}/package.json\"}}]}}");
        }
        sb.Append("],\"dependencies\":[{\"ref\":\"image\",\"dependsOn\":[");
        for (var i = 0; i < count; i += 10) sb.Append(i == 0 ? "" : ",").Append($"\"pkg:npm/%40scope/package-{i}@1.{i % 100}.{i % 7}?package-id={i:x8}\"");
        sb.Append("]}");
        for (var i = 0; i + 1 < count; i++)
            sb.Append($",{{\"ref\":\"pkg:npm/%40scope/package-{i}@1.{i % 100}.{i % 7}?package-id={i:x8}\",\"dependsOn\":[\"pkg:npm/%40scope/package-{i + 1}@1.{(i + 1) % 100}.{(i + 1) % 7}?package-id={i + 1:x8}\"]}}");
        sb.Append("]}");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }
}
