using Scout.Bench;

// Platform benchmarks: whole-pipeline figures, each reported with a same-process baseline.
// Usage: dotnet run -c Release --project bench/Scout.Bench -- uploads [--count 200] [--packages 60]
var command = args.FirstOrDefault() ?? "uploads";
return command switch
{
    "uploads" => await UploadBench.RunAsync(args.Skip(1).ToArray()),
    "firestore" => await FirestoreStoreBench.RunAsync(args.Skip(1).ToArray()),
    "dashboard" => await DashboardBench.RunAsync(args.Skip(1).ToArray()),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Scout.Bench uploads [--count N] [--packages N] | firestore | dashboard [--images N] [--runs N]");
    return 2;
}
