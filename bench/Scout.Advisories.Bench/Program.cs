using Scout.Advisories.Bench;

// Advisory overlay benchmarks. Every figure is printed next to a baseline measured in the same process.
// Usage: dotnet run -c Release --project bench/Scout.Advisories.Bench -- [index|match|reoverlay|all]
//        [--testdata DIR] [--advisories N] [--packages N] [--images N]
var command = args.FirstOrDefault() ?? "all";
var options = BenchOptions.Parse(args.Skip(1).ToArray());
switch (command)
{
    case "index": await IndexBench.RunAsync(options); break;
    case "match": MatchBench.Run(options); break;
    case "reoverlay": await ReoverlayBench.RunAsync(options); break;
    case "all":
        await IndexBench.RunAsync(options);
        MatchBench.Run(options);
        await ReoverlayBench.RunAsync(options);
        break;
    default:
        Console.Error.WriteLine("usage: Scout.Advisories.Bench [index|match|reoverlay|all] [--testdata DIR] [--advisories N] [--packages N] [--images N]");
        return 2;
}
return 0;
