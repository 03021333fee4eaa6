using System.Net.Http.Headers;
using System.Text.Json;
using Amazon.Runtime;
using Scout.Storage.DynamoDb;
using Scout.Testing.Servers;

namespace Scout.Cli.Tests.Security;

/// <summary>
/// The hostile API suite on each store: at least 200 requests, no 5xx, the refusals each category calls for, and
/// afterwards no clear secret anywhere — store contents (read through the store's own API), the SQLite queue's files,
/// the host's log and every answer.
/// </summary>
public static class HostileApiRun
{
    public static async Task RunAsync(SecurityHost host, Func<AtRestScan, Task> scanStore)
    {
        var secrets = new SecretCases();
        var keyA = (await host.Platform.Keys.CreateTenantAsync("tenant-a")).ApiKey;
        var keyB = (await host.Platform.Keys.CreateTenantAsync("tenant-b")).ApiKey;
        var suite = new HostileApiSuite(host.Address, secrets);
        await suite.SecretBearingAsync(keyA);
        await host.DrainAsync();
        await suite.UnauthenticatedAsync(keyA);
        await suite.MalformedAsync(keyA);
        await suite.OversizedAsync(keyA);
        await suite.CrossTenantAsync(keyA, keyB);
        await host.DrainAsync();

        var answers = suite.Answers;
        Assert.True(answers.Count >= 200, $"only {answers.Count} requests");
        Assert.Empty(answers.Where(a => a.Status >= 500).Select(a => $"{a.Status} {a.Request}: {a.Body}"));
        Assert.All(answers.Where(a => a.Category == "unauthenticated"), a => Assert.Equal(401, a.Status));
        Assert.All(answers.Where(a => a.Category == "cross-tenant" && a.Request.StartsWith("GET /v1/images/", StringComparison.Ordinal)), a => Assert.Equal(404, a.Status));
        Assert.All(answers.Where(a => a.Category == "cross-tenant" && a.Request.StartsWith("GET /v1/uploads/", StringComparison.Ordinal)), a => Assert.Equal(404, a.Status));
        Assert.All(answers.Where(a => a.Category == "oversized"), a => Assert.True(a.Status is 0 or 400 or 413, $"{a.Status} {a.Request}: {a.Body}"));
        Assert.All(answers.Where(a => a.Category == "malformed"), a => Assert.InRange(a.Status, 200, 499));
        // Every refusal of the API is {error, detail}; only Kestrel's own protocol refusals (a NUL in the path, a request
        // line past 8 KiB) come before any application code and carry no body.
        Assert.All(answers.Where(a => a.Status >= 400 && !(a.Body.Length == 0 && a.Status is 400 or 414 or 431)),
            a => Assert.True(JsonDocument.Parse(a.Body).RootElement.TryGetProperty("error", out _), $"{a.Status} {a.Request}: {a.Body}"));

        // The secret-bearing upload was analyzed: its findings name each rule and place, its metadata is redacted.
        using var http = new HttpClient { BaseAddress = host.Address };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", keyA);
        var image = await http.GetStringAsync($"/v1/images/{suite.SecretDigest}");
        var findings = await http.GetStringAsync($"/v1/images/{suite.SecretDigest}/findings?kind=secret");
        var secretFindings = JsonDocument.Parse(findings).RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => $"{f.GetProperty("location").GetString()}:{f.GetProperty("name").GetString()}").ToList();
        foreach (var expected in new[] { "env:MYSQL_ROOT_PASSWORD", "env:JAVA_OPTS", "env:DB_CONNECTION", "env:DATABASE_URL", "env:NPM_CONFIG",
                     "env:API_KEY", "env:CI_NOTE", "env:GH", "label:org.example.deploy-token", "registry:url" })
            Assert.Contains(expected, secretFindings);
        Assert.Contains("https://registry.example.com/team/app", image);
        Assert.Contains("/usr/local/bin:/usr/bin", image);

        var scan = new AtRestScan(secrets);
        foreach (var a in answers) scan.Text($"answer to {a.Request}", a.Body);
        scan.Text("image", image);
        scan.Text("findings", findings);
        await scanStore(scan);
        scan.SqliteFolder(host.Folder);
        scan.Text("log", host.Log);
        Assert.Empty(scan.Hits);
        Assert.True(scan.ValuesScanned > answers.Count, "the scan read too little to mean anything");
    }
}

public sealed class SqliteHostileApiTests
{
    [Fact]
    public async Task Hostile_suite_gets_no_5xx_and_leaves_no_clear_secret_in_sqlite_queue_log_or_answers()
    {
        await using var host = await SecurityHost.SqliteAsync();
        await HostileApiRun.RunAsync(host, scan => Task.CompletedTask); // the store is the SQLite folder, scanned as files and tables
    }
}

public sealed class DynamoDbHostileApiTests : IDisposable
{
    private readonly AwsDynamoDbLocalServer dynamo = new();

    public void Dispose() => dynamo.Dispose();

    [Fact]
    public async Task Hostile_suite_gets_no_5xx_and_leaves_no_clear_secret_in_dynamodb_local()
    {
        var table = "scout-sec-" + Guid.NewGuid().ToString("N")[..8];
        await using var host = await SecurityHost.DynamoDbAsync(dynamo.Endpoint, table);
        using var client = DynamoDbClientFactory.Create("us-east-1", dynamo.Endpoint, new BasicAWSCredentials("test", "test"));
        await HostileApiRun.RunAsync(host, scan => scan.DynamoDbTableAsync(client, table));
    }
}

public sealed class FirestoreHostileApiTests(FirestoreEmulatorFixture emulator) : IClassFixture<FirestoreEmulatorFixture>
{
    [Fact]
    public async Task Hostile_suite_gets_no_5xx_and_leaves_no_clear_secret_in_the_firestore_emulator()
    {
        await using var host = await SecurityHost.FirestoreAsync(emulator.HostPort, FirestoreEmulatorFixture.ProjectId);
        await HostileApiRun.RunAsync(host, scan => scan.FirestoreAsync(emulator.HostPort, FirestoreEmulatorFixture.ProjectId));
    }
}
