using System.Runtime.CompilerServices;
using System.Text;
using Amazon.DynamoDBv2.Model;
using Scout.Core.Model;
using Scout.Core.Ports;

namespace Scout.Storage.DynamoDb;

public sealed partial class DynamoDbScoutStore
{
    /// <summary>Pages in digest order; the page token is the last digest returned (base64url), opaque to callers.</summary>
    public async Task<Page<StoredImage>> ListImagesAsync(string tenantId, int limit, string? pageToken, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var request = new QueryRequest
        {
            KeyConditionExpression = "PK = :pk AND begins_with(SK, :sk)",
            ExpressionAttributeValues = new() { [":pk"] = Codec.S(Keys.ImageList(tenantId)), [":sk"] = Codec.S("IMG#") },
            ConsistentRead = true,
            Limit = limit + 1,
        };
        if (pageToken is not null)
            request.ExclusiveStartKey = TableClient.Key(Keys.ImageList(tenantId), Keys.ImageSk(DecodePageToken(pageToken)));
        var heads = new List<Dictionary<string, AttributeValue>>();
        await foreach (var item in table.QueryAsync(request, ct))
        {
            heads.Add(item);
            if (heads.Count > limit) break;
        }
        var more = heads.Count > limit;
        var images = new List<StoredImage>();
        foreach (var head in heads.Take(limit)) images.Add(await ReadImageAsync(head, ct));
        return new Page<StoredImage>(images, more ? EncodePageToken(images[^1].Image.Digest) : null);
    }

    public async Task<IReadOnlyList<ImageRef>> FindImagesByPackageAsync(PackageKey key, CancellationToken ct = default)
    {
        var refs = new List<ImageRef>();
        await foreach (var item in table.QueryAsync(new QueryRequest
        {
            IndexName = Keys.Gsi1,
            KeyConditionExpression = $"{Keys.Gsi1Pk} = :k",
            ExpressionAttributeValues = new() { [":k"] = Codec.S(Keys.PackageIndex(key)) },
        }, ct))
            refs.Add(new ImageRef(item.GetS("tid")!, item.GetS("dg")!));
        return refs.Distinct().ToList();
    }

    public async IAsyncEnumerable<ImageRef> ListAllImagesAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var item in table.ScanAsync(new ScanRequest
        {
            FilterExpression = "#et = :image",
            ProjectionExpression = "#tid, #dg",
            ExpressionAttributeNames = new() { ["#et"] = Keys.EntityType, ["#tid"] = "tid", ["#dg"] = "dg" },
            ExpressionAttributeValues = new() { [":image"] = Codec.S(EntityTypes.Image) },
        }, ct))
            yield return new ImageRef(item.GetS("tid")!, item.GetS("dg")!);
    }

    /// <summary>One item per (image, namespace, workload type, workload name): a workload seen again is refreshed.</summary>
    public Task AddEnvironmentAsync(string tenantId, EnvironmentRecord environment, CancellationToken ct = default) =>
        table.Client.PutItemAsync(new PutItemRequest
        {
            TableName = table.TableName,
            Item = new()
            {
                [Keys.Pk] = Codec.S(Keys.Image(tenantId, environment.ImageDigest)),
                [Keys.Sk] = Codec.S($"ENV#{environment.Namespace}#{environment.WorkloadType}#{environment.WorkloadName}"),
                [Keys.EntityType] = Codec.S(EntityTypes.Environment),
                ["ns"] = Codec.S(environment.Namespace), ["wn"] = Codec.S(environment.WorkloadName),
                ["wt"] = Codec.S(environment.WorkloadType), ["dg"] = Codec.S(environment.ImageDigest),
                ["seen"] = Codec.S(Codec.Time(environment.SeenAt)),
            },
        }, ct);

    public async Task<IReadOnlyList<EnvironmentRecord>> GetEnvironmentsAsync(string tenantId, string digest, CancellationToken ct = default) =>
        (await table.QueryPrefixAsync(Keys.Image(tenantId, digest), "ENV#", ct)).Select(item => new EnvironmentRecord
        {
            Namespace = item.GetS("ns")!, WorkloadName = item.GetS("wn")!, WorkloadType = item.GetS("wt")!,
            ImageDigest = item.GetS("dg")!, SeenAt = Codec.ParseTime(item.GetS("seen")),
        }).ToList();

    /// <summary>A document attached again under the same id replaces the earlier one.</summary>
    public async Task AddVexAsync(string tenantId, string digest, VexDocumentRecord vex, CancellationToken ct = default)
    {
        var pk = Keys.Image(tenantId, digest);
        var prefix = $"VEX#{vex.DocumentId}";
        var stale = await table.QueryPrefixAsync(pk, prefix + "#", ct);
        var chunks = Codec.Split(Codec.Gzip(Encoding.UTF8.GetBytes(vex.Json)), options.ChunkBytes);
        var writes = chunks.Select((data, i) => TableClient.Put(new Dictionary<string, AttributeValue>
        {
            [Keys.Pk] = Codec.S(pk), [Keys.Sk] = Codec.S(Keys.Chunk(prefix, i)), [Keys.EntityType] = Codec.S(EntityTypes.Vex),
            ["doc"] = Codec.S(vex.DocumentId), ["fmt"] = Codec.S(vex.Format), ["at"] = Codec.S(Codec.Time(vex.AttachedAt)),
            ["n"] = Codec.N(chunks.Count), ["data"] = Codec.B(data),
        })).ToList();
        var rewritten = writes.Select(w => w.PutRequest.Item.GetS(Keys.Sk)).ToHashSet(StringComparer.Ordinal);
        writes.AddRange(stale.Where(s => !rewritten.Contains(s.GetS(Keys.Sk))).Select(s => TableClient.Delete(pk, s.GetS(Keys.Sk)!)));
        await table.WriteAllAsync(writes, ct);
    }

    public async Task<IReadOnlyList<VexDocumentRecord>> GetVexAsync(string tenantId, string digest, CancellationToken ct = default) =>
        (await table.QueryPrefixAsync(Keys.Image(tenantId, digest), "VEX#", ct))
            .GroupBy(item => item.GetS("doc")!, StringComparer.Ordinal)
            .Select(g =>
            {
                var parts = g.OrderBy(i => i.GetS(Keys.Sk), StringComparer.Ordinal).ToList();
                var json = Encoding.UTF8.GetString(Codec.Gunzip(Codec.Concat(parts.Select(p => p.GetB("data")))));
                return new VexDocumentRecord(g.Key, parts[0].GetS("fmt")!, json, Codec.ParseTime(parts[0].GetS("at")));
            })
            .OrderBy(v => v.AttachedAt).ThenBy(v => v.DocumentId, StringComparer.Ordinal)
            .ToList();

    private static string EncodePageToken(string digest) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(digest)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string DecodePageToken(string token)
    {
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
            var digest = Encoding.UTF8.GetString(Convert.FromBase64String(base64));
            // Tokens are image digests: anything else (an over-long sort key included) was not issued here.
            if (!Scout.Core.UseCases.UploadEnvelopeParser.DigestPattern().IsMatch(digest)) throw new FormatException();
            return digest;
        }
        catch (FormatException)
        {
            throw new InputException("pageToken: not a token this API issued");
        }
    }
}
