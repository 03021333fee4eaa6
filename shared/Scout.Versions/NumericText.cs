namespace Scout.Versions;

/// <summary>Orders runs of ASCII digits by value without converting them (they may exceed any integer type).</summary>
internal static class NumericText
{
    public static int Compare(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        a = a.TrimStart('0');
        b = b.TrimStart('0');
        if (a.Length != b.Length) return a.Length < b.Length ? -1 : 1;
        return Math.Sign(a.SequenceCompareTo(b));
    }

    public static bool IsDigits(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty) return false;
        foreach (var c in s)
            if (c is < '0' or > '9') return false;
        return true;
    }
}
