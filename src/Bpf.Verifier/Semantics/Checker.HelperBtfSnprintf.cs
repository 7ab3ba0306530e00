namespace Bpf.Verifier.Semantics;

/// <summary>check_bpf_snprintf_call: bpf_snprintf's constant format string against its array of u64 arguments.</summary>
internal sealed partial class Checker
{
    private const int SnprintfId = 165;

    /// <summary>After the argument checks: the format (R3, a constant string) must fit the R5 / 8 arguments.</summary>
    private void CheckSnprintfCall(int id)
    {
        if (id != SnprintfId)
            return;
        var len = Regs[5];
        var fmtReg = Regs[3];
        // The kernel reads var_off.value: the size is a known constant by now only when the checks above proved it.
        if (len.Bounds.VarOff.Value % 8 != 0)
            Unsupported("bpf_snprintf data length not a multiple of 8"); // -EINVAL without a log line
        int numArgs = (int)Math.Min(len.Bounds.VarOff.Value / 8, int.MaxValue);
        var map = _maps[fmtReg.MapIndex];
        long start = fmtReg.Off + (long)fmtReg.Bounds.ConstValue;
        var fmt = FormatBytes(map.InitialValue.Span, start, (int)map.ValueSize);
        switch (BprintfFormat.Check(fmt, numArgs))
        {
            case BprintfFormat.Result.Invalid:
                Fail("Invalid format string", -22);
                break;
            case BprintfFormat.Result.Unknown:
                Unsupported("bpf_snprintf format string with non-ASCII bytes");
                break;
        }
    }

    /// <summary>The NUL-terminated string at <paramref name="start"/> (bytes past the initial image are zero).</summary>
    private static byte[] FormatBytes(ReadOnlySpan<byte> image, long start, int valueSize)
    {
        var bytes = new List<byte>();
        for (long i = start; i < valueSize && i < image.Length && image[(int)i] != 0; i++)
            bytes.Add(image[(int)i]);
        return [.. bytes];
    }
}

/// <summary>bpf_bprintf_prepare's validation pass (no arguments copied): which conversions the BPF printf family accepts.</summary>
internal static class BprintfFormat
{
    public enum Result : byte { Valid, Invalid, Unknown }

    public static Result Check(byte[] f, int numArgs)
    {
        int spec = 0;
        for (int i = 0; i < f.Length; i++)
        {
            byte c = f[i];
            if (c >= 0x80)
                return Result.Unknown; // kernels differ on UTF-8 in the plain text
            if (!IsPrint(c) && !IsSpace(c))
                return Result.Invalid;
            if (c != '%')
                continue;
            if (At(f, i + 1) == '%')
            {
                i++;
                continue;
            }
            if (spec >= numArgs)
                return Result.Invalid;
            i++;
            while (At(f, i) is (byte)'0' or (byte)'+' or (byte)'-' or (byte)' ')
                i++;
            if (At(f, i) is >= (byte)'1' and <= (byte)'9')
            {
                i++;
                while (At(f, i) is >= (byte)'0' and <= (byte)'9')
                    i++;
            }
            if (!Conversion(f, ref i))
                return Result.Invalid;
            spec++;
        }
        return Result.Valid;
    }

    /// <summary>One conversion at <paramref name="i"/> (after flags and width); leaves i on its last byte.</summary>
    private static bool Conversion(byte[] f, ref int i)
    {
        byte c = At(f, i);
        if (c == 'p')
        {
            byte n = At(f, i + 1);
            if (n == 0 || IsSpace(n) || IsPunct(n))
                return true;
            if ((n == 'k' || n == 'u') && At(f, i + 2) == 's')
            {
                i += 2;
                return StringEnd(f, i);
            }
            if (n is (byte)'K' or (byte)'x' or (byte)'s' or (byte)'S' or (byte)'B')
            {
                i++;
                return true;
            }
            // Only %pI4, %pi4, %pI6 and %pi6 remain.
            if ((n != 'i' && n != 'I') || (At(f, i + 2) != '4' && At(f, i + 2) != '6'))
                return false;
            i += 2;
            return true;
        }
        if (c == 's')
            return StringEnd(f, i);
        if (c == 'c')
            return true;
        if (At(f, i) == 'l')
            i++;
        if (At(f, i) == 'l')
            i++;
        return At(f, i) is (byte)'i' or (byte)'d' or (byte)'u' or (byte)'x' or (byte)'X';
    }

    /// <summary>A string conversion must be followed by the end, a space or punctuation.</summary>
    private static bool StringEnd(byte[] f, int i)
    {
        byte n = At(f, i + 1);
        return n == 0 || IsSpace(n) || IsPunct(n);
    }

    private static byte At(byte[] f, int i) => i < f.Length ? f[i] : (byte)0;

    private static bool IsPrint(byte c) => c is >= 0x20 and <= 0x7e;

    private static bool IsSpace(byte c) => c is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\v' or (byte)'\f' or (byte)'\r';

    private static bool IsPunct(byte c) => IsPrint(c) && c != ' ' && !char.IsAsciiLetterOrDigit((char)c);
}
