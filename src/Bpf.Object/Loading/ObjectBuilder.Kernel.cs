using Bpf.Btf;
using Bpf.Isa;
using Bpf.Object.Linking;
using Bpf.Object.Maps;
using Bpf.Object.Sections;

namespace Bpf.Object.Loading;

/// <summary>What the object needs from the target kernel: CO-RE relocations and ksym/kfunc resolution.</summary>
internal sealed partial class ObjectBuilder
{
    /// <summary>bpf_object__relocate_core: patches each function's own instructions before they are linked.</summary>
    private void ApplyCoreRelocations()
    {
        if (_btf == null || _btfExt == null || _btfExt.TotalCoreRelos == 0)
            return;
        CoreRelocator? relocator = null;
        foreach (var sec in _btfExt.Sections)
        {
            if (sec.CoreRelos.Count == 0)
                continue;
            List<CodeFunction>? fns = null;
            foreach (var (idx, list) in _functionsBySection)
            {
                if (_elf.Sections[idx].Name == sec.Name)
                    fns = list;
            }
            if (fns == null)
                continue;
            for (int i = 0; i < sec.CoreRelos.Count; i++)
            {
                var relo = sec.CoreRelos[i];
                var fn = RelocationCollector.FindFunction(fns, relo.InsnIndex);
                if (fn == null)
                    continue;
                relocator ??= new CoreRelocator(_btf, TargetBtf());
                int local = relo.InsnIndex - fn.SectionInsnOffset;
                if (!relocator.TryApply(fn.Insns, local, relo, out string? error))
                    fn.CoreError ??= $"libbpf: prog '{fn.Name}': relo #{i}: {error}";
                else if (fn.Insns[local].IsHelperCall && fn.Insns[local].Imm == CoreRelocator.PoisonImm)
                    (fn.PoisonedCoreRelos ??= [])[local] = CoreSpecFormatter.Format(_btf, relo) ?? "";
            }
        }
    }
    private void ResolveKsyms()
    {
        bool needed = false;
        foreach (var e in _externs)
            needed |= e.Kind == ExternKind.Ksym && e.Error == null;
        if (!needed)
            return;
        var kernel = TargetBtf();
        foreach (var e in _externs)
        {
            if (e.Kind != ExternKind.Ksym || e.Error != null)
                continue;
            if (e.IsFunction)
            {
                // libbpf looks kfuncs up by their essential name: flavors (bpf_task_acquire___one) name the same kfunc.
                uint id = kernel.FindByName(BtfSpec.EssentialName(e.Name), BtfKind.Func);
                e.KernelBtfId = id;
                e.IsSet = id != 0;
                if (id == 0 && !e.IsWeak)
                    e.Error = $"libbpf: extern (func ksym) '{e.Name}': not found in kernel or module BTFs";
                else if (id != 0 && _btf != null && e.BtfId != 0)
                {
                    // bpf_core_types_are_compat on the prototypes: libbpf refuses the object when they differ.
                    uint localProto = _btf.RefType(e.BtfId), kernelProto = kernel.RefType(id);
                    // A weak extern with another prototype stays unresolved (0), as a missing one does.
                    if (CoreTypeCompat.TypesAreCompat(_btf, localProto, kernel, kernelProto, 32) <= 0)
                    {
                        if (e.IsWeak)
                            (e.KernelBtfId, e.IsSet) = (0, false);
                        else
                            e.Error = $"libbpf: extern (func ksym) '{e.Name}': func_proto [{localProto}] incompatible with vmlinux [{kernelProto}]";
                    }
                }
            }
            else if (e.TypeId != 0)
            {
                uint id = kernel.FindByName(e.Name, BtfKind.Var);
                e.KernelBtfId = id;
                e.IsSet = id != 0;
                if (id == 0 && !e.IsWeak)
                    e.Error = $"libbpf: extern (var ksym) '{e.Name}': not found in kernel BTF";
            }
            else
            {
                // Typeless ksym: libbpf takes its address from /proc/kallsyms; the verifier only sees a constant.
                e.IsSet = true;
            }
        }
    }
    private BtfSpec? _targetBtf;
    internal BtfSpec TargetBtf() =>
        _targetBtf ??= _options.TargetBtf ?? (_options.TargetBtfPath != null ? KernelBtf.LoadFile(_options.TargetBtfPath) : KernelBtf.Embedded);
    private string? ObjectLevelError()
    {
        // libbpf resolves externs for the whole object: one unresolved non-weak extern fails every program.
        if (_legacy)
            return null;
        foreach (var e in _externs)
        {
            if (e.Error != null && !(e.IsWeak && e.Kind == ExternKind.Ksym && e.BtfId != 0))
                return e.Error;
        }
        return null;
    }
}
