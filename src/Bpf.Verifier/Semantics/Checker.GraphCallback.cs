using Bpf.Verifier.Domain;
using Bpf.Verifier.Platform;

namespace Bpf.Verifier.Semantics;

/// <summary>
/// bpf_rbtree_add_impl's less() callback: a synchronous callback (like bpf_loop's) whose two arguments are
/// non-owning references to nodes of the root's contained type (set_rbtree_add_callback_state), returning 0 or 1.
/// </summary>
internal sealed partial class Checker
{
    private void PushRbtreeLessCallback(int sub, in BtfField root)
    {
        if (sub < 0)
            Unsupported("bpf_rbtree_add_impl without a callback");
        CheckSubprogCallArgs(sub, callback: true);
        (_callbackSubprogs ??= []).Add(sub);
        var st = PushStack(_subprogs[sub].Start, _insnIdx, false);
        if (st.CurFrame + 1 >= VerifierState.MaxCallFrames)
            Fail($"the call stack of {st.CurFrame + 2} frames is too deep", -7);
        var caller = st.Cur;
        var callee = new FuncState(st.CurFrame + 1, _insnIdx, sub)
        {
            InCallbackFn = true,
            CallbackRetMin = 0,
            CallbackRetMax = 1,
        };
        for (int r = 1; r <= 2; r++)
        {
            ref var reg = ref callee.Regs[r];
            reg = KnownZeroPtr(RegType.PtrToBtfId, RegFlags.MemAlloc);
            reg.BtfId = root.ValueTypeId;
            reg.Off = GraphNodeOffset(root);
            SetNonOwning(ref reg);
        }
        st.CurFrame++;
        st.Frames[st.CurFrame] = callee;
        st.CallbackUnrollDepth++;
        _scratch.MarkAll();
        caller.CallbackDepth++;
        _cur.Cur.CallbackDepth = 0;
    }
}
