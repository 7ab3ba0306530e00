using System.Runtime.InteropServices;

namespace Bpf.Verifier.Domain;

/// <summary>
/// A frame's stack, copy-on-write: a copy of a frame shares the arrays of its <see cref="StackStore"/> until
/// either side writes, so a branch or a checkpoint copies the registers only. Read through <see cref="Slots"/> and
/// <see cref="Spilled"/>; write only through <see cref="WritableSlots"/>, <see cref="WritableSpilled"/> and the
/// setters below, which take a private copy first when the store is shared.
/// </summary>
public sealed partial class FuncState
{
    private StackStore? _store;
    // The store's arrays, cached: reads are the hot path.
    private SlotType[] _slots = [];
    private RegState[] _spilled = [];
    /// <summary>Where private copies of the stack come from and go back to (null: plain allocation).</summary>
    internal StackStorePool? Pool;

    /// <summary>Per-byte slot type, length = allocated stack bytes (multiple of 8).</summary>
    public ReadOnlySpan<SlotType> Slots => _slots;
    /// <summary>Spilled register per 8-byte slot.</summary>
    public ReadOnlySpan<RegState> Spilled => _spilled;

    /// <summary>The slot types, private to this frame, for writing.</summary>
    public Span<SlotType> WritableSlots
    {
        get
        {
            OwnStack();
            return _slots;
        }
    }

    /// <summary>The spilled registers, private to this frame, for writing.</summary>
    public Span<RegState> WritableSpilled
    {
        get
        {
            OwnStack();
            return _spilled;
        }
    }

    public SlotType ByteType(int off) => _slots[-off - 1];

    /// <summary>True when the whole slot is a full 8-byte register spill.</summary>
    public bool IsSpilledReg(int spi) => _slots[spi * RegSize + RegSize - 1] == SlotType.Spill;

    /// <summary>Stores <paramref name="value"/> in slot <paramref name="spi"/>; storing what is there already copies nothing.</summary>
    public void SetSpilled(int spi, in RegState value)
    {
        if (SameBits(_spilled[spi], value))
            return;
        OwnStack();
        _spilled[spi] = value;
    }

    /// <summary>Sets the precision mark of the register spilled at <paramref name="spi"/> (a no-op copies nothing).</summary>
    public void SetSpilledPrecise(int spi, bool precise)
    {
        if (_spilled[spi].Precise == precise)
            return;
        OwnStack();
        _spilled[spi].Precise = precise;
    }

    /// <summary>Forgets slot <paramref name="spi"/> (a dead slot of a cleaned checkpoint): invalid bytes, no spill.</summary>
    public void ClearSlot(int spi)
    {
        if (!_slots.AsSpan(spi * RegSize, RegSize).ContainsAnyExcept(SlotType.Invalid) && SameBits(_spilled[spi], RegState.NotInit))
            return;
        OwnStack();
        _spilled[spi] = RegState.NotInit;
        _slots.AsSpan(spi * RegSize, RegSize).Fill(SlotType.Invalid);
    }

    /// <summary>Grows the stack so that <paramref name="bytes"/> bytes below fp exist (grow_stack_state).</summary>
    public void GrowStack(int bytes)
    {
        int size = (bytes + RegSize - 1) / RegSize * RegSize;
        if (size <= _slots.Length)
            return;
        var grown = Rent(size / RegSize);
        Array.Copy(_slots, grown.Slots, _slots.Length);
        Array.Copy(_spilled, grown.Spilled, _spilled.Length);
        grown.Slots.AsSpan(_slots.Length).Clear();
        grown.Spilled.AsSpan(_spilled.Length).Fill(RegState.NotInit);
        ReleaseStack();
        Use(grown);
        if (SlotLive != null)
            Array.Resize(ref SlotLive, _spilled.Length);
    }

    /// <summary>Shares <paramref name="o"/>'s stack (CopyFrom).</summary>
    private void ShareStack(FuncState o)
    {
        if (ReferenceEquals(_store, o._store))
            return;
        ReleaseStack();
        if (o._store != null)
            o._store.Refs++;
        _store = o._store;
        _slots = o._slots;
        _spilled = o._spilled;
        Pool ??= o.Pool;
    }

    /// <summary>Lets go of the stack (the frame is finished or about to get another one).</summary>
    internal void ReleaseStack()
    {
        if (_store != null && --_store.Refs == 0)
            Pool?.Return(_store);
        _store = null;
        _slots = [];
        _spilled = [];
    }

    private void OwnStack()
    {
        if (_store == null || _store.Refs == 1)
            return;
        var copy = Rent(_spilled.Length);
        _slots.CopyTo(copy.Slots, 0);
        _spilled.CopyTo(copy.Spilled, 0);
        _store.Refs--;
        Use(copy);
    }

    private StackStore Rent(int slotCount) => Pool?.Rent(slotCount) ?? new StackStore(slotCount);

    private void Use(StackStore store)
    {
        _store = store;
        _slots = store.Slots;
        _spilled = store.Spilled;
    }

    private static bool SameBits(in RegState a, in RegState b) =>
        MemoryMarshal.AsBytes(new ReadOnlySpan<RegState>(in a)).SequenceEqual(MemoryMarshal.AsBytes(new ReadOnlySpan<RegState>(in b)));
}

/// <summary>The arrays of one stack and how many frames share them; whoever rents one writes all of it.</summary>
internal sealed class StackStore(int slotCount)
{
    public readonly SlotType[] Slots = GC.AllocateUninitializedArray<SlotType>(slotCount * FuncState.RegSize);
    public readonly RegState[] Spilled = GC.AllocateUninitializedArray<RegState>(slotCount);
    public int Refs = 1;
}

/// <summary>Stacks nothing refers to any more, by size, for the next private copy of that size.</summary>
internal sealed class StackStorePool
{
    private const int MaxSlots = 64;
    private readonly Stack<StackStore>?[] _free = new Stack<StackStore>?[MaxSlots + 1];

    public StackStore Rent(int slotCount)
    {
        if (slotCount <= MaxSlots && _free[slotCount] is { Count: > 0 } s)
        {
            var store = s.Pop();
            store.Refs = 1;
            return store;
        }
        return new StackStore(slotCount);
    }

    public void Return(StackStore store)
    {
        int n = store.Spilled.Length;
        if (n <= MaxSlots)
            (_free[n] ??= new Stack<StackStore>()).Push(store);
    }
}
