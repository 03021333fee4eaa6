using System.Security.Cryptography;
using System.Text;

namespace Scout.Core.BaseImages;

/// <summary>
/// Chain hashes of an ordered layer list: h1 = H(l1), hk = H(h(k-1) "\n" lk). Two images share the hash at depth k
/// exactly when their first k layers are equal, so "which stored image is a prefix of mine" is n-1 lookups by hash.
/// Each hash costs one digest of a fixed-size input: the whole list is O(layers).
/// </summary>
public static class LayerChain
{
    public static IReadOnlyList<string> Hashes(IReadOnlyList<string> layers)
    {
        var hashes = new List<string>(layers.Count);
        var previous = "scout-layer-chain/1";
        foreach (var layer in layers)
        {
            previous = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(previous + "\n" + layer))).ToLowerInvariant();
            hashes.Add(previous);
        }
        return hashes;
    }
}
