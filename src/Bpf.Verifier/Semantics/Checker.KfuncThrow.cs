using Bpf.Verifier.Domain;
using Bpf.Verifier.Log;
using Bpf.Verifier.Platform;

namespace Bpf.Verifier.Semantics;

/// <summary>
/// bpf_throw: the cookie becomes the program's return value (no exception callback is modelled), and the path ends
/// as an exceptional exit (process_bpf_exit_full with exception_exit).
/// </summary>
internal sealed partial class Checker
{
    /// <summary>
    /// Set by a bpf_throw call: the main loop must end the path right after the call instruction, as it does for
    /// BPF_EXIT, and clear the flag (see <see cref="TakeExceptionExit"/>).
    /// </summary>
    private bool _exceptionExit;

    /// <summary>True once after a bpf_throw call; the caller then pops the next branch (process_bpf_exit).</summary>
    internal bool TakeExceptionExit()
    {
        bool e = _exceptionExit;
        _exceptionExit = false;
        return e;
    }

    /// <summary>check_return_code(R1) as check_kfunc_call runs it for bpf_throw, before the registers are clobbered.</summary>
    private void CheckThrowCookie()
    {
        var r1 = Regs[1];
        // With an exception callback the cookie goes to it: nothing is checked here.
        if (HasExceptionCallback)
            return;
        if (_cur.Frames[0].Subprog != 0)
        {
            // Verifying a global function on its own: any scalar.
            if (r1.Type != RegType.Scalar)
                Fail(Messages.SubprogExitNotScalar(1, TypeStr(r1)), Einval);
            return;
        }
        if (_ptype?.ReturnRange != null)
            Unsupported("bpf_throw cookie checked against the program's return range");
    }

    /// <summary>
    /// The exceptional exit (process_bpf_exit_full with exception_exit): locks and references are checked from any
    /// frame, with "bpf_throw" as the message prefix.
    /// </summary>
    private void ThrowExit()
    {
        SeenException = true;
        CheckResourceLeak(ThrowPrefix, checkLock: true, exceptionExit: true);
        _exceptionExit = true;
    }

    private const string ThrowPrefix = "bpf_throw";

    /// <summary>env->seen_exception: a bpf_throw call was verified on some path.</summary>
    internal bool SeenException { get; private set; }
}
