using System.Text.Json.Nodes;
using Scout.Storage.Firestore.Rest;

namespace Scout.Storage.Firestore.Tests;

public sealed class FirestoreUnitTests
{
    [Theory]
    [InlineData("sha256:abc", "sha256%3Aabc")]
    [InlineData("a/b", "a%2Fb")]
    [InlineData("50%", "50%25")]
    [InlineData("..", "%2E.")]
    [InlineData("__name__", "%5F_name__")]
    public void Ids_are_one_segment(string raw, string id) => Assert.Equal(id, FirestorePaths.Id(raw));

    [Fact]
    public void Over_long_ids_are_hashed_to_a_stable_short_id()
    {
        var raw = new string('x', 2000);
        Assert.StartsWith("h-", FirestorePaths.Id(raw));
        Assert.Equal(FirestorePaths.Id(raw), FirestorePaths.Id(raw));
    }

    [Fact]
    public void Commits_hold_at_most_500_writes()
    {
        var writes = Enumerable.Range(0, 1201).Select(i => Fs.Delete($"projects/p/databases/(default)/documents/c/{i}")).ToList();
        var batches = CommitPlanner.Plan(writes);
        Assert.Equal([500, 500, 201], batches.Select(b => b.Count));
        Assert.Equal(writes, batches.SelectMany(b => b));
    }

    [Fact]
    public void Commits_stay_under_the_request_size_limit()
    {
        var chunk = new byte[Blobs.ChunkBytes];
        var writes = Enumerable.Range(0, 20).Select(i => Fs.Set($"projects/p/databases/(default)/documents/c/{i}", Blobs.ChunkFields(chunk))).ToList();
        var batches = CommitPlanner.Plan(writes);
        Assert.True(batches.Count > 2);
        Assert.All(batches, b => Assert.True(new JsonObject { ["writes"] = new JsonArray([.. b.Select(w => w.DeepClone())]) }.ToJsonString().Length < 10 * 1024 * 1024));
    }
}
