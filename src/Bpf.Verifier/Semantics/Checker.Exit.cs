using Bpf.Verifier.Domain;
using Bpf.Verifier.Log;

namespace Bpf.Verifier.Semantics;

/// <summary>BPF_EXIT: locks/references at exit (check_resource_leak) and check_return_code.</summary>
internal sealed partial class Checker
{
    /// <summary>Returns true when the exit returned into a caller frame (exploration continues there).</summary>
    private bool CheckExit()
    {
        if (_cur.CurFrame == 0)
            CheckResourceLeak(HelperMessages.MainExit, checkLock: true);
        if (_cur.CurFrame != 0)
        {
            PrepareFuncExit();
            return true;
        }
        CheckReturnCode();
        return false;
    }

    /// <summary>
    /// check_resource_leak (6.18): no lock held, no reference acquired and not released (each one listed), no RCU
    /// read section or preemption-disabled region left open, when leaving the program through <paramref name="what"/>.
    /// </summary>
    /// <summary>check_resource_leak; an exceptional exit (bpf_throw) unwinds every frame, so it checks references from any.</summary>
    private void CheckResourceLeak(string what, bool checkLock, bool exceptionExit = false)
    {
        if (checkLock && HoldsLock())
            Fail(HelperMessages.InsideSpinLock(what), -22);
        // check_reference_leak: a normal exit checks references in the main frame only (a subprogram may hand them back).
        if (_cur.CurFrame == 0 || exceptionExit)
        {
            bool lingering = false;
            foreach (var r in _cur.Refs)
            {
                if (r.Kind != RefKind.Ptr)
                    continue;
                _log.WriteLine(HelperMessages.UnreleasedReference(r.Id, r.InsnIdx));
                lingering = true;
            }
            if (lingering)
                Fail(HelperMessages.WouldLeak(what), -22);
        }
        if (checkLock && ActiveIrqId != 0)
            Fail(HelperMessages.InsideIrqSave(what), -22);
        if (checkLock && _cur.ActiveRcuLock != 0)
            Fail(HelperMessages.InsideRcuLock(what), -22);
        if (checkLock && _cur.ActivePreemptLock != 0)
            Fail(HelperMessages.InsidePreempt(what), -22);
    }

    private void CheckReturnCode()
    {
        if (_cur.Cur.InAsyncCallbackFn)
        {
            CheckAsyncCallbackReturn();
            return;
        }
        if (_ptype is { VoidReturn: true } && (_cur.Cur.Subprog == 0 || _cur.Cur.InExceptionCallbackFn))
            return;
        CheckRegArg(0, RegUse.Src);
        var r0 = Regs[0];
        if (_cur.Cur.Subprog != 0 && !_cur.Cur.InExceptionCallbackFn)
        {
            // A global function's exit: any scalar.
            if (r0.Type != RegType.Scalar)
                Fail(Messages.SubprogExitNotScalar(0, TypeStr(r0)), -22);
            return;
        }
        if (_ptype?.ReturnRange is not { } range)
            return;
        const string ctx = "At program exit";
        if (r0.Type != RegType.Scalar)
            Fail(Messages.NotKnownValue(ctx, 0, TypeStr(r0)), -22);
        var b = r0.Bounds;
        if (b.SMin >= range.Min && b.SMax <= range.Max)
            return;
        var sb = new System.Text.StringBuilder();
        sb.Append(ctx).Append(" the register R0 has");
        bool unknown = true;
        if (b.SMin > long.MinValue)
        {
            sb.Append(" smin=").Append(b.SMin);
            unknown = false;
        }
        if (b.SMax < long.MaxValue)
        {
            sb.Append(" smax=").Append(b.SMax);
            unknown = false;
        }
        if (unknown)
            sb.Append(" unknown scalar value");
        sb.Append(" should have been in [").Append(range.Min).Append(", ").Append(range.Max).Append(']');
        Fail(sb.ToString(), -22);
    }
}
