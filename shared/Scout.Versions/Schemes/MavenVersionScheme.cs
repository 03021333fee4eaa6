using System.Numerics;

namespace Scout.Versions.Schemes;

/// <summary>A parsed Maven version: the top-level item list of ComparableVersion.</summary>
public sealed class MavenVersion
{
    internal MavenVersion(MavenVersionScheme.ListItem items) => Items = items;

    internal MavenVersionScheme.ListItem Items { get; }
}

/// <summary>
/// Maven ordering as Maven 3's ComparableVersion (3.8.7, Debian's libmaven3-core-java) does it: the lower-cased
/// string splits at '.', at '-' (which opens a sub-list) and at every digit/letter transition (which also opens a
/// sub-list); numbers compare by value; qualifiers alpha (a+digit) &lt; beta (b+digit) &lt; milestone (m+digit) &lt;
/// rc = cr &lt; snapshot &lt; "" = ga = final = release &lt; sp &lt; unknown qualifiers (lexically); a number beats a
/// qualifier or sub-list at the same place; trailing zeros, empty and release qualifiers are trimmed ("1.0.0" =
/// "1" = "1-ga"); a qualifier after '.' counts as if after '-' (1.0.Alpha1 = 1.0-alpha-1). Maven 3.9 (MNG-7644)
/// changed the letter+digit case to a combined item ("1-ga-1" = "1-1" there, "1-1" &gt; "1-ga-1" here); Debian
/// ships 3.8.7, our oracle. Every string is a Maven version, so nothing is invalid except the empty string.
/// </summary>
public sealed class MavenVersionScheme : VersionScheme<MavenVersion>
{
    public static readonly MavenVersionScheme Instance = new();

    public override string Name => "maven";

    internal abstract class Item
    {
        public abstract bool IsNull { get; }

        /// <summary>Compare with another item, or with "nothing" when other is null (a shorter version).</summary>
        public abstract int CompareTo(Item? other);
    }

    internal sealed class NumberItem(BigInteger value) : Item
    {
        public static readonly NumberItem Zero = new(BigInteger.Zero);
        public BigInteger Value { get; } = value;
        public override bool IsNull => Value.IsZero;

        public override int CompareTo(Item? other) => other switch
        {
            null => Value.IsZero ? 0 : 1,
            NumberItem n => Value.CompareTo(n.Value),
            _ => 1, // 1.1 > 1-sp, 1.1 > 1-1
        };
    }

    internal sealed class StringItem : Item
    {
        private static readonly string[] Qualifiers = ["alpha", "beta", "milestone", "rc", "snapshot", "", "sp"];
        private static readonly string ReleaseIndex = Array.IndexOf(Qualifiers, "").ToString();

        public string Value { get; }

        private readonly string comparable;

        public StringItem(string value, bool followedByDigit)
        {
            if (followedByDigit && value.Length == 1)
                value = value[0] switch { 'a' => "alpha", 'b' => "beta", 'm' => "milestone", _ => value };
            Value = value switch { "ga" or "final" or "release" => "", "cr" => "rc", _ => value };
            comparable = Comparable(Value);
        }

        // Known qualifiers by index, unknown ones after them and among themselves lexically (Java String order).
        private static string Comparable(string q)
        {
            var i = Array.IndexOf(Qualifiers, q);
            return i == -1 ? Qualifiers.Length + "-" + q : i.ToString();
        }

        public override bool IsNull => comparable == ReleaseIndex;

        public override int CompareTo(Item? other) => other switch
        {
            null => string.CompareOrdinal(comparable, ReleaseIndex),
            StringItem s => string.CompareOrdinal(comparable, s.comparable),
            _ => -1, // 1.any < 1.1, 1.any < 1-1
        };
    }

    internal sealed class ListItem : Item
    {
        public List<Item> Items { get; } = [];
        public override bool IsNull => Items.Count == 0;

        public void Normalize()
        {
            for (var i = Items.Count - 1; i >= 0; i--)
            {
                if (Items[i].IsNull) Items.RemoveAt(i);
                else if (Items[i] is not ListItem) break;
            }
        }

        public override int CompareTo(Item? other)
        {
            switch (other)
            {
                case null:
                    // The whole list against nothing (MNG-6964), not only its first item.
                    foreach (var item in Items)
                    {
                        var r = item.CompareTo(null);
                        if (r != 0) return r;
                    }
                    return 0;
                case NumberItem:
                    return -1; // 1-1 < 1.0.x
                case StringItem:
                    return 1; // 1-1 > 1-sp
                case ListItem list:
                    for (var i = 0; i < Math.Max(Items.Count, list.Items.Count); i++)
                    {
                        var l = i < Items.Count ? Items[i] : null;
                        var r = i < list.Items.Count ? list.Items[i] : null;
                        var result = l is null ? (r is null ? 0 : -r.CompareTo(null)) : l.CompareTo(r);
                        if (result != 0) return result;
                    }
                    return 0;
                default:
                    return 0;
            }
        }
    }

    protected override MavenVersion? Parse(string version)
    {
        if (version.Length == 0) return null;
        var text = version.ToLowerInvariant();
        var root = new ListItem();
        var list = root;
        var stack = new Stack<ListItem>();
        stack.Push(list);
        var isDigit = false;
        var start = 0;

        void OpenSubList()
        {
            var sub = new ListItem();
            list.Items.Add(sub);
            list = sub;
            stack.Push(sub);
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '.' or '-')
            {
                list.Items.Add(i == start ? NumberItem.Zero : ParseItem(isDigit, text[start..i]));
                start = i + 1;
                if (c == '-') OpenSubList();
            }
            else if (char.IsDigit(c))
            {
                if (!isDigit && i > start)
                {
                    // 1.0.0.X1 < 1.0.0-X2: a qualifier after '.' is treated as if after '-'.
                    if (list.Items.Count > 0) OpenSubList();
                    list.Items.Add(new StringItem(text[start..i], followedByDigit: true));
                    start = i;
                    OpenSubList();
                }
                isDigit = true;
            }
            else
            {
                if (isDigit && i > start)
                {
                    list.Items.Add(ParseItem(true, text[start..i]));
                    start = i;
                    OpenSubList();
                }
                isDigit = false;
            }
        }
        if (text.Length > start)
        {
            if (!isDigit && list.Items.Count > 0) OpenSubList();
            list.Items.Add(ParseItem(isDigit, text[start..]));
        }
        while (stack.Count > 0) stack.Pop().Normalize();
        return new MavenVersion(root);
    }

    private static Item ParseItem(bool isDigit, string text)
    {
        if (!isDigit) return new StringItem(text, followedByDigit: false);
        var value = BigInteger.Zero;
        foreach (var c in text) value = value * 10 + (int)char.GetNumericValue(c);
        return new NumberItem(value);
    }

    protected override int CompareParsed(MavenVersion a, MavenVersion b) => a.Items.CompareTo(b.Items);
}
