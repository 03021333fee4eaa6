using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Scout.Cli.Tests.Security;

/// <summary>
/// One upload that carries a secret in every place the issue names (env values, secret-named variables with plain
/// values, values embedding others, label keys and values, the registry URL's userinfo, a fake redaction prefix).
/// The clear values are random per run, so a hit at rest can only come from this upload.
/// </summary>
public sealed class SecretCases
{
    public SecretCases()
    {
        Clear = Enumerable.Range(0, 12).Select(_ => "Zq" + Convert.ToHexString(RandomNumberGenerator.GetBytes(9)).ToLowerInvariant()).ToList();
        GithubToken = "ghp_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(18)).ToLowerInvariant();
        Clear.Add(GithubToken);
    }

    /// <summary>Every value that must never be stored, logged, answered or enqueued in clear.</summary>
    public List<string> Clear { get; }
    public string GithubToken { get; }

    public JsonObject Image(string digest) => new()
    {
        ["digest"] = digest,
        ["env"] = new JsonArray(
            Env("PATH", "/usr/local/bin:/usr/bin"),
            Env("MYSQL_ROOT_PASSWORD", Clear[0]),
            Env("JAVA_OPTS", $"-Xmx512m -Dspring.datasource.password={Clear[1]} -Dfile.encoding=UTF-8"),
            Env("DB_CONNECTION", $"Server=db;Database=app;User Id=sa;Password={Clear[2]};"),
            Env("DATABASE_URL", $"postgres://u:{Clear[3]}@h/db"),
            Env("NPM_CONFIG", $"//registry.npmjs.org/:_authToken={Clear[4]}"),
            Env("API_KEY", Clear[5]),
            Env("CI_NOTE", $"[REDACTED:password] token={Clear[6]}"),
            Env("GH", GithubToken)),
        ["labels"] = new JsonObject
        {
            ["org.example.deploy-token"] = Clear[7],
            [$"auth.password={Clear[8]}"] = "x",
            ["maintainer"] = "ops@example.com",
        },
        ["registry"] = new JsonObject { ["url"] = $"https://robot:{Clear[9]}@registry.example.com/team/app", ["type"] = "oci" },
    };

    public byte[] Envelope(string digest, string[] purls) => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["image"] = Image(digest),
        ["sbom"] = new JsonObject
        {
            ["bomFormat"] = "CycloneDX", ["specVersion"] = "1.5", ["version"] = 1,
            ["components"] = new JsonArray([.. purls.Select(p => (JsonNode)new JsonObject
            {
                ["type"] = "library", ["name"] = p.Split('/')[^1].Split('@')[0], ["version"] = p.Split('@')[^1], ["purl"] = p,
            })]),
        },
    }.ToJsonString());

    /// <summary>The clear values found in <paramref name="text"/> (none, when all is well).</summary>
    public IEnumerable<string> FoundIn(string text) => Clear.Where(c => text.Contains(c, StringComparison.Ordinal));

    private static JsonObject Env(string name, string value) => new() { ["name"] = name, ["value"] = value };
}
