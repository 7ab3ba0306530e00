using Bpf.Verifier.Passes;

namespace Bpf.Verifier.Semantics;

/// <summary>The checker's side of the bpf_fastcall stack contract (see Passes/MarkFastcallPatterns).</summary>
internal sealed partial class Checker
{
    /// <summary>A load or store through stack pointer <paramref name="regno"/> at offset <paramref name="off"/> (incl. the fixed part).</summary>
    private void FastcallStackContract(int regno, int off)
    {
        var reg = Regs[regno];
        int at = reg.Bounds.IsConst ? off + (int)reg.Bounds.ConstValue : (int)reg.Bounds.SMin + off;
        MarkFastcallPatterns.CheckContract(_aux, _subprogs[FrameOf(reg).Subprog], _insnIdx, at);
    }
}
