namespace Scout.Cli.Tests.Security;

/// <summary>Resident memory of a Linux process from /proc: current (VmRSS) and peak since the last reset (VmHWM).</summary>
public sealed class ProcessMemory(int pid)
{
    public long ResidentBytes => Field("VmRSS:");
    public long PeakResidentBytes => Field("VmHWM:");

    /// <summary>Resets the peak to the current resident size ("5" to clear_refs, Linux 4.0+), so the next peak is this run's.</summary>
    public void ResetPeak() => File.WriteAllText($"/proc/{pid}/clear_refs", "5");

    private long Field(string name)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            if (line.StartsWith(name, StringComparison.Ordinal))
                return long.Parse(line[name.Length..].Trim().Split(' ')[0]) * 1024;
        throw new InvalidOperationException($"/proc/{pid}/status has no {name}");
    }

    public static string Mb(long bytes) => $"{bytes / (1024.0 * 1024):F1} MB";
}
