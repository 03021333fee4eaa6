using Amazon.DynamoDBv2;
using Scout.Bench.Aws;
using Scout.Storage.DynamoDb;
using Scout.Testing.Servers;

// Storing a 10,000-package SBOM analysis through DynamoDbScoutStore vs raw BatchWriteItem of the same items at the
// same number of batches in flight (WriteRatio; --parallelism 1,4,8 --rounds 7), same DynamoDB Local, same process.
// Run inside a private network namespace (scripts/bench-aws.sh) because DynamoDB Local listens on all interfaces.
if (args is ["store-cpu", ..])
{
    await StoreCpu.RunAsync(rounds: 15);
    return;
}
using var server = new AwsDynamoDbLocalServer();
if (args is ["smoke-http", var binary])
{
    await ColdStart.SmokeHttpAsync(binary, server.Endpoint);
    return;
}
if (args is ["coldstart", var aot, var jit])
{
    await ColdStart.RunAsync(aot, jit, server.Endpoint, rounds: 7);
    return;
}
var config = new AmazonDynamoDBConfig { ServiceURL = server.Endpoint, AuthenticationRegion = "us-east-1" };
using var client = new RecordingDynamoDbClient(config);
var parallelism = Option("--parallelism") is { } list ? list.Split(',').Select(int.Parse).ToArray() : [1, 4, 8];
var rounds = Option("--rounds") is { } r ? int.Parse(r) : 7;
await WriteRatio.RunAsync(client, parallelism, rounds);

string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
