using Bpf.Isa;
using Bpf.Object.Loading;

namespace Bpf.Object.Linking;

/// <summary>
/// libbpf's call relocation for one entry program: its code, then every .text subprogram it reaches, appended
/// depth-first in the order call sites are met (bpf_object__reloc_code), with bpf-to-bpf call and
/// BPF_PSEUDO_FUNC immediates rewritten for the new layout.
/// </summary>
internal sealed class ProgramLinker
{
    private readonly List<CodeFunction> _text;   // .text functions sorted by offset
    private readonly List<Instruction> _insns = new();
    private readonly List<(CodeFunction Fn, int Offset)> _placed = new();
    private readonly CodeFunction _main;

    public ProgramLinker(CodeFunction main, List<CodeFunction> textFunctions)
    {
        _main = main;
        _text = textFunctions;
    }

    /// <summary>Functions in the order they were laid out, with their start index.</summary>
    public IReadOnlyList<(CodeFunction Fn, int Offset)> Placed => _placed;
    public string? Error { get; private set; }

    public void Link()
    {
        foreach (var f in _text)
            f.SubInsnOffset = 0;
        _main.SubInsnOffset = 0;
        _insns.AddRange(_main.Insns);
        _placed.Add((_main, 0));
        RelocCode(_main);
    }

    /// <summary>Appends <paramref name="extra"/> (an exception callback) if the program does not already contain it.</summary>
    public void AppendIfMissing(CodeFunction extra)
    {
        if (extra == _main || extra.SubInsnOffset != 0)
            return;
        Append(extra);
        RelocCode(extra);
    }

    public Instruction[] Result => _insns.ToArray();

    private void Append(CodeFunction sub)
    {
        sub.SubInsnOffset = _insns.Count;
        _insns.AddRange(sub.Insns);
        _placed.Add((sub, sub.SubInsnOffset));
    }

    private void RelocCode(CodeFunction prog)
    {
        int baseOff = prog == _main ? 0 : prog.SubInsnOffset;
        for (int i = 0; i < prog.InsnCount; i++)
        {
            var insn = _insns[baseOff + i];
            bool subCall = insn.Code == (Opcode.Jmp | Opcode.Call) && insn.Src == Pseudo.Call;
            bool pseudoFunc = insn.IsLdImm64 && insn.Src == Pseudo.Func;
            var relo = prog.FindReloc(i);
            // libbpf marks ld_imm64s with a subprog address relocation as BPF_PSEUDO_FUNC before this pass.
            if (!pseudoFunc && insn.IsLdImm64 && relo?.Kind == RelocKind.SubprogAddr)
            {
                insn = insn.WithSrc(Pseudo.Func);
                _insns[baseOff + i] = insn;
                pseudoFunc = true;
            }
            if (!subCall && !pseudoFunc)
                continue;
            if (relo != null && relo.Kind == RelocKind.ExternCall)
                continue;
            if (relo != null && relo.Kind is not (RelocKind.Call or RelocKind.SubprogAddr))
            {
                Error ??= relo.Error ?? $"libbpf: prog '{prog.Name}': unexpected relo for insn #{i}, type {relo.Kind}";
                continue;
            }
            long subInsnIdx;
            if (relo != null)
            {
                subInsnIdx = relo.Kind == RelocKind.Call
                    ? relo.SymOff / Instruction.Size + insn.Imm + 1
                    : (relo.SymOff + insn.Imm) / Instruction.Size;
            }
            else if (pseudoFunc)
            {
                Error ??= $"libbpf: prog '{prog.Name}': missing subprog addr relo for insn #{i}";
                continue;
            }
            else
            {
                // Static call within the same section: no relocation, imm is relative to the original position.
                subInsnIdx = prog.SectionInsnOffset + i + insn.Imm + 1;
            }

            var sub = FindText(subInsnIdx);
            if (sub == null)
            {
                Error ??= $"libbpf: prog '{prog.Name}': no .text section found yet sub-program call exists";
                continue;
            }
            if (sub.SubInsnOffset == 0 && sub != _main)
            {
                Append(sub);
                RelocCode(sub);
            }
            int target = sub == _main ? 0 : sub.SubInsnOffset;
            _insns[baseOff + i] = insn.WithImm(target - (baseOff + i) - 1);
        }
    }

    /// <summary>libbpf's find_prog_by_sec_insn on .text: the function containing the instruction.</summary>
    private CodeFunction? FindText(long secInsn)
    {
        if (secInsn < 0 || secInsn > int.MaxValue)
            return null;
        return RelocationCollector.FindFunction(_text, (int)secInsn);
    }
}
