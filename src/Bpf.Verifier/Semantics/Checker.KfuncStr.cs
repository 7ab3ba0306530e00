using Bpf.Verifier.Domain;
using Bpf.Verifier.Platform.Kfuncs;

namespace Bpf.Verifier.Semantics;

/// <summary>
/// KF_ARG_PTR_TO_CONST_STR, the __str arguments of kfuncs such as bpf_stream_vprintk_impl's format: checked as the
/// helpers' ARG_PTR_TO_CONST_STR (check_reg_const_str) once the register is known to be a map value.
/// </summary>
internal sealed partial class Checker
{
    /// <summary>KF_ARG_PTR_TO_CONST_STR (name__str): a NUL-terminated string at a constant offset of a read-only map.</summary>
    private void CheckKfuncConstStrArg(KfuncCall call, int argNo)
    {
        int regno = argNo + 1;
        var reg = Regs[regno];
        CheckKfuncArgNotNull(call, argNo);
        if (reg.Type != RegType.PtrToMapValue || reg.Flags != RegFlags.None)
        {
            // check_func_arg_reg_off comes first: a modified pointer of another type fails there.
            if (reg.Type is not (RegType.Scalar or RegType.PtrToStack or RegType.PtrToMapKey or RegType.PtrToMem
                or RegType.PtrToPacket or RegType.PtrToPacketMeta) && (reg.Off != 0 || !reg.Bounds.IsConst || reg.Bounds.ConstValue != 0))
                Unsupported($"modified {TypeStr(reg)} pointer passed to kfunc {call.Info.Name}");
            Fail($"arg#{argNo} doesn't point to a const string", Einval);
        }
        CheckConstStr(regno, reg);
    }
}
