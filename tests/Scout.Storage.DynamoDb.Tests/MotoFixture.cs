using Amazon.Runtime;
using Amazon.SQS;
using Scout.Queue.Sqs;
using Scout.Testing.Servers;

namespace Scout.Storage.DynamoDb.Tests;

/// <summary>One moto_server per test run for SQS; each test uses its own queue names.</summary>
public sealed class MotoFixture : IDisposable
{
    private readonly AwsMotoServer server = new();

    public string Endpoint => server.Endpoint;

    public IAmazonSQS CreateSqs() => SqsClientFactory.Create(AwsMotoServer.Region, server.Endpoint, new BasicAWSCredentials("test", "test"));

    public static string QueueName(string purpose) => $"scout-{purpose}-{Guid.NewGuid():N}"[..40];

    public void Dispose() => server.Dispose();
}

[CollectionDefinition(Name)]
public sealed class MotoCollection : ICollectionFixture<MotoFixture>
{
    public const string Name = "moto";
}
