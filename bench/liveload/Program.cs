using Bpf.Object;

// Writes one program of an object as bpfv links it, for lload.c to load into the live kernel: insns.bin (the
// instructions; map references stay BPF_PSEUDO_MAP_IDX/_IDX_VALUE, which the kernel resolves through fd_array),
// maps.txt (one line per map in index order) and mapN.bin (initial values of global-data maps). This reaches the
// kernel's verdict and level-2 log for objects veristat (libbpf) cannot open, such as ebpf-samples' legacy ones.
// The program goes without BTF (no func_info/line_info), as a legacy loader would load it when the kernel refuses
// the object's BTF.
// Usage: LiveLoad OBJ PROG OUTDIR [--prog-types CSV]; prints lload's PROG_TYPE LICENSE KERN_VERSION PROG_FLAGS ATTACH_TYPE
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: LiveLoad OBJ PROG OUTDIR [--prog-types CSV]");
    return 2;
}
var options = args.Length > 4 && args[3] == "--prog-types"
    ? new LoadOptions { Overrides = ProgramTypeOverrides.Load(args[4]) }
    : new LoadOptions();
var obj = ObjectLoader.Load(args[0], options);
var prog = obj.Programs.FirstOrDefault(p => p.Name == args[1]);
if (prog == null)
{
    Console.Error.WriteLine($"{args[0]}: no program {args[1]}");
    return 2;
}
string dir = args[2];
Directory.CreateDirectory(dir);
using (var w = new BinaryWriter(File.Create(Path.Combine(dir, "insns.bin"))))
{
    foreach (var i in prog.Instructions)
    {
        w.Write(i.Code);
        w.Write(i.Regs);
        w.Write(i.Offset);
        w.Write(i.Imm);
    }
}
using (var maps = new StreamWriter(Path.Combine(dir, "maps.txt")))
{
    for (int n = 0; n < obj.Maps.Count; n++)
    {
        var m = obj.Maps[n];
        string init = "-";
        if (m.InitialValue.Length > 0)
        {
            init = Path.GetFullPath(Path.Combine(dir, $"map{n}.bin"));
            File.WriteAllBytes(init, m.InitialValue.ToArray());
        }
        var inner = m.InnerMap;
        string innerSpec = inner == null ? "-" : $"{inner.Type},{inner.KeySize},{inner.ValueSize},{inner.MaxEntries},{inner.Flags}";
        maps.WriteLine($"{m.Type} {m.KeySize} {m.ValueSize} {m.MaxEntries} {m.Flags} {(m.IsReadOnlyGlobal ? 1 : 0)} {init} {innerSpec} {m.Name}");
    }
}
// What lload.c needs on its command line.
Console.WriteLine($"{(int)prog.Type} \"{obj.License}\" {obj.KernelVersion} {prog.ProgFlags} {(prog.ExpectedAttachType is { } at ? (int)at : 0)}");
return 0;
