namespace Bpf.Isa.Tests;

/// <summary>A key naming an instruction's printed form: its opcode plus whatever else picks the kernel's format.</summary>
internal static class InsnForms
{
    public static string Key(Instruction i)
    {
        string key = i.Code.ToString("x2");
        byte op = Opcode.Op(i.Code);
        if (Opcode.IsAluClass(i.Code))
        {
            if (op == Opcode.Mov && Opcode.Src(i.Code) == Opcode.X && i.Offset != 0)
                key += " off=" + i.Offset;
            else if ((op is Opcode.Div or Opcode.Mod) && i.Offset == 1)
                key += " signed";
            else if (op == Opcode.End)
                key += " imm=" + i.Imm;
        }
        else if (i.Class == Opcode.Stx && Opcode.Mode(i.Code) == Opcode.Atomic)
        {
            key += " imm=0x" + i.Imm.ToString("x");
        }
        else if (i.IsCall || i.IsLdImm64 || i.Code == (Opcode.Jmp | Opcode.Jcond))
        {
            key += " src=" + i.Src;
        }

        return key;
    }
}
