using Scout.Bench;

// Platform benchmarks: whole-pipeline figures, each reported with a same-process baseline.
// Usage: dotnet run -c Release --project bench/Scout.Bench -- uploads [--count 200] [--packages 60]
//        dotnet run -c Release --project bench/Scout.Bench -- freshness [--trials 10] [--interval 30] [--images 20]
var command = args.FirstOrDefault() ?? "uploads";
return command switch
{
    "uploads" => await UploadBench.RunAsync(args.Skip(1).ToArray()),
    "firestore" => await FirestoreStoreBench.RunAsync(args.Skip(1).ToArray()),
    "base-images" => await BaseImageBench.RunAsync(args.Skip(1).ToArray()),
    "dashboard" => await DashboardBench.RunAsync(args.Skip(1).ToArray()),
    "big-sbom" => await BigSbomBench.RunAsync(args.Skip(1).ToArray()),
    "freshness" => await FreshnessBench.RunAsync(args.Skip(1).ToArray()),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Scout.Bench uploads [--count N] [--packages N] | firestore | dashboard [--images N] [--runs N] | base-images [--small N] [--large N] [--lookups N] | big-sbom --sbom FILE | freshness [--trials N] [--interval S] [--images N]");
    return 2;
}
