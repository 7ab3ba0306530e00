using Bpf.Isa;
using Bpf.Verifier.Domain;

namespace Bpf.Verifier.Semantics;

/// <summary>
/// Precision tracking (mark_chain_precision): when a scalar's exact value decides safety, walk the instruction
/// history back through the current state and its parent checkpoints, and mark every register and spilled
/// stack slot the value came from as precise in those checkpoints, so that pruning compares them by range.
/// Imprecise scalars of a checkpoint match anything.
/// </summary>
internal sealed partial class Checker
{
    /// <summary>Registers and stack slots still to be explained, per frame (struct backtrack_state).</summary>
    private sealed class Backtrack
    {
        public int Frame;
        public readonly uint[] Regs = new uint[VerifierState.MaxCallFrames];
        public readonly ulong[] Stack = new ulong[VerifierState.MaxCallFrames];

        public void Reset(int frame)
        {
            Array.Clear(Regs);
            Array.Clear(Stack);
            Frame = frame;
        }

        public bool Empty
        {
            get
            {
                ulong m = 0;
                for (int i = 0; i <= Frame; i++)
                    m |= Regs[i] | Stack[i];
                return m == 0;
            }
        }

        public bool HasReg(int r) => (Regs[Frame] & (1u << r)) != 0;
        public void SetReg(int r) => Regs[Frame] |= 1u << r;
        public void ClearReg(int r) => Regs[Frame] &= ~(1u << r);
        public bool HasSlot(int fr, int spi) => (Stack[fr] & (1UL << spi)) != 0;
    }

    /// <param name="kernelReports">the kernel meets the same case and aborts with "verifier bug: WHAT" (-EFAULT).</param>
    private sealed class BacktrackBug(string what, bool kernelReports = false) : Exception(what)
    {
        public bool KernelReports { get; } = kernelReports;
    }

    private readonly Backtrack _bt = new();

    /// <summary>Set when backtracking marks a parent register or slot precise that was not (propagate_backedges' fixed point).</summary>
    private bool _precisionChanged;

    private const uint ArgRegs = 0x3e; // R1-R5

    /// <summary>mark_chain_precision(regno) from the current instruction.</summary>
    internal void MarkChainPrecision(int regno)
    {
        _bt.Reset(_cur.CurFrame);
        if (Regs[regno].Type != RegType.Scalar)
            Unsupported("precision backtracking of a non-scalar");
        _bt.SetReg(regno);
        RunBacktrack(_cur);
    }

    /// <summary>Marks a spilled stack slot precise (get_constant_map_key's batch request).</summary>
    internal void MarkStackSlotPrecision(int frame, int spi)
    {
        _bt.Reset(_cur.CurFrame);
        _bt.Stack[frame] |= 1UL << spi;
        RunBacktrack(_cur);
    }

    private void RunBacktrack(VerifierState start)
    {
        try
        {
            MarkChain(start);
        }
        catch (BacktrackBug e) when (e.KernelReports)
        {
            Fail($"verifier bug: {e.Message}", -14);
        }
        catch (BacktrackBug e)
        {
            Unsupported($"precision backtracking: {e.Message}");
        }
    }

    /// <summary>__mark_chain_precision with the requests already in _bt.</summary>
    private void MarkChain(VerifierState start)
    {
        var st = start;
        int firstIdx = st.FirstInsnIdx;
        int lastIdx = st.InsnIdx;
        int subseqIdx = -1;
        bool skipFirst = true;
        if (_bt.Empty)
            return;
        for (; ; )
        {
            int hist = st.HistLength;
            var entries = HistOf(st);
            if (_log.Level2)
                _log.Write($"mark_precise: frame{_bt.Frame}: last_idx {lastIdx} first_idx {firstIdx} subseq_idx {subseqIdx} \n");
            if (lastIdx < 0)
            {
                // Entry of a global function: only its arguments R1-R5 can still be wanted.
                var f0 = st.Frames[0];
                if (st.CurFrame == 0 && f0.Subprog > 0 && f0.CallSite == -1 && _bt.Stack[0] == 0 && (_bt.Regs[0] & ~ArgRegs) == 0)
                {
                    for (int r = 0; r < 32; r++)
                    {
                        if ((_bt.Regs[0] & (1u << r)) == 0)
                            continue;
                        if (f0.Regs[r].Type == RegType.Scalar)
                            f0.Regs[r].Precise = true;
                    }
                    _bt.Reset(0);
                    return;
                }
                throw new BacktrackBug($"func entry subprog {f0.Subprog}");
            }
            for (int i = lastIdx; ;)
            {
                if (skipFirst)
                {
                    skipFirst = false;
                }
                else
                {
                    HistEntry? h = hist > 0 && entries[hist - 1].Idx == i ? entries[hist - 1] : null;
                    if (!BacktrackInsn(i, subseqIdx, h))
                    {
                        MarkAllScalarsPrecise(start);
                        _bt.Reset(0);
                        return;
                    }
                }
                if (_bt.Empty)
                    return;
                subseqIdx = i;
                i = PrevInsnIdx(st, i, ref hist);
                if (i == -1)
                    break;
                if (i >= _insns.Length)
                    throw new BacktrackBug($"idx {i}");
            }
            st = st.Parent!;
            if (st == null)
                break;
            for (int fr = _bt.Frame; fr >= 0; fr--)
            {
                var func = st.Frames[fr];
                for (int r = 0; r < 32; r++)
                {
                    if ((_bt.Regs[fr] & (1u << r)) == 0)
                        continue;
                    ref var reg = ref func.Regs[r];
                    if (reg.Type != RegType.Scalar || reg.Precise)
                        _bt.Regs[fr] &= ~(1u << r);
                    else
                        reg.Precise = _precisionChanged = true;
                }
                for (int s = 0; s < 64; s++)
                {
                    if ((_bt.Stack[fr] & (1UL << s)) == 0)
                        continue;
                    if (s >= func.SlotCount)
                        throw new BacktrackBug($"stack slot {s}, total slots {func.SlotCount}");
                    ref readonly var reg = ref func.Spilled[s];
                    if (!func.IsSpilledReg(s) || reg.Type != RegType.Scalar || reg.Precise)
                        _bt.Stack[fr] &= ~(1UL << s);
                    else
                    {
                        func.SetSpilledPrecise(s, true);
                        _precisionChanged = true;
                    }
                }
                if (_log.Level2)
                {
                    var sb = _log.Builder;
                    sb.Append("mark_precise: frame").Append(fr).Append(": parent state regs=");
                    AppendRegMask(sb, _bt.Regs[fr]);
                    sb.Append(" stack=");
                    Log.StackMaskText.Append(sb, _bt.Stack[fr]);
                    sb.Append(": ");
                    _printer.AppendFrame(sb, st, st.Frames[fr], null);
                }
            }
            if (_bt.Empty)
                return;
            subseqIdx = firstIdx;
            lastIdx = st.LastInsnIdx;
            firstIdx = st.FirstInsnIdx;
        }
        // Something was not explained (e.g. a stack access through another register): be conservative.
        if (!_bt.Empty)
        {
            MarkAllScalarsPrecise(start);
            _bt.Reset(0);
        }
    }

    /// <summary>get_prev_insn_idx: the history says where a jump came from; otherwise straight-line code.</summary>
    private int PrevInsnIdx(VerifierState st, int idx, ref int hist)
    {
        var entries = HistOf(st);
        if (idx == st.FirstInsnIdx)
        {
            if (hist == 0)
                return -1;
            if (hist == 1 && entries[0].Idx == idx)
                return -1;
        }
        if (hist > 0 && entries[hist - 1].Idx == idx)
        {
            hist--;
            return entries[hist].PrevIdx;
        }
        return idx - 1;
    }

    /// <summary>The history entries of <paramref name="st"/>, oldest first.</summary>
    private ReadOnlySpan<HistEntry> HistOf(VerifierState st) => st.FrozenHist ?? _hist.AsSpan(st.HistStart, st.HistEnd - st.HistStart);

    /// <summary>A private copy of the current path's history, for a state walked after the path has moved on.</summary>
    private HistEntry[] FreezeHist(VerifierState st) => _hist.AsSpan(st.HistStart, st.HistEnd - st.HistStart).ToArray();

    /// <summary>backtrack_insn: what the instruction at idx needs before it, given what is wanted after it. False = give up.</summary>
    private bool BacktrackInsn(int idx, int subseqIdx, HistEntry? hist)
    {
        var insn = _insns[idx];
        if (insn.Code == 0)
            return true;
        if (_log.Level2)
        {
            var sb = _log.Builder;
            sb.Append("mark_precise: frame").Append(_bt.Frame).Append(": regs=");
            AppendRegMask(sb, _bt.Regs[_bt.Frame]);
            sb.Append(" stack=");
            Log.StackMaskText.Append(sb, _bt.Stack[_bt.Frame]);
            sb.Append(" before ").Append(idx).Append(": ");
            Disassembler.Append(sb, _insns, idx, _symbols);
            sb.Append('\n');
        }
        SyncLinkedPrecision(hist);
        if (!BacktrackInsnCore(insn, idx, subseqIdx, hist))
            return false;
        // Marks gained at this instruction also reach the scalars linked to them (idempotent when none were).
        SyncLinkedPrecision(hist);
        return true;
    }

    private bool BacktrackInsnCore(Instruction insn, int idx, int subseqIdx, HistEntry? hist)
    {
        byte cls = insn.Class;
        byte op = Opcode.Op(insn.Code);
        int dreg = insn.Dst, sreg = insn.Src;
        bool srcX = Opcode.Src(insn.Code) == Opcode.X;
        switch (cls)
        {
            case Opcode.Alu:
            case Opcode.Alu64:
                if (!_bt.HasReg(dreg) || op is Opcode.End or Opcode.Neg)
                    return true;
                if (op == Opcode.Mov)
                {
                    _bt.ClearReg(dreg);
                    if (srcX && sreg != 10)
                        _bt.SetReg(sreg);
                }
                else if (srcX && sreg != 10)
                {
                    _bt.SetReg(sreg);
                }
                return true;
            case Opcode.Ldx:
                BacktrackLoad(dreg, hist);
                return true;
            case Opcode.Stx:
            case Opcode.St:
                if (cls == Opcode.Stx && Opcode.Mode(insn.Code) == Opcode.Atomic)
                {
                    if (insn.Imm == AtomicOp.LoadAcq)
                    {
                        BacktrackLoad(dreg, hist);
                        return true;
                    }
                    if ((insn.Imm & AtomicOp.Fetch) != 0)
                    {
                        BacktrackLoad(insn.Imm == AtomicOp.Cmpxchg ? 0 : sreg, hist);
                        return true;
                    }
                }
                if (_bt.HasReg(dreg))
                    return false; // pointer subtraction reached a store: give up
                if (hist is not { } hs || (hs.Flags & HistFlags.StackAccess) == 0)
                    return true;
                if (!_bt.HasSlot(hs.StackFrame, hs.StackSpi))
                    return true;
                _bt.Stack[hs.StackFrame] &= ~(1UL << hs.StackSpi);
                if (cls == Opcode.Stx)
                    _bt.SetReg(sreg);
                return true;
            case Opcode.Jmp:
            case Opcode.Jmp32:
                return BacktrackJmp(insn, idx, subseqIdx, hist);
            case Opcode.Ld:
                {
                    byte mode = Opcode.Mode(insn.Code);
                    if (mode == Opcode.Imm)
                    {
                        _bt.ClearReg(dreg);
                        return true;
                    }
                    if (mode is Opcode.Ind or Opcode.Abs)
                    {
                        if (_bt.HasReg(dreg))
                            return false;
                        if (subseqIdx != idx + 1)
                            SubprogEnter();
                    }
                    return true;
                }
        }
        return true;
    }

    private void BacktrackLoad(int loadReg, HistEntry? hist)
    {
        if (!_bt.HasReg(loadReg))
            return;
        _bt.ClearReg(loadReg);
        // Only a fill restores a spilled scalar; other memory is where the value comes from.
        if (hist is not { } h || (h.Flags & HistFlags.StackAccess) == 0)
            return;
        _bt.Stack[h.StackFrame] |= 1UL << h.StackSpi;
    }

    private bool BacktrackJmp(Instruction insn, int idx, int subseqIdx, HistEntry? hist)
    {
        byte op = Opcode.Op(insn.Code);
        if (insn.IsPseudoCall)
        {
            int sub = SubprogAt(idx + insn.Imm + 1);
            if (sub < 0)
                throw new BacktrackBug("call target");
            if (_subprogs[sub].IsGlobal)
            {
                if ((_bt.Regs[_bt.Frame] & ArgRegs) != 0)
                    throw new BacktrackBug($"regs {_bt.Regs[_bt.Frame]:x}");
                _bt.ClearReg(0);
                return true;
            }
            // Back at the call from inside the callee: only its arguments remain, they move to the caller.
            if ((_bt.Regs[_bt.Frame] & ~ArgRegs) != 0)
                throw new BacktrackBug($"regs {_bt.Regs[_bt.Frame]:x}");
            if (_bt.Stack[_bt.Frame] != 0)
                throw new BacktrackBug($"stack slots {_bt.Stack[_bt.Frame]:x}");
            if (_bt.Frame == 0)
                throw new BacktrackBug("subprog exit from frame 0");
            _bt.Regs[_bt.Frame - 1] |= _bt.Regs[_bt.Frame] & ArgRegs;
            _bt.Regs[_bt.Frame] = 0;
            _bt.Frame--;
            return true;
        }
        if (op == Opcode.Call)
        {
            if (insn.Src == Pseudo.KfuncCall && insn.Imm == 0)
                return false;
            if (_aux[idx].CallsCallback && idx != subseqIdx - 1)
                return BacktrackCallbackEntry();
            _bt.ClearReg(0);
            if ((_bt.Regs[_bt.Frame] & ArgRegs) != 0)
                throw new BacktrackBug($"regs {_bt.Regs[_bt.Frame]:x}");
            // A tail call in a subprogram may end it: history then continues in the caller after the call.
            if (insn.Src == Pseudo.Helper && insn.Imm == TailCallId && subseqIdx != idx + 1)
                SubprogEnter();
            return true;
        }
        if (op == Opcode.Exit)
        {
            // Backtracking from the caller into the callee's exit; a callback's R1-R5 are set by its helper.
            if (subseqIdx >= 0 && _aux[subseqIdx].CallsCallback)
                _bt.Regs[_bt.Frame] &= ~ArgRegs;
            bool fromSubprogCall = subseqIdx - 1 >= 0 && _insns[subseqIdx - 1].IsPseudoCall;
            bool r0 = fromSubprogCall && _bt.HasReg(0);
            if (fromSubprogCall && (_bt.Regs[_bt.Frame] & ArgRegs) != 0)
                throw new BacktrackBug($"regs {_bt.Regs[_bt.Frame]:x}");
            _bt.ClearReg(0);
            SubprogEnter();
            if (r0)
                _bt.SetReg(0);
            return true;
        }
        if (op is not (Opcode.Ja or Opcode.Jcond) && Opcode.Src(insn.Code) == Opcode.X)
        {
            if (_bt.HasReg(insn.Dst) || _bt.HasReg(insn.Src))
            {
                var f = hist?.Flags ?? HistFlags.None;
                if ((f & HistFlags.SrcRegStack) == 0)
                    _bt.SetReg(insn.Src);
                if ((f & HistFlags.DstRegStack) == 0)
                    _bt.SetReg(insn.Dst);
            }
        }
        return true;
    }

    private void SubprogEnter()
    {
        if (_bt.Frame == VerifierState.MaxCallFrames - 1)
            throw new BacktrackBug($"subprog enter from frame {_bt.Frame}");
        _bt.Frame++;
    }

    /// <summary>bt_sync_linked_regs: if one of the scalars linked at this jump is wanted, all of them are.</summary>
    private void SyncLinkedPrecision(HistEntry? hist)
    {
        if (hist is not { LinkedRegs: not 0 } h)
            return;
        ulong v = h.LinkedRegs;
        int cnt = (int)(v & 0xf);
        v >>= 4;
        bool any = false;
        for (int i = 0; i < cnt; i++)
        {
            ulong e = v >> (10 * i);
            int fr = (int)(e & 7), n = (int)((e >> 3) & 0x3f);
            bool isReg = ((e >> 9) & 1) != 0;
            if (isReg ? (_bt.Regs[fr] & (1u << n)) != 0 : (_bt.Stack[fr] & (1UL << n)) != 0)
            {
                any = true;
                break;
            }
        }
        if (!any)
            return;
        for (int i = 0; i < cnt; i++)
        {
            ulong e = v >> (10 * i);
            int fr = (int)(e & 7), n = (int)((e >> 3) & 0x3f);
            if (((e >> 9) & 1) != 0)
                _bt.Regs[fr] |= 1u << n;
            else
                _bt.Stack[fr] |= 1UL << n;
        }
    }

    /// <summary>
    /// collect_linked_regs at a conditional jump: scalars sharing the base id (live registers of every frame,
    /// spilled slots), packed as the kernel packs them; at most six are kept, the rest lose their id.
    /// </summary>
    private ulong CollectLinkedRegs(VerifierState st, uint id, ulong packed)
    {
        id &= ~ScalarOps.IdAddConst;
        int cnt = (int)(packed & 0xf);
        ulong entries = packed >> 4;
        for (int f = st.CurFrame; f >= 0; f--)
        {
            var fr = st.Frames[f];
            int at = f == st.CurFrame ? _insnIdx : st.Frames[f + 1].CallSite;
            int live = _aux[at].LiveRegsBefore;
            for (int r = 0; r < 10; r++)
            {
                if ((live & (1 << r)) != 0)
                    AddLinked(ref fr.Regs[r], f, r, true);
            }
            for (int s = 0; s < fr.SlotCount; s++)
            {
                if (fr.IsSpilledReg(s))
                {
                    var spilledReg = fr.Spilled[s];
                    AddLinked(ref spilledReg, f, s, false);
                    fr.SetSpilled(s, spilledReg);
                }
            }
        }
        return (entries << 4) | (uint)cnt;

        void AddLinked(ref RegState r, int frame, int n, bool isReg)
        {
            if (r.Type != RegType.Scalar || (r.Id & ~ScalarOps.IdAddConst) != id)
                return;
            if (cnt >= 6)
            {
                r.Id = 0;
                r.Off = 0;
                return;
            }
            entries |= (ulong)(frame | (n << 3) | (isReg ? 1 << 9 : 0)) << (10 * cnt);
            cnt++;
        }
    }

    /// <summary>mark_all_scalars_precise: the fallback when backtracking cannot explain a value.</summary>
    private void MarkAllScalarsPrecise(VerifierState start)
    {
        if (_log.Level2)
            _log.Write($"mark_precise: frame{start.CurFrame}: falling back to forcing all scalars precise\n");
        for (var st = start.Parent; st != null; st = st.Parent)
        {
            for (int f = 0; f <= st.CurFrame; f++)
            {
                var func = st.Frames[f];
                for (int r = 0; r < 10; r++)
                {
                    ref var reg = ref func.Regs[r];
                    if (reg.Type != RegType.Scalar || reg.Precise)
                        continue;
                    reg.Precise = true;
                    if (_log.Level2)
                        _log.Write($"force_precise: frame{f}: forcing r{r} to be precise\n");
                }
                for (int s = 0; s < func.SlotCount; s++)
                {
                    if (!func.IsSpilledReg(s))
                        continue;
                    ref readonly var reg = ref func.Spilled[s];
                    if (reg.Type != RegType.Scalar || reg.Precise)
                        continue;
                    func.SetSpilledPrecise(s, true);
                    if (_log.Level2)
                        _log.Write($"force_precise: frame{f}: forcing fp{-(s + 1) * 8} to be precise\n");
                }
            }
        }
    }

    /// <summary>mark_all_scalars_imprecise: a new checkpoint forgets the precision it inherited.</summary>
    private static void MarkAllScalarsImprecise(VerifierState st)
    {
        for (int f = 0; f <= st.CurFrame; f++)
        {
            var func = st.Frames[f];
            for (int r = 0; r < 10; r++)
                func.Regs[r].Precise = false;
            for (int s = 0; s < func.SlotCount; s++)
            {
                if (func.IsSpilledReg(s))
                    func.SetSpilledPrecise(s, false);
            }
        }
    }

    /// <summary>propagate_precision: the precise scalars of the state we pruned against become precise in cur's chain.</summary>
    private void PropagatePrecision(VerifierState old, VerifierState cur)
    {
        _bt.Reset(cur.CurFrame);
        for (int fr = old.CurFrame; fr >= 0; fr--)
        {
            var state = old.Frames[fr];
            bool first = true;
            // Dead registers and slots of a cleaned old state are NOT_INIT: they are skipped as non-scalars.
            for (int r = 0; r < 10; r++)
            {
                var reg = state.Regs[r];
                if (reg.Type != RegType.Scalar || !reg.Precise)
                    continue;
                if (_log.Level2)
                    _log.Write(first ? $"frame {fr}: propagating r{r}" : $",r{r}");
                _bt.Regs[fr] |= 1u << r;
                first = false;
            }
            for (int s = 0; s < state.SlotCount; s++)
            {
                if (!state.IsSpilledReg(s))
                    continue;
                var reg = state.Spilled[s];
                if (reg.Type != RegType.Scalar || !reg.Precise)
                    continue;
                if (_log.Level2)
                    _log.Write(first ? $"frame {fr}: propagating fp{(-s - 1) * 8}" : $",fp{(-s - 1) * 8}");
                _bt.Stack[fr] |= 1UL << s;
                first = false;
            }
            if (!first && _log.Level2)
                _log.Write("\n");
        }
        RunBacktrack(cur);
    }

    private static void AppendRegMask(System.Text.StringBuilder sb, uint mask)
    {
        bool first = true;
        for (int i = 0; i < 32; i++)
        {
            if ((mask & (1u << i)) == 0)
                continue;
            if (!first)
                sb.Append(',');
            sb.Append('r').Append(i);
            first = false;
        }
    }
}
