using Scout.Bench;

// Platform benchmarks: whole-pipeline figures, each reported with a same-process baseline.
// Usage: dotnet run -c Release --project bench/Scout.Bench -- uploads [--count 1000] [--packages 300] [--consumers N] [--rounds 1]
//        dotnet run -c Release --project bench/Scout.Bench -- reoverlay [--small 1000] [--large 10000] [--hits 10] [--runs 9]
//        dotnet run -c Release --project bench/Scout.Bench -- freshness [--trials 10] [--interval 30] [--images 20]
var command = args.FirstOrDefault() ?? "uploads";
return command switch
{
    "uploads" => await UploadBench.RunAsync(args.Skip(1).ToArray()),
    "reoverlay" => await ReoverlayScaleBench.RunAsync(args.Skip(1).ToArray()),
    "firestore" => await FirestoreStoreBench.RunAsync(args.Skip(1).ToArray()),
    "base-images" => await BaseImageBench.RunAsync(args.Skip(1).ToArray()),
    "dashboard" => await DashboardBench.RunAsync(args.Skip(1).ToArray()),
    "big-sbom" => await BigSbomBench.RunAsync(args.Skip(1).ToArray()),
    "freshness" => await FreshnessBench.RunAsync(args.Skip(1).ToArray()),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Scout.Bench uploads [--count N] [--packages N] [--consumers N] [--rounds N] | reoverlay [--small N] [--large N] [--hits N] [--runs N] | firestore | dashboard [--images N] [--runs N] | base-images [--small N] [--large N] [--lookups N] | big-sbom --sbom FILE | freshness [--trials N] [--interval S] [--images N]");
    return 2;
}
