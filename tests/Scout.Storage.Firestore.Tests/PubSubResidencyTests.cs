using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Scout.Core.Ports;
using Scout.Queue.PubSub;

namespace Scout.Storage.Firestore.Tests;

/// <summary>Pub/Sub residency: topics are created US-East-only, and start-up refuses a topic whose policy allows more.</summary>
public sealed class PubSubResidencyTests
{
    [Theory]
    [InlineData("""{"name":"t","messageStoragePolicy":{"allowedPersistenceRegions":["us-east1","europe-west1"]}}""", false, "europe-west1")]
    [InlineData("""{"name":"t","messageStoragePolicy":{"allowedPersistenceRegions":["us-central1"]}}""", true, "us-central1")]
    [InlineData("""{"name":"t"}""", false, "no message storage policy")]
    public async Task A_topic_that_may_store_messages_outside_us_east_refuses_to_start(string topic, bool emulator, string expected)
    {
        var stub = new Stub(HttpStatusCode.OK, topic);
        var e = await Assert.ThrowsAsync<PubSubResidencyException>(() => PubSubResidency.EnsureAsync(Client(stub, emulator)));
        Assert.Contains(expected, e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.IsAssignableFrom<InputException>(e); // hosts turn it into exit code 2
    }

    [Theory]
    [InlineData("""{"name":"t","messageStoragePolicy":{"allowedPersistenceRegions":["us-east1","us-east4","us-east5"]}}""", false)]
    [InlineData("""{"name":"t","messageStoragePolicy":{"allowedPersistenceRegions":["us-east4"]}}""", false)]
    [InlineData("""{"name":"t"}""", true)] // the emulator keeps no policy: only the explicit emulator setting accepts that
    public async Task Us_east_only_topics_start(string topic, bool emulator)
    {
        var stub = new Stub(HttpStatusCode.OK, topic);
        await PubSubResidency.EnsureAsync(Client(stub, emulator));
        Assert.Equal(2, stub.Requests.Count(r => r.Method == HttpMethod.Get));
    }

    [Fact]
    public async Task Provisioning_creates_topics_with_the_us_east_storage_policy_and_patches_existing_ones()
    {
        var stub = new Stub(HttpStatusCode.Conflict, """{"error":{"code":409}}""");
        try { await new PubSubProvisioner(Client(stub, emulator: false)).ProvisionAsync(); }
        catch (PubSubException) { } // the stub answers 409 to everything; the topic requests are what is checked
        var topicPut = stub.Requests.First(r => r.Method == HttpMethod.Put);
        Assert.Equal(["us-east1", "us-east4", "us-east5"],
            JsonNode.Parse(topicPut.Body)!["messageStoragePolicy"]!["allowedPersistenceRegions"]!.AsArray().Select(n => (string)n!));
        var patch = stub.Requests.First(r => r.Method == HttpMethod.Patch);
        Assert.Equal("message_storage_policy", (string?)JsonNode.Parse(patch.Body)!["updateMask"]);
    }

    private static PubSubRestClient Client(Stub stub, bool emulator)
    {
        var options = new PubSubOptions { ProjectId = "p", EmulatorHost = emulator ? "127.0.0.1:9" : null };
        return new PubSubRestClient(new HttpClient(stub) { BaseAddress = new Uri("http://pubsub.invalid/") }, options, _ => Task.FromResult("stub-token"));
    }

    private sealed class Stub(HttpStatusCode status, string body) : HttpMessageHandler
    {
        public List<(HttpMethod Method, string Path, string Body)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            Requests.Add((request.Method, request.RequestUri!.AbsolutePath, request.Content == null ? "" : await request.Content.ReadAsStringAsync(ct)));
            var answer = request.Method == HttpMethod.Get ? HttpStatusCode.OK : status;
            return new HttpResponseMessage(request.Method == HttpMethod.Get ? HttpStatusCode.OK : answer)
            {
                Content = new StringContent(request.Method == HttpMethod.Get ? body : """{"error":{"code":409}}""", Encoding.UTF8, "application/json"),
            };
        }
    }
}
