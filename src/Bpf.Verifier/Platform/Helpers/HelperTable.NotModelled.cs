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
        17, 33, 66, 73, 77, 78, 92, 109, 111, 117, 121, 153, 159, 161,
        166, 167, 168, 176, 177, 179, 183, 184, 185, 188, 189, 190, 193, 204, 205, 206,
        207, 209,
    ];
}
