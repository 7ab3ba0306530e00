using Bpf.Btf;
using Bpf.Isa;
using Bpf.Object.Linking;
using Bpf.Object.Maps;
using Bpf.Object.Sections;

namespace Bpf.Object.Loading;

/// <summary>Per-program assembly: linking, exception callbacks, .BTF.ext rebasing, data relocations, types.</summary>
internal sealed partial class ObjectBuilder
{
    private ProgramSpec BuildProgram(CodeFunction fn, List<CodeFunction> text, bool legacy, string? objectError)
    {
        var linker = new ProgramLinker(fn, text);
        linker.Link();
        var exceptionCb = FindExceptionCallback(fn, text, out string? excError);
        if (exceptionCb != null)
            linker.AppendIfMissing(exceptionCb);
        var insns = linker.Result;
        string? error = objectError ?? excError ?? linker.Error;
        var kfuncs = new Dictionary<int, KsymRef>();
        var names = new Dictionary<int, string>();
        var funcInfos = new List<FuncInfo>();
        var lineInfos = new List<LineInfo>();
        var poisoned = new Dictionary<int, string>();
        foreach (var (f, off) in linker.Placed)
        {
            names[off] = f.Name;
            error ??= f.CoreError;
            if (f.PoisonedCoreRelos != null)
            {
                foreach (var (idx, desc) in f.PoisonedCoreRelos)
                    poisoned[off + idx] = desc;
            }
            AddExtInfo(f, off, funcInfos, lineInfos);
            foreach (var r in f.Relocs)
            {
                string? e = ApplyDataReloc(insns, off + r.InsnIdx, r, kfuncs);
                error ??= e;
            }
        }

        var cls = SectionClassifier.Classify(fn.SectionName, _path, legacy);
        var type = cls.Type;
        var attach = cls.ExpectedAttachType;
        if (_options.ProgramType is ProgramType forced)
        {
            if (forced != type)
                attach = null;
            type = forced;
        }
        if (_options.Overrides != null && _options.Overrides.TryGet(_path, fn.Name, out var ot, out var oa))
        {
            type = ot;
            attach = oa;
        }
        if (type == ProgramType.Unspec)
            error ??= $"libbpf: prog '{fn.Name}': missing BPF prog type, check ELF section name '{fn.SectionName}'";
        if (type == ProgramType.Ext && _options.VeristatFixups && AttachTarget.GuessFreplaceType(_btf, fn.Name, out var gt, out var ga))
        {
            type = gt;
            attach = ga;
        }
        string? structOpsMember = null;
        if (type == ProgramType.StructOps)
        {
            if (_structOps.TryGetValue((fn.SectionIndex, (ulong)fn.SectionInsnOffset * Instruction.Size), out var slot))
            {
                structOpsMember = $"{slot.StructName}.{slot.MemberName}";
                attach = slot.MemberIndex >= 0 ? (AttachType)slot.MemberIndex : null;
            }
            else
            {
                error ??= $"libbpf: prog '{fn.Name}': SEC(\"struct_ops\") program isn't referenced anywhere, did you forget to use it?";
            }
        }
        // Changing a program's type drops its section handler (bpf_program__set_type resets sec_def):
        // no attach-target lookup, no sleepable/frags flags.
        var flags = type == cls.Type ? cls.Flags : SectionFlags.None;
        uint attachBtfId = 0;
        if ((flags & SectionFlags.AttachBtf) != 0 && cls.Rule == TypeRule.Libbpf)
        {
            attachBtfId = AttachTarget.Resolve(fn.Name, type, attach, cls.AttachTo, TargetBtf, out string? attachError);
            error ??= attachError;
        }

        uint progFlags = 0;
        if ((flags & SectionFlags.Sleepable) != 0)
            progFlags |= ProgFlags.Sleepable;
        if ((flags & SectionFlags.XdpFrags) != 0 && type == ProgramType.Xdp)
            progFlags |= ProgFlags.XdpHasFrags;

        return new ProgramSpec
        {
            Name = fn.Name,
            SectionName = fn.SectionName,
            Type = type,
            ExpectedAttachType = attach,
            AttachTo = cls.AttachTo,
            AttachBtfId = structOpsMember != null && _structOps.TryGetValue((fn.SectionIndex, (ulong)fn.SectionInsnOffset * Instruction.Size), out var so) ? so.KernelTypeId : attachBtfId,
            StructOpsMember = structOpsMember,
            Sleepable = (flags & SectionFlags.Sleepable) != 0,
            Autoload = !fn.RawSectionName.StartsWith('?'),
            ProgFlags = progFlags,
            Instructions = insns,
            MainLength = fn.InsnCount,
            FuncInfos = funcInfos,
            LineInfos = lineInfos,
            Kfuncs = kfuncs,
            PoisonedCoreRelos = poisoned,
            FunctionNames = names,
            LoadError = error,
        };
    }
    /// <summary>libbpf's reloc_prog_func_and_line_info: the function's .BTF.ext records, rebased to where it was placed.</summary>
    private void AddExtInfo(CodeFunction f, int placedAt, List<FuncInfo> funcInfos, List<LineInfo> lineInfos)
    {
        var sec = _btfExt?.Section(f.RawSectionName);
        if (sec == null)
            return;
        int lo = f.SectionInsnOffset, hi = f.SectionInsnOffset + f.InsnCount;
        foreach (var fi in sec.FuncInfos)
        {
            int i = fi.InsnIndex;
            if (i >= lo && i < hi)
                funcInfos.Add(new FuncInfo(i - lo + placedAt, fi.TypeId));
        }
        foreach (var li in sec.LineInfos)
        {
            int i = li.InsnIndex;
            if (i >= lo && i < hi)
                lineInfos.Add(new LineInfo(i - lo + placedAt, li.FileName, li.LineText, (int)li.Line, (int)li.Column));
        }
    }
    /// <summary>
    /// libbpf's bpf_prog_assign_exc_cb: a <c>exception_callback:NAME</c> decl tag on the program's FUNC names a global
    /// .text subprogram that is appended even when nothing calls it.
    /// </summary>
    private CodeFunction? FindExceptionCallback(CodeFunction prog, List<CodeFunction> text, out string? error)
    {
        error = null;
        if (_btf == null)
            return null;
        const string Prefix = "exception_callback:";
        CodeFunction? found = null;
        bool seen = false;
        for (uint id = 1; id < (uint)_btf.TypeCount; id++)
        {
            if (_btf.Kind(id) != BtfKind.DeclTag || _btf.DeclTagComponentIdx(id) != -1)
                continue;
            string tag = _btf.Name(id);
            if (!tag.StartsWith(Prefix, StringComparison.Ordinal))
                continue;
            uint func = _btf.RefType(id);
            if (_btf.Kind(func) != BtfKind.Func || _btf.FuncLinkage(func) != BtfLinkage.Global)
            {
                error = $"libbpf: prog '{prog.Name}': exception_callback:<value> decl tag not applied to the main program";
                return null;
            }
            if (_btf.Name(func) != prog.Name)
                continue;
            if (seen)
                return null; // several callbacks: the verifier reports it
            seen = true;
            string name = tag[Prefix.Length..];
            if (name.Length == 0)
            {
                error = $"libbpf: prog '{prog.Name}': exception_callback:<value> decl tag contains empty value";
                return null;
            }
            foreach (var sub in text)
            {
                if (!sub.IsSubprog || sub.Name != name)
                    continue;
                if (!sub.IsGlobal || sub.IsHidden)
                {
                    error = $"libbpf: prog '{prog.Name}': exception callback {sub.Name} must be a global non-hidden function";
                    return null;
                }
                found = sub;
            }
            if (found == null)
            {
                error = $"libbpf: prog '{prog.Name}': cannot find exception callback '{name}'";
                return null;
            }
        }
        return found;
    }
    /// <summary>bpf_object__relocate_data for one relocation at absolute index <paramref name="at"/>.</summary>
    private string? ApplyDataReloc(Instruction[] insns, int at, RelocDesc r, Dictionary<int, KsymRef> kfuncs)
    {
        switch (r.Kind)
        {
            case RelocKind.Invalid:
                return r.Error;
            case RelocKind.MapLd64:
                insns[at] = insns[at].WithSrc(Pseudo.MapIdx).WithImm(r.MapIdx);
                return null;
            case RelocKind.Data:
                insns[at + 1] = insns[at + 1].WithImm((int)(insns[at].Imm + r.SymOff));
                insns[at] = insns[at].WithSrc(Pseudo.MapIdxValue).WithImm(r.MapIdx);
                return null;
            case RelocKind.ExternLd64:
                {
                    var e = _externs[r.ExternIdx];
                    if (e.Kind == ExternKind.Kconfig)
                    {
                        insns[at] = insns[at].WithSrc(Pseudo.MapIdxValue).WithImm(_kconfigMapIdx);
                        insns[at + 1] = insns[at + 1].WithImm(e.KconfigOffset);
                        return e.Error;
                    }
                    if ((e.TypeId != 0 || e.IsFunction) && e.IsSet)
                    {
                        insns[at] = insns[at].WithSrc(Pseudo.BtfId).WithImm((int)e.KernelBtfId);
                        insns[at + 1] = insns[at + 1].WithImm(0);
                    }
                    else
                    {
                        ulong addr = e.TypeId == 0 && e.IsSet ? StandInKsymAddress(e.Name) : 0;
                        insns[at] = insns[at].WithImm((int)(uint)addr);
                        insns[at + 1] = insns[at + 1].WithImm((int)(uint)(addr >> 32));
                    }
                    kfuncs[at] = new KsymRef(e.Name, e.KernelBtfId, false, e.IsWeak);
                    return e.Error;
                }
            case RelocKind.ExternCall:
                {
                    var e = _externs[r.ExternIdx];
                    if (e.IsSet)
                    {
                        insns[at] = insns[at].WithSrc(Pseudo.KfuncCall).WithImm((int)e.KernelBtfId) with { Offset = 0 };
                    }
                    else
                    {
                        // libbpf's poison_kfunc_call: a helper call the verifier reports as invalid.
                        insns[at] = new Instruction(Opcode.Jmp | Opcode.Call, 0, 0, 0, PoisonCallKfuncBase + r.ExternIdx);
                    }
                    // A resolved call names the kernel's function: a flavor (bpf_task_acquire___one) calls bpf_task_acquire.
                    kfuncs[at] = new KsymRef(e.IsSet ? Bpf.Btf.BtfSpec.EssentialName(e.Name) : e.Name, e.KernelBtfId, true, e.IsWeak);
                    if (_legacy && !e.IsSet && !e.IsWeak)
                        return $"insn {at}: call to undefined function {e.Name}";
                    return e.Error;
                }
            default:
                return null;
        }
    }
    private const int PoisonCallKfuncBase = 2002000000;

    /// <summary>
    /// A typeless ksym's address: libbpf reads it from /proc/kallsyms, which bpfv does not have for the target
    /// kernel. Each symbol gets a distinct, non-zero, 16-byte aligned stand-in in the kernel text range, so that
    /// comparisons between symbols and with NULL come out as they do on the kernel (the value itself differs).
    /// </summary>
    internal static ulong StandInKsymAddress(string name)
    {
        uint h = 2166136261;
        foreach (char c in name)
            h = (h ^ c) * 16777619;
        return 0xffffffff81000000UL | ((h & 0x00fffff0u) | 0x10u);
    }
}
