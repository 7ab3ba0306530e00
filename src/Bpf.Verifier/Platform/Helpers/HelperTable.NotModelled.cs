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
        17, 33, 56, 64, 66, 73, 77, 78, 92, 101, 102, 103, 104, 109, 111, 116, 117, 119, 121, 126, 127, 128, 129, 136,
        137, 138, 139, 140, 141, 145, 146, 147, 149, 150, 153, 156, 157, 159, 161, 162, 165, 166, 167, 168, 169, 170,
        171, 172, 175, 176, 177, 178, 179, 183, 184, 185, 188, 189, 190, 191, 193, 196, 204, 205, 206, 207, 209, 210, 211,
    ];
}
