// Oracle: NuGet.Versioning's NuGetVersion.TryParse + VersionComparer.Default. stdin a<TAB>b -> a<TAB>b<TAB>R.
using NuGet.Versioning;

string? line;
var stdout = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = false, NewLine = "\n" };
while ((line = Console.In.ReadLine()) is not null)
{
    var tab = line.IndexOf('\t');
    var (a, b) = (line[..tab], line[(tab + 1)..]);
    string r = NuGetVersion.TryParse(a, out var va) && NuGetVersion.TryParse(b, out var vb)
        ? Math.Sign(VersionComparer.Default.Compare(va, vb)).ToString()
        : "invalid";
    stdout.WriteLine($"{a}\t{b}\t{r}");
}
stdout.Flush();
