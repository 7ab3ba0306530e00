using System.Globalization;

namespace Bpf.TestLoader.Spec;

/// <summary>test_loader's strtol-based parsers for tag values.</summary>
internal static class TagValues
{
    // bpf_misc.h stringifies __retval's argument; 6.12 resolves these names, newer headers write _INT_MIN.
    private const int PointerValue612 = 0xcafe4a;

    /// <summary>parse_int: "0x" + hex, else decimal with optional sign; the whole string must be consumed.</summary>
    public static bool TryParseInt(string s, out int value)
    {
        value = 0;
        long v;
        if (s.StartsWith("0x", StringComparison.Ordinal))
        {
            string hex = s[2..];
            bool neg = hex.StartsWith('-');
            if (neg || hex.StartsWith('+'))
                hex = hex[1..];
            if (!long.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out v))
                return false;
            v = neg ? -v : v;
        }
        else if (!long.TryParse(s.TrimStart(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out v))
        {
            return false;
        }
        value = unchecked((int)v); // the kernel code stores the long into an int
        return true;
    }

    public static bool TryParseRetval(string s, out int value)
    {
        switch (s)
        {
            case "INT_MIN" or "_INT_MIN":
                value = int.MinValue;
                return true;
            case "POINTER_VALUE":
                value = PointerValue612;
                return true;
            case "TEST_DATA_LEN":
                value = 64;
                return true;
            default:
                return TryParseInt(s, out value);
        }
    }

    /// <summary>parse_caps: '|'-separated capability numbers.</summary>
    public static bool TryParseCaps(string s, out ulong caps)
    {
        caps = 0;
        foreach (string token in s.Split('|', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(token.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int bit) || bit is <= 0 or >= 64)
                return false;
            caps |= 1UL << bit;
        }
        return true;
    }

    /// <summary>The arch bit for a <c>__arch_*</c> name, or null when test_loader would reject it.</summary>
    public static TestArch? ParseArch(string s) => s switch
    {
        "X86_64" => TestArch.X86_64,
        "ARM64" => TestArch.Arm64,
        "RISCV64" => TestArch.Riscv64,
        "s390x" => TestArch.S390x,
        "LOONGARCH" => TestArch.LoongArch,
        _ => null,
    };
}
