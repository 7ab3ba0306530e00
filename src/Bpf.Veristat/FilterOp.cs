namespace Bpf.Veristat;

/// <summary>Comparison operator of a stat filter.</summary>
public enum FilterOp
{
    /// <summary><c>==</c> or <c>=</c>.</summary>
    Eq,

    /// <summary><c>!=</c> or <c>&lt;&gt;</c>.</summary>
    Neq,
    Lt,
    Le,
    Gt,
    Ge,
}
