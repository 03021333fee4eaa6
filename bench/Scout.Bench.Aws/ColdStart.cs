using System.Diagnostics;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Scout.Storage.DynamoDb;
using Scout.Testing.Servers;

namespace Scout.Bench.Aws;

/// <summary>
/// Start-to-first-post of the Lambda bootstrap: a local Runtime API hands out one empty SQS event to the
/// QueueAnalysis handler; the time runs from process start to the first POST back (the response, or the init
/// error if initialization fails), for the Native AOT binary and the JIT build of the same program.
/// </summary>
internal static class ColdStart
{
    private static string LastBody = "";

    public static async Task RunAsync(string aotBootstrap, string jitDll, string dynamoEndpoint, int rounds)
    {
        foreach (var (name, file, args) in new[] { ("Native AOT", aotBootstrap, ""), ("JIT (dotnet bootstrap.dll)", "dotnet", jitDll) })
        {
            var times = new List<double>();
            string? kind = null;
            for (var i = 0; i < rounds + 1; i++)
            {
                var (ms, posted) = await OnceAsync(file, args, dynamoEndpoint);
                kind = posted;
                if (i > 0) times.Add(ms); // the first run warms the disk cache
            }
            Console.WriteLine($"{name,-28}: median {times.Order().ElementAt(times.Count / 2):F0} ms start-to-first-post ({kind}); runs {string.Join(", ", times.Select(t => t.ToString("F0")))}");
            Console.WriteLine($"  posted: {LastBody[..Math.Min(200, LastBody.Length)]}");
        }
    }

    /// <summary>One HttpUpload invocation per path through a bootstrap, printing what it posted back (AOT smoke check).</summary>
    public static async Task SmokeHttpAsync(string bootstrap, string dynamoEndpoint)
    {
        foreach (var path in new[] { "/healthz", "/v1/images", "/openapi.json" })
        {
            var gatewayEvent = $$$"""{"version":"2.0","rawPath":"{{{path}}}","headers":{},"requestContext":{"requestId":"smoke","http":{"method":"GET","path":"{{{path}}}"}},"isBase64Encoded":false}""";
            await OnceAsync(bootstrap, "", dynamoEndpoint, "HttpUpload", gatewayEvent);
            Console.WriteLine($"GET {path}: {LastBody[..Math.Min(160, LastBody.Length)]}");
        }
    }

    private static async Task<(double Ms, string Posted)> OnceAsync(string file, string args, string dynamoEndpoint,
        string handler = "QueueAnalysis", string payload = "{\"Records\":[]}")
    {
        await EnsureTableAsync(dynamoEndpoint); // the deployment's table: functions do not create it
        using var api = new FakeLambdaRuntimeApi();
        api.Enqueue("cold-1", Encoding.UTF8.GetBytes(payload));
        var start = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["AWS_LAMBDA_RUNTIME_API"] = api.Address;
        start.Environment["_HANDLER"] = handler;
        start.Environment["AWS_REGION"] = "us-east-1";
        start.Environment["AWS_ENDPOINT_URL_DYNAMODB"] = dynamoEndpoint;
        start.Environment["AWS_ACCESS_KEY_ID"] = "bench";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "bench";
        start.Environment["SCOUT_DYNAMODB_TABLE"] = Table;
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var (path, body) = await api.FirstPost.WaitAsync(TimeSpan.FromSeconds(60));
            var elapsed = watch.Elapsed.TotalMilliseconds;
            LastBody = Encoding.UTF8.GetString(body);
            return (elapsed, path.EndsWith("/init/error", StringComparison.Ordinal) ? "init error" : "response");
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private const string Table = "bench-coldstart";

    private static async Task EnsureTableAsync(string dynamoEndpoint)
    {
        var config = new AmazonDynamoDBConfig { ServiceURL = dynamoEndpoint, AuthenticationRegion = "us-east-1" };
        using var client = new AmazonDynamoDBClient(new BasicAWSCredentials("bench", "bench"), config);
        await new DynamoDbScoutStore(client, new DynamoDbStoreOptions { TableName = Table }).InitializeAsync();
    }
}
