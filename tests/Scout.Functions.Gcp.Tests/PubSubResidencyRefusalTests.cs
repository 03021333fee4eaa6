using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Scout.Testing.Servers;

namespace Scout.Functions.Gcp.Tests;

/// <summary>The container refuses a Pub/Sub topic that may store messages outside US-East: exit code 2, one line naming the region.</summary>
public sealed class PubSubResidencyRefusalTests(FirestoreEmulatorFixture firestore) : IClassFixture<FirestoreEmulatorFixture>
{
    [Fact]
    public async Task A_topic_allowing_storage_outside_us_east_ends_the_function_with_exit_code_2()
    {
        // A stand-in for the Pub/Sub API answering GET topic with a policy that also allows europe-west1.
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var stub = builder.Build();
        stub.MapGet("/v1/projects/{project}/topics/{topic}", (string project, string topic) => Results.Text(
            $$$"""{"name":"projects/{{{project}}}/topics/{{{topic}}}","messageStoragePolicy":{"allowedPersistenceRegions":["us-east4","europe-west1"]}}""",
            "application/json"));
        await stub.StartAsync();
        var host = new Uri(stub.Urls.First()).Authority;

        var (code, stderr) = await StartupRefusalTests.RunFunctionAsync(new()
        {
            ["GOOGLE_CLOUD_PROJECT"] = "demo-test", ["SCOUT_FIRESTORE_LOCATION"] = "us-east1", ["PUBSUB_EMULATOR_HOST"] = host,
            ["FIRESTORE_EMULATOR_HOST"] = firestore.HostPort,
        });
        Assert.Equal(2, code);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, stderr);
        Assert.Contains("allows message storage in europe-west1, outside US-East", lines[0]);
        Assert.Contains("\"severity\":\"CRITICAL\"", lines[0]);
    }
}
