using System.CommandLine;
using System.CommandLine.Help;
using Scout.Testing;

namespace Scout.Cli.Tests;

/// <summary>
/// Issue #18: every command answers a bad value of each of its options and arguments with exit code 2, nothing on
/// stdout, and one line on stderr naming the option: never an unhandled exception, never a false success. The command
/// tree is enumerated, so an option added without a case here fails <see cref="Every_option_and_argument_has_a_bad_value_case"/>.
/// </summary>
public sealed class BadValueTests : IDisposable
{
    private static readonly string Data = Directory.CreateTempSubdirectory("scout-bad-values-").FullName;
    private static readonly string AFile = Path.Combine(Data, "a-file.txt");
    private const string Tenant = "tn_0123456789abcdef";
    private const string Digest = "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    static BadValueTests()
    {
        File.WriteAllText(AFile, "not a folder");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(Data, recursive: true); } catch (IOException) { }
        };
    }

    public void Dispose() => Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

    private static string Sbom => TestData.Path("sbom", "images", "guac", "alpine-cyclonedx.json");

    /// <summary>"command path" + "option or argument name" → invocations with one bad value each (the rest valid).</summary>
    private static Dictionary<string, string[][]> Cases() => new()
    {
        ["demo --data"] = [["demo", "--data", AFile], ["demo", "--data", ""]],
        ["demo --timeout"] = [["demo", "--timeout", "0"], ["demo", "--timeout", "-5"], ["demo", "--timeout", "soon"]],
        // A flag that needs no other option has no bad value; a value after it is refused as an unknown argument.
        ["demo --keep"] = [],

        ["serve --data"] = [["serve", "--data", AFile], ["serve", "--data", Path.Combine(AFile, "below")]],
        ["serve --store"] = [["serve", "--store", "oracle", "--data", Data]],
        ["serve --queue"] = [["serve", "--queue", "kafka", "--data", Data]],
        ["serve --port"] = [["serve", "--port", "99999", "--data", Data], ["serve", "--port", "-1", "--data", Data], ["serve", "--port", "http", "--data", Data]],
        ["serve --feed"] = [["serve", "--feed", "not a url", "--data", Data], ["serve", "--feed", "ftp://127.0.0.1/osv/", "--data", Data],
                            ["serve", "--feed", "/var/osv", "--data", Data]],
        ["serve --refresh-interval"] = [["serve", "--refresh-interval", "0", "--data", Data], ["serve", "--refresh-interval", "100000", "--data", Data],
                                        ["serve", "--refresh-interval", "30s", "--data", Data],
                                        ["serve", "--refresh-interval", "10", "--refresh-cron", "* * * * *", "--data", Data]],
        ["serve --refresh-cron"] = [["serve", "--refresh-cron", "every minute", "--data", Data], ["serve", "--refresh-cron", "61 * * * *", "--data", Data]],

        ["tenants create name"] = [["tenants", "create", "", "--data", Data], ["tenants", "create", "   ", "--data", Data],
                                   ["tenants", "create", "a\nb", "--data", Data], ["tenants", "create", new string('x', 129), "--data", Data]],
        ["tenants create --data"] = [["tenants", "create", "acme", "--data", AFile]],
        ["tenants create --store"] = [["tenants", "create", "acme", "--store", "mysql", "--data", Data]],

        // Tenant is well formed but no tenant has it: refused when the store is opened, not answered with an empty list.
        ["images list --tenant"] = [["images", "list", "--tenant", "no-such-tenant", "--data", Data], ["images", "list", "--tenant", "", "--data", Data],
                                    ["images", "list", "--tenant", Tenant, "--data", Data]],
        ["images list --format"] = [["images", "list", "--tenant", Tenant, "--format", "xml", "--data", Data]],
        ["images list --data"] = [["images", "list", "--tenant", Tenant, "--data", AFile]],
        ["images list --store"] = [["images", "list", "--tenant", Tenant, "--store", "s3", "--data", Data]],
        ["images show digest"] = [["images", "show", "latest", "--tenant", Tenant, "--data", Data], ["images", "show", "", "--tenant", Tenant, "--data", Data]],
        ["images show --tenant"] = [["images", "show", "sha256:abc", "--tenant", "acme", "--data", Data], ["images", "show", Digest, "--tenant", Tenant, "--data", Data]],
        ["images show --format"] = [["images", "show", "sha256:abc", "--tenant", Tenant, "--format", "yaml", "--data", Data]],
        ["images show --data"] = [["images", "show", "sha256:abc", "--tenant", Tenant, "--data", AFile]],
        ["images show --store"] = [["images", "show", "sha256:abc", "--tenant", Tenant, "--store", "redis", "--data", Data]],
        // Flags take no value: their bad use is leaving out a flag the command needs, or one that needs another.
        ["images rescan --all"] = [["images", "rescan", "--data", Data]],
        ["images rescan --format"] = [["images", "rescan", "--all", "--format", "csv", "--data", Data]],
        ["images rescan --data"] = [["images", "rescan", "--all", "--data", AFile]],
        ["images rescan --store"] = [["images", "rescan", "--all", "--store", "mongo", "--data", Data]],

        // A flag that needs no other option has no bad value (a value after it is refused as an unknown argument).
        ["tenants create --catalog"] = [],
        ["images recommendations digest"] = [["images", "recommendations", "latest", "--tenant", Tenant, "--data", Data]],
        ["images recommendations --tenant"] = [["images", "recommendations", Digest, "--tenant", "acme", "--data", Data],
                                               ["images", "recommendations", Digest, "--tenant", Tenant, "--data", Data]],
        ["images recommendations --format"] = [["images", "recommendations", Digest, "--tenant", Tenant, "--format", "yaml", "--data", Data]],
        ["images recommendations --data"] = [["images", "recommendations", Digest, "--tenant", Tenant, "--data", AFile]],
        ["images recommendations --store"] = [["images", "recommendations", Digest, "--tenant", Tenant, "--store", "redis", "--data", Data]],
        ["images sbom digest"] = [["images", "sbom", "latest", "--tenant", Tenant, "--data", Data]],
        ["images sbom --tenant"] = [["images", "sbom", Digest, "--tenant", "acme", "--data", Data], ["images", "sbom", Digest, "--tenant", Tenant, "--data", Data]],
        ["images sbom --format"] = [["images", "sbom", Digest, "--tenant", Tenant, "--format", "swid", "--data", Data]],
        ["images sbom --data"] = [["images", "sbom", Digest, "--tenant", Tenant, "--data", AFile]],
        ["images sbom --store"] = [["images", "sbom", Digest, "--tenant", Tenant, "--store", "redis", "--data", Data]],
        ["images policy digest"] = [["images", "policy", "latest", "--tenant", Tenant, "--data", Data]],
        ["images policy --tenant"] = [["images", "policy", Digest, "--tenant", "acme", "--data", Data], ["images", "policy", Digest, "--tenant", Tenant, "--data", Data]],
        ["images policy --format"] = [["images", "policy", Digest, "--tenant", Tenant, "--format", "yaml", "--data", Data]],
        ["images policy --data"] = [["images", "policy", Digest, "--tenant", Tenant, "--data", AFile]],
        ["images policy --store"] = [["images", "policy", Digest, "--tenant", Tenant, "--store", "redis", "--data", Data]],
        ["images policy --exit-code"] = [],
        ["compare before"] = [["compare", "latest", Digest, "--tenant", Tenant, "--data", Data]],
        ["compare after"] = [["compare", Digest, "latest", "--tenant", Tenant, "--data", Data]],
        ["compare --tenant"] = [["compare", Digest, Digest, "--tenant", "acme", "--data", Data], ["compare", Digest, Digest, "--tenant", Tenant, "--data", Data]],
        ["compare --format"] = [["compare", Digest, Digest, "--tenant", Tenant, "--format", "html", "--data", Data]],
        ["compare --data"] = [["compare", Digest, Digest, "--tenant", Tenant, "--data", AFile]],
        ["compare --store"] = [["compare", Digest, Digest, "--tenant", Tenant, "--store", "redis", "--data", Data]],

        ["provision --data"] = [["provision", "--data", AFile]],
        ["provision --store"] = [["provision", "--store", "oracle", "--data", Data]],
        ["provision --queue"] = [["provision", "--queue", "kafka", "--data", Data]],

        ["purl map --distro-id"] = [["purl", "map", "--distro-id", "Debian GNU/Linux"]],
        ["purl map --distro-version"] = [["purl", "map", "--distro-version", "12 (bookworm)"]],
        ["versions compare --ecosystem"] = [["versions", "compare", "--ecosystem", "NoSuchEcosystem"], ["versions", "compare", "--ecosystem", ""]],
        ["sbom normalize FILE"] = [["sbom", "normalize", "/no/such/sbom.json"], ["sbom", "normalize", Data]],
        ["sbom normalize --format"] = [["sbom", "normalize", Sbom, "--format", "xml"]],

        ["analyze FILE"] = [["analyze", "/no/such/sbom.json", "--advisories", Data], ["analyze", Data, "--advisories", Data]],
        ["analyze --advisories"] = [["analyze", Sbom, "--advisories", "/no/such/advisories"]],
        ["analyze --format"] = [["analyze", Sbom, "--advisories", Data, "--format", "pdf"]],
        ["analyze --fail-on"] = [["analyze", Sbom, "--advisories", Data, "--fail-on", "severe"]],
        ["analyze --remote"] = [["analyze", Sbom, "--remote", "scout.example"], ["analyze", Sbom, "--remote", "ftp://scout.example/"]],
        ["analyze --dry-run"] = [["analyze", Sbom, "--advisories", Data, "--dry-run"]],

        ["advisories import PATH"] = [["advisories", "import", "/no/such/path", "--data", Data], ["advisories", "import", "", "--data", Data]],
        ["advisories import --format"] = [["advisories", "import", Data, "--format", "xml", "--data", Data]],
        ["advisories import --data"] = [["advisories", "import", Data, "--data", AFile]],
        ["advisories import --store"] = [["advisories", "import", Data, "--store", "oracle", "--data", Data]],
        ["advisories status --format"] = [["advisories", "status", "--format", "xml", "--data", Data]],
        ["advisories status --data"] = [["advisories", "status", "--data", AFile]],
        ["advisories status --store"] = [["advisories", "status", "--store", "oracle", "--data", Data]],
        ["advisories refresh --feed"] = [["advisories", "refresh", "--feed", "not-a-url", "--data", Data], ["advisories", "refresh", "--feed", "file:///tmp/osv", "--data", Data],
                                         ["advisories", "refresh", "--data", Data]],
        ["advisories refresh --format"] = [["advisories", "refresh", "--feed", "http://127.0.0.1:1/", "--format", "xml", "--data", Data]],
        ["advisories refresh --data"] = [["advisories", "refresh", "--feed", "http://127.0.0.1:1/", "--data", AFile]],
        ["advisories refresh --store"] = [["advisories", "refresh", "--feed", "http://127.0.0.1:1/", "--store", "oracle", "--data", Data]],
    };

    /// <summary>Every option and argument of every runnable command, as "command path" + name.</summary>
    private static IEnumerable<(string Key, string Name)> Symbols(Command command, string path)
    {
        foreach (var sub in command.Subcommands)
        {
            var subPath = path.Length == 0 ? sub.Name : $"{path} {sub.Name}";
            if (sub.Action != null)
            {
                foreach (var option in sub.Options.Where(o => o is not HelpOption and not VersionOption))
                    yield return ($"{subPath} {option.Name}", option.Name);
                foreach (var argument in sub.Arguments) yield return ($"{subPath} {argument.Name}", argument.Name);
            }
            foreach (var nested in Symbols(sub, subPath)) yield return nested;
        }
    }

    [Fact]
    public void Every_option_and_argument_has_a_bad_value_case()
    {
        var symbols = Symbols(CliApp.Build(), "").Select(s => s.Key).ToHashSet();
        var cases = Cases();
        var missing = symbols.Where(s => !cases.ContainsKey(s)).Order().ToList();
        Assert.True(missing.Count == 0, "no bad-value case in BadValueTests for: " + string.Join(", ", missing));
        var stale = cases.Keys.Where(k => !symbols.Contains(k)).Order().ToList();
        Assert.True(stale.Count == 0, "cases for options that no longer exist: " + string.Join(", ", stale));
    }

    public static TheoryData<string, int> AllCases()
    {
        var data = new TheoryData<string, int>();
        foreach (var (key, invocations) in Cases())
            for (var i = 0; i < invocations.Length; i++) data.Add(key, i);
        return data;
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public async Task A_bad_value_exits_2_with_one_line_naming_the_option(string key, int index)
    {
        var args = Cases()[key][index];
        var name = Symbols(CliApp.Build(), "").Single(s => s.Key == key).Name;
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var run = CliApp.RunAsync(args, new StringReader(""), stdout, stderr);
        // A bad value that slipped through would start the command (serve would keep running): fail instead of hanging.
        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(120)));
        Assert.True(finished == run, $"scout {string.Join(' ', args)} did not end: the bad value was accepted");
        var exit = await run;
        var invocation = "scout " + string.Join(' ', args.Select(a => a.Length == 0 || a.Any(char.IsWhiteSpace) ? $"'{a}'" : a));
        Assert.True(exit == 2, $"{invocation}: exit {exit}, stdout: {stdout}, stderr: {stderr}");
        Assert.True(stdout.ToString().Length == 0, $"{invocation}: printed on stdout: {stdout}");
        var lines = stderr.ToString().TrimEnd().Split('\n');
        Assert.True(lines.Length == 1, $"{invocation}: {lines.Length} stderr lines: {stderr}");
        Assert.StartsWith("scout: ", lines[0]);
        Assert.True(lines[0].Contains(name, StringComparison.Ordinal), $"{invocation}: the error does not name {name}: {lines[0]}");
    }

    [Theory]
    [InlineData("serve", "--port", "99999")]
    [InlineData("serve", "--feed", "http://")]
    [InlineData("advisories", "import", "/no/such/path")]
    [InlineData("images", "list", "--tenant", "no-such-tenant")]
    [InlineData("images", "list", "--tenant", "tn_0123456789abcdef")]
    [InlineData("tenants", "create", "")]
    public async Task The_issue_s_examples_exit_2_as_a_process(params string[] args)
    {
        var (code, stdout, stderr) = await ScoutProcess.RunAsync(null, [.. args, "--data", Data]);
        Assert.True(code == 2, $"exit {code}: {stdout} {stderr}");
        Assert.Single(stderr.TrimEnd().Split('\n'));
    }
}
