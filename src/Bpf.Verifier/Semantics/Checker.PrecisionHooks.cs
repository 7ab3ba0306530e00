using Bpf.Verifier.Domain;
using Bpf.Verifier.Platform;

namespace Bpf.Verifier.Semantics;

/// <summary>
/// Precision requests for helper calls and the return code, whose checks live in other files. The kernel asks
/// for precision exactly where a scalar's value is relied on: size arguments (check_mem_size_reg), constant
/// array-map keys spilled on the stack (get_constant_map_key), the tail-call index (record_func_key),
/// get_local_storage's flags, and the program's return code (a NULL passed as a maybe-NULL pointer is not: the
/// live 6.18 kernel logs no mark_precise there). They are made here, in the kernel's argument order, before the
/// call is checked.
/// </summary>
internal sealed partial class Checker
{
    private const int TailCallHelper = 12;

    private void CallArgPrecision()
    {
        int id = Insn.Imm;
        var proto = HelperTable.Find(id, _prog.Type);
        if (proto == null)
            return; // rejected by the call checker
        if (HasDynptrArg(proto))
            return; // the dynptr helpers mark their sizes as they check them (Checker.DynptrHelpers.cs)
        var regs = Regs;
        int mapArg = -1;
        for (int a = 0; a < proto.Args.Length && a < 5; a++)
        {
            int regno = a + 1;
            var reg = regs[regno];
            switch (proto.Args[a])
            {
                case ArgKind.ConstMapPtr:
                    if (reg.Type == RegType.ConstPtrToMap)
                        mapArg = reg.MapIndex;
                    break;
                // ConstSize / ConstSizeOrZero: marked by CheckMemSizeArg once the memory check passed.
                case ArgKind.ConstAllocSizeOrZero:
                    if (reg.Type == RegType.Scalar && SizePassesOwnChecks(reg, proto.Args[a]))
                        MarkChainPrecision(regno);
                    break;
                case ArgKind.PtrToMapKey:
                    if (mapArg >= 0 && _maps[mapArg].Type is 2 or 6)
                        ConstMapKeyPrecision(reg, (int)_maps[mapArg].KeySize);
                    break;
            }
        }
        // record_func_key: only a key inside a program array is relied on (other maps fail first).
        if (id == TailCallHelper && regs[3].IsConst && mapArg >= 0 && _maps[mapArg].Type == 3
            && regs[3].ConstValue < _maps[mapArg].MaxEntries)
            MarkChainPrecision(3);
    }

    /// <summary>
    /// The kernel marks a size precise only once its argument checks passed: a size that check_mem_size_reg refuses
    /// (negative, zero where not allowed, unbounded) or a variable allocation size fails with no mark_precise.
    /// </summary>
    private static bool SizePassesOwnChecks(in RegState size, ArgKind kind)
    {
        var b = size.Bounds;
        if (kind == ArgKind.ConstAllocSizeOrZero)
            return b.IsConst;
        return b.SMin >= 0 && !(b.UMin == 0 && kind == ArgKind.ConstSize) && b.UMax < MaxVarOff;
    }

    /// <summary>get_constant_map_key: a key spilled as a constant scalar of exactly the key's size is relied on.</summary>
    private void ConstMapKeyPrecision(in RegState key, int keySize)
    {
        if (key.Type != RegType.PtrToStack || !key.Bounds.IsConst)
            return;
        var state = FrameOf(key);
        long stackOff = key.Off + (long)key.Bounds.ConstValue;
        long slot = -stackOff - 1;
        if (slot < 0 || slot >= state.AllocatedStack)
            return;
        int spi = (int)slot / FuncState.RegSize, off = (int)slot % FuncState.RegSize;
        int baseIdx = spi * FuncState.RegSize;
        int zeroSize = 0;
        for (int i = off; i >= 0 && state.Slots[baseIdx + i] == SlotType.Zero; i--)
            zeroSize++;
        if (zeroSize >= keySize)
            return;
        if (!state.IsSpilledReg(spi) || state.Spilled[spi].Type != RegType.Scalar)
            return;
        int spillSize = 0;
        for (int i = off; i >= 0 && state.Slots[baseIdx + i] == SlotType.Spill; i--)
            spillSize++;
        if (spillSize != keySize || !state.Spilled[spi].Bounds.VarOff.IsConst)
            return;
        MarkStackSlotPrecision(key.FrameNo, spi);
    }

    /// <summary>check_return_code relies on R0's range at the program's exit (when the type restricts it).</summary>
    private void ReturnCodePrecision()
    {
        if (_cur.CurFrame != 0 || _cur.Cur.Subprog != 0 || _ptype?.ReturnRange == null)
            return;
        if (Regs[0].Type != RegType.Scalar || _cur.ActiveRcuLock != 0)
            return;
        foreach (var r in _cur.Refs)
        {
            if (r.Kind == RefKind.Ptr)
                return;
        }
        MarkChainPrecision(0);
    }
}
