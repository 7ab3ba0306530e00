using System.Globalization;
using Bpf.Verifier.Domain;
using Bpf.Verifier.Semantics.Scalar;

namespace Bpf.Verifier.Tests.Domain;

/// <summary>
/// Replays scalar programs recorded against the live Linux 6.18 verifier (Data/kernel-scalar-traces.txt)
/// and compares every register text the kernel printed, both branch states and invariant messages.
/// </summary>
public class KernelTraceTests
{
    private sealed record TraceOp(string Kind, int Insn, int D, int S, byte Code, long Imm, ulong U64, bool Wide, int Bits);

    private sealed class Trace
    {
        public string Name = "";
        public List<TraceOp> Ops = [];
        public Dictionary<(int Insn, int Reg), string> After = [];
        public Dictionary<(int Insn, int Reg), string> From = [];
        public List<string> Msgs = [];
    }

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (Trace t in Load())
        {
            data.Add(t.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void MatchesKernel(string name)
    {
        Trace t = Load().Single(x => x.Name == name);
        var errors = new List<string>();
        var msgs = new List<string>();
        var regs = new ScalarBounds[11];

        void Check(ref ScalarBounds b, string ctx)
        {
            string? m = b.SanityCheck(ctx);
            if (m != null)
            {
                msgs.Add(m);
            }
        }

        void Compare(Dictionary<(int, int), string> expect, int insn, ScalarBounds[] state, string what)
        {
            for (int r = 6; r <= 9; r++)
            {
                if (expect.TryGetValue((insn, r), out string? k) && ScalarLog.Format(state[r]) is var mine && mine != k)
                {
                    errors.Add($"{what} {insn} R{r}: kernel {k} mine {mine}");
                }
            }
        }

        foreach (TraceOp op in t.Ops)
        {
            ScalarBounds[]? taken = null;
            bool stop = false;
            switch (op.Kind)
            {
                case "Call":
                    regs[0] = ScalarBounds.Unknown;
                    break;
                case "MovR0":
                    regs[op.D] = regs[0];
                    break;
                case "Ld64":
                    regs[op.D] = ScalarBounds.Const(op.U64);
                    break;
                case "MovImm":
                    regs[op.D] = ScalarBounds.Const(op.Wide ? (ulong)op.Imm : (uint)op.Imm);
                    break;
                case "Alu":
                    ScalarBounds src = op.S >= 0 ? regs[op.S] : ScalarBounds.Const((ulong)op.Imm);
                    if (ScalarAlu.ForkOnAndOr(regs[op.D], src, op.Code, out _))
                    {
                        stop = true;
                        break;
                    }

                    ScalarAlu.Apply(ref regs[op.D], src, op.Code, op.Wide);
                    break;
                case "Neg":
                    ScalarAlu.Neg(ref regs[op.D], op.Wide);
                    break;
                case "End":
                    ScalarAlu.ByteSwap(ref regs[op.D], op.Code, op.Bits);
                    break;
                case "Spill":
                    break;
                case "Fill":
                    // Narrow load of a spilled 64-bit scalar: copy, then coerce_reg_to_size{,_sx}.
                    regs[op.D] = regs[op.S];
                    if (op.Imm != 0)
                    {
                        regs[op.D].CoerceToSizeSx(op.Bits);
                    }
                    else
                    {
                        regs[op.D].CoerceToSize(op.Bits);
                    }

                    Check(ref regs[op.D], "ldx");
                    break;
                case "MovReg":
                    regs[op.D] = regs[op.S];
                    if (op.Bits != 0)
                    {
                        ScalarAlu.MovSx(ref regs[op.D], op.Bits, op.Wide);
                    }
                    else if (!op.Wide)
                    {
                        ScalarAlu.Mov32(ref regs[op.D]);
                    }

                    break;
                case "Jmp":
                    bool is32 = !op.Wide;
                    ScalarBounds k = op.S >= 0 ? regs[op.S] : ScalarBounds.Const((ulong)op.Imm);
                    int pred = ScalarBranch.IsTaken(regs[op.D], k, op.Code, is32);
                    if (pred == 1)
                    {
                        Compare(t.After, op.Insn, regs, "after");
                        stop = true;
                        break;
                    }

                    if (pred == 0)
                    {
                        break;
                    }

                    taken = (ScalarBounds[])regs.Clone();
                    ScalarBounds tk = k, fk = k;
                    byte neg = ScalarBranch.Negate(op.Code);
                    if (op.S == op.D)
                    {
                        ScalarBranch.RefineAndSync(ref regs[op.D], ref regs[op.D], neg, is32);
                        ScalarBranch.RefineAndSync(ref taken[op.D], ref taken[op.D], op.Code, is32);
                        Check(ref taken[op.D], "true_reg1");
                        Check(ref taken[op.D], "true_reg2");
                        Check(ref regs[op.D], "false_reg1");
                        Check(ref regs[op.D], "false_reg2");
                    }
                    else if (op.S >= 0)
                    {
                        ScalarBranch.RefineAndSync(ref regs[op.D], ref regs[op.S], neg, is32);
                        ScalarBranch.RefineAndSync(ref taken[op.D], ref taken[op.S], op.Code, is32);
                        Check(ref taken[op.D], "true_reg1");
                        Check(ref taken[op.S], "true_reg2");
                        Check(ref regs[op.D], "false_reg1");
                        Check(ref regs[op.S], "false_reg2");
                    }
                    else
                    {
                        ScalarBranch.RefineAndSync(ref regs[op.D], ref fk, neg, is32);
                        ScalarBranch.RefineAndSync(ref taken[op.D], ref tk, op.Code, is32);
                        Check(ref taken[op.D], "true_reg1");
                        Check(ref tk, "true_reg2");
                        Check(ref regs[op.D], "false_reg1");
                        Check(ref fk, "false_reg2");
                    }

                    break;
                default:
                    throw new InvalidDataException(op.Kind);
            }

            if (stop)
            {
                break;
            }

            if (op.Kind is "Alu" or "Neg" or "End" or "MovReg" or "MovImm" or "MovR0")
            {
                Check(ref regs[op.D], "alu");
            }

            Compare(t.After, op.Insn, regs, "after");
            if (taken != null)
            {
                Compare(t.From, op.Insn, taken, "from");
            }
        }

        Assert.Equal(t.Msgs, msgs);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    private static List<Trace>? cache;

    private static List<Trace> Load()
    {
        if (cache != null)
        {
            return cache;
        }

        var list = new List<Trace>();
        Trace? cur = null;
        string path = Path.Combine(AppContext.BaseDirectory, "Domain", "Data", "kernel-scalar-traces.txt");
        foreach (string line in File.ReadLines(path))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            string[] f = line.Split(' ', 4);
            switch (f[0])
            {
                case "prog":
                    cur = new Trace { Name = f[1] };
                    list.Add(cur);
                    break;
                case "op":
                    string[] o = line.Split(' ');
                    cur!.Ops.Add(new TraceOp(
                        o[1], int.Parse(o[2], CultureInfo.InvariantCulture), int.Parse(o[3], CultureInfo.InvariantCulture),
                        int.Parse(o[4], CultureInfo.InvariantCulture), Convert.ToByte(o[5], 16), long.Parse(o[6], CultureInfo.InvariantCulture),
                        Convert.ToUInt64(o[7], 16), o[8] == "1", int.Parse(o[9], CultureInfo.InvariantCulture)));
                    break;
                case "after":
                    cur!.After[(int.Parse(f[1], CultureInfo.InvariantCulture), int.Parse(f[2], CultureInfo.InvariantCulture))] = f[3];
                    break;
                case "from":
                    cur!.From[(int.Parse(f[1], CultureInfo.InvariantCulture), int.Parse(f[2], CultureInfo.InvariantCulture))] = f[3];
                    break;
                case "msg":
                    cur!.Msgs.Add(line[4..]);
                    break;
            }
        }

        cache = list;
        return list;
    }
}
