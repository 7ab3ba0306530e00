using Bpf.Verifier.Domain;
using Bpf.Verifier.Log;

namespace Bpf.Verifier.Semantics;

/// <summary>check_reg_arg and the mark_reg_* helpers.</summary>
internal sealed partial class Checker
{
    private enum RegUse
    {
        Src,
        Dst,
        DstNoMark,
    }

    private void CheckRegArg(int regno, RegUse use)
    {
        if (regno >= FuncState.MaxReg)
            Fail(Messages.RegInvalid(regno), -22);
        _scratch.MarkReg(regno);
        ref var reg = ref Regs[regno];
        if (use == RegUse.Src)
        {
            if (reg.Type == RegType.NotInit)
                Fail(Messages.RegNotReadOk(regno));
            return;
        }
        if (regno == 10)
            Fail(Messages.FramePointerReadOnly);
        if (use == RegUse.Dst)
            MarkUnknown(ref reg);
    }

    private static void MarkUnknown(ref RegState reg)
    {
        byte frame = reg.FrameNo;
        reg = RegState.UnknownScalar;
        reg.FrameNo = frame;
    }

    private static void MarkConst(ref RegState reg, ulong v) => reg = RegState.ConstScalar(v);

    /// <summary>A pointer register as mark_reg_known_zero leaves it: no offset, no ids.</summary>
    private static RegState KnownZeroPtr(RegType t, RegFlags f = RegFlags.None) => RegState.Pointer(t, f);

    private static string TypeStr(in RegState r) => RegTypeNames.Name(r.Type, r.Flags);

    /// <summary>Every register and spilled slot of every frame (bpf_for_each_reg_in_vstate).</summary>
    private delegate void RegVisitor(ref RegState reg);

    /// <summary>A visitor with its data passed by reference: a static lambda, so no closure per call.</summary>
    private delegate void RegVisitor<T>(ref RegState reg, ref T arg);

    /// <summary>
    /// <see cref="ForEachReg(VerifierState, RegVisitor)"/> for hot paths (null checks, packet ranges, stack writes):
    /// a capturing lambda allocates its closure on every call, even when the method returns early.
    /// </summary>
    private static void ForEachReg<T>(VerifierState st, ref T arg, RegVisitor<T> visit)
    {
        for (int f = 0; f <= st.CurFrame; f++)
        {
            var fr = st.Frames[f];
            for (int i = 0; i < FuncState.MaxReg; i++)
                visit(ref fr.Regs[i], ref arg);
            for (int s = 0; s < fr.SlotCount; s++)
            {
                if (fr.IsSpilledReg(s))
                {
                    var spilledReg = fr.Spilled[s];
                    visit(ref spilledReg, ref arg);
                    fr.SetSpilled(s, spilledReg);
                }
            }
        }
    }

    private static void ForEachReg(VerifierState st, RegVisitor visit)
    {
        for (int f = 0; f <= st.CurFrame; f++)
        {
            var fr = st.Frames[f];
            for (int i = 0; i < FuncState.MaxReg; i++)
                visit(ref fr.Regs[i]);
            for (int s = 0; s < fr.SlotCount; s++)
            {
                if (fr.IsSpilledReg(s))
                {
                    var spilledReg = fr.Spilled[s];
                    visit(ref spilledReg);
                    fr.SetSpilled(s, spilledReg);
                }
            }
        }
    }
}
