using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Scout.Testing.Servers;

/// <summary>
/// A local server started for a test run on a free port: waits until it answers HTTP, keeps its output for
/// error messages, and kills its whole process tree on dispose.
/// </summary>
public abstract class AwsServerProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    protected AwsServerProcess(string what, ProcessStartInfo start, int port, TimeSpan startTimeout)
    {
        Port = port;
        Endpoint = $"http://127.0.0.1:{port}";
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{what}: could not start {start.FileName}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{what}: cannot run {start.FileName} ({e.Message}); run 'bash scripts/tools/aws.sh install'", e);
        }
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        WaitUntilAnswering(what, startTimeout);
    }

    public int Port { get; }

    /// <summary>http://127.0.0.1:{port}</summary>
    public string Endpoint { get; }

    public string Output { get { lock (output) return output.ToString(); } }

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private void WaitUntilAnswering(string what, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"{what} exited with code {process.ExitCode} before answering:\n{Output}");
            try
            {
                using var response = http.GetAsync(Endpoint + "/").GetAwaiter().GetResult();
                return; // any HTTP answer means it is listening
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                Thread.Sleep(200);
            }
        }
        Dispose();
        throw new TimeoutException($"{what} did not answer on {Endpoint} within {timeout.TotalSeconds:0} s:\n{Output}");
    }

    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
        process.Dispose();
        GC.SuppressFinalize(this);
    }
}
