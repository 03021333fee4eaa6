using System.Text.RegularExpressions;

namespace Scout.Cli.Tests;

/// <summary>Issue #18: a tenant id no tenant has is refused (exit 2, one line naming --tenant); a tenant that exists but
/// has no images still gets its empty list.</summary>
public sealed partial class TenantCheckTests : IDisposable
{
    private readonly string data = Directory.CreateTempSubdirectory("scout-cli-tenant-check-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(data, recursive: true); } catch (IOException) { }
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var exit = await CliApp.RunAsync(args, new StringReader(""), stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [GeneratedRegex("tenant (tn_[0-9a-f]{16}) ")]
    private static partial Regex CreatedTenant();

    [Fact]
    public async Task An_existing_tenant_without_images_lists_none_and_an_unknown_one_is_refused()
    {
        var (created, output, _) = await RunAsync("tenants", "create", "acme", "--data", data);
        Assert.Equal(0, created);
        var tenant = CreatedTenant().Match(output).Groups[1].Value;
        Assert.NotEmpty(tenant);

        var (exit, json, stderr) = await RunAsync("images", "list", "--tenant", tenant, "--format", "json", "--data", data);
        Assert.True(exit == 0, stderr);
        Assert.Equal(0, System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("images").GetArrayLength());

        // the same shape, another id: no such tenant in this store
        var unknown = tenant[..^1] + (tenant[^1] == '0' ? '1' : '0');
        (exit, var stdout, stderr) = await RunAsync("images", "list", "--tenant", unknown, "--data", data);
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        var line = Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.Contains($"--tenant {unknown}: no such tenant", line);
    }
}
