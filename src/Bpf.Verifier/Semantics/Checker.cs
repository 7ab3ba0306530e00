using Bpf.Isa;
using Bpf.Object;
using Bpf.Verifier.Domain;
using Bpf.Verifier.Log;
using Bpf.Verifier.Platform;
using Bpf.Verifier.Pruning;

namespace Bpf.Verifier.Semantics;

/// <summary>
/// The main exploration (do_check) and the environment it works in. The per-instruction checks live in
/// the other Checker.*.cs files, one per role (ALU, jumps, memory, stack, calls, exit).
/// </summary>
internal sealed partial class Checker
{
    public const int ComplexityLimitInsns = 1_000_000;
    public const int ComplexityLimitJmpSeq = 8192;
    public const int MaxBpfStack = 512;

    private readonly ObjectSpec _obj;
    private readonly ProgramSpec _prog;
    private readonly Instruction[] _insns;
    private readonly VerifierOptions _opt;
    private readonly VerifierLog _log;
    private readonly StatePrinter _printer;
    /// <summary>
    /// Maps a register's MapIndex refers to: the object's maps, then inner-map templates of map-in-maps
    /// appended as lookups reach them.
    /// </summary>
    private readonly List<MapSpec> _maps;
    private readonly Scratch _scratch = new();
    private readonly ProgramTypeInfo? _ptype;
    private readonly InsnAux[] _aux;
    private readonly List<SubprogInfo> _subprogs;
    private readonly ExploredStates _explored;
    private readonly List<BranchEntry> _branches = [];
    private readonly FramePool _framePool = new();
    private readonly LineInfoCursor _lines;
    private readonly long _deadlineTicks;

    private VerifierState _cur = null!;
    private int _insnIdx;
    private int _prevInsnIdx;
    private uint _idGen;

    private int _prevLogPos;
    private int _prevInsnPrintPos;

    public int InsnProcessed;
    public int JmpsProcessed;
    public int PrevInsnProcessed;
    public int PrevJmpsProcessed;

    private readonly record struct BranchEntry(VerifierState State, int InsnIdx, int PrevInsnIdx, int LogPos);

    public Checker(ObjectSpec obj, ProgramSpec prog, VerifierOptions opt, VerifierLog log, InsnAux[] aux, List<SubprogInfo> subprogs)
    {
        _obj = obj;
        _prog = prog;
        _insns = prog.Instructions;
        _opt = opt;
        _log = log;
        _maps = [.. obj.Maps];
        _printer = new StatePrinter(_maps) { ProgramBtf = obj.Btf };
        _ptype = ProgramTypes.Find(prog);
        _aux = aux;
        _subprogs = subprogs;
        _explored = new ExploredStates(_insns.Length);
        _lines = new LineInfoCursor(prog.LineInfos);
        _deadlineTicks = opt.TimeLimit is { } t ? Environment.TickCount64 + (long)t.TotalMilliseconds : long.MaxValue;
    }

    public ExploredStates Explored => _explored;

    private RegState[] Regs => _cur.Regs;

    private Instruction Insn => _insns[_insnIdx];

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    internal void Fail(string msg, int errno = -13)
    {
        _log.WriteLine(msg);
        throw new VerifierException(msg, errno);
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    internal void Unsupported(string what) => Fail(Messages.Unsupported(what), -95);

    private uint NewId() => ++_idGen;

    /// <summary>do_check_common for a called global function: its arguments are what its BTF prototype says.</summary>
    public void RunGlobal(int sub)
    {
        var sp = _subprogs[sub];
        _log.Write($"Validating {sp.Name}() func#{sub}...\n");
        var st = new VerifierState { FirstInsnIdx = sp.Start, InSleepable = _prog.Sleepable };
        st.Frames[0] = new FuncState(0, -1, sub);
        var args = GlobalEntryArgs(sp, st.Frames[0]);
        for (int i = 0; i < args.Length; i++)
            st.Frames[0].Regs[i + 1] = GlobalEntryReg(args[i]);
        _cur = st;
        _explored.FreeAll();
        Live.ResetCallchain();
        _branches.Clear();
        _insnIdx = sp.Start;
        _prevInsnIdx = -1;
        _prevLogPos = 0;
        _scratch.MarkAll();
        DoCheck();
    }

    /// <summary>Runs the exploration from the main function's entry state.</summary>
    public void Run()
    {
        var st = new VerifierState { InSleepable = _prog.Sleepable };
        st.Frames[0] = new FuncState(0, -1, 0);
        st.Frames[0].Regs[1] = RegState.Pointer(RegType.PtrToCtx);
        _cur = st;
        _insnIdx = 0;
        _prevInsnIdx = -1;
        _scratch.MarkAll();
        if (_ptype == null)
            Unsupported($"program type {_prog.Type}");
        DoCheck();
    }

    private void DoCheck()
    {
        bool popLog = !_log.Level2;
        bool doPrintState = false;
        int prevInsnIdx = -1;
        for (; ; )
        {
            _prevInsnIdx = prevInsnIdx;
            if (_insnIdx < 0 || _insnIdx >= _insns.Length)
                Fail($"invalid insn idx {_insnIdx} insn_cnt {_insns.Length}", -14);
            var insn = _insns[_insnIdx];
            if (++InsnProcessed > ComplexityLimitInsns)
                Fail(Messages.ProgTooLarge(InsnProcessed), -7);
            if ((InsnProcessed & 0xfff) == 0 && Environment.TickCount64 > _deadlineTicks)
                Unsupported("time limit exceeded");
            _cur.LastInsnIdx = _prevInsnIdx;
            _cur.InsnIdx = _insnIdx;
            _histThisInsn = false;

            if (_aux[_insnIdx].PrunePoint)
            {
                if (IsStateVisited(_insnIdx))
                {
                    if (_log.Level1)
                    {
                        if (doPrintState)
                            _log.Write($"\nfrom {_prevInsnIdx} to {_insnIdx}{(_cur.Speculative ? " (speculative execution)" : "")}: safe\n");
                        else
                            _log.Write($"{_insnIdx}: safe\n");
                    }
                    if (!ProcessExitAndPop(ref prevInsnIdx, popLog))
                        return;
                    doPrintState = true;
                    continue;
                }
            }
            if (_aux[_insnIdx].JmpPoint)
                PushHistory(HistFlags.None, 0, 0, 0);

            if (_log.Level2 && doPrintState)
            {
                _log.Write($"\nfrom {_prevInsnIdx} to {_insnIdx}{(_cur.Speculative ? " (speculative execution)" : "")}:");
                _printer.AppendFrame(_log.Builder, _cur, _cur.Cur, null);
                doPrintState = false;
            }
            if (_log.Level1)
                PrintInsn();

            _aux[_insnIdx].Seen = true;
            prevInsnIdx = _insnIdx;
            Live.ResetWrites(_cur, _insnIdx);
            byte cls = insn.Class;
            switch (cls)
            {
                case Opcode.Alu:
                case Opcode.Alu64:
                    CheckAlu(insn);
                    break;
                case Opcode.Ldx:
                    CheckLoad(insn);
                    break;
                case Opcode.Stx:
                    if (Opcode.Mode(insn.Code) == Opcode.Atomic)
                    {
                        CheckAtomic(insn);
                        break;
                    }
                    if (Opcode.Mode(insn.Code) != Opcode.Mem || insn.Imm != 0)
                        Fail(Messages.StxReservedFields, -22);
                    CheckStore(insn);
                    break;
                case Opcode.St:
                    if (Opcode.Mode(insn.Code) != Opcode.Mem || insn.Src != 0)
                        Fail(Messages.StReservedFields, -22);
                    CheckStoreImm(insn);
                    break;
                case Opcode.Jmp:
                case Opcode.Jmp32:
                    {
                        byte op = Opcode.Op(insn.Code);
                        JmpsProcessed++;
                        if (op == Opcode.Call)
                        {
                            if (insn.IsHelperCall)
                                CallArgPrecision();
                            CheckCallInsn(insn);
                            _scratch.MarkReg(0);
                            // bpf_throw ends the path like BPF_EXIT (the default exception callback returns).
                            if (TakeExceptionExit())
                            {
                                Live.CommitWrites();
                                if (!ProcessExitAndPop(ref prevInsnIdx, popLog))
                                    return;
                                doPrintState = true;
                                continue;
                            }
                        }
                        else if (op == Opcode.Ja)
                        {
                            if (Opcode.Src(insn.Code) != Opcode.K || insn.Src != 0 || insn.Dst != 0 ||
                                (cls == Opcode.Jmp && insn.Imm != 0) || (cls == Opcode.Jmp32 && insn.Offset != 0))
                                Fail(Messages.JaReservedFields, -22);
                            _insnIdx += (cls == Opcode.Jmp ? insn.Offset : insn.Imm) + 1;
                            Live.CommitWrites();
                            continue;
                        }
                        else if (op == Opcode.Exit)
                        {
                            if (Opcode.Src(insn.Code) != Opcode.K || insn.Imm != 0 || insn.Src != 0 || insn.Dst != 0 || cls == Opcode.Jmp32)
                                Fail(Messages.ExitReservedFields, -22);
                            ReturnCodePrecision();
                            bool returned = CheckExit();
                            Live.CommitWrites();
                            if (returned)
                            {
                                // returned into the caller frame; _insnIdx is the insn after the call
                                doPrintState = true;
                                continue;
                            }
                            if (!ProcessExitAndPop(ref prevInsnIdx, popLog))
                                return;
                            doPrintState = true;
                            continue;
                        }
                        else if (op == Opcode.Jcond)
                        {
                            CheckMayGoto(insn);
                        }
                        else
                        {
                            CheckCondJmp(insn);
                        }
                        break;
                    }
                case Opcode.Ld:
                    {
                        byte mode = Opcode.Mode(insn.Code);
                        if (mode is Opcode.Abs or Opcode.Ind)
                        {
                            CheckLdAbs(insn);
                        }
                        else if (mode == Opcode.Imm)
                        {
                            CheckLdImm(insn);
                            _insnIdx++;
                            _aux[_insnIdx].Seen = true;
                        }
                        else
                        {
                            Fail(Messages.InvalidLdMode, -22);
                        }
                        break;
                    }
                default:
                    Fail(Messages.UnknownInsnClass(cls), -22);
                    break;
            }
            Live.CommitWrites();
            _insnIdx++;
        }
    }

    /// <summary>process_bpf_exit: finish the path, pop the next branch. False when no branch is left.</summary>
    private bool ProcessExitAndPop(ref int prevInsnIdx, bool popLog)
    {
        _scratch.MarkAll();
        UpdateBranchCounts(_cur);
        Live.Update(_cur);
        if (_branches.Count == 0)
            return false;
        var e = _branches[^1];
        _branches.RemoveAt(_branches.Count - 1);
        // The finished path's state is referenced by nothing else (checkpoints and branches are copies).
        _framePool.Return(_cur);
        _cur = e.State;
        if (popLog)
            _log.Reset(e.LogPos);
        _insnIdx = e.InsnIdx;
        prevInsnIdx = e.PrevInsnIdx;
        return true;
    }

    /// <summary>push_stack: queue the other side of a branch for later exploration.</summary>
    private VerifierState PushStack(int insnIdx, int prevInsnIdx, bool speculative)
    {
        var st = _cur.Clone(_framePool);
        st.InsnIdx = insnIdx;
        st.Speculative |= speculative;
        _branches.Add(new BranchEntry(st, insnIdx, prevInsnIdx, _log.EndPos));
        if (st.Parent != null)
            st.Parent.Branches++;
        if (_branches.Count > ComplexityLimitJmpSeq)
            Fail(Messages.JumpSeqTooComplex(_branches.Count), -7);
        return st;
    }

    private void UpdateBranchCounts(VerifierState? st)
    {
        while (st != null)
        {
            if (--st.Branches != 0)
                break;
            MaybeExitScc(st);
            // A state of a loop with pending back-edges is never freed (maybe_free_verifier_state).
            if (!IncompleteReadMarks(st) && _explored.Release(st))
                _framePool.ReturnFrames(st);
            st = st.Parent;
        }
    }

    /// <summary>
    /// The instruction history of every state (env->insn_hist); states own index ranges of it. Starts small and
    /// doubles: most programs are short, and 6 KB per verification were fresh pages late in a process.
    /// </summary>
    private HistEntry[] _hist = new HistEntry[16];

    /// <summary>Set while the current instruction already has a history entry (env->cur_hist_ent).</summary>
    private bool _histThisInsn;

    /// <summary>push_insn_history: one entry per instruction, later pushes for the same one merge into it.</summary>
    private void PushHistory(HistFlags flags, int frame, int spi, ulong linkedRegs)
    {
        if (_histThisInsn)
        {
            ref var e = ref _hist[_cur.HistEnd - 1];
            e.Flags |= flags;
            if ((flags & HistFlags.StackAccess) != 0)
            {
                e.StackFrame = (byte)frame;
                e.StackSpi = (byte)spi;
            }
            e.LinkedRegs = linkedRegs;
            return;
        }
        if (_cur.HistEnd == _hist.Length)
            Array.Resize(ref _hist, _hist.Length * 2);
        _hist[_cur.HistEnd++] = new HistEntry(_insnIdx, _prevInsnIdx)
        {
            Flags = flags,
            StackFrame = (byte)frame,
            StackSpi = (byte)spi,
            LinkedRegs = linkedRegs,
        };
        _histThisInsn = true;
    }

    private void PrintInsn()
    {
        if (_scratch.Any)
            PrintInsnState();
        _lines.Print(_log, _insnIdx, "; ");
        _prevLogPos = _log.EndPos;
        var sb = _log.Builder;
        sb.Append(_insnIdx).Append(": ");
        Disassembler.Append(sb, _insns, _insnIdx, _symbols);
        sb.Append('\n');
        _prevInsnPrintPos = _log.EndPos - _prevLogPos;
        _prevLogPos = _log.EndPos;
    }

    /// <summary>print_insn_state: the state after the previous instruction, appended to its line when adjacent.</summary>
    private void PrintInsnState()
    {
        var sb = _log.Builder;
        if (_prevLogPos != 0 && _prevLogPos == _log.EndPos)
        {
            _log.Reset(_prevLogPos - 1);
            int w = VlogAlignment(_prevInsnPrintPos);
            sb.Append(' ', w).Append(';');
        }
        else
        {
            sb.Append(_insnIdx).Append(':');
        }
        _printer.AppendFrame(sb, _cur, _cur.Cur, _scratch.All ? null : _scratch);
        _scratch.Clear();
    }

    private static int VlogAlignment(int pos)
    {
        const int MinAlign = 8, Align = 40;
        int v = Math.Max(pos + MinAlign / 2, Align);
        v = (v + MinAlign - 1) / MinAlign * MinAlign;
        return v - pos - 1;
    }

    private DisasmSymbols? _symbolsOfProg;

    private DisasmSymbols _symbols => _symbolsOfProg ??= new DisasmSymbols(_prog.Kfuncs, _maps);
}

/// <summary>
/// What the kernel prints for resolved ld_imm64 pseudo values (a kernel address we cannot know), and kfunc names
/// (the kernel's disasm_kfunc_name) from the program's resolved kernel symbols.
/// </summary>
internal sealed class DisasmSymbols(IReadOnlyDictionary<int, KsymRef> kfuncs, List<MapSpec> maps) : IDisasmSymbols
{
    private const int MapTypeArena = 33;

    public string? GetCallName(int index, Instruction insn) =>
        insn.Src == Pseudo.KfuncCall && kfuncs.TryGetValue(index, out var k) ? k.Name : null;

    public ulong GetImm64(int index, Instruction insn, ulong raw) => insn.Src switch
    {
        Pseudo.MapIdx or Pseudo.MapFd => 0xffff888100000000UL + ((ulong)(uint)insn.Imm << 10),
        // An arena's variables live at its user address, known when the map asked for one (map_extra).
        Pseudo.MapIdxValue when insn.Imm >= 0 && insn.Imm < maps.Count && maps[insn.Imm].Type == MapTypeArena
            && maps[insn.Imm].MapExtra != 0 => maps[insn.Imm].MapExtra + (raw >> 32),
        Pseudo.MapIdxValue or Pseudo.MapValue => 0xffffc90000000000UL + ((ulong)(uint)insn.Imm << 12) + (raw >> 32),
        _ => raw,
    };
}
