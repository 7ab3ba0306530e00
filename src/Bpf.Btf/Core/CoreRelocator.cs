using Bpf.Isa;

namespace Bpf.Btf;

/// <summary>
/// Applies CO-RE relocations the way libbpf does (relo_core.c): finds target candidates by essential name and
/// kind, matches the access spec, checks all matching candidates agree, computes the new value and patches the
/// instruction (or poisons it when the target lacks what the program needs).
/// One instance per (local BTF, target BTF) pair; caches candidate lists per local type. Not thread-safe.
/// </summary>
public sealed partial class CoreRelocator(BtfSpec local, BtfSpec target)
{
    /// <summary>Imm of the call libbpf writes into a poisoned instruction ("bad relo").</summary>
    public const int PoisonImm = 0xbad2310;

    private readonly Dictionary<uint, uint[]> _candidates = [];

    public BtfSpec Local { get; } = local;
    public BtfSpec Target { get; } = target;

    /// <summary>One-shot convenience: resolve and patch <paramref name="insns"/>[<paramref name="insnIndex"/>].</summary>
    public static bool TryApply(Span<Instruction> insns, int insnIndex, BtfSpec local, CoreRelo relo, BtfSpec target, out string? error) =>
        new CoreRelocator(local, target).TryApply(insns, insnIndex, relo, out error);

    /// <summary>
    /// Resolves <paramref name="relo"/> and patches the instruction at <paramref name="insnIndex"/> (an index into
    /// <paramref name="insns"/>, i.e. relo.InsnOff / 8 relative to the section start when insns is the section).
    /// Returns false with libbpf's reason when the relocation is fatal (libbpf then fails the object load);
    /// a poisoned instruction is a success.
    /// </summary>
    public bool TryApply(Span<Instruction> insns, int insnIndex, CoreRelo relo, out string? error)
    {
        if (!TryResolve(relo, out var res, out error))
            return false;
        return TryPatch(insns, insnIndex, res, out error);
    }

    /// <summary>Computes the relocation result without touching instructions. Never throws on malformed BTF.</summary>
    public bool TryResolve(CoreRelo relo, out CoreResult result, out string? error)
    {
        try
        {
            return Resolve(relo, out result, out error);
        }
        catch (BtfException e)
        {
            result = default;
            error = e.Message;
            return false;
        }
    }

    private bool Resolve(CoreRelo relo, out CoreResult result, out string? error)
    {
        result = default;
        if (!Local.IsValidId(relo.TypeId))
        {
            error = $"invalid local type id {relo.TypeId}";
            return false;
        }
        string localName = Local.Name(relo.TypeId);
        if (relo.Kind != CoreReloKind.TypeIdLocal && localName.Length == 0)
        {
            error = $"target candidate search failed for [{relo.TypeId}] {Local.Kind(relo.TypeId).KernelName()} <anon>: -22";
            return false;
        }
        var localSpec = CoreSpecParser.ParseLocal(Local, relo, out string? why);
        if (localSpec == null)
        {
            error = $"parsing [{relo.TypeId}] {Local.Kind(relo.TypeId).KernelName()} {localName} + {relo.AccessString} failed: {why}";
            return false;
        }
        if (relo.Kind == CoreReloKind.TypeIdLocal)
        {
            result = new CoreResult(relo.TypeId, relo.TypeId, false, false, false, 0, 0, 0, 0);
            error = null;
            return true;
        }

        bool found = false;
        CoreSpec? targSpec = null;
        foreach (uint cand in Candidates(relo.TypeId))
        {
            int m = CoreSpecParser.Match(localSpec, Target, cand, out var candSpec);
            if (m < 0)
            {
                error = $"error matching candidate [{cand}] {Target.Name(cand)}";
                return false;
            }
            if (m == 0)
                continue;
            if (!TryCalc(relo, localSpec, candSpec, out var candRes, out error))
                return false;
            if (!found)
            {
                found = true;
                targSpec = candSpec;
                result = candRes;
            }
            else if (candSpec.BitOffset != targSpec!.BitOffset)
            {
                error = $"field offset ambiguity: {candSpec.BitOffset} != {targSpec.BitOffset}";
                return false;
            }
            else if (candRes.Poison != result.Poison || candRes.NewVal != result.NewVal)
            {
                error = $"relocation decision ambiguity: {(candRes.Poison ? "failure" : "success")} {candRes.NewVal} != {(result.Poison ? "failure" : "success")} {result.NewVal}";
                return false;
            }
        }
        if (!found)
            return TryCalc(relo, localSpec, null, out result, out error);
        error = null;
        return true;
    }

    /// <summary>Target types whose essential name equals the local type's and whose kind is CO-RE compatible.</summary>
    private uint[] Candidates(uint localId)
    {
        if (_candidates.TryGetValue(localId, out var cached))
            return cached;
        string name = Local.Name(localId);
        var kind = Local.Kind(localId);
        string essential = name[..CoreKinds.EssentialNameLength(name)];
        var list = new List<uint>();
        foreach (uint id in Target.FindByEssentialName(essential))
        {
            if (CoreKinds.KindCompatible(Target.Kind(id), kind))
                list.Add(id);
        }
        var arr = list.ToArray();
        _candidates[localId] = arr;
        return arr;
    }
}
