using Bpf.Btf;
using Bpf.Object;
using Bpf.TestLoader.Spec;

namespace Bpf.TestLoader.Running;

/// <summary>One program of an object with its parsed spec, or the reason its tags did not parse.</summary>
public sealed record ProgramTest(ProgramSpec Program, TestSpec? Spec, string? SpecError)
{
    public bool Annotated => Spec?.Annotated ?? SpecError != null;
}

/// <summary>Reads an object and the test spec of each of its programs (test_loader's process_subtest, first half).</summary>
public static class ObjectTests
{
    /// <summary>Loads the object and parses every program's spec. Throws what <see cref="ObjectLoader.Load(byte[], string, LoadOptions?)"/> throws.</summary>
    public static (ObjectSpec Object, IReadOnlyList<ProgramTest> Programs) Read(string path, LoadOptions? load, TestSpecParser? parser = null)
    {
        byte[] bytes = File.ReadAllBytes(path);
        var obj = ObjectLoader.Load(bytes, path, load);
        return (obj, Parse(obj, ObjectBtf.Read(bytes), parser ?? new TestSpecParser()));
    }

    public static IReadOnlyList<ProgramTest> Parse(ObjectSpec obj, BtfSpec? btf, TestSpecParser parser)
    {
        var list = new List<ProgramTest>(obj.Programs.Count);
        foreach (var p in obj.Programs)
        {
            try
            {
                list.Add(new ProgramTest(p, parser.Parse(btf, p.Name), null));
            }
            catch (TestSpecException e)
            {
                // Without BTF or a FUNC nothing is annotated; only a bad tag makes a failing test.
                bool tagged = btf != null && btf.FindByName(p.Name, BtfKind.Func) != 0;
                list.Add(new ProgramTest(p, null, tagged ? e.Message : null));
            }
        }
        return list;
    }
}
