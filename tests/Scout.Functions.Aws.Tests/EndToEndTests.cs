using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2.Model;
using Scout.Core.Model;
using Scout.Core.Ports;
using Scout.Functions.Aws.Events;
using Scout.Functions.Aws.Handlers;
using Scout.Functions.Aws.Runtime;
using Scout.Hosting;
using Scout.Queue.Sqs;
using Scout.Sbom;
using Scout.Storage.DynamoDb;
using Scout.Testing;
using Scout.Testing.Fakes;

namespace Scout.Functions.Aws.Tests;

/// <summary>
/// The AWS flow on real local servers: an API Gateway event uploads a real CycloneDX SBOM (HttpUpload), the
/// reference goes through SQS (moto), QueueAnalysis runs on the SQS event built from the received messages,
/// DynamoDB Local holds the result, and GET returns the image and its findings. The SBOM normalizer is the real
/// one; the matcher is a stand-in (advisory matching has its own tests).
/// </summary>
public sealed class EndToEndTests(AwsServersFixture servers) : IClassFixture<AwsServersFixture>
{
    private const string Digest = "sha256:4f7d0000000000000000000000000000000000000000000000000000000000aa";

    [Fact]
    public async Task Upload_through_sqs_to_dynamo_db_and_back_and_a_duplicate_delivery_writes_nothing()
    {
        var (platform, store, sqs, queue) = await StartAsync();
        var log = new StringWriter();
        var http = new HttpUploadHandler(platform.Api.HandleAsync, new JsonLog(log, LambdaHandlers.HttpUpload));
        var analysis = new QueueAnalysisHandler(platform.Delivery, new JsonLog(log, LambdaHandlers.QueueAnalysis));
        var (_, apiKey) = await platform.Keys.CreateTenantAsync("acme");

        var sbom = JsonNode.Parse(File.ReadAllText(TestData.Path("sbom", "cyclonedx", "1.2", "bom-examples", "SBOM", "cern-lhc-vdm-editor-e564943", "bom.json")));
        var envelope = new JsonObject
        {
            ["image"] = new JsonObject { ["digest"] = Digest, ["architecture"] = "amd64", ["os"] = new JsonObject { ["type"] = "linux", ["version"] = "12" } },
            ["sbom"] = sbom,
        };
        var accepted = await SendAsync(http, "POST", "/v1/images", apiKey, Encoding.UTF8.GetBytes(envelope.ToJsonString()));
        Assert.Equal(202, accepted.StatusCode);
        var uploadId = (string)JsonNode.Parse(accepted.Body!)!["uploadId"]!;

        var poller = new SqsLocalPoller(sqs, queue.QueueUrl, (e, ct) => InvokeLambdaAsync(analysis, e, ct), new SqsPollerOptions { WaitTimeSeconds = 1 });
        Assert.Equal(1, await poller.PollOnceAsync(CancellationToken.None));

        var status = JsonNode.Parse((await SendAsync(http, "GET", $"/v1/uploads/{uploadId}", apiKey)).Body!)!;
        Assert.Equal("done", (string?)status["status"]);
        var image = await SendAsync(http, "GET", $"/v1/images/{Uri.EscapeDataString(Digest)}", apiKey);
        Assert.Equal(200, image.StatusCode);
        var packages = await store.GetPackagesAsync((await platform.Keys.AuthenticateAsync(apiKey))!.TenantId, Digest);
        Assert.NotEmpty(packages);
        Assert.Equal(packages.Count, (int)JsonNode.Parse(image.Body!)!["packageCount"]!);
        var findings = JsonNode.Parse((await SendAsync(http, "GET", $"/v1/images/{Uri.EscapeDataString(Digest)}/findings", apiKey)).Body!)!["findings"]!.AsArray();
        var expected = packages.Where(FirstLetterMatcher.Flags).Select(p => p.Purl).Order().ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, findings.Select(f => (string?)f!["purl"]).Order());

        // a duplicate delivery of the same reference: the analysis sees the finished upload and writes nothing
        var before = await TableSnapshotAsync(store);
        await new SqsWorkQueue(sqs, queue.QueueUrl).EnqueueAsync(new AnalyzeImageMessage((await platform.Keys.AuthenticateAsync(apiKey))!.TenantId, uploadId));
        Assert.Equal(1, await poller.PollOnceAsync(CancellationToken.None));
        Assert.Equal(before, await TableSnapshotAsync(store));
        Assert.Contains("\"outcome\":\"duplicate\"", log.ToString());
    }

    [Fact]
    public async Task A_message_for_an_upload_the_store_cannot_read_is_retried_alone_while_the_rest_of_the_batch_completes()
    {
        var (platform, _, sqs, queue) = await StartAsync();
        var failing = new HashSet<string> { "flaky" };
        var calls = new List<string>();
        var analysis = new QueueAnalysisHandler(new AnalysisDelivery(async (m, ct) =>
        {
            lock (calls) calls.Add(m.UploadId);
            if (failing.Remove(m.UploadId)) throw new TimeoutException("DynamoDB throttled");
            // Analyzed (a message naming no upload would be dead-lettered: it is not the subject here).
            return await Task.FromResult(new Scout.Core.UseCases.AnalysisOutcome(Scout.Core.UseCases.AnalysisStatus.Done));
        }, platform.Store, platform.Options.Clock, NoInProcessRetry), new JsonLog(new StringWriter(), LambdaHandlers.QueueAnalysis));
        var producer = new SqsWorkQueue(sqs, queue.QueueUrl);
        foreach (var id in new[] { "a", "flaky", "b" }) await producer.EnqueueAsync(new AnalyzeImageMessage("t-none", id));
        var poller = new SqsLocalPoller(sqs, queue.QueueUrl, (e, ct) => InvokeLambdaAsync(analysis, e, ct), new SqsPollerOptions { WaitTimeSeconds = 1 });

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (calls.Count < 4 && DateTime.UtcNow < deadline) await poller.PollOnceAsync(CancellationToken.None);
        Assert.Equal(["a", "b", "flaky", "flaky"], calls.Order());
        Assert.Equal("flaky", calls[^1]);
    }

    /// <summary>One try per delivery, so the test sees SQS's redelivery rather than the in-process retry.</summary>
    private static readonly Polly.ResiliencePipeline NoInProcessRetry = Polly.ResiliencePipeline.Empty;

    private async Task<(ScoutPlatform Platform, DynamoDbScoutStore Store, Amazon.SQS.IAmazonSQS Sqs, SqsQueueInfo Queue)> StartAsync()
    {
        var store = new DynamoDbScoutStore(servers.Dynamo(), new DynamoDbStoreOptions { TableName = "scout-e2e-" + Guid.NewGuid().ToString("N")[..8] });
        await store.InitializeAsync();
        var sqs = servers.Sqs();
        var queue = await SqsProvisioner.EnsureAsync(sqs, "scout-e2e-" + Guid.NewGuid().ToString("N")[..8], TimeSpan.FromMilliseconds(1000.0 / 6));
        var platform = ScoutPlatform.Create(store, new SqsWorkQueue(sqs, queue.QueueUrl),
            new ScoutComponents(new SbomNormalizer(), new FirstLetterMatcher(), new NoSecrets()), new ScoutOptions());
        return (platform, store, sqs, queue);
    }

    /// <summary>What Lambda does with an SQS event: the JSON goes in, the batch response JSON comes out.</summary>
    private static async Task<SqsBatchResponse> InvokeLambdaAsync(QueueAnalysisHandler handler, SqsEvent sqsEvent, CancellationToken ct)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(sqsEvent, SqsJson.Default.SqsEvent);
        var output = await handler.HandleAsync(new LambdaInvocation(Guid.NewGuid().ToString(), payload, null, null, null), ct);
        return JsonSerializer.Deserialize(output, SqsJson.Default.SqsBatchResponse)!;
    }

    private static async Task<ApiGatewayHttpResponse> SendAsync(HttpUploadHandler handler, string method, string path, string apiKey, byte[]? body = null)
    {
        var gatewayEvent = new ApiGatewayHttpRequest
        {
            Version = "2.0", RouteKey = "$default", RawPath = path,
            Headers = new Dictionary<string, string> { ["authorization"] = "Bearer " + apiKey, ["content-type"] = "application/json" },
            RequestContext = new ApiGatewayHttpRequestContext { RequestId = Guid.NewGuid().ToString(), Http = new ApiGatewayHttpDescription { Method = method, Path = path } },
            Body = body is null ? null : Convert.ToBase64String(body), IsBase64Encoded = body is not null,
        };
        var output = await handler.HandleAsync(new LambdaInvocation("r", JsonSerializer.SerializeToUtf8Bytes(gatewayEvent, LambdaJson.Default.ApiGatewayHttpRequest), null, null, null), CancellationToken.None);
        var response = JsonSerializer.Deserialize(output, LambdaJson.Default.ApiGatewayHttpResponse)!;
        return response.IsBase64Encoded ? response with { Body = Encoding.UTF8.GetString(Convert.FromBase64String(response.Body!)), IsBase64Encoded = false } : response;
    }

    /// <summary>Every item of the table, as text, to prove a step wrote nothing.</summary>
    private async Task<string> TableSnapshotAsync(DynamoDbScoutStore store)
    {
        using var client = servers.Dynamo();
        var items = (await client.ScanAsync(new ScanRequest { TableName = store.TableName })).Items;
        return string.Join("\n", items.Select(i => string.Join(",", i.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}={kv.Value.S ?? kv.Value.N ?? (kv.Value.B is { } b ? Convert.ToBase64String(b.ToArray()) : "?")}"))).Order());
    }

    /// <summary>Stand-in matcher: one high finding per package whose name starts with 'p'.</summary>
    private sealed class FirstLetterMatcher : IAdvisoryMatcher
    {
        public static bool Flags(PackageRecord p) => p.Name.StartsWith('p');

        public OverlayResult Overlay(OverlayRequest request) => new(
            request.Packages.Where(Flags).Select(p => new Finding
            {
                Id = "TEST-" + p.Name, Kind = FindingKinds.Vulnerability, Purl = p.Purl, InstalledVersion = p.Version, Severity = Severities.High,
            }).ToList(),
            request.Packages.Select(p => new PackageKey(p.Type ?? "unknown", p.Name)).Distinct().ToList(),
            []);
    }
}
