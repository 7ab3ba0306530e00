namespace Bpf.Verifier.Log;

/// <summary>The verifier's error and status strings (kernel 6.18 wording), in one place.</summary>
public static class Messages
{
    // Structural passes.
    public const string LastInsnNotExit = "last insn is not an exit or jmp";
    public static string JumpOutOfRange(int from, int to) => $"jump out of range from insn {from} to {to}";
    public static string UnknownOpcode(byte code) => $"unknown opcode {code:x2}";
    public static string UnreachableInsn(int i) => $"unreachable insn {i}";
    public static string BackEdge(int from, int to) => $"back-edge from insn {from} to {to}";
    public static string JumpIntoLdImm64(int from, int to) => $"jump out of range from insn {from} to {to}";
    public const string InvalidLdImm64 = "invalid bpf_ld_imm64 insn";
    public const string LdImm64MissingSecond = "invalid bpf_ld_imm64 insn";
    public static string UnrecognizedLdImm64Src(int src) => $"unrecognized bpf_ld_imm64 insn";
    public static string FdNotPointingToMap(int fd) => $"fd {fd} is not pointing to valid bpf_map";
    public const string ProgTooLargeTotal = "BPF program is too large";
    public static string ProgTooLarge(int n) => $"BPF program is too large. Processed {n} insn";
    public static string JumpSeqTooComplex(int n) => $"The sequence of {n} jumps is too complex.";
    public static string CombinedStackTooLarge(int frames, int size) => $"combined stack size of {frames} calls is {size}. Too large";

    // Registers.
    public static string RegInvalid(int r) => $"R{r} is invalid";
    public static string RegNotReadOk(int r) => $"R{r} !read_ok";
    public const string FramePointerReadOnly = "frame pointer is read only";

    // Reserved fields.
    public const string AluReservedFields = "BPF_ALU uses reserved fields";
    public const string StxReservedFields = "BPF_STX uses reserved fields";
    public const string StReservedFields = "BPF_ST uses reserved fields";
    public const string LdxReservedFields = "BPF_LDX uses reserved fields";
    public const string CallReservedFields = "BPF_CALL uses reserved fields";
    public const string JaReservedFields = "BPF_JA uses reserved fields";
    public const string ExitReservedFields = "BPF_EXIT uses reserved fields";
    public const string JmpReservedFields = "BPF_JMP/JMP32 uses reserved fields";
    public const string MovReservedFields = "BPF_MOV uses reserved fields";
    public const string NegReservedFields = "BPF_NEG uses reserved fields";
    public const string EndReservedFields = "BPF_END uses reserved fields";
    public const string InvalidLdMode = "invalid BPF_LD mode";
    public static string UnknownInsnClass(int c) => $"unknown insn class {c}";
    public const string DivByZero = "div by zero";
    public static string InvalidShift(int s) => $"invalid shift {s}";
    public static string InvalidAluOpcode(int op) => $"invalid BPF_ALU opcode {op:x}";

    // Pointer arithmetic.
    public static string PtrArithProhibited(int r, string type) => $"R{r} pointer arithmetic on {type} prohibited";
    public static string PtrArithNullCheck(int r, string type) => $"R{r} pointer arithmetic on {type} prohibited, null-check it first";
    public static string PtrArith32(int r) => $"R{r} 32-bit pointer arithmetic prohibited";
    public static string SubtractPtrFromScalar(int r) => $"R{r} tried to subtract pointer from scalar";
    public static string SubFromStackPtr(int r) => $"R{r} subtraction from stack pointer prohibited";
    public static string BitwiseOnPtr(int r, string op) => $"R{r} bitwise operator {op} on pointer prohibited";
    public static string PtrArithWithOp(int r, string op) => $"R{r} pointer arithmetic with {op} operator prohibited";
    public static string PtrOpPtr(int r, string op) => $"R{r} pointer {op} pointer prohibited";
    public static string MathPtrConst(string type, long v) => $"math between {type} pointer and {v} is not allowed";
    public static string MathPtrUnboundedMin(string type) => $"math between {type} pointer and register with unbounded min value is not allowed";
    public static string PtrOffsetNotAllowed(string type, int off) => $"{type} pointer offset {off} is not allowed";
    public static string ValueOutOfBounds(string type, long v) => $"value {v} makes {type} pointer be out of bounds";

    // Memory.
    public static string InvalidMemAccess(int r, string type) => $"R{r} invalid mem access '{type}'";
    public static string MapValueAccess(uint vs, int off, int size) => $"invalid access to map value, value_size={vs} off={off} size={size}";
    public static string MapWriteForbidden(uint vs, int off, int size) => $"write into map forbidden, value_size={vs} off={off} size={size}";
    public static string MinValueNegative(int r) => $"R{r} min value is negative, either use unsigned index or do a if (index >=0) check.";
    public static string UnboundedMemAccess(int r) => $"R{r} unbounded memory access, make sure to bounds check any such access";
    public static string ModifiedCtx(string type, int r, int off) => $"dereference of modified {type} ptr R{r} off={off} disallowed";
    public static string VarOffCtx(string type, int r, string tn) => $"variable {type} access var_off={tn} disallowed";
    public static string CtxAccess(int off, int size) => $"invalid bpf_context access off={off} size={size}";
    public static string StackAccess(string extra, int r, int off, int size) => $"invalid{extra} stack R{r} off={off} size={size}";
    public static string StackVarAccess(string extra, int r, string tn, int off, int size) => $"invalid variable-offset{extra} stack R{r} var_off={tn} off={off} size={size}";
    public static string StackUnboundedVar(string extra, int r) => $"invalid unbounded variable-offset{extra} stack R{r}";
    public static string StackRead(int off, int i, int size) => $"invalid read from stack off {off}+{i} size {size}";
    public static string IndirectStackRead(string extra, int r, int off, int i, int size) => $"invalid{extra} read from stack R{r} off {off}+{i} size {size}";
    public const string CorruptSpilledPtr = "attempt to corrupt spilled pointer on stack";
    public const string InvalidSpillSize = "invalid size of register spill";
    public const string InvalidFillSize = "invalid size of register fill";
    public static string CannotWriteInto(int r, string type) => $"R{r} cannot write into {type}";
    public static string Misaligned(string kind, string tn, int off, int ioff, int size) => $"misaligned {kind}access off {tn}+{off}+{ioff} size {size}";
    public static string PacketAccess(int off, int size, int r, int range) => $"invalid access to packet, off={off} size={size}, R{r}(id=0,off={off},r={range})";

    // Calls.
    public static string InvalidFunc(string name, int id) => $"invalid func {name}#{id}";
    public static string HelperNotAllowed(string name, int id) => $"program of this type cannot use helper {name}#{id}";
    public const string GplOnly = "cannot call GPL-restricted function from non-GPL compatible program";
    public static string ArgTypeMismatch(int r, string type, string expected) => $"R{r} type={type} expected={expected}";
    public static string UnboundedMinSize(int r) => $"R{r} min value is negative, either use unsigned or 'var &= const'";
    public static string UnboundedSize(int r) => $"R{r} unbounded memory access, use 'var &= const' or 'if (var < const)'";
    public static string ZeroSize(int r) => $"R{r} invalid zero-sized read: u64=[0,0]";

    // Exit.
    public static string NotKnownValue(string ctx, int r, string type) => $"{ctx} the register R{r} is not a known value ({type})";
    public static string SubprogExitNotScalar(int r, string type) => $"At subprogram exit the register R{r} is not a scalar value ({type})";

    /// <summary>Prefix of every rejection for something bpfv does not model: never a silent accept.</summary>
    public static string Unsupported(string what) => $"bpfv: unsupported: {what}";
}
