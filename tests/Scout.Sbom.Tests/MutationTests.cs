namespace Scout.Sbom.Tests;

/// <summary>Real documents, truncated and corrupted at random (seeded): each is read or refused with a typed error, never a crash.</summary>
public class MutationTests
{
    [Theory]
    [InlineData("images/guac/alpine-cyclonedx.json")]
    [InlineData("images/osv-scanner-sbom-insecure/alpine.cdx.xml")]
    [InlineData("images/trivy/centos-7-spdx.txt")]
    [InlineData("images/guac/alpine-spdx.json")]
    [InlineData("images/attestations/trivy/centos-7-cyclonedx.intoto.jsonl")]
    [InlineData("spdx/3.0/spdx-spec-examples/jsonld/package_sbom.json")]
    [InlineData("images/trivy/fluentd-multiple-lockfiles.cdx.json")]
    [InlineData("images/bom-shelter-in-the-lab/rancher_library-nginx/spdx-syft-rancher_library-nginx-sha256_2a873cb32871.json")]
    [InlineData("spdx/2.3/spdx-spec-examples/SPDXTagExample-v2.3.spdx")]
    public async Task Corrupted_documents_are_read_or_refused_never_crash(string relative)
    {
        var original = File.ReadAllBytes(Path.Combine(SbomFiles.Root, relative));
        var random = new Random(relative.Length * 7919);
        var alphabet = "{}[]<>\":,&;=\\/ \n\t0aZ!\u00e9"u8.ToArray();
        for (var round = 0; round < 200; round++)
        {
            var mutated = (byte[])original.Clone();
            switch (round % 4)
            {
                case 0:
                    mutated = mutated[..random.Next(mutated.Length)];
                    break;
                case 1:
                    for (var i = 0; i < 1 + random.Next(8); i++) mutated[random.Next(mutated.Length)] = alphabet[random.Next(alphabet.Length)];
                    break;
                case 2:
                    // A slice copied elsewhere: duplicated keys, components and relationships.
                    var from = random.Next(mutated.Length);
                    var slice = mutated[from..Math.Min(mutated.Length, from + random.Next(400))];
                    var at = random.Next(mutated.Length);
                    mutated = [.. mutated[..at], .. slice, .. mutated[at..]];
                    break;
                default:
                    var start = random.Next(mutated.Length);
                    var length = Math.Min(random.Next(200), mutated.Length - start);
                    mutated = [.. mutated[..start], .. mutated[(start + length)..]];
                    break;
            }
            // Only SbomFormatException is caught by the guard: anything else fails the test.
            var (result, refusal) = await SbomFiles.NormalizeGuarded(mutated);
            Assert.True(result is not null || refusal is not null);
        }
    }
}
