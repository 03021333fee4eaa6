using Scout.Core.Ports;
using Scout.Functions.Gcp;
using Scout.Hosting;
using Scout.Queue.PubSub;
using Scout.Storage.Firestore;

// Cloud Run entry point. A configuration the platform must refuse (a Firestore database outside US-East or whose
// location cannot be read, a Pub/Sub topic that may store messages outside US-East, a missing project, an unknown SCOUT_FUNCTION) ends the container with exit code 2 and one clear log line.
try
{
    var settings = GcpFunctionSettings.FromEnvironment();
    var store = FirestoreScoutStore.FromEnvironment();
    var pubsub = PubSubRestClient.Create(PubSubOptions.FromEnvironment());
    var queue = new PubSubWorkQueue(pubsub);
    var options = new ScoutOptions { AdvisoryFeed = settings.AdvisoryFeed };
    var platform = await ScoutPlatform.CreateAsync(store, queue, options);
    await PubSubResidency.EnsureAsync(pubsub); // after the store's own residency check, before anything is served
    var platforms = new RefreshingPlatform(platform, ct => ScoutPlatform.CreateAsync(store, queue, options, ct), settings.IndexMaxAge, options.Clock,
        e => Console.Error.WriteLine($"{{\"severity\":\"ERROR\",\"message\":\"advisory index reload failed: {e.GetType().Name}\"}}"));
    await GcpFunctionHost.Build(platforms, settings).RunAsync();
    return 0;
}
catch (InputException e)
{
    Console.Error.WriteLine(System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string>
    {
        ["severity"] = "CRITICAL", ["message"] = "scout function refused to start: " + e.Message,
    }, new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    return 2;
}
