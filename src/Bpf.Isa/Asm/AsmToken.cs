namespace Bpf.Isa;

internal enum AsmTokenKind : byte
{
    End,
    Ident,
    Number,
    Punct,
    Subst, // %[name]; Text is the name
}

internal readonly record struct AsmToken(AsmTokenKind Kind, string Text, int Column)
{
    public bool Is(string punct) => Kind == AsmTokenKind.Punct && Text == punct;
    public bool IsIdent(string word) => Kind == AsmTokenKind.Ident && Text == word;
}
