using System.Diagnostics;
using Scout.Sbom;
using Scout.Testing;

namespace Scout.Cli.Tests;

/// <summary>`scout sbom normalize -` reads standard input as it reads a file: same records, and the size limit before buffering.</summary>
public sealed class SbomStdinTests
{
    private static string Sbom => TestData.Path("sbom", "images", "guac", "alpine-cyclonedx.json");

    [Fact]
    public async Task Standard_input_gives_the_same_records_as_the_file()
    {
        var fromFile = await ScoutProcess.RunAsync(null, "sbom", "normalize", Sbom);
        var fromStdin = await ScoutProcess.RunAsync(await File.ReadAllTextAsync(Sbom), "sbom", "normalize", "-");
        Assert.Equal(0, fromFile.Code);
        Assert.Equal(0, fromStdin.Code);
        Assert.Contains("pkg:", fromFile.Stdout);
        Assert.Equal(fromFile.Stdout, fromStdin.Stdout);
    }

    [Fact]
    public async Task Standard_input_over_the_size_limit_exits_2_with_one_line_naming_the_limit()
    {
        var limit = SbomLimits.Default.MaxDocumentBytes;
        using var p = Process.Start(ScoutProcess.StartInfo("sbom", "normalize", "-"))!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        // a JSON array that never ends, past the limit: the command must stop reading and refuse it
        var chunk = new byte[1 << 20];
        Array.Fill(chunk, (byte)' ');
        try
        {
            await p.StandardInput.BaseStream.WriteAsync("{\"components\":["u8.ToArray());
            for (long written = 0; written <= limit + chunk.Length; written += chunk.Length) await p.StandardInput.BaseStream.WriteAsync(chunk);
            p.StandardInput.Close();
        }
        catch (IOException) { } // the command stopped reading at the limit and closed the pipe
        Assert.True(p.WaitForExit(TimeSpan.FromMinutes(2)), "scout sbom normalize - did not end");
        Assert.Equal(2, p.ExitCode);
        var lines = (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.Contains($"max document size {limit} bytes", StringComparison.Ordinal));
        Assert.Equal("", await stdout);
    }
}
