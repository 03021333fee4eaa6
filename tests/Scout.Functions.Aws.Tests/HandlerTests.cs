using System.Text;
using System.Text.Json;
using Scout.Core.Api;
using Scout.Core.Ports;
using Scout.Core.UseCases;
using Scout.Functions.Aws.Events;
using Scout.Functions.Aws.Handlers;
using Scout.Functions.Aws.Runtime;
using Scout.Queue.Sqs;

namespace Scout.Functions.Aws.Tests;

/// <summary>The thin handlers: event shapes in, shared-handler calls, event shapes out.</summary>
public sealed class HandlerTests
{
    /// <summary>An HTTP API payload 2.0 event in the shape API Gateway sends (base64 body, lower-case headers).</summary>
    private const string GatewayEvent = """
    {
      "version": "2.0", "routeKey": "$default", "rawPath": "/v1/images/sha256%3Aabc/findings", "rawQueryString": "limit=5&severity=high",
      "cookies": ["a=1"], "headers": { "authorization": "Bearer sk_test", "content-type": "application/json", "content-encoding": "gzip" },
      "queryStringParameters": { "limit": "5", "severity": "high" },
      "requestContext": { "accountId": "123456789012", "apiId": "api", "domainName": "x.execute-api.us-east-1.amazonaws.com",
        "requestId": "JKJaXmPLvHcESHA=", "routeKey": "$default", "stage": "$default", "time": "27/Nov/2026:05:00:00 +0000", "timeEpoch": 1795755600000,
        "http": { "method": "POST", "path": "/v1/images/sha256:abc/findings", "protocol": "HTTP/1.1", "sourceIp": "192.0.2.1", "userAgent": "curl/8" } },
      "body": "H4sIAAAAAAAAA6tWKkktLlGyUlAqS8wpTVWqBQBn/1yUEQAAAA==", "isBase64Encoded": true
    }
    """;

    [Fact]
    public async Task An_http_api_event_becomes_an_api_request_and_the_answer_a_gateway_response()
    {
        ApiRequest? seen = null;
        var handler = new HttpUploadHandler((request, _) =>
        {
            seen = request;
            return Task.FromResult(new ApiResponse(202, "application/json", "{\"uploadId\":\"u1\"}"u8.ToArray()) { Headers = new Dictionary<string, string> { ["Location"] = "/v1/uploads/u1" } });
        }, LambdaRuntimeTests.Log());

        var output = await handler.HandleAsync(new LambdaInvocation("lambda-req", Encoding.UTF8.GetBytes(GatewayEvent), null, null, null), CancellationToken.None);

        Assert.NotNull(seen);
        Assert.Equal("POST", seen.Method);
        Assert.Equal("/v1/images/sha256:abc/findings", seen.Path);
        Assert.Equal("5", seen.Query["limit"]);
        Assert.Equal("Bearer sk_test", seen.Headers["Authorization"]);
        Assert.Equal("gzip", seen.Headers["Content-Encoding"]);
        Assert.Equal("JKJaXmPLvHcESHA=", seen.RequestId);
        // The body is not decoded until the API asks (after authentication), then under the cap it names.
        Assert.True(seen.Body.IsEmpty);
        Assert.Equal(Convert.FromBase64String("H4sIAAAAAAAAA6tWKkktLlGyUlAqS8wpTVWqBQBn/1yUEQAAAA=="), (await seen.BodyReader!(1024, CancellationToken.None)).ToArray());

        var response = JsonSerializer.Deserialize(output, LambdaJson.Default.ApiGatewayHttpResponse)!;
        Assert.Equal(202, response.StatusCode);
        Assert.False(response.IsBase64Encoded);
        Assert.Equal("{\"uploadId\":\"u1\"}", response.Body);
        Assert.Equal("application/json", response.Headers["content-type"]);
        Assert.Equal("/v1/uploads/u1", response.Headers["Location"]);
    }

    [Fact]
    public void Binary_or_encoded_responses_go_base64()
    {
        var bytes = new byte[] { 0x1f, 0x8b, 0, 255 };
        var binary = HttpUploadHandler.ToGatewayResponse(new ApiResponse(200, "application/octet-stream", bytes));
        Assert.True(binary.IsBase64Encoded);
        Assert.Equal(bytes, Convert.FromBase64String(binary.Body!));
        var gzipped = HttpUploadHandler.ToGatewayResponse(new ApiResponse(200, "application/json", bytes) { Headers = new Dictionary<string, string> { ["Content-Encoding"] = "gzip" } });
        Assert.True(gzipped.IsBase64Encoded);
    }

    [Fact]
    public async Task An_unexpected_api_exception_becomes_a_json500_not_a_crash()
    {
        var handler = new HttpUploadHandler((_, _) => throw new InvalidOperationException("boom"), LambdaRuntimeTests.Log());
        var output = await handler.HandleAsync(new LambdaInvocation("r", Encoding.UTF8.GetBytes(GatewayEvent), null, null, null), CancellationToken.None);
        var response = JsonSerializer.Deserialize(output, LambdaJson.Default.ApiGatewayHttpResponse)!;
        Assert.Equal(500, response.StatusCode);
        Assert.Equal("internal", JsonDocument.Parse(response.Body!).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task An_sqs_event_reports_only_malformed_and_transiently_failed_messages_and_logs_json()
    {
        var log = new StringWriter();
        // No delivery count on these records: a transient fault is a retry, and the store is never asked to record a failure.
        var handler = new QueueAnalysisHandler(new Scout.Hosting.AnalysisDelivery((m, _) => m.UploadId switch
        {
            "transient" => throw new TimeoutException("DynamoDB timed out"),
            "bad-sbom" => Task.FromResult(new AnalysisOutcome(AnalysisStatus.Failed, "not an SBOM")),
            _ => Task.FromResult(new AnalysisOutcome(AnalysisStatus.Done)),
        }, uploads: null!, SystemClock.Instance, Polly.ResiliencePipeline.Empty), LambdaRuntimeTests.Log(log));
        var sqsEvent = new SqsEvent
        {
            Records =
            [
                Record("m1", new AnalyzeImageMessage("t", "ok")), Record("m2", new AnalyzeImageMessage("t", "transient")),
                Record("m3", new AnalyzeImageMessage("t", "bad-sbom")), new SqsMessage { MessageId = "m4", Body = "{oops" },
            ],
        };
        var output = await handler.HandleAsync(new LambdaInvocation("req-9", JsonSerializer.SerializeToUtf8Bytes(sqsEvent, SqsJson.Default.SqsEvent), null, null, null), CancellationToken.None);

        var response = JsonSerializer.Deserialize(output, SqsJson.Default.SqsBatchResponse)!;
        Assert.Equal(["m2", "m4"], response.BatchItemFailures.Select(f => f.ItemIdentifier));
        Assert.Contains("\"batchItemFailures\":[{\"itemIdentifier\":\"m2\"}", Encoding.UTF8.GetString(output));
        var lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.All(lines, l => Assert.Equal("req-9", l.GetProperty("requestId").GetString()));
        Assert.Contains(lines, l => l.GetProperty("level").GetString() == "error" && l.GetProperty("messageId").GetString() == "m4");
        Assert.Contains(lines, l => l.TryGetProperty("outcome", out var o) && o.GetString() == "failed" && l.GetProperty("reason").GetString() == "not an SBOM");
    }

    [Fact]
    public async Task A_scheduled_event_runs_one_refresh_and_returns_its_summary()
    {
        const string scheduled = """
        { "version": "0", "id": "53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa", "detail-type": "Scheduled Event", "source": "aws.events",
          "account": "123456789012", "time": "2026-11-27T05:15:00Z", "region": "us-east-1",
          "resources": ["arn:aws:events:us-east-1:123456789012:rule/scout-advisory-refresh"], "detail": {} }
        """;
        var calls = 0;
        var handler = new AdvisoryRefreshHandler(_ => { calls++; return Task.FromResult(new AdvisoryRefreshResult { AdvisoriesChanged = 3, ImagesReoverlaid = 2, FindingsAdded = 1 }); }, LambdaRuntimeTests.Log());
        var output = await handler.HandleAsync(new LambdaInvocation("r", Encoding.UTF8.GetBytes(scheduled), null, null, null), CancellationToken.None);
        Assert.Equal(1, calls);
        var result = JsonDocument.Parse(output).RootElement;
        Assert.Equal(3, result.GetProperty("advisoriesChanged").GetInt32());
        Assert.Equal(2, result.GetProperty("imagesReoverlaid").GetInt32());
    }

    [Fact]
    public void Settings_come_from_the_function_environment()
    {
        var env = new Dictionary<string, string> { ["_HANDLER"] = "QueueAnalysis", ["SCOUT_DYNAMODB_TABLE"] = "scout-prod", ["SCOUT_ADVISORY_FEED"] = "https://osv-vulnerabilities.storage.googleapis.com/" };
        var settings = AwsHostSettings.FromEnvironment(env.GetValueOrDefault);
        Assert.Equal("QueueAnalysis", settings.Handler);
        Assert.Equal("scout-prod", settings.TableName);
        Assert.Null(settings.QueueUrl);
        Assert.Throws<InvalidOperationException>(() => AwsHostSettings.FromEnvironment(_ => null));
    }

    private static SqsMessage Record(string id, AnalyzeImageMessage message) =>
        new() { MessageId = id, Body = Scout.Core.Serialization.AnalyzeImageMessageCodec.EncodeString(message), EventSourceArn = "arn:aws:sqs:us-east-1:123456789012:scout-analysis", AwsRegion = "us-east-1" };
}
