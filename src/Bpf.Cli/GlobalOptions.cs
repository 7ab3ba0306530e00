using Bpf.Btf;
using Bpf.Object;
using Bpf.Verifier;

namespace Bpf.Cli;

/// <summary>
/// Options every command accepts: <c>--prog-type TYPE</c>, <c>--prog-types FILE</c>, <c>--btf FILE</c>,
/// <c>--nr-cpus N</c>.
/// Arguments are never expanded as response files (veristat-style <c>@file</c> arguments stay literal).
/// </summary>
public sealed class GlobalOptions
{
    public ProgramType? ProgramType { get; private set; }
    public string? ProgramTypesFile { get; private set; }
    public string? BtfFile { get; private set; }
    /// <summary>--nr-cpus: the CPU count of the machine whose kernel is asked (bpf_get_smp_processor_id's range).</summary>
    public int? NrCpus { get; private set; }

    private LoadOptions? _load;
    private BtfSpec? _btf;

    /// <summary>Removes the global options from <paramref name="args"/>; returns an error message or null.</summary>
    public static string? Extract(List<string> args, out GlobalOptions options)
    {
        options = new GlobalOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string a = args[i];
            if (a == "--")
                break;
            string? value = null;
            string name = a;
            int eq = a.IndexOf('=');
            if (a.StartsWith("--", StringComparison.Ordinal) && eq > 0)
            {
                name = a[..eq];
                value = a[(eq + 1)..];
            }
            if (name is not ("--prog-type" or "--prog-types" or "--btf" or "--nr-cpus"))
                continue;
            int consumed = 1;
            if (value == null)
            {
                if (i + 1 >= args.Count)
                    return $"option {name} needs a value";
                value = args[i + 1];
                consumed = 2;
            }
            args.RemoveRange(i, consumed);
            i--;
            switch (name)
            {
                case "--prog-type":
                    if (!TypeNames.TryParseProgramType(value, out var t))
                        return $"unknown program type '{value}'";
                    options.ProgramType = t;
                    break;
                case "--prog-types":
                    options.ProgramTypesFile = value;
                    break;
                case "--nr-cpus":
                    if (!int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int cpus) || cpus < 1)
                        return $"invalid CPU count '{value}'";
                    options.NrCpus = cpus;
                    break;
                default:
                    options.BtfFile = value;
                    break;
            }
        }
        return null;
    }

    /// <summary><paramref name="o"/> with the machine this command answers for (--nr-cpus).</summary>
    public VerifierOptions Apply(VerifierOptions o) => NrCpus is { } n ? o with { NrCpus = n } : o;

    /// <summary>Load options for the object loader (reads --prog-types and --btf once). Throws on unreadable files.</summary>
    public LoadOptions LoadOptions()
    {
        if (_load != null)
            return _load;
        ProgramTypeOverrides? overrides = ProgramTypesFile == null ? null : ProgramTypeOverrides.Load(ProgramTypesFile);
        if (BtfFile != null)
            _btf = KernelBtf.LoadFile(BtfFile);
        return _load = new LoadOptions { ProgramType = ProgramType, Overrides = overrides, TargetBtf = _btf };
    }
}
