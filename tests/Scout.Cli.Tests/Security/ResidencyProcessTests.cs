using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Scout.Testing.Servers;

namespace Scout.Cli.Tests.Security;

/// <summary>
/// Residency fails closed in the real `scout serve` process (DESIGN.md section 6): a Firestore database whose location
/// cannot be read or is outside US-East, and a Pub/Sub topic that may store messages outside US-East, end the process
/// with exit code 2 and one line naming the permission or the region, before anything is served.
/// </summary>
public sealed class ResidencyProcessTests : IClassFixture<FirestoreEmulatorFixture>, IClassFixture<PubSubEmulatorFixture>, IDisposable
{
    private static readonly string[] CloudVariables =
    [
        "GOOGLE_CLOUD_PROJECT", "GCLOUD_PROJECT", "FIRESTORE_EMULATOR_HOST", "PUBSUB_EMULATOR_HOST", "SCOUT_FIRESTORE_LOCATION",
        "SCOUT_FIRESTORE_DATABASE", "GOOGLE_APPLICATION_CREDENTIALS", "SCOUT_PUBSUB_TOPIC", "SCOUT_PUBSUB_SUBSCRIPTION", "SCOUT_PUBSUB_DEAD_LETTER_TOPIC",
    ];

    private readonly FirestoreEmulatorFixture firestore;
    private readonly PubSubEmulatorFixture pubsub;
    private readonly string data = Directory.CreateTempSubdirectory("scout-residency-test-").FullName;

    public ResidencyProcessTests(FirestoreEmulatorFixture firestore, PubSubEmulatorFixture pubsub) => (this.firestore, this.pubsub) = (firestore, pubsub);

    public void Dispose() => Directory.Delete(data, recursive: true);

    /// <summary>Runs `scout serve` with only the given cloud variables; a refusal ends it, anything else is killed after 90 s and fails.</summary>
    private async Task<(int Code, string[] StderrLines)> ServeAsync(Dictionary<string, string> environment, params string[] backend)
    {
        var info = ScoutProcess.StartInfo(["serve", "--port", ScoutProcess.FreePort().ToString(), "--data", data, .. backend]);
        foreach (var name in CloudVariables) info.Environment.Remove(name);
        foreach (var (name, value) in environment) info.Environment[name] = value;
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail("scout serve did not refuse to start: " + await stderr + await stdout);
        }
        await stdout;
        return (process.ExitCode, (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    private static void AssertRefused((int Code, string[] Lines) result, params string[] expected)
    {
        Assert.True(result.Code == 2, $"exit {result.Code}: {string.Join('\n', result.Lines)}");
        Assert.True(result.Lines.Length == 1, "expected one line, got:\n" + string.Join('\n', result.Lines));
        foreach (var text in expected) Assert.Contains(text, result.Lines[0]);
    }

    [Fact]
    public async Task Firestore_without_credentials_to_read_the_location_refuses_to_start_naming_the_permission()
    {
        var result = await ServeAsync(new()
        {
            ["GOOGLE_CLOUD_PROJECT"] = "demo-scout", ["SCOUT_FIRESTORE_LOCATION"] = "us-east1",
            ["GOOGLE_APPLICATION_CREDENTIALS"] = Path.Combine(data, "missing-credentials.json"),
        }, "--store", "firestore");
        // A configured us-east1 is not taken on trust: the database's own location must be read.
        AssertRefused(result, "cannot read the location of Firestore database projects/demo-scout/databases/(default)", "datastore.databases.getMetadata");
    }

    [Fact]
    public async Task Firestore_whose_location_request_cannot_be_authorized_refuses_to_start_naming_the_permission()
    {
        // A well-formed service account whose token endpoint refuses the connection: no access token, no location.
        using var rsa = RSA.Create(2048);
        var credentials = Path.Combine(data, "service-account.json");
        await File.WriteAllTextAsync(credentials, JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["type"] = "service_account", ["project_id"] = "demo-scout", ["private_key_id"] = "test", ["private_key"] = rsa.ExportPkcs8PrivateKeyPem(),
            ["client_email"] = "scout@demo-scout.iam.gserviceaccount.com", ["client_id"] = "1", ["token_uri"] = $"http://127.0.0.1:{ScoutProcess.FreePort()}/token",
        }));
        var result = await ServeAsync(new()
        {
            ["GOOGLE_CLOUD_PROJECT"] = "demo-scout", ["SCOUT_FIRESTORE_LOCATION"] = "us-east4", ["GOOGLE_APPLICATION_CREDENTIALS"] = credentials,
        }, "--store", "firestore");
        AssertRefused(result, "cannot read the location", "datastore.databases.getMetadata");
    }

    [Theory]
    [InlineData("nam5")]
    [InlineData("europe-west3")]
    [InlineData("us-central1")]
    public async Task Firestore_emulator_configured_outside_us_east_refuses_to_start_naming_the_location(string location)
    {
        var result = await ServeAsync(new()
        {
            ["GOOGLE_CLOUD_PROJECT"] = FirestoreEmulatorFixture.ProjectId, ["FIRESTORE_EMULATOR_HOST"] = firestore.HostPort,
            ["SCOUT_FIRESTORE_LOCATION"] = location,
        }, "--store", "firestore");
        AssertRefused(result, $"SCOUT_FIRESTORE_LOCATION={location} is outside US-East");
    }

    [Fact]
    public async Task Firestore_emulator_without_a_location_refuses_to_start()
    {
        var result = await ServeAsync(new()
        {
            ["GOOGLE_CLOUD_PROJECT"] = FirestoreEmulatorFixture.ProjectId, ["FIRESTORE_EMULATOR_HOST"] = firestore.HostPort,
        }, "--store", "firestore");
        AssertRefused(result, "set SCOUT_FIRESTORE_LOCATION");
    }

    [Fact]
    public async Task PubSub_topic_allowing_storage_outside_us_east_refuses_to_start_naming_the_region()
    {
        // The real emulator keeps a topic's message storage policy as created; this topic also allows europe-west1.
        var project = "demo-residency-" + Guid.NewGuid().ToString("N")[..8];
        using var http = new HttpClient { BaseAddress = pubsub.Emulator.BaseAddress };
        var created = await http.PutAsJsonAsync($"v1/projects/{project}/topics/scout-analyze",
            new { messageStoragePolicy = new { allowedPersistenceRegions = new[] { "us-east4", "europe-west1" } } });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var stored = await http.GetStringAsync($"v1/projects/{project}/topics/scout-analyze");
        Assert.Contains("europe-west1", stored);

        var result = await ServeAsync(new() { ["GOOGLE_CLOUD_PROJECT"] = project, ["PUBSUB_EMULATOR_HOST"] = pubsub.HostPort }, "--queue", "pubsub");
        AssertRefused(result, $"projects/{project}/topics/scout-analyze allows message storage in europe-west1, outside US-East");
    }

    [Fact]
    public async Task PubSub_topic_kept_in_us_east_starts()
    {
        var project = "demo-residency-" + Guid.NewGuid().ToString("N")[..8];
        using var http = new HttpClient { BaseAddress = pubsub.Emulator.BaseAddress };
        var created = await http.PutAsJsonAsync($"v1/projects/{project}/topics/scout-analyze",
            new { messageStoragePolicy = new { allowedPersistenceRegions = new[] { "us-east1", "us-east4" } } });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var environment = new Dictionary<string, string> { ["GOOGLE_CLOUD_PROJECT"] = project, ["PUBSUB_EMULATOR_HOST"] = pubsub.HostPort };
        var (server, address) = await ScoutProcess.ServeWithEnvironmentAsync(environment, data, "--queue", "pubsub");
        using (server)
        {
            using var client = new HttpClient { BaseAddress = address };
            Assert.Equal(200, (int)(await client.GetAsync("/healthz")).StatusCode);
        }
    }
}
