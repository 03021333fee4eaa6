using Scout.Functions.Aws;
using Scout.Functions.Aws.Runtime;

// The provided.al2023 bootstrap: one binary, four functions (_HANDLER = HttpUpload | QueueAnalysis | AdvisoryRefresh | DeadLetter).
using var stop = new CancellationTokenSource();
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
var handlerName = Environment.GetEnvironmentVariable(AwsHostSettings.HandlerVariable) ?? "unknown";
var log = new JsonLog(Console.Out, handlerName);
var runtimeApi = Environment.GetEnvironmentVariable(AwsHostSettings.RuntimeApiVariable);
if (string.IsNullOrWhiteSpace(runtimeApi))
{
    log.Error($"{AwsHostSettings.RuntimeApiVariable} is not set: this program runs as a Lambda custom runtime (provided.al2023)");
    return 2;
}
using var runtime = new LambdaRuntimeClient(runtimeApi);
return await new LambdaBootstrap(runtime, log).RunAsync(
    ct => LambdaHandlers.CreateAsync(AwsHostSettings.FromEnvironment(), log, ct), stop.Token);
