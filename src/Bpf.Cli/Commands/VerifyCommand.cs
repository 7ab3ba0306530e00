using Bpf.Verifier;
using Bpf.Verifier.Liveness;

namespace Bpf.Cli.Commands;

/// <summary><c>bpfv verify OBJ [-p PROG] [-l 0|1|2] [-t]</c>: the verifier's verdict and log per program.</summary>
public sealed class VerifyCommand : ICommand
{
    public string Name => "verify";
    public string Summary => "verify programs as the Linux 6.18 verifier would (verdict and log)";

    public string Usage => """
Usage: bpfv verify OBJ [-p PROG] [-l 0|1|2] [-t]
  -p, --prog PROG       only the program named PROG
  -l, --log-level N     0: no log (rejections still print their error line), 1 (default): the kernel's log
                        with its statistics lines, as veristat -v prints it; 2: every instruction
  -t, --test-states     force frequent state checkpoints (BPF_F_TEST_STATE_FREQ, veristat -t)
  --liveness MODE       stack liveness for pruning: new (Linux 6.18, default), legacy (6.17's read marks),
                        check (both; a slot 6.18 finds dead but legacy marks keep alive is an error)
Each program is printed as veristat -v does: a PROCESSING line, the verifier log and a blank line.
Exit status: 0 all programs accepted, 1 some program rejected, 2 bad input. Bad input prints one line
'bpfv: OBJ: problem': unreadable or malformed file, no such program, or an object libbpf refuses to open
(a static entry program, an unresolvable extern ...): the problem is then libbpf's own warning line, where
veristat would print "Failed to open 'OBJ': -ERRNO" and skip the file.
""".TrimEnd('\n');

    public int Run(CommandContext context, IReadOnlyList<string> args)
    {
        string? file = null, prog = null;
        int level = 1;
        bool testFreq = false;
        var liveness = LivenessMode.New;
        for (int i = 0; i < args.Count; i++)
        {
            string a = args[i];
            switch (a)
            {
                case "-p" or "--prog":
                    if (i + 1 >= args.Count)
                        return context.Fail("verify", $"option {a} needs a value");
                    prog = args[++i];
                    break;
                case "-l" or "--log-level":
                    if (i + 1 >= args.Count || !int.TryParse(args[i + 1], out level) || level is < 0 or > 2)
                        return context.Fail("verify", "log level must be 0, 1 or 2");
                    i++;
                    break;
                case "-t" or "--test-states":
                    testFreq = true;
                    break;
                case "--liveness":
                    if (i + 1 >= args.Count || !LivenessModes.TryParse(args[i + 1], out liveness))
                        return context.Fail("verify", "liveness must be new, legacy or check");
                    i++;
                    break;
                default:
                    if (a.StartsWith('-') && a.Length > 1)
                        return context.Fail("verify", $"unknown option '{a}'");
                    if (file != null)
                        return context.Fail("verify", "only one object file");
                    file = a;
                    break;
            }
        }
        if (file == null)
            return context.Fail("verify", "no object file given");
        // Every load failure, ObjectOpenException (libbpf refuses the object) included, is one 'bpfv: FILE: problem' line.
        var obj = ObjectInput.TryLoad(context, file);
        if (obj == null)
            return ExitCodes.BadInput;
        // veristat -v asks for the statistics too (BPF_LOG_STATS).
        var options = context.Options.Apply(new VerifierOptions { LogLevel = level == 0 ? 0 : level | 4, TestStateFreq = testFreq, Liveness = liveness, TimeLimit = VerifierOptions.DefaultTimeLimit });
        int exit = ExitCodes.Ok;
        bool any = false;
        foreach (var p in obj.Programs)
        {
            if (prog != null && p.Name != prog)
                continue;
            any = true;
            var r = BpfVerifier.Verify(obj, p, options);
            string verdict = r.Accepted ? "success" : "failure";
            context.Out.Write($"PROCESSING {file}/{p.Name}, DURATION US: {r.Stats.DurationMicros}, VERDICT: {verdict}, VERIFIER LOG:\n");
            if (level > 0)
                context.Out.Write(r.Log);
            else if (!r.Accepted)
                context.Out.Write((r.ErrorLine ?? "") + "\n");
            context.Out.Write("\n");
            if (!r.Accepted)
                exit = ExitCodes.Rejected;
        }
        if (!any)
            return context.Fail(file, prog == null ? "no programs" : $"no program named '{prog}'");
        return exit;
    }
}
