using System.Text.Json;
using System.Text.Json.Nodes;
using Scout.Core.Ports;

namespace Scout.Queue.PubSub;

/// <summary>
/// DESIGN.md section 6 for Pub/Sub: messages are stored only in us-east1, us-east4 or us-east5. Topics are created
/// with a message storage policy allowing exactly those (PubSubProvisioner, infra/gcp), and start-up refuses a topic
/// whose policy allows any other region — or has no policy, which allows every region. The emulator keeps a policy
/// given at creation (tests/Scout.Cli.Tests/Security/ResidencyProcessTests.cs refuses one) but cannot update one; only
/// there (PUBSUB_EMULATOR_HOST, an explicit setting) a topic without a policy is accepted.
/// </summary>
public static class PubSubResidency
{
    public static readonly IReadOnlyList<string> AllowedRegions = ["us-east1", "us-east4", "us-east5"];

    public static JsonObject StoragePolicy() => new()
    {
        ["allowedPersistenceRegions"] = new JsonArray([.. AllowedRegions.Select(r => (JsonNode)JsonValue.Create(r))]),
    };

    /// <summary>Checks the analysis and dead-letter topics; a topic that does not exist yet is left to provisioning.</summary>
    public static async Task EnsureAsync(PubSubRestClient client, CancellationToken ct = default)
    {
        foreach (var topic in new[] { client.Options.TopicPath, client.Options.DeadLetterTopicPath })
        {
            using var doc = await client.GetAsync(topic, ct);
            if (doc == null) continue;
            var regions = doc.RootElement.TryGetProperty("messageStoragePolicy", out var policy) && policy.ValueKind == JsonValueKind.Object
                && policy.TryGetProperty("allowedPersistenceRegions", out var list) && list.ValueKind == JsonValueKind.Array
                    ? list.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.String).Select(r => r.GetString()!.Trim().ToLowerInvariant()).ToList()
                    : [];
            var allowed = string.Join(", ", AllowedRegions);
            if (regions.Count == 0)
            {
                if (client.Options.UsesEmulator) continue;
                throw new PubSubResidencyException(
                    $"Pub/Sub topic {topic} has no message storage policy, so messages may be stored in any region; set allowedPersistenceRegions to {allowed} (scout provision or infra/gcp)");
            }
            var outside = regions.Where(r => !AllowedRegions.Contains(r)).ToList();
            if (outside.Count > 0)
                throw new PubSubResidencyException(
                    $"Pub/Sub topic {topic} allows message storage in {string.Join(", ", outside)}, outside US-East; only {allowed} are allowed");
        }
    }
}

/// <summary>A topic that may store messages outside US-East: the hosts refuse to start (exit code 2).</summary>
public sealed class PubSubResidencyException(string message) : InputException(message);
