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
        uint nodeType = root.ValueTypeId;
        int nodeOff = GraphNodeOffset(root);
        PushCallbackFrame(sub, 0, 1, (_, callee) =>
        {
            for (int r = 1; r <= 2; r++)
            {
                ref var reg = ref callee.Regs[r];
                reg = KnownZeroPtr(RegType.PtrToBtfId, RegFlags.MemAlloc);
                reg.BtfId = nodeType;
                reg.Off = nodeOff;
                SetNonOwning(ref reg);
            }
        });
    }
}
