using System.Text;
using Bpf.Object;
using Bpf.Verifier.Domain;

namespace Bpf.Verifier.Log;

/// <summary>Text of registers and frames exactly as log.c's print_reg_state / print_verifier_state.</summary>
public sealed class StatePrinter
{
    private readonly IReadOnlyList<MapSpec> _maps;

    public StatePrinter(IReadOnlyList<MapSpec> maps) => _maps = maps;

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
            sb.Append(Platform.KernelTypes.Name(reg.BtfId)); // print_reg_state adds the struct name after "ptr_"
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
            else
            {
                sb.Append(" fp").Append(off).Append('=').Append(types);
            }
        }
        if (frame.FrameNo == st.CurFrame && st.Refs.Length > 0)
        {
            sb.Append(" refs=").Append(st.Refs[0].Id);
            for (int i = 1; i < st.Refs.Length; i++)
                sb.Append(',').Append(st.Refs[i].Id);
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
