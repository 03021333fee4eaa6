using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Scout.Functions.Aws.Events;
using Scout.Functions.Aws.Handlers;
using Scout.Functions.Aws.Runtime;
using Scout.Hosting;
using Scout.Queue.Sqs;
using Scout.Storage.DynamoDb;
using Scout.Testing;

namespace Scout.Functions.Aws.Tests;

/// <summary>
/// The three Lambda handlers as the bootstrap wires them (LambdaHandlers.For) over the real platform: the scheduled
/// AdvisoryRefresh imports real OSV npm records into DynamoDB, an SBOM naming an affected package version goes
/// through HttpUpload -> SQS -> QueueAnalysis, and the finding for that advisory comes back from the API.
/// </summary>
public sealed class RealPlatformTests(AwsServersFixture servers) : IClassFixture<AwsServersFixture>
{
    private const string ScheduledEvent = """
    { "version": "0", "id": "1", "detail-type": "Scheduled Event", "source": "aws.events", "account": "123456789012",
      "time": "2026-11-27T06:00:00Z", "region": "us-east-1", "resources": ["arn:aws:events:us-east-1:123456789012:rule/refresh"], "detail": {} }
    """;

    [Fact]
    public async Task Scheduled_refresh_then_upload_through_sqs_finds_the_advisory_of_the_affected_package()
    {
        var store = new DynamoDbScoutStore(servers.Dynamo(), new DynamoDbStoreOptions { TableName = "scout-real-" + Guid.NewGuid().ToString("N")[..8] });
        var sqs = servers.Sqs();
        var queue = await SqsProvisioner.EnsureAsync(sqs, "scout-real-" + Guid.NewGuid().ToString("N")[..8], TimeSpan.FromSeconds(10));
        var feed = new Uri(TestData.Path("osv", "npm"));
        var platform = await ScoutPlatform.CreateAsync(store, new SqsWorkQueue(sqs, queue.QueueUrl), new ScoutOptions { AdvisoryFeed = feed });
        var logged = new StringWriter();
        var log = new JsonLog(logged, "test");
        var refresh = LambdaHandlers.For(LambdaHandlers.AdvisoryRefresh, platform, log);
        var http = LambdaHandlers.For(LambdaHandlers.HttpUpload, platform, log);
        var analysis = (QueueAnalysisHandler)LambdaHandlers.For(LambdaHandlers.QueueAnalysis, platform, log);

        var first = JsonNode.Parse(await refresh.HandleAsync(Invocation(Encoding.UTF8.GetBytes(ScheduledEvent)), CancellationToken.None))!;
        var stored = await store.ReadAllAdvisoriesAsync().ToListAsync();
        Assert.True(stored.Count > 0);
        Assert.Equal(stored.Count, (int)first["advisoriesChanged"]!);
        var again = JsonNode.Parse(await refresh.HandleAsync(Invocation(Encoding.UTF8.GetBytes(ScheduledEvent)), CancellationToken.None))!;
        Assert.Equal(0, (int)again["advisoriesChanged"]!);

        var (advisoryId, package, version) = stored.Select(AffectedVersion).First(x => x is not null)!.Value;
        var sbom = new JsonObject
        {
            ["bomFormat"] = "CycloneDX", ["specVersion"] = "1.5", ["version"] = 1,
            ["components"] = new JsonArray(new JsonObject { ["type"] = "library", ["name"] = package, ["version"] = version, ["purl"] = $"pkg:npm/{Uri.EscapeDataString(package).Replace("%2F", "/")}@{version}" }),
        };
        const string digest = "sha256:77aa000000000000000000000000000000000000000000000000000000000001";
        var envelope = new JsonObject { ["image"] = new JsonObject { ["digest"] = digest }, ["sbom"] = sbom };
        var (_, apiKey) = await platform.Keys.CreateTenantAsync("acme");
        var accepted = await SendAsync(http, "POST", "/v1/images", apiKey, Encoding.UTF8.GetBytes(envelope.ToJsonString()));
        Assert.Equal(202, accepted.StatusCode);

        var poller = new SqsLocalPoller(sqs, queue.QueueUrl, async (e, ct) =>
        {
            var output = await analysis.HandleAsync(Invocation(JsonSerializer.SerializeToUtf8Bytes(e, SqsJson.Default.SqsEvent)), ct);
            return JsonSerializer.Deserialize(output, SqsJson.Default.SqsBatchResponse)!;
        }, new SqsPollerOptions { WaitTimeSeconds = 1 });
        Assert.Equal(1, await poller.PollOnceAsync(CancellationToken.None));
        // the batch line says what the analysis read from the advisory store: its one package key, read once
        var batch = logged.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).Last(l => (string?)l["message"] == "batch");
        Assert.Equal(1, (long)batch["advisoryStoreReads"]!);
        Assert.True((double)batch["advisoryReadMs"]! > 0);

        var findings = JsonNode.Parse((await SendAsync(http, "GET", $"/v1/images/{digest}/findings", apiKey)).Body!)!["findings"]!.AsArray();
        Assert.Contains(findings, f => (string?)f!["id"] == advisoryId || f!["aliases"]!.AsArray().Any(a => (string?)a == advisoryId));
    }

    /// <summary>An advisory's first npm package with an explicitly listed affected version.</summary>
    private static (string Id, string Package, string Version)? AffectedVersion(Scout.Core.Model.StoredAdvisory advisory)
    {
        using var doc = JsonDocument.Parse(advisory.Json);
        if (doc.RootElement.TryGetProperty("withdrawn", out _) || !doc.RootElement.TryGetProperty("affected", out var affected)) return null;
        foreach (var a in affected.EnumerateArray())
        {
            if (!a.TryGetProperty("package", out var p) || p.GetProperty("ecosystem").GetString() != "npm") continue;
            if (a.TryGetProperty("versions", out var versions) && versions.GetArrayLength() > 0)
                return (advisory.Id, p.GetProperty("name").GetString()!, versions[0].GetString()!);
        }
        return null;
    }

    private static LambdaInvocation Invocation(byte[] payload) => new(Guid.NewGuid().ToString(), payload, DateTimeOffset.UtcNow.AddMinutes(5), null, null);

    private static async Task<ApiGatewayHttpResponse> SendAsync(ILambdaHandler handler, string method, string path, string apiKey, byte[]? body = null)
    {
        var gatewayEvent = new ApiGatewayHttpRequest
        {
            Version = "2.0", RawPath = path,
            Headers = new Dictionary<string, string> { ["authorization"] = "Bearer " + apiKey, ["content-type"] = "application/json" },
            RequestContext = new ApiGatewayHttpRequestContext { RequestId = "r", Http = new ApiGatewayHttpDescription { Method = method, Path = path } },
            Body = body is null ? null : Encoding.UTF8.GetString(body),
        };
        var output = await handler.HandleAsync(Invocation(JsonSerializer.SerializeToUtf8Bytes(gatewayEvent, LambdaJson.Default.ApiGatewayHttpRequest)), CancellationToken.None);
        return JsonSerializer.Deserialize(output, LambdaJson.Default.ApiGatewayHttpResponse)!;
    }
}
