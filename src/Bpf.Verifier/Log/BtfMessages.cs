namespace Bpf.Verifier.Log;

/// <summary>The verifier's messages about BTF-typed memory (kernel 6.18 wording).</summary>
public static class BtfMessages
{
    public static string NonGplAccess(string tname) => $"Cannot access kernel 'struct {tname}' from non-GPL compatible program";
    public static string NegativeAccess(int r, string tname, int off) => $"R{r} is ptr_{tname} invalid negative access: off={off}";
    public static string VariableOffset(int r, string tname, int off, string varOff) => $"R{r} is ptr_{tname} invalid variable offset: off={off}, var_off={varOff}";
    public static string UserMemory(int r, string tname, int off) => $"R{r} is ptr_{tname} access user memory: off={off}";
    public static string PercpuMemory(int r, string tname, int off) => $"R{r} is ptr_{tname} access percpu memory: off={off}";
    public const string OnlyRead = "only read is supported";
    public static string MapPtrNotSupported(uint mapType) => $"map_ptr access not supported for map type {mapType}";
    public static string MapNegativeAccess(int r, string tname, int off) => $"R{r} is {tname} invalid negative access: off={off}";
    public static string MapOnlyRead(string tname) => $"only read from {tname} is supported";
    public static string PseudoBtfIdKind(int id) => $"pseudo btf_id {id} in ldimm64 isn't KIND_VAR or KIND_FUNC";
    public static string InvalidBtfId(int id) => $"ldimm64 insn specifies invalid btf_id {id}.";
    public static string KsymNoAddress(string name) => $"ldimm64 failed to find the address for kernel symbol '{name}'.";
    public static string KsymSize(string tname, int err) => $"ldimm64 unable to resolve the size of type '{tname}': {err}";
    public const string MissingFuncInfo = "missing btf func_info";
    public const string CallbackNotStatic = "callback function not static";
}
