using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Scout.Cli.Tests.Limits;

/// <summary>
/// The SCOUT_MAX_* variables reach the real `scout serve` process: a lowered limit is what the API enforces (413 with
/// `{error, detail}`), and a bad value stops the process before it serves anything (exit 2, one line naming the variable).
/// </summary>
public sealed class ConfiguredLimitsProcessTests : IDisposable
{
    private readonly string data = Directory.CreateTempSubdirectory("scout-limits-test-").FullName;

    public void Dispose() => Directory.Delete(data, recursive: true);

    private static void AssertErrorShape(string body, string expectedError)
    {
        using var doc = JsonDocument.Parse(body);
        Assert.Equal(expectedError, doc.RootElement.GetProperty("error").GetString());
        Assert.False(string.IsNullOrWhiteSpace(doc.RootElement.GetProperty("detail").GetString()), body);
    }

    [Fact]
    public async Task Limits_lowered_by_settings_are_enforced_by_the_api()
    {
        var (code, stdout, stderr) = await ScoutProcess.RunAsync(null, "tenants", "create", "acme", "--data", data);
        Assert.True(code == 0, stderr);
        var key = stdout.TrimEnd().Split('\n')[^1].Trim();
        var environment = new Dictionary<string, string> { ["SCOUT_MAX_DECOMPRESSED_BYTES"] = "4096", ["SCOUT_MAX_LOCAL_PURLS"] = "2" };
        var (server, address) = await ScoutProcess.ServeWithEnvironmentAsync(environment, data);
        using (server)
        {
            using var http = new HttpClient { BaseAddress = address };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

            // 5,000 bytes: far under the 32 MiB default, over the configured 4,096.
            var padded = $$$"""{"image":{"digest":"sha256:{{{new string('a', 64)}}}","labels":{"pad":"{{{new string('x', 4900)}}}"}},"sbom":{}}""";
            var upload = await http.PostAsync("/v1/images", new StringContent(padded, Encoding.UTF8, "application/json"));
            Assert.Equal(413, (int)upload.StatusCode);
            var body = await upload.Content.ReadAsStringAsync();
            AssertErrorShape(body, "payload_too_large");
            Assert.Contains("4096", body);

            // Three purls: under the 10,000 default, over the configured 2.
            var purls = """{"purls":["pkg:npm/a@1.0.0","pkg:npm/b@1.0.0","pkg:npm/c@1.0.0"]}""";
            var local = await http.PostAsync("/v1/analyze/local", new StringContent(purls, Encoding.UTF8, "application/json"));
            Assert.Equal(400, (int)local.StatusCode);
            var localBody = await local.Content.ReadAsStringAsync();
            AssertErrorShape(localBody, "invalid_request");
            Assert.Contains("more than 2", localBody);

            // The same two purls within the limit are analyzed.
            var two = await http.PostAsync("/v1/analyze/local", new StringContent("""{"purls":["pkg:npm/a@1.0.0","pkg:npm/b@1.0.0"]}""", Encoding.UTF8, "application/json"));
            Assert.Equal(200, (int)two.StatusCode);
        }
    }

    [Theory]
    [InlineData("SCOUT_MAX_COMPRESSED_BYTES", "lots")]
    [InlineData("SCOUT_MAX_VEX_DOCUMENTS", "0")]
    [InlineData("SCOUT_MAX_JSON_DEPTH", "-1")]
    public async Task A_bad_limit_value_stops_serve_with_exit_2_and_one_line_naming_the_variable(string name, string value)
    {
        var (code, _, stderr) = await ScoutProcess.RunWithEnvironmentAsync(new Dictionary<string, string> { [name] = value }, null,
            "serve", "--port", ScoutProcess.FreePort().ToString(), "--data", data);
        Assert.Equal(2, code);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 1, stderr);
        Assert.Contains($"{name}={value}", lines[0]);
    }
}
