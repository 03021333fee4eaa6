using Scout.Functions.Aws;
using Scout.Functions.Aws.Runtime;

// The provided.al2023 bootstrap: one binary, four functions (_HANDLER = HttpUpload | QueueAnalysis | AdvisoryRefresh | DeadLetter).
using var stop = new CancellationTokenSource();
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
var environment = Scout.Core.Settings.ScoutSettings.Current;
var handlerName = environment.LambdaHandler ?? "unknown";
var log = new JsonLog(Console.Out, handlerName);
var runtimeApi = environment.LambdaRuntimeApi;
if (string.IsNullOrWhiteSpace(runtimeApi))
{
    log.Error($"{AwsHostSettings.RuntimeApiVariable} is not set: this program runs as a Lambda custom runtime (provided.al2023)");
    return 2;
}
using var runtime = new LambdaRuntimeClient(runtimeApi);
return await new LambdaBootstrap(runtime, log).RunAsync(
    ct => LambdaHandlers.CreateAsync(AwsHostSettings.From(environment), log, ct), stop.Token);
