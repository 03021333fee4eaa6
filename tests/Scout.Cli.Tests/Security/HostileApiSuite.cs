using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Scout.Cli.Tests.Security;

/// <summary>
/// Requests an attacker would send, over real HTTP: unauthenticated, malformed, oversized, cross-tenant and
/// secret-bearing. Every answer is recorded; the tests assert no 5xx and no clear secret in any answer.
/// </summary>
public sealed class HostileApiSuite(Uri address, SecretCases secrets)
{
    public sealed record Answer(string Category, string Request, int Status, string Body);

    private readonly HttpClient http = new() { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };
    public List<Answer> Answers { get; } = [];
    public string SecretDigest { get; } = Digest(0x5ec);

    public static string Digest(int n) => "sha256:" + n.ToString("x").PadLeft(64, '0');

    public async Task RunAsync(string keyA, string keyB)
    {
        await SecretBearingAsync(keyA);
        await UnauthenticatedAsync(keyA);
        await MalformedAsync(keyA);
        await OversizedAsync(keyA);
        await CrossTenantAsync(keyA, keyB);
    }

    /// <summary>Uploads the secret-bearing envelope (and re-uploads it with changed metadata).</summary>
    public async Task SecretBearingAsync(string key)
    {
        var purls = new[] { "pkg:npm/left-pad@1.0.0", "pkg:pypi/requests@2.19.0" };
        await SendAsync("secret", key, HttpMethod.Post, "/v1/images", secrets.Envelope(SecretDigest, purls));
        await SendAsync("secret", key, HttpMethod.Post, "/v1/images", Gzip(secrets.Envelope(Digest(0x5ed), purls)), gzip: true);
        // a failing envelope that carries secrets: its error must not repeat them
        var broken = Encoding.UTF8.GetString(secrets.Envelope(Digest(0x5ee), purls)).Replace("\"maintainer\":\"ops@example.com\"", "\"maintainer\":7");
        await SendAsync("secret", key, HttpMethod.Post, "/v1/images", Encoding.UTF8.GetBytes(broken));
        var badJson = $$"""{"image":{"digest":"{{Digest(0x5ef)}}","labels":{"{{secrets.Clear[10]}}":"x" """;
        await SendAsync("secret", key, HttpMethod.Post, "/v1/images", Encoding.UTF8.GetBytes(badJson));
        await SendAsync("secret", key, HttpMethod.Post, "/v1/environments",
            Encoding.UTF8.GetBytes($$"""{"namespace":"prod","workloadName":"web","workloadType":"Deployment","imageDigest":"{{SecretDigest}}","token":"{{secrets.Clear[11]}}"}"""));
        await SendAsync("secret", "scout_" + secrets.Clear[11], HttpMethod.Get, "/v1/images");
    }

    private static readonly (HttpMethod Method, string Path)[] routes =
    [
        (HttpMethod.Post, "/v1/images"), (HttpMethod.Get, "/v1/images"), (HttpMethod.Get, "/v1/uploads/up_0"),
        (HttpMethod.Get, "/v1/images/" + Digest(1)), (HttpMethod.Get, $"/v1/images/{Digest(1)}/packages"),
        (HttpMethod.Get, $"/v1/images/{Digest(1)}/findings"), (HttpMethod.Post, $"/v1/images/{Digest(1)}/vex"),
        (HttpMethod.Post, "/v1/analyze/local"), (HttpMethod.Post, "/v1/environments"), (HttpMethod.Get, "/v1/advisories/CVE-2024-0001"),
    ];

    public async Task UnauthenticatedAsync(string validKey)
    {
        string?[] headers = [null, "", "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer scout_not-a-key", "Bearer " + validKey + "x",
            "bearer " + new string('k', 5000), "Token " + validKey];
        foreach (var (method, path) in routes)
            foreach (var h in headers)
            {
                var body = method == HttpMethod.Post ? Encoding.UTF8.GetBytes("{\"purls\":[\"pkg:npm/a@1\"]}") : null;
                await SendAsync("unauthenticated", null, method, path, body, authorization: h);
            }
    }

    public async Task MalformedAsync(string key)
    {
        string[] bodies =
        [
            "", "{", "[]", "null", "\"x\"", "{\"image\":1}", "{\"image\":{}}", "{\"image\":{\"digest\":\"sha256:zz\"},\"sbom\":{}}",
            "{\"sbom\":{}}", new string('[', 10000), "{\"a\":" + string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 201),
            "\u0000\u0001\u0002", "{\"image\":{\"digest\":\"" + Digest(2) + "\",\"env\":[{\"name\":\"\",\"value\":\"x\"}]},\"sbom\":{}}",
            "{\"image\":{\"digest\":\"" + Digest(2) + "\"},\"sbomBase64\":\"!!!\"}",
            "{\"image\":{\"digest\":\"" + Digest(2) + "\"},\"sbom\":{\"bomFormat\":\"CycloneDX\",\"components\":7}}",
        ];
        foreach (var b in bodies)
        {
            await SendAsync("malformed", key, HttpMethod.Post, "/v1/images", Encoding.UTF8.GetBytes(b));
            await SendAsync("malformed", key, HttpMethod.Post, "/v1/analyze/local", Encoding.UTF8.GetBytes(b));
            await SendAsync("malformed", key, HttpMethod.Post, "/v1/environments", Encoding.UTF8.GetBytes(b));
            await SendAsync("malformed", key, HttpMethod.Post, $"/v1/images/{SecretDigest}/vex", Encoding.UTF8.GetBytes(b));
        }
        await SendAsync("malformed", key, HttpMethod.Post, "/v1/images", Encoding.UTF8.GetBytes("not gzip"), gzip: true);
        await SendAsync("malformed", key, HttpMethod.Post, "/v1/images", Encoding.UTF8.GetBytes("{}"), encoding: "br");
        await SendAsync("malformed", key, HttpMethod.Post, "/v1/images", Encoding.UTF8.GetBytes("{}"), encoding: "gzip, gzip");
        await SendAsync("malformed", key, HttpMethod.Post, "/v1/analyze/local", Encoding.UTF8.GetBytes("{\"purls\":[\"pkg:npm/a@1\"],\"env\":[]}"));
        await SendAsync("malformed", key, HttpMethod.Post, "/v1/analyze/local", Encoding.UTF8.GetBytes("{\"purls\":[\"not a purl\", \"pkg:\", \"pkg:npm/\"]}"));
        await SendAsync("malformed", key, HttpMethod.Post, "/v1/analyze/local", Encoding.UTF8.GetBytes("{\"purls\":[\"pkg:npm/a@1\"],\"layerDigests\":[\"x\"]}"));

        var longDigest = "sha256:" + new string('a', 4096);
        var longText = new string('z', 3000);
        string[] paths =
        [
            $"/v1/images/{longDigest}", $"/v1/images/{longDigest}/packages", $"/v1/images/{longDigest}/findings",
            $"/v1/uploads/up_{longText}", $"/v1/uploads/{longText}", "/v1/images/sha256:" + new string('a', 64),
            "/v1/images/not-a-digest", "/v1/images/%00", "/v1/images/..%2f..%2fetc%2fpasswd", "/v1/uploads/%ff%fe",
            "/v1/images/sha256:" + new string('A', 64), "/v1/advisories/" + longText, "/v1/advisories/%2e%2e", "/v1/nothing", "/v2/images",
            "/v1/images/" + Digest(3) + "/unknown", "/" + longText,
        ];
        foreach (var p in paths) await SendAsync("malformed", key, HttpMethod.Get, p);
        await SendAsync("malformed", key, HttpMethod.Post, $"/v1/images/{longDigest}/vex", Encoding.UTF8.GetBytes("{\"@context\":\"https://openvex.dev/ns/v0.2.0\",\"statements\":[]}"));
        string[] queries = ["limit=0", "limit=-1", "limit=abc", "limit=999999999999", "pageToken=" + longText, "pageToken=%00%01",
            "pageToken=" + new string('A', 20000), "pageToken=eyJ4IjoxfQ", "pageToken=-5", "limit=1&pageToken=99999999999999999999"];
        foreach (var q in queries)
        {
            await SendAsync("malformed", key, HttpMethod.Get, "/v1/images?" + q);
            await SendAsync("malformed", key, HttpMethod.Get, $"/v1/images/{SecretDigest}/findings?" + q);
            await SendAsync("malformed", key, HttpMethod.Get, $"/v1/images/{SecretDigest}/packages?" + q);
        }
        foreach (var m in new[] { HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch, HttpMethod.Options })
        {
            await SendAsync("malformed", key, m, "/v1/images");
            await SendAsync("malformed", key, m, $"/v1/images/{SecretDigest}");
        }
    }

    public async Task OversizedAsync(string key)
    {
        // declared and sent past the 32 MiB cap
        await SendAsync("oversized", key, HttpMethod.Post, "/v1/images", new byte[33 * 1024 * 1024]);
        // a gzip bomb: 64 MiB of zeros in ~64 KiB
        await SendAsync("oversized", key, HttpMethod.Post, "/v1/images", Gzip(new byte[64 * 1024 * 1024]), gzip: true);
        // compressed body past the 6 MiB compressed cap
        await SendAsync("oversized", key, HttpMethod.Post, "/v1/images", Gzip(System.Security.Cryptography.RandomNumberGenerator.GetBytes(7 * 1024 * 1024)), gzip: true);
        var many = JsonSerializer.Serialize(new { purls = Enumerable.Range(0, 10_001).Select(i => $"pkg:npm/p{i}@1.0.0").ToArray() });
        await SendAsync("oversized", key, HttpMethod.Post, "/v1/analyze/local", Encoding.UTF8.GetBytes(many));
        var longPurl = JsonSerializer.Serialize(new { purls = new[] { "pkg:npm/" + new string('a', 3000) + "@1" } });
        await SendAsync("oversized", key, HttpMethod.Post, "/v1/analyze/local", Encoding.UTF8.GetBytes(longPurl));
        var env = string.Join(",", Enumerable.Range(0, 5000).Select(i => $"{{\"name\":\"V{i}\",\"value\":\"x\"}}"));
        await SendAsync("oversized", key, HttpMethod.Post, "/v1/images",
            Encoding.UTF8.GetBytes($"{{\"image\":{{\"digest\":\"{Digest(4)}\",\"env\":[{env}]}},\"sbom\":{{}}}}"));
        var bigVex = "{\"@context\":\"https://openvex.dev/ns/v0.2.0\",\"statements\":[],\"pad\":\"" + new string('x', 2 * 1024 * 1024) + "\"}";
        await SendAsync("oversized", key, HttpMethod.Post, $"/v1/images/{SecretDigest}/vex", Encoding.UTF8.GetBytes(bigVex));
    }

    public async Task CrossTenantAsync(string keyA, string keyB)
    {
        var upload = JsonDocument.Parse(Answers.First(a => a.Category == "secret" && a.Status == 202).Body).RootElement.GetProperty("uploadId").GetString()!;
        string[] paths = [$"/v1/images/{SecretDigest}", $"/v1/images/{SecretDigest}/packages", $"/v1/images/{SecretDigest}/findings", $"/v1/uploads/{upload}"];
        for (var round = 0; round < 3; round++)
            foreach (var p in paths) await SendAsync("cross-tenant", keyB, HttpMethod.Get, p);
        await SendAsync("cross-tenant", keyB, HttpMethod.Post, $"/v1/images/{SecretDigest}/vex",
            Encoding.UTF8.GetBytes("{\"@context\":\"https://openvex.dev/ns/v0.2.0\",\"statements\":[]}"));
        var list = await SendAsync("cross-tenant", keyB, HttpMethod.Get, "/v1/images");
        if (list.Body.Contains(SecretDigest, StringComparison.Ordinal)) throw new InvalidOperationException("tenant B lists tenant A's image");
    }

    public async Task<Answer> SendAsync(string category, string? key, HttpMethod method, string path, byte[]? body = null,
        bool gzip = false, string? encoding = null, string? authorization = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (key != null) request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + key);
        else if (authorization != null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        if (body != null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            if (gzip) request.Content.Headers.ContentEncoding.Add("gzip");
            if (encoding != null) request.Content.Headers.TryAddWithoutValidation("Content-Encoding", encoding);
        }
        Answer answer;
        try
        {
            using var response = await http.SendAsync(request);
            answer = new Answer(category, $"{method} {Short(path)}", (int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        catch (HttpRequestException e) when (body is { Length: > 1024 * 1024 })
        {
            // The server may answer and close before a large body is fully sent; the connection ending is the refusal.
            answer = new Answer(category, $"{method} {Short(path)}", 0, e.Message);
        }
        Answers.Add(answer);
        return answer;
    }

    private static string Short(string path) => path.Length > 120 ? path[..120] + "…" : path;

    public static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest)) gzip.Write(bytes);
        return output.ToArray();
    }
}
