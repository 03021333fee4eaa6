using Scout.Functions.Aws;
using Scout.Functions.Aws.Runtime;

// The provided.al2023 bootstrap: one binary, four functions (_HANDLER = HttpUpload | QueueAnalysis | AdvisoryRefresh | DeadLetter).
using var stop = new CancellationTokenSource();
// ProcessExit also runs after an early `return 2`, when `stop` is already disposed: that exit code must stand.
AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { stop.Cancel(); } catch (ObjectDisposedException) { } };
Scout.Core.Settings.ScoutSettings environment;
try { environment = Scout.Core.Settings.ScoutSettings.Current; }
catch (Scout.Core.Ports.InputException e)
{
    // A bad setting (e.g. a SCOUT_MAX_* limit that is not a number) ends the bootstrap before it polls for events.
    new JsonLog(Console.Out, "unknown").Error("scout function refused to start: " + e.Message);
    return 2;
}
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
