using System.Text.Json;
using Bpf.TestLoader.Matching;
using Bpf.TestLoader.Running;
using Bpf.TestLoader.Spec;

namespace Bpf.TestLoader.Bench;

/// <summary>Writes each annotated program's parsed spec as JSON lines, in expectations.jsonl's terms, for measure.py.</summary>
internal static class SpecDump
{
    public static void Write(string[] files, string outPath)
    {
        using var stream = File.Create(outPath);
        foreach (string f in files)
        {
            IReadOnlyList<ProgramTest> programs;
            try
            {
                programs = ObjectTests.Read(f, null).Programs;
            }
            catch (Exception e) when (e is Bpf.Object.ObjectFormatException or Bpf.Btf.BtfException)
            {
                continue;
            }
            foreach (var p in programs)
            {
                if (!p.Annotated)
                    continue;
                using var w = new Utf8JsonWriter(stream);
                w.WriteStartObject();
                w.WriteString("file", Path.GetFileName(f));
                w.WriteString("prog", p.Program.Name);
                if (p.Spec is { } s)
                {
                    w.WriteString("priv", s.Modes.HasFlag(TestModes.Privileged) ? Verdict(s.Privileged) : null);
                    w.WriteString("unpriv", s.Modes.HasFlag(TestModes.Unprivileged) ? Verdict(s.Unprivileged) : null);
                    Strings(w, "msgs", s.Privileged.Messages);
                    Strings(w, "unpriv_msgs", s.Unprivileged.Messages);
                    Strings(w, "xlated", s.Privileged.Xlated);
                    if (s.Privileged.Execute)
                        w.WriteNumber("retval", s.Privileged.Retval);
                    else
                        w.WriteNull("retval");
                    w.WriteNumber("log_level", s.LogLevel);
                    w.WriteNumber("prog_flags", s.ProgFlags);
                    w.WriteBoolean("runs_on_x86_64", (s.ArchMask & TestArch.X86_64) != 0);
                    w.WriteBoolean("auxiliary", s.Auxiliary);
                    w.WriteString("btf_path", s.BtfPath);
                    w.WriteString("description", s.Description);
                }
                else
                {
                    w.WriteString("error", p.SpecError);
                }
                w.WriteEndObject();
                w.Flush();
                stream.WriteByte((byte)'\n');
            }
        }
    }

    private static string Verdict(TestSubspec s) => s.ExpectFailure ? "failure" : "success";

    private static void Strings(Utf8JsonWriter w, string name, IReadOnlyList<ExpectedMessage> msgs)
    {
        w.WriteStartArray(name);
        foreach (var m in msgs)
            w.WriteStringValue(m.Negative ? "!" + m.Text : m.Text);
        w.WriteEndArray();
    }
}
