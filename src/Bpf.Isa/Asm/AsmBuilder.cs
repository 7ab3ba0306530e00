namespace Bpf.Isa;

/// <summary>Where a label reference lands in an instruction once the label is known.</summary>
internal enum AsmFixupKind : byte
{
    Off16,  // jumps: off = target - (pc + 1)
    Imm32,  // gotol and bpf-to-bpf calls: imm = target - (pc + 1)
    Func,   // ld_imm64 of a subprogram (BPF_PSEUDO_FUNC): imm = target - (pc + 1)
}

/// <summary>A reference to a label: <c>l0_%=</c> by name, or GNU-style local <c>1f</c>/<c>1b</c>.</summary>
internal readonly record struct AsmFixup(int InsnIndex, AsmFixupKind Kind, string Label, int Line, int Column);

/// <summary>Accumulates slots, labels and references while statements are parsed, then resolves them.</summary>
internal sealed class AsmBuilder
{
    private readonly List<Instruction> _insns = [];
    private readonly List<AsmFixup> _fixups = [];
    private readonly List<AsmRelocation> _relocs = [];
    private readonly Dictionary<string, int> _labels = new(StringComparer.Ordinal);
    private readonly List<(string Name, int Index)> _localLabels = [];
    private readonly Dictionary<int, string> _callNames = [];

    public int Count => _insns.Count;

    private readonly byte[] _raw = new byte[Instruction.Size];
    private int _rawCount;

    /// <summary>True while raw data directives have started a slot they have not finished.</summary>
    public bool InRawSlot => _rawCount != 0;

    public void Emit(Instruction insn) => _insns.Add(insn);

    /// <summary>Appends one byte of raw data (<c>.byte</c> and friends); every 8 bytes make a slot.</summary>
    public void EmitByte(byte b)
    {
        _raw[_rawCount++] = b;
        if (_rawCount == Instruction.Size)
        {
            _rawCount = 0;
            _insns.Add(Instruction.Read(_raw));
        }
    }

    public void EmitLdImm64(int dst, int src, ulong value)
    {
        _insns.Add(new Instruction(Opcode.Ld | Opcode.Imm | Opcode.DW, dst, src, 0, (int)(uint)value));
        _insns.Add(new Instruction(0, 0, 0, 0, (int)(uint)(value >> 32)));
    }

    public Instruction Slot(int index) => _insns[index];

    public bool IsLabel(string name) => _labels.ContainsKey(name);

    public void DefineLabel(string name, int line, int column)
    {
        if (IsLocalLabel(name))
        {
            // Numbered labels may repeat; references pick the nearest one (1f / 1b).
            _localLabels.Add((name, _insns.Count));
            return;
        }

        if (!_labels.TryAdd(name, _insns.Count))
            throw new AsmException($"label '{name}' defined twice", line, column);
    }

    public void AddFixup(AsmFixupKind kind, string label, int line, int column) =>
        _fixups.Add(new AsmFixup(_insns.Count, kind, label, line, column));

    /// <summary>Remembers the printed name of the call about to be emitted.</summary>
    public void AddCallName(string name) => _callNames[_insns.Count] = name;

    public void AddReloc(string symbol, AsmRelocKind kind) => _relocs.Add(new AsmRelocation(_insns.Count, symbol, kind));

    /// <summary>True when a call/ld_imm64 name can be a label defined anywhere in the text.</summary>
    public bool MayBeLabel(string name) => _labels.ContainsKey(name) || _pendingNames?.Contains(name) == true;

    private HashSet<string>? _pendingNames;

    /// <summary>Names of all labels in the text, known before parsing so forward calls resolve.</summary>
    public void SetLabelNames(HashSet<string> names) => _pendingNames = names;

    public AssemblyResult Finish(int lastLine)
    {
        if (InRawSlot)
            throw new AsmException("raw data does not fill a whole 8-byte slot", lastLine, 1);
        var insns = _insns.ToArray();
        foreach (var f in _fixups)
        {
            int target = Resolve(f);
            int delta = target - (f.InsnIndex + 1);
            ref var slot = ref insns[f.InsnIndex];
            if (f.Kind == AsmFixupKind.Off16)
            {
                if (delta is < short.MinValue or > short.MaxValue)
                    throw new AsmException($"jump to '{f.Label}' out of range", f.Line, f.Column);
                slot = slot with { Offset = (short)delta };
            }
            else
            {
                slot = slot.WithImm(delta);
            }
        }

        return new AssemblyResult(insns, _relocs.ToArray(), new Dictionary<string, int>(_labels, StringComparer.Ordinal), _callNames);
    }

    private int Resolve(AsmFixup f)
    {
        if (_labels.TryGetValue(f.Label, out int idx))
            return idx;
        if (f.Label.Length > 1 && IsLocalLabel(f.Label[..^1]))
        {
            string name = f.Label[..^1];
            char dir = f.Label[^1];
            if (dir == 'f')
            {
                foreach (var (n, i) in _localLabels)
                {
                    if (n == name && i > f.InsnIndex)
                        return i;
                }
            }
            else if (dir == 'b')
            {
                for (int k = _localLabels.Count - 1; k >= 0; k--)
                {
                    if (_localLabels[k].Name == name && _localLabels[k].Index <= f.InsnIndex)
                        return _localLabels[k].Index;
                }
            }
        }

        throw new AsmException($"undefined label '{f.Label}'", f.Line, f.Column);
    }

    private static bool IsLocalLabel(string name)
    {
        foreach (char c in name)
        {
            if (!char.IsAsciiDigit(c))
                return false;
        }

        return name.Length > 0;
    }
}
