using Bpf.Verifier.Domain;

namespace Bpf.Verifier.Semantics;

/// <summary>
/// bpf_loop inlining as the kernel decides it (update_loop_inline_state): a call site whose flags are always a
/// constant zero and whose callback never changes is inlined after verification (optimize_bpf_loop), which gives
/// its function three more stack slots, visible in the "stack depth" line.
/// </summary>
internal sealed partial class Checker
{
    private const int LoopInlineStack = 3 * FuncState.RegSize;

    /// <summary>Per bpf_loop call site: still fit for inlining, and the callback seen first.</summary>
    private Dictionary<int, (bool Fit, int Sub)>? _loopInline;

    private void UpdateLoopInlineState(int sub)
    {
        _loopInline ??= [];
        if (!_loopInline.TryGetValue(_insnIdx, out var s))
        {
            _loopInline[_insnIdx] = (LoopFlagIsZero(), sub);
            return;
        }
        if (s.Fit)
            _loopInline[_insnIdx] = (LoopFlagIsZero() && s.Sub == sub, s.Sub);
    }

    /// <summary>loop_flag_is_zero: a zero flags argument is relied upon, so it becomes precise.</summary>
    private bool LoopFlagIsZero()
    {
        var r4 = Regs[4];
        bool zero = r4.Type == RegType.Scalar && r4.Bounds.IsConst && r4.Bounds.ConstValue == 0;
        if (zero)
            MarkChainPrecision(4);
        return zero;
    }

    /// <summary>optimize_bpf_loop's stack growth, once per function with an inlined call (after verification succeeded).</summary>
    public void AddLoopInlineStack()
    {
        if (_loopInline == null)
            return;
        var grown = new bool[_subprogs.Count];
        foreach (var (insn, s) in _loopInline)
        {
            int sub = _aux[insn].Subprog;
            if (!s.Fit || grown[sub])
                continue;
            grown[sub] = true;
            var sp = _subprogs[sub];
            int roundup = (sp.StackDepth + FuncState.RegSize - 1) / FuncState.RegSize * FuncState.RegSize - sp.StackDepth;
            sp.StackDepth += LoopInlineStack + roundup;
        }
    }
}
