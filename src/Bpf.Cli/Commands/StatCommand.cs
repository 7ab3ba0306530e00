using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Bpf.Btf;
using Bpf.Object;
using Bpf.Verifier;
using Bpf.Verifier.Liveness;
using Bpf.Veristat;
using VeristatTool = Bpf.Veristat.Veristat;

namespace Bpf.Cli.Commands;

/// <summary>
/// <c>bpfv stat ARGS...</c>: a drop-in veristat (Linux 6.12 command line and output, see Bpf.Veristat). The
/// command line goes to <see cref="VeristatTool.Run"/>, which handles <c>-C</c>/<c>-R</c> offline; in live mode every
/// program is verified by bpfv (in parallel) and fed back to a <see cref="LiveSession"/> in input order.
/// bpfv's global options (<c>--prog-type</c>, <c>--prog-types</c>, <c>--btf</c>) are removed by the dispatcher
/// before the arguments get here. Like veristat, the exit code is 0 whatever the verdicts.
/// </summary>
public sealed partial class StatCommand : ICommand
{
    /// <summary>getopt/argp messages and the help text name the program as veristat does, so output bytes match.</summary>
    private const string Argv0 = "veristat";

    private const int ENOENT = 2, EACCES = 13, EINVAL = 22, EOPNOTSUPP = 95;

    /// <summary>libbpf's <c>-LIBBPF_ERRNO__FORMAT</c>: what bpf_object__open reports for a malformed ELF.</summary>
    private const int LibbpfErrnoFormat = 4003;

    public string Name => "stat";
    public string Summary => "veristat: verification statistics per program (-o csv, -C/-R comparison and replay, ...)";

    /// <summary>veristat's own <c>--help</c> text (the dispatcher prints it for <c>bpfv stat --help</c>).</summary>
    public string Usage
    {
        get
        {
            var help = new StringWriter();
            VeristatTool.Run(["--help"], help, TextWriter.Null, null, Argv0);
            return help.ToString().TrimEnd('\n');
        }
    }

    public int Run(CommandContext context, IReadOnlyList<string> args)
    {
        // Everything goes out in one piece at the end, as a piped veristat's fully buffered stdout does.
        var stdout = new StringWriter { NewLine = "\n" };
        try
        {
            return VeristatTool.Run(args, stdout, context.Error, (o, so, se) => RunLive(context, o, so, se), Argv0);
        }
        finally
        {
            context.Out.Write(stdout.ToString());
            context.Out.Flush();
        }
    }

    /// <summary>One object file of the command line: whether veristat opens it, and what opening it gave.</summary>
    private sealed class FileWork(string path)
    {
        public string Path { get; } = path;
        public string BaseName { get; } = LiveSession.BaseName(path);
        public bool Wanted { get; set; }
        public bool IsBpfObject { get; set; }
        public ObjectSpec? Object { get; set; }
        /// <summary>bpfv's diagnostic for a malformed object, printed before veristat's open failure line.</summary>
        public string? OpenMessage { get; set; }
        public int OpenErrno { get; set; }
        public VerificationResult?[] Results { get; set; } = [];
    }

    private static int RunLive(CommandContext context, VeristatOptions options, TextWriter stdout, TextWriter stderr)
    {
        LoadOptions load = context.Options.LoadOptions(); // --prog-types/--btf problems fail the whole command
        var files = options.Files.Select(f => new FileWork(f)).ToArray();

        Parallel.ForEach(files, f =>
        {
            f.Wanted = options.Filters.ShouldProcess(f.BaseName, null);
            f.IsBpfObject = f.Wanted && IsBpfObjectFile(f.Path);
            if (f.Wanted && f.IsBpfObject)
                Open(f, load);
        });

        // veristat loads every program on its own (BPF_LOG_STATS, plus the requested level when verbose).
        var verifier = context.Options.Apply(new VerifierOptions
        {
            LogLevel = options.Verbose ? (options.EffectiveLogLevel & 3) | 4 : 4,
            TestStateFreq = options.ForceCheckpoints,
            Liveness = LivenessModes.TryParse(options.Liveness, out var liveness) ? liveness : LivenessMode.New,
            TimeLimit = VerifierOptions.DefaultTimeLimit,
        });
        var work = new List<(FileWork File, int Index, ProgramSpec Prog)>();
        foreach (var f in files)
        {
            if (f.Object == null)
                continue;
            f.Results = new VerificationResult?[f.Object.Programs.Count];
            for (int i = 0; i < f.Object.Programs.Count; i++)
            {
                var p = f.Object.Programs[i];
                if (options.Filters.ShouldProcess(f.BaseName, p.Name))
                    work.Add((f, i, p));
            }
        }
        long instructions = 0;
        foreach (var w in work)
            instructions += w.Prog.Instructions.Length;
        ProcessWarmup.Ensure(ProcessWarmup.ExpectedAllocation(work.Count, instructions));
        var internalErrors = new ConcurrentDictionary<(FileWork, int), string>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Jobs > 0 ? options.Jobs : Environment.ProcessorCount };
        bool serial = parallel.MaxDegreeOfParallelism == 1;
        // Biggest programs first keeps all cores busy until the end. One at a time, veristat's order (file by file)
        // keeps each object's data warm across its programs.
        var ordered = serial ? work : work.OrderByDescending(w => w.Prog.Instructions.Length).ToList();
        Parallel.ForEach(Partitioner.Create(ordered, EnumerablePartitionerOptions.NoBuffering), parallel, w =>
        {
            if (serial)
                SerialGcBudget.BeforeProgram();
            try
            {
                w.File.Results[w.Index] = BpfVerifier.Verify(w.File.Object!, w.Prog, verifier);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                internalErrors[(w.File, w.Index)] = $"bpfv: {w.File.Path}/{w.Prog.Name}: internal error: {e.GetType().Name}: {e.Message}";
                w.File.Results[w.Index] = new VerificationResult
                {
                    Accepted = false,
                    ErrorLine = "bpfv: internal error",
                    Log = "",
                    Stats = default,
                };
            }
        });

        // Replay in command line order so messages, counters and ties come out as veristat's.
        var session = new LiveSession(options, stdout, stderr);
        bool typesForced = context.Options.ProgramType != null || context.Options.ProgramTypesFile != null;
        foreach (var f in files)
        {
            if (!session.BeginFile(f.Path, f.IsBpfObject))
                continue;
            if (f.Object == null)
            {
                if (f.OpenMessage != null)
                    stderr.Write(f.OpenMessage + "\n");
                session.FileOpenFailed(f.Path, -f.OpenErrno);
                continue;
            }
            session.FileOpened();
            for (int i = 0; i < f.Object.Programs.Count; i++)
            {
                var p = f.Object.Programs[i];
                if (!session.ShouldVerify(f.Path, p.Name))
                    continue;
                if (!options.Quiet && !typesForced && FreplaceNote(f.Object, p, f.BaseName) is string note)
                    stdout.Write(note);
                var r = f.Results[i]!;
                if (internalErrors.TryGetValue((f, i), out string? err))
                    stderr.Write(err + "\n");
                session.AddResult(f.Path, p.Name, r.Accepted, r.Log);
            }
        }
        return session.Finish();
    }

    /// <summary>
    /// What veristat's <c>fixup_obj</c> prints for a <c>SEC("freplace")</c> program: the program type the loader
    /// guessed from the context argument, or why it could not guess; null when it prints nothing.
    /// </summary>
    private static string? FreplaceNote(ObjectSpec obj, ProgramSpec prog, string baseName)
    {
        if (prog.SectionName != "freplace" && !prog.SectionName.StartsWith("freplace/", StringComparison.Ordinal))
            return null;
        // The loader changes an freplace program's type only by veristat's guess (without --prog-type/--prog-types).
        if (prog.Type != ProgramType.Ext)
            return $"Using guessed program type '{prog.Type.Name()}' for {baseName}/{prog.Name}...\n";
        var btf = obj.Btf;
        if (btf == null)
            return null;
        uint func = btf.FindByName(prog.Name, BtfKind.Func);
        if (func == 0)
            return null;
        uint proto = btf.RefType(func);
        if (btf.Kind(proto) != BtfKind.FuncProto || btf.Vlen(proto) != 1)
            return null;
        uint t = btf.SkipModifiers(btf.Param(proto, 0).TypeId);
        if (btf.Kind(t) != BtfKind.Ptr)
            return null;
        string ctxName = btf.Name(btf.SkipModifiers(btf.RefType(t)));
        return $"Failed to guess program type for freplace program with context type name '{ctxName}' for {baseName}/{prog.Name}. "
            + "Consider using canonical type names to help veristat...\n";
    }

    /// <summary>Opens the object as bpf_object__open_file would; failures record libbpf's errno.</summary>
    private static void Open(FileWork f, LoadOptions load)
    {
        try
        {
            f.Object = ObjectLoader.Load(f.Path, load);
        }
        catch (ObjectOpenException e)
        {
            // veristat shows only its own "Failed to open" line (libbpf's warning is not printed).
            f.OpenErrno = e.Errno != 0 ? e.Errno : OpenErrno(e.Message);
        }
        catch (ObjectFormatException e)
        {
            f.OpenMessage = $"bpfv: {f.Path}: {e.Message}";
            f.OpenErrno = LibbpfErrnoFormat;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            f.OpenErrno = ENOENT;
        }
        catch (UnauthorizedAccessException)
        {
            f.OpenErrno = EACCES;
        }
        catch (IOException)
        {
            f.OpenErrno = EINVAL;
        }
    }

    /// <summary>
    /// The errno libbpf returns with an open warning: a static entry program or an extern in an unknown section
    /// (<c>.maps</c> in objects meant for static linking) is -EOPNOTSUPP, an extern whose BTF or
    /// size is missing returns the code at the end of the message, a kcfg alignment problem is -EINVAL.
    /// </summary>
    private static int OpenErrno(string message)
    {
        if (message.EndsWith("is static and not supported", StringComparison.Ordinal)
            || message.Contains("unrecognized extern section", StringComparison.Ordinal))
            return EOPNOTSUPP;
        var m = TrailingErrno().Match(message);
        return m.Success && int.TryParse(m.Groups[1].ValueSpan, out int code) && code > 0 ? code : EINVAL;
    }

    [GeneratedRegex(@": -(\d+)$")]
    private static partial Regex TrailingErrno();

    /// <summary>
    /// veristat's <c>is_bpf_obj_file</c>: a 64-bit ELF relocatable for EM_BPF (or EM_NONE). A file that cannot be
    /// opened counts as an object, so that opening it fails later with its errno.
    /// </summary>
    private static bool IsBpfObjectFile(string path)
    {
        Span<byte> h = stackalloc byte[64];
        int n;
        try
        {
            if (Directory.Exists(path))
                return false;
            using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
            n = fs.ReadAtLeast(h, h.Length, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return true;
        }
        if (n < h.Length || h[0] != 0x7f || h[1] != (byte)'E' || h[2] != (byte)'L' || h[3] != (byte)'F' || h[4] != 2)
            return false;
        if (h[5] is not (1 or 2))
            return false;
        bool big = h[5] == 2;
        ushort type = big ? BinaryPrimitives.ReadUInt16BigEndian(h[16..]) : BinaryPrimitives.ReadUInt16LittleEndian(h[16..]);
        ushort machine = big ? BinaryPrimitives.ReadUInt16BigEndian(h[18..]) : BinaryPrimitives.ReadUInt16LittleEndian(h[18..]);
        const ushort EtRel = 1, EmBpf = 247;
        return type == EtRel && (machine == 0 || machine == EmBpf);
    }
}
