using Scout.Advisories.Secrets;
using Scout.Core.Model;

namespace Scout.Advisories.Tests;

public class SecretScannerTests
{
    // Documented example credentials (AWS docs) and values built at run time so no live-looking token sits in the repo.
    private const string AwsKeyId = "AKIAIOSFODNN7EXAMPLE";
    private const string AwsSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static readonly string Random36 = "R8kq2Zt7Lw0pXv5Nc3Jy9Hb1Fd6Gs4Am2Qe8";
    private static readonly string GithubClassic = "ghp_" + Random36;
    private static readonly string GithubFine = "github_pat_" + "11ABCDEFG0abcdefghijkl" + "_" + string.Concat(Random36, Random36)[..59];
    private static readonly string Jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9" + ".eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0" + ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

    public static IEnumerable<object[]> Positives() =>
    [
        ["AWS_ACCESS_KEY_ID", AwsKeyId, "aws-access-key-id"],
        ["AWS_SECRET_ACCESS_KEY", AwsSecret, "aws-secret-access-key"],
        ["GITHUB_TOKEN", GithubClassic, "github-token"],
        ["GH_PAT", GithubFine, "github-token"],
        ["CI_TOKEN", "glpat-" + "Ab3dEf6hIj9kLm2nOp5q", "gitlab-token"],
        ["SLACK_BOT", "xoxb-" + "123456789012-1234567890123-" + Random36[..24], "slack-token"],
        ["ALERT_HOOK", "https://hooks.slack.com/services/T00000000/B00000000/" + Random36[..24], "slack-webhook"],
        ["PAYMENTS", "sk_live_" + Random36[..24], "stripe-key"],
        ["SESSION", Jwt, "jwt"],
        ["TLS_KEY", "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----", "private-key"],
        ["GOOGLE_CREDENTIALS", "{\"type\": \"service_account\", \"project_id\": \"p\", \"private_key_id\": \"1\", \"private_key\": \"x\"}", "gcp-service-account"],
        ["DATABASE_URL", "postgres://app:" + Random36[..12] + "@db:5432/app", "url-credentials"],
        ["DB_PASSWORD", "Tr0ub4dor&3x", "password"],
        ["API_KEY", Random36, "generic-secret"],
        ["org.example.deploy-token", Random36, "generic-secret"],
    ];

    [Theory]
    [MemberData(nameof(Positives))]
    public void Secret_values_are_found_redacted_and_never_copied(string name, string value, string rule)
    {
        var image = new ImageMetadata { Digest = "sha256:1", Env = [new EnvVar(name, value), new EnvVar("PATH", "/usr/bin:/bin")] };
        var (redacted, findings) = new SecretScanner().Scan(image);
        var f = Assert.Single(findings);
        Assert.Equal((FindingKinds.Secret, "env", name, rule), (f.Kind, f.Location, f.Name, f.Rule));
        Assert.NotEqual(Severities.Unknown, f.Severity);
        Assert.Equal($"[REDACTED:{rule}]", redacted.Env[0].Value);
        Assert.Equal("/usr/bin:/bin", redacted.Env[1].Value);
        Assert.DoesNotContain(value, System.Text.Json.JsonSerializer.Serialize(f));
    }

    [Fact]
    public void Labels_are_scanned_too()
    {
        var image = new ImageMetadata { Digest = "sha256:1", Labels = new Dictionary<string, string> { ["ci.token"] = GithubClassic, ["maintainer"] = "a@b.c" } };
        var (redacted, findings) = new SecretScanner().Scan(image);
        var f = Assert.Single(findings);
        Assert.Equal(("label", "ci.token", "github-token"), (f.Location, f.Name, f.Rule));
        Assert.Equal("[REDACTED:github-token]", redacted.Labels["ci.token"]);
        Assert.Equal("a@b.c", redacted.Labels["maintainer"]);
    }

    [Theory]
    [InlineData("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")]
    [InlineData("POSTGRES_PASSWORD_FILE", "/run/secrets/postgres-password")]
    [InlineData("SECRET_KEY_PATH", "/etc/app/secret.key")]
    [InlineData("API_TOKEN_URL", "https://auth.example.com/oauth/token")]
    [InlineData("AUTH_SERVER", "https://auth.example.com/realms/main")]
    [InlineData("USE_TOKEN", "true")]
    [InlineData("TOKEN_TTL", "3600")]
    [InlineData("DB_PASSWORD", "${DB_PASSWORD}")]
    [InlineData("DB_PASSWORD", "changeme")]
    [InlineData("DB_PASSWORD", "********")]
    [InlineData("SECRET", "aaaaaaaaaaaaaaaa")]
    [InlineData("NGINX_VERSION", "1.25.3")]
    [InlineData("JAVA_HOME", "/opt/java/openjdk")]
    [InlineData("HOME_URL", "https://www.debian.org/")]
    [InlineData("GOSU_KEY", "B42F6819007F00F88E364FD4036A9C25BF357DD4")]
    [InlineData("KEYCLOAK_ADMIN", "admin")]
    [InlineData("SECRET_NAME", "prod-db-credentials")]
    public void Ordinary_values_are_not_secrets(string name, string value)
    {
        var image = new ImageMetadata { Digest = "sha256:1", Env = [new EnvVar(name, value)] };
        var (redacted, findings) = new SecretScanner().Scan(image);
        Assert.Empty(findings);
        Assert.Same(image, redacted);
    }

    [Fact]
    public void Entropy_separates_words_from_random_strings()
    {
        Assert.True(GenericSecretRule.ShannonEntropy("password") < GenericSecretRule.MinEntropy);
        Assert.True(GenericSecretRule.ShannonEntropy(Random36) > GenericSecretRule.MinEntropy);
        Assert.Equal(0, GenericSecretRule.ShannonEntropy("aaaa"));
    }
}
