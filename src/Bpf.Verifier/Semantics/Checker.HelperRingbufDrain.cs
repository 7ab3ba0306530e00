using Bpf.Verifier.Log;
using Bpf.Verifier.Platform;

namespace Bpf.Verifier.Semantics;

/// <summary>bpf_user_ringbuf_drain: the rule of check_map_func_compatibility a callback helper still needs.</summary>
internal sealed partial class Checker
{
    /// <summary>
    /// Only a user ring buffer can be drained. The kernel checks this after queueing the callback's visit, at the end
    /// of the call, so the refusal comes with nothing else logged.
    /// </summary>
    private void CheckUserRingbufMap(int id, int mapArg)
    {
        uint mt = _maps[mapArg].Type;
        if (MapFuncCompat.Check(mt, id) == MapCompat.Refused)
            Fail(HelperMessages.MapFuncMismatch(mt, HelperName(id), id), -22);
    }
}
