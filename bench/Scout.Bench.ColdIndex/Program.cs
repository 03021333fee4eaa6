using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Scout.Advisories.Matching;
using Scout.Advisories.Secrets;
using Scout.Bench.ColdIndex;
using Scout.Core.Model;
using Scout.Core.Ports;
using Scout.Core.UseCases;
using Scout.Hosting;
using Scout.Testing;
using Scout.Testing.Servers;

// Cold start with the whole advisory data set (issue #15). Seeds a store with N advisories shaped like the OSV test data,
// stores a tenant's upload of a P-package SBOM, then starts cold processes of this program, each doing one thing
// (ColdRun.cs): `raw` the store reads the analysis needs (the floor), `on-demand` the analysis as hosts run it now,
// `full` the analysis after reading every advisory (as hosts did before). Run inside a private network namespace
// (scripts/bench-cold-index.sh): DynamoDB Local listens on all interfaces.
//   Scout.Bench.ColdIndex dynamodb|firestore [--advisories 500000] [--packages 1000] [--matched 300] [--runs 3] [--no-full] [--lambda] [--cloudrun]
if (args is ["child", var childMode, var childTenant, var childUpload, var childKeys]) return await ColdRun.RunAsync(childMode, childTenant, childUpload, childKeys);
if (args.Length == 0 || args[0] is not ("dynamodb" or "firestore"))
{
    Console.Error.WriteLine("usage: Scout.Bench.ColdIndex dynamodb|firestore [--advisories N] [--packages N] [--matched N] [--runs N] [--no-full] [--lambda] [--cloudrun]");
    return 2;
}
int Arg(string name, int fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : fallback;
var (count, packageCount, matchedCount, runs) = (Arg("--advisories", 500_000), Arg("--packages", 1000), Arg("--matched", 300), Arg("--runs", 3));

await using var servers = new Servers();
await servers.StartAsync(args[0], withPubSub: args.Contains("--cloudrun"));
var store = ColdRun.OpenStore(ensureTable: true); // as `scout provision` or the deployment makes it
await store.InitializeAsync();

// ---- seed
var shapes = RealShapedAdvisories.Load(TestData.Path("osv"));
var spread = Math.Max(1, count / (matchedCount * 2));
var matched = new List<string>();
long jsonBytes = 0;
var seeding = Stopwatch.StartNew();
await Parallel.ForEachAsync(Enumerable.Range(0, (count + 99) / 100), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (chunk, ct) =>
{
    var batch = new List<StoredAdvisory>(100);
    for (var i = chunk * 100; i < Math.Min(count, chunk * 100 + 100); i++)
    {
        if (shapes.Make(i) is not { } advisory) continue;
        batch.Add(advisory);
        if (i % spread == 0 && PurlOf(advisory) is { } purl) lock (matched) matched.Add(purl);
    }
    Interlocked.Add(ref jsonBytes, batch.Sum(a => (long)a.Json.Length));
    await store.UpsertAdvisoriesAsync(batch, ct);
    if (chunk % 500 == 0) Console.Error.WriteLine($"  seeded {chunk * 100:N0} advisories, {seeding.Elapsed.TotalSeconds:0} s");
});
Console.WriteLine($"{args[0]}: {count:N0} advisories shaped like the {shapes.Templates:N0} OSV test-data records ({jsonBytes / 1048576.0:0} MiB of JSON) " +
    $"seeded in {seeding.Elapsed.TotalSeconds:0} s");

// ---- the SBOM: some packages under seeded keys, the rest under names nothing is filed under
var purls = matched.Distinct().Order(StringComparer.Ordinal).Take(matchedCount).ToList();
purls.AddRange(Enumerable.Range(0, packageCount - purls.Count).Select(i => $"pkg:npm/clean-package-{i}@1.{i % 10}.0"));
var keysFile = Path.GetTempFileName();
File.WriteAllLines(keysFile, purls.Select(PackageFromPurl.Create).SelectMany(p => KeysOf(p)).Distinct().Select(k => $"{k.Ecosystem}\t{k.Name}"));
var platform = await ScoutPlatform.CreateAsync(store, new Ignored(), new ScoutOptions());
var (tenant, _) = await platform.Keys.CreateTenantAsync("cold-bench");
var uploads = new UploadImage(store, new Ignored(), new SecretScanner(), SystemClock.Instance, new ScoutOptions().Limits);
var next = 0;
async Task<string> UploadAsync()
{
    var components = string.Join(",", purls.Select(p => $$"""{"type":"library","name":"x","purl":"{{p}}"}"""));
    var digest = "sha256:" + (++next).ToString("x").PadLeft(64, 'c');
    var envelope = $$$"""{"image":{"digest":"{{{digest}}}","architecture":"amd64","os":{"type":"linux"} },"sbom":{"bomFormat":"CycloneDX","specVersion":"1.5","version":1,"components":[{{{components}}}]} }""";
    return (await uploads.ExecuteAsync(tenant.TenantId, Encoding.UTF8.GetBytes(envelope))).Upload.UploadId;
}
Console.WriteLine($"SBOM: {purls.Count} packages, {Math.Min(matchedCount, matched.Count)} of them under seeded keys; each run a cold process (dotnet {Path.GetFileName(Environment.ProcessPath)})");

// ---- cold processes, modes alternating
var results = new List<ColdFigures>();
var modes = args.Contains("--no-full") ? new[] { "raw", "on-demand" } : ["raw", "on-demand", "full"];
var hosts = HostCommands(args);
modes = [.. modes, .. hosts.Keys];
for (var run = 0; run < runs; run++)
    foreach (var mode in modes)
    {
        if (mode == "full" && run > 0) continue; // minutes per run at full scale: once is the figure
        var figures = hosts.TryGetValue(mode, out var host)
            ? await HostAsync(mode, host, await UploadAsync())
            : await ChildAsync(mode, mode == "raw" ? "-" : await UploadAsync());
        results.Add(figures);
        Console.WriteLine($"  {figures.Mode,-9} since start {figures.SinceStartMs,8:0} ms, work {figures.WorkMs,8:0} ms (start-up {figures.StartupMs,6:0}), advisory reads {figures.StoreReadMs,8:0} ms, " +
            $"peak RSS {figures.PeakRssMiB,6:0} MiB, heap {figures.HeapMiB,6:0} MiB, cache {figures.CacheMiB,5:0.0} MiB, findings {figures.Findings}, {figures.Outcome}");
        if (figures.StoreTimes.Length > 0) Console.WriteLine($"            store: {figures.StoreTimes}");
    }
double Median(IEnumerable<double> xs) { var s = xs.Order().ToList(); return s[s.Count / 2]; }
var raw = Median(results.Where(r => r.Mode == "raw").Select(r => r.WorkMs));
foreach (var mode in modes)
{
    var of = results.Where(r => r.Mode == mode).ToList();
    Console.WriteLine($"{mode,-9}: median since start {Median(of.Select(r => r.SinceStartMs)):0} ms, work {Median(of.Select(r => r.WorkMs)):0} ms (start-up {Median(of.Select(r => r.StartupMs)):0}) " +
        $"({Median(of.Select(r => r.WorkMs)) / raw:0.0}x the raw reads), advisory reads {Median(of.Select(r => r.StoreReadMs)):0} ms, peak RSS {Median(of.Select(r => r.PeakRssMiB)):0} MiB");
}
File.Delete(keysFile);
return 0;

async Task<ColdFigures> ChildAsync(string mode, string uploadId)
{
    var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var a in new[] { typeof(ColdRun).Assembly.Location, "child", mode, tenant.TenantId, uploadId, keysFile }) start.ArgumentList.Add(a);
    using var child = Process.Start(start)!;
    var stderr = child.StandardError.ReadToEndAsync();
    var stdout = await child.StandardOutput.ReadToEndAsync();
    await child.WaitForExitAsync();
    if (child.ExitCode != 0) throw new InvalidOperationException($"{mode} run failed ({child.ExitCode}): {await stderr}");
    return JsonSerializer.Deserialize<ColdFigures>(stdout.Trim().Split('\n')[^1])!;
}

async Task<ColdFigures> HostAsync(string mode, string[] command, string uploadId)
{
    var figures = mode.StartsWith("lambda", StringComparison.Ordinal)
        ? await LambdaColdRun.RunAsync(mode, command, tenant.TenantId, uploadId)
        : await CloudRunColdRun.RunAsync(mode, command, tenant.TenantId, uploadId);
    var upload = await store.GetUploadAsync(tenant.TenantId, uploadId);
    return figures with { Findings = upload?.ImageDigest is { } digest ? (await store.GetFindingsAsync(tenant.TenantId, digest)).Count : -1 };
}

// --lambda (DynamoDB): the real QueueAnalysis bootstrap too, JIT (`lambda`) and, when scripts/publish-aws.sh has
// published it, Native AOT (`lambda-aot`), as Lambda's provided.al2023 runtime starts it. --cloudrun (Firestore): the real
// queue function, JIT (`cloudrun`) and, when scripts/publish-gcp.sh has published it, ReadyToRun (`cloudrun-r2r`).
static Dictionary<string, string[]> HostCommands(string[] args)
{
    var found = new Dictionary<string, string[]>();
    var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../.."));
    string Built(string path) => File.Exists(Path.Combine(root, path)) ? Path.Combine(root, path)
        : throw new FileNotFoundException($"build it first (-c Release): {path} is missing");
    if (args.Contains("--lambda") && args[0] == "dynamodb")
    {
        found["lambda"] = ["dotnet", Built("functions/Scout.Functions.Aws/bin/Release/net10.0/bootstrap.dll")];
        var aot = Path.Combine(root, "functions/Scout.Functions.Aws/bin/lambda/bootstrap");
        if (File.Exists(aot + ".dll")) Console.WriteLine("lambda-aot: skipped, bin/lambda holds a JIT publish (scripts/publish-aws.sh --jit)");
        else if (File.Exists(aot)) found["lambda-aot"] = [aot];
    }
    if (args.Contains("--cloudrun") && args[0] == "firestore")
    {
        found["cloudrun"] = ["dotnet", Built("functions/Scout.Functions.Gcp/bin/Release/net10.0/Scout.Functions.Gcp.dll")];
        var r2r = Path.Combine(root, "functions/Scout.Functions.Gcp/bin/cloudrun/Scout.Functions.Gcp.dll");
        if (File.Exists(r2r)) found["cloudrun-r2r"] = ["dotnet", r2r];
    }
    return found;
}

static IEnumerable<PackageKey> KeysOf(PackageRecord package)
{
    var k = DefaultAdapters.Keys.Resolve(package, null);
    return new[] { k.Key, k.SourceKey }.OfType<PackageKey>();
}

// A purl for the advisory's first affected package in a language ecosystem, at a version it lists (else 0.0.1).
static string? PurlOf(StoredAdvisory advisory)
{
    var affected = JsonDocument.Parse(advisory.Json).RootElement.GetProperty("affected")[0];
    if (!affected.TryGetProperty("package", out var package) || package.ValueKind != JsonValueKind.Object
        || !package.TryGetProperty("ecosystem", out var e) || e.ValueKind != JsonValueKind.String
        || !package.TryGetProperty("name", out var n) || n.ValueKind != JsonValueKind.String) return null;
    var (ecosystem, name) = (package.GetProperty("ecosystem").GetString()!, package.GetProperty("name").GetString()!);
    var version = affected.TryGetProperty("versions", out var versions) && versions.ValueKind == JsonValueKind.Array
        && versions.GetArrayLength() > 0 && versions[0].ValueKind == JsonValueKind.String ? versions[0].GetString()! : "0.0.1";
    var v = Uri.EscapeDataString(version);
    var purl = ecosystem switch
    {
        "npm" => $"pkg:npm/{(name.StartsWith('@') ? "%40" + name[1..] : name)}@{v}",
        "PyPI" => $"pkg:pypi/{name}@{v}",
        "crates.io" => $"pkg:cargo/{name}@{v}",
        "Go" => $"pkg:golang/{name}@{v}",
        "Maven" => name.Split(':') is [var g, var a] ? $"pkg:maven/{g}/{a}@{v}" : null,
        "RubyGems" => $"pkg:gem/{name}@{v}",
        "NuGet" => $"pkg:nuget/{name}@{v}",
        "Packagist" => $"pkg:composer/{name}@{v}",
        "Hex" => $"pkg:hex/{name}@{v}",
        "Pub" => $"pkg:pub/{name}@{v}",
        _ => null,
    };
    try { return purl is null ? null : PackageFromPurl.Create(purl).Purl; }
    catch (InputException) { return null; }
}

internal sealed class Ignored : IWorkQueue
{
    public Task EnqueueAsync(AnalyzeImageMessage message, CancellationToken ct = default) => Task.CompletedTask;
}

/// <summary>The local server for the store, and the environment the cold processes inherit to reach it.</summary>
internal sealed class Servers : IAsyncDisposable
{
    private AwsDynamoDbLocalServer? dynamo;
    private GcpEmulator? firestore, pubsub;

    public async Task StartAsync(string kind, bool withPubSub)
    {
        if (kind == "dynamodb")
        {
            dynamo = new AwsDynamoDbLocalServer();
            Set("AWS_ENDPOINT_URL_DYNAMODB", dynamo.Endpoint);
            Set("AWS_REGION", "us-east-1");
            Set("AWS_ACCESS_KEY_ID", "bench");
            Set("AWS_SECRET_ACCESS_KEY", "bench");
            Set("SCOUT_DYNAMODB_TABLE", "cold-index");
        }
        else
        {
            firestore = await GcpEmulator.StartFirestoreAsync("cold-bench", javaHeap: "8g");
            // the queue function checks its topics' storage policy at start (shared/Scout.Queue.PubSub/PubSubResidency.cs)
            if (withPubSub) { pubsub = await GcpEmulator.StartPubSubAsync("cold-bench"); Set("PUBSUB_EMULATOR_HOST", pubsub.HostPort); }
            Set("FIRESTORE_EMULATOR_HOST", firestore.HostPort);
            Set("GOOGLE_CLOUD_PROJECT", "cold-bench");
            Set("SCOUT_FIRESTORE_LOCATION", "us-east4");
        }
    }

    private static void Set(string name, string value) => Environment.SetEnvironmentVariable(name, value);

    public async ValueTask DisposeAsync()
    {
        dynamo?.Dispose();
        if (firestore != null) await firestore.DisposeAsync();
        if (pubsub != null) await pubsub.DisposeAsync();
    }
}
