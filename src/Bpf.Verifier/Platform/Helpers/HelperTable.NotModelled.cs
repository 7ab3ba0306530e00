namespace Bpf.Verifier.Platform;

public static partial class HelperTable
{
    /// <summary>
    /// Helper ids of Linux 6.18 with no prototype here yet (calls are rejected as "bpfv: unsupported: helper ...").
    /// With <see cref="IsModelled"/> (a prototype, or a callback helper) this accounts for every id below
    /// __BPF_FUNC_MAX_ID; a test fails when a new id appears in none of them.
    /// </summary>
    public static bool IsModelled(int id) => Find(id) != null || CallbackHelpers.Find(id) != null;

    public static readonly int[] NotModelled =
    [
        // rc_repeat, rc_keydown, rc_pointer_rel (lirc_mode2, a program type bpfv does not know)
        77, 78, 92,
        // bprm_opts_set, ima_inode_hash, ima_file_hash (LSM programs, not modelled; the ima ones have an allowed() rule)
        159, 161, 193,
    ];
}
