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
    [InlineData("TOKEN_TTL", "3600")]
    [InlineData("NGINX_VERSION", "1.25.3")]
    [InlineData("JAVA_HOME", "/opt/java/openjdk")]
    [InlineData("HOME_URL", "https://www.debian.org/")]
    [InlineData("GOSU_KEY", "B42F6819007F00F88E364FD4036A9C25BF357DD4")]
    [InlineData("KEYCLOAK_ADMIN", "admin")]
    [InlineData("SECRET_NAME", "prod-db-credentials")]
    [InlineData("TOKENIZER_MODEL", "bert-base-uncased")]
    [InlineData("JAVA_OPTS", "-Xmx512m -Dpassword.file=/run/secrets/db -Dfile.encoding=UTF-8")]
    [InlineData("PWD", "/app")]
    [InlineData("DB_PASSWORD", "[REDACTED:password]")]
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

    public static IEnumerable<object[]> SecretNamedOrEmbedded() =>
    [
        ["MYSQL_ROOT_PASSWORD", "root", "password"],
        ["DB_PASSWORD", "changeme", "password"],
        ["DB_PASSWORD", "${DB_PASSWORD}", "password"],
        ["DB_PASS", "x", "password"],
        ["SECRET", "aaaaaaaaaaaaaaaa", "generic-secret"],
        ["USE_TOKEN", "true", "generic-secret"],
        ["apiKey", "abc", "generic-secret"],
        ["GPG_PRIVATE_KEY", "k", "generic-secret"],
        ["JAVA_OPTS", "-Xmx512m -Dspring.datasource.password=hunter2 -Dfile.encoding=UTF-8", "embedded-secret"],
        ["DB_CONNECTION", "Server=db;Database=app;User Id=sa;Password=Sup3rS3cret!;", "embedded-secret"],
        ["DATABASE_URL", "postgres://u:p@h/db", "url-credentials"],
        ["NPMRC", "//registry.npmjs.org/:_authToken=npm_abcdef0123456789", "embedded-secret"],
        ["APP_CONFIG", "{\"token\": \"abc123\"}", "embedded-secret"],
        // A redaction prefix is not a pass: only the exact form is left alone.
        ["DB_PASSWORD", "[REDACTED:password] hunter2", "password"],
        ["NOTE", "[REDACTED:x] password=hunter2", "embedded-secret"],
        ["NOTE", "[REDACTED:made-up]", null!],
    ];

    [Theory]
    [MemberData(nameof(SecretNamedOrEmbedded))]
    public void Secret_names_take_any_value_and_embedded_secrets_are_found(string name, string value, string? rule)
    {
        var image = new ImageMetadata { Digest = "sha256:1", Env = [new EnvVar(name, value)] };
        var (redacted, findings) = new SecretScanner().Scan(image);
        if (rule == null)
        {
            Assert.Empty(findings);
            return;
        }
        var f = Assert.Single(findings);
        Assert.Equal(rule, f.Rule);
        Assert.Equal($"[REDACTED:{rule}]", redacted.Env[0].Value);
        Assert.Null(f.Purl);
        Assert.Equal(name, f.Name);
    }

    [Fact]
    public void Label_keys_carrying_a_secret_are_stored_under_the_redaction()
    {
        var image = new ImageMetadata
        {
            Digest = "sha256:1",
            Labels = new Dictionary<string, string> { [GithubClassic] = "x", ["password=hunter2"] = "y", ["team"] = "web" },
        };
        var (redacted, findings) = new SecretScanner().Scan(image);
        // Both keys are secrets; the value under "password=…" is one too (the key names a password).
        Assert.Equal(3, findings.Count);
        Assert.All(findings, f => Assert.Equal("label", f.Location));
        var json = System.Text.Json.JsonSerializer.Serialize(redacted) + System.Text.Json.JsonSerializer.Serialize(findings);
        Assert.DoesNotContain(GithubClassic, json);
        Assert.DoesNotContain("hunter2", json);
        Assert.Equal("web", redacted.Labels["team"]);
        Assert.Equal(3, redacted.Labels.Count);
    }

    [Theory]
    [InlineData("https://robot:s3cr3t@registry.example.com/app", "https://registry.example.com/app")]
    [InlineData("robot:s3cr3t@registry.example.com/app", "registry.example.com/app")]
    public void Registry_url_userinfo_is_removed_and_reported(string url, string expected)
    {
        var image = new ImageMetadata { Digest = "sha256:1", Registry = new RegistryInfo(url, "oci") };
        var (redacted, findings) = new SecretScanner().Scan(image);
        var f = Assert.Single(findings);
        Assert.Equal(("registry", "url", "url-credentials"), (f.Location, f.Name, f.Rule));
        Assert.Equal(expected, redacted.Registry!.Url);
    }

    [Fact]
    public void Registry_url_with_a_digest_is_not_userinfo()
    {
        var image = new ImageMetadata { Digest = "sha256:1", Registry = new RegistryInfo("docker.io/library/nginx@sha256:" + new string('a', 64), "dockerhub") };
        var (redacted, findings) = new SecretScanner().Scan(image);
        Assert.Empty(findings);
        Assert.Same(image, redacted);
    }
}
