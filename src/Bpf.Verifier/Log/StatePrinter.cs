using System.Text;
using Bpf.Object;
using Bpf.Verifier.Domain;

namespace Bpf.Verifier.Log;

/// <summary>Text of registers and frames exactly as log.c's print_reg_state / print_verifier_state.</summary>
public sealed class StatePrinter
{
    private readonly IReadOnlyList<MapSpec> _maps;

    public StatePrinter(IReadOnlyList<MapSpec> maps) => _maps = maps;

    /// <summary>The program's BTF: local objects (MEM_ALLOC pointers) are typed by it rather than by vmlinux.</summary>
    public Bpf.Btf.BtfSpec? ProgramBtf { get; init; }

    public void AppendReg(StringBuilder sb, FuncState frame, in RegState reg)
    {
        var t = reg.Type;
        if (t == RegType.Scalar && reg.Precise)
            sb.Append('P');
        if (t == RegType.Scalar && reg.Bounds.VarOff.IsConst)
        {
            sb.Append(NumText.Snum((long)reg.Bounds.VarOff.Value));
            return;
        }
        sb.Append(RegTypeNames.Name(t, reg.Flags));
        if (t == RegType.PtrToBtfId)
            sb.Append((reg.Flags & RegFlags.MemAlloc) != 0 && ProgramBtf != null
                ? ProgramBtf.Name(reg.BtfId)
                : Platform.KernelTypes.Name(reg.BtfId)); // print_reg_state adds the struct name after "ptr_"
        if (t == RegType.PtrToArena)
            return;
        if (t == RegType.PtrToStack)
        {
            if (frame.FrameNo != reg.FrameNo)
                sb.Append('[').Append(reg.FrameNo).Append(']');
            if (reg.Bounds.VarOff.IsConst)
            {
                sb.Append(NumText.Snum((long)reg.Bounds.VarOff.Value + reg.Off));
                return;
            }
        }
        sb.Append('(');
        string sep = "";
        if (reg.Id != 0)
        {
            sb.Append(sep).Append("id=").Append(reg.Id & ~Semantics.ScalarOps.IdAddConst);
            if ((reg.Id & Semantics.ScalarOps.IdAddConst) != 0)
                sb.Append(reg.Off >= 0 ? "+" : "").Append(reg.Off);
            sep = ",";
        }
        if (reg.RefObjId != 0)
        {
            sb.Append(sep).Append("ref_obj_id=").Append(reg.RefObjId);
            sep = ",";
        }
        if (t == RegType.PtrToBtfId && (reg.Flags & (RegFlags.MemAlloc | RegFlags.NonOwnRef)) == (RegFlags.MemAlloc | RegFlags.NonOwnRef))
        {
            sb.Append(sep).Append("non_own_ref");
            sep = ",";
        }
        if (t is RegType.ConstPtrToMap or RegType.PtrToMapKey or RegType.PtrToMapValue && reg.MapIndex >= 0 && reg.MapIndex < _maps.Count)
        {
            var m = _maps[reg.MapIndex];
            if (m.Name.Length > 0)
            {
                sb.Append(sep).Append("map=").Append(m.KernelName);
                sep = ",";
            }
            sb.Append(sep).Append("ks=").Append(m.KeySize).Append(",vs=").Append(m.ValueSize);
            sep = ",";
        }
        if (t != RegType.Scalar && reg.Off != 0)
        {
            sb.Append(sep).Append("off=").Append(NumText.Snum(reg.Off));
            sep = ",";
        }
        if (reg.IsPacketPtr)
        {
            sb.Append(sep).Append("r=").Append(NumText.Unum((ulong)(long)reg.Aux));
            sep = ",";
        }
        if (t == RegType.PtrToMem)
        {
            sb.Append(sep).Append("sz=").Append(NumText.Unum((ulong)(uint)reg.Aux));
            sep = ",";
        }
        if (t == RegType.ConstPtrToDynptr)
        {
            sb.Append(sep).Append("type=").Append(Dynptrs.Name(Dynptrs.Kind(reg)));
            sep = ",";
        }
        if (reg.Bounds.VarOff.IsConst)
        {
            if (reg.Bounds.VarOff.Value != 0)
                sb.Append(sep).Append("imm=").Append(NumText.Snum((long)reg.Bounds.VarOff.Value));
        }
        else
        {
            ScalarText.AppendRanges(sb, reg.Bounds, ref sep);
        }
        sb.Append(')');
    }

    /// <summary>A STACK_DYNPTR pair: <c>fp-16=dynptr_ringbuf(id=1,ref_id=2)</c>.</summary>
    private static void AppendDynptrSlot(StringBuilder sb, int spi, in RegState reg)
    {
        sb.Append(" fp").Append((-spi - 1) * FuncState.RegSize).Append("=dynptr_").Append(Dynptrs.Name(Dynptrs.Kind(reg))).Append('(');
        string sep = "";
        if (reg.Id != 0)
        {
            sb.Append("id=").Append(reg.Id);
            sep = ",";
        }
        if (reg.RefObjId != 0)
        {
            sb.Append(sep).Append("ref_id=").Append(reg.RefObjId);
            sep = ",";
        }
        // The kernel's dynptr_id shares its bytes with dynptr.first_slot: it reads 1 on the first slot.
        if (Dynptrs.IsFirstSlot(reg))
            sb.Append(sep).Append("dynptr_id=1");
        sb.Append(')');
    }

    /// <summary>An open-coded iterator: fp-8=iter_num(ref_id=1,state=active,depth=0).</summary>
    private static void AppendIterSlot(StringBuilder sb, int off, in RegState it)
    {
        string name = Platform.KernelTypes.Btf.Name(it.BtfId);
        const string Prefix = "bpf_iter_";
        if (name.StartsWith(Prefix, StringComparison.Ordinal))
            name = name[Prefix.Length..];
        string state = it.IterState switch
        {
            IterState.Active => "active",
            IterState.Drained => "drained",
            _ => "<unknown>",
        };
        sb.Append(" fp").Append(off).Append("=iter_").Append(name).Append("(ref_id=").Append(it.RefObjId)
            .Append(",state=").Append(state).Append(",depth=").Append((uint)it.Aux).Append(')');
    }

    /// <summary>print_verifier_state: <paramref name="scratch"/> null prints everything.</summary>
    public void AppendFrame(StringBuilder sb, VerifierState st, FuncState frame, Scratch? scratch)
    {
        if (frame.FrameNo != 0)
            sb.Append(" frame").Append(frame.FrameNo).Append(':');
        for (int i = 0; i < FuncState.MaxReg; i++)
        {
            ref readonly var reg = ref frame.Regs[i];
            if (reg.Type == RegType.NotInit)
                continue;
            if (scratch != null && !scratch.Reg(i))
                continue;
            sb.Append(" R").Append(i).Append('=');
            AppendReg(sb, frame, reg);
        }
        Span<char> types = stackalloc char[FuncState.RegSize];
        for (int i = 0; i < frame.SlotCount; i++)
        {
            if (scratch != null && !scratch.Slot(i))
                continue;
            bool valid = false;
            for (int j = 0; j < FuncState.RegSize; j++)
            {
                var stype = frame.Slots[i * FuncState.RegSize + j];
                if (stype != SlotType.Invalid)
                    valid = true;
                types[j] = SlotTypes.Char(stype);
            }
            if (!valid)
                continue;
            int off = (-i - 1) * FuncState.RegSize;
            var last = frame.Slots[i * FuncState.RegSize + FuncState.RegSize - 1];
            if (last == SlotType.Spill)
            {
                int j = 0;
                while (j < FuncState.RegSize && frame.Slots[i * FuncState.RegSize + j] != SlotType.Spill)
                    j++;
                sb.Append(" fp").Append(off).Append('=').Append(types[..j]);
                AppendReg(sb, frame, frame.Spilled[i]);
            }
            else if (last == SlotType.Dynptr && i + 1 < frame.SlotCount)
            {
                // Printed once, at the dynptr's upper slot (the kernel assumes it meets the lower one first).
                i++;
                AppendDynptrSlot(sb, i, frame.Spilled[i]);
            }
            else if (last == SlotType.Iter)
            {
                // Only the iterator's first slot holds its reference; the others are not printed.
                var it = frame.Spilled[i];
                if (it.RefObjId != 0)
                    AppendIterSlot(sb, off, it);
            }
            else
            {
                sb.Append(" fp").Append(off).Append('=').Append(types);
            }
        }
        // References with id 0 (a lock in global data) are not listed; the list is skipped when the first is one.
        if (st.Refs.Length > 0 && st.Refs[0].Id != 0)
        {
            sb.Append(" refs=").Append(st.Refs[0].Id);
            for (int i = 1; i < st.Refs.Length; i++)
            {
                if (st.Refs[i].Id != 0)
                    sb.Append(',').Append(st.Refs[i].Id);
            }
        }
        if (frame.InCallbackFn)
            sb.Append(" cb");
        if (frame.InAsyncCallbackFn)
            sb.Append(" async_cb");
        sb.Append('\n');
    }
}

/// <summary>Which registers/stack slots changed since the last state print (env->scratched_regs/stack_slots).</summary>
public sealed class Scratch
{
    private uint _regs;
    private ulong _slots;
    public bool All = true;

    public bool Reg(int r) => (_regs & (1u << r)) != 0;

    public bool Slot(int spi) => spi >= 64 || (_slots & (1ul << spi)) != 0;

    public void MarkReg(int r) => _regs |= 1u << r;

    public void MarkSlot(int spi)
    {
        if (spi < 64)
            _slots |= 1ul << spi;
    }

    public bool Any => All || _regs != 0 || _slots != 0;

    public void MarkAll() => All = true;

    public void Clear()
    {
        _regs = 0;
        _slots = 0;
        All = false;
    }
}
