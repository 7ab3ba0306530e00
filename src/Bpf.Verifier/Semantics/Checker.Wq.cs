using Bpf.Btf;
using Bpf.Verifier.Domain;
using Bpf.Verifier.Platform;
using Bpf.Verifier.Platform.Kfuncs;

namespace Bpf.Verifier.Semantics;

/// <summary>
/// The async kfuncs' arguments: KF_ARG_PTR_TO_WORKQUEUE and KF_ARG_PTR_TO_TASK_WORK (a map value's struct bpf_wq
/// or struct bpf_task_work at its constant offset, check_map_field_pointer), their __map argument, which must
/// be the field's own map, and KF_ARG_PTR_TO_CALLBACK. The callbacks are verified as async callbacks from a fresh
/// sleepable state (Checker.TaskWork.cs).
/// </summary>
internal sealed partial class Checker
{
    /// <summary>
    /// in_sleepable: set at each entry state from the program (main and global functions) and for an async callback
    /// from its kind, so a timer callback of a sleepable program runs non-sleepable.
    /// </summary>
    private bool InSleepableCtx => _cur.InSleepable;

    private static bool IsAsyncKfunc(string name) =>
        name.StartsWith("bpf_wq_", StringComparison.Ordinal) || name.StartsWith("bpf_task_work_schedule_", StringComparison.Ordinal);

    /// <summary>
    /// The bpf_wq, bpf_task_work, callback and __map arguments of the wq and task_work kfuncs; false for any other
    /// argument (checked by the generic code).
    /// </summary>
    private bool TryCheckAsyncKfuncArg(KfuncCall call, int argNo, uint ptrType, string pname)
    {
        if (!IsAsyncKfunc(call.Info.Name))
            return false;
        var btf = Kbtf;
        uint target = btf.SkipModsAndTypedefs(btf.RefType(ptrType));
        var kind = btf.Kind(target);
        var field = kind == BtfKind.Struct ? btf.Name(target) switch
        {
            "bpf_wq" => BtfFieldKind.Workqueue,
            "bpf_task_work" => BtfFieldKind.TaskWork,
            _ => (BtfFieldKind?)null,
        } : null;
        bool callback = kind == BtfKind.FuncProto;
        bool map = pname.EndsWith("__map", StringComparison.Ordinal);
        if (field == null && !callback && !map)
            return false;

        int regno = argNo + 1;
        var reg = Regs[regno];
        CheckKfuncArgNotNull(call, argNo);
        if (reg.RefObjId != 0)
            Unsupported($"referenced pointer passed to kfunc {call.Info.Name}");
        if (map)
            CheckAsyncMapArg(call, regno, reg);
        else if (field != null)
            CheckMapFieldArg(call, argNo, reg, field.Value);
        else
            CheckKfuncCallbackArg(call, argNo, reg);
        return true;
    }

    /// <summary>KF_ARG_PTR_TO_WORKQUEUE / KF_ARG_PTR_TO_TASK_WORK and check_map_field_pointer.</summary>
    private void CheckMapFieldArg(KfuncCall call, int argNo, in RegState reg, BtfFieldKind kind)
    {
        int regno = argNo + 1;
        if (reg.Type != RegType.PtrToMapValue || reg.Flags != RegFlags.None)
        {
            // check_func_arg_reg_off comes first: a modified pointer of another type fails there.
            if (reg.Type is not (RegType.Scalar or RegType.PtrToStack or RegType.PtrToMapValue or RegType.PtrToMapKey
                or RegType.PtrToMem or RegType.PtrToPacket or RegType.PtrToPacketMeta) && (reg.Off != 0 || !reg.Bounds.IsConst || reg.Bounds.ConstValue != 0))
                Unsupported($"modified {TypeStr(reg)} pointer passed to kfunc {call.Info.Name}");
            Fail($"arg#{argNo} doesn't point to a map value", Einval);
        }
        string sname = BtfRecord.KindName(kind);
        if (!reg.Bounds.VarOff.IsConst)
            Fail($"R{regno} doesn't have constant offset. {sname} has to be at the constant offset", Einval);
        var spec = _maps[reg.MapIndex];
        if (spec.BtfValueTypeId == 0 || _obj.Btf == null)
            Fail($"map '{spec.KernelName}' has to have BTF in order to use {sname}", Einval);
        var rec = MapRecord(reg.MapIndex);
        var mask = (BtfFieldMask)(1 << (int)kind);
        if (rec == null || !rec.Has(mask))
            Fail($"map '{spec.KernelName}' has no valid {sname}", Einval);
        int fieldOff = kind == BtfFieldKind.Workqueue ? rec.WqOff : rec.TaskWorkOff;
        long at = (long)reg.Bounds.VarOff.Value + reg.Off;
        if (at != fieldOff)
            Fail($"off {at} doesn't point to 'struct {sname}' that is at {fieldOff}", Einval);
        // Inner maps would need map_uid to tell two lookups of the outer map apart.
        if (reg.MapIndex >= _obj.Maps.Count)
            Unsupported($"{sname} in an inner map");
        call.MapArg = reg.MapIndex;
    }

    /// <summary>KF_ARG_PTR_TO_MAP of bpf_wq_init and the task_work kfuncs: the map holding the field passed before it.</summary>
    private void CheckAsyncMapArg(KfuncCall call, int regno, in RegState reg)
    {
        if (reg.Type is RegType.PtrToMapValue or RegType.PtrToMapKey)
            Unsupported($"map element pointer passed as the map of kfunc {call.Info.Name}");
        if (reg.Type != RegType.ConstPtrToMap)
            Fail($"pointer in R{regno} isn't map pointer", Einval);
        if (reg.MapIndex >= _obj.Maps.Count)
            Unsupported($"inner map passed to kfunc {call.Info.Name}");
        var rec = MapRecord(reg.MapIndex);
        // 6.18 reads the map's btf_record there without a NULL check: the kernel oopses, there is no verdict.
        if (call.MapArg >= 0 && rec == null)
            Unsupported($"map without special fields passed to kfunc {call.Info.Name}");
        bool hasWork = rec != null && (rec.WqOff >= 0 || rec.TaskWorkOff >= 0);
        if (call.MapArg >= 0 && hasWork && call.MapArg != reg.MapIndex)
        {
            Fail(rec!.TaskWorkOff >= 0
                ? "bpf_task_work pointer in R2 map_uid=0 doesn't match map pointer in R3 map_uid=0"
                : "workqueue pointer in R1 map_uid=0 doesn't match map pointer in R2 map_uid=0", Einval);
        }
        call.MapArg = reg.MapIndex;
    }

    /// <summary>KF_ARG_PTR_TO_CALLBACK: a subprogram's address.</summary>
    private void CheckKfuncCallbackArg(KfuncCall call, int argNo, in RegState reg)
    {
        if (reg.Type == RegType.PtrToFunc)
        {
            call.CallbackSub = reg.Aux;
            return;
        }
        // Kernel-object pointers are classified as BTF ids before callbacks: not modelled.
        if (reg.Type is not (RegType.Scalar or RegType.PtrToStack or RegType.PtrToMapValue or RegType.PtrToMapKey))
            Unsupported($"{TypeStr(reg)} passed as the callback of kfunc {call.Info.Name}");
        Fail($"arg{argNo} expected pointer to func", Einval);
    }
}
