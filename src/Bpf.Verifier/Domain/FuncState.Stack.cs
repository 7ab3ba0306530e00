using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Bpf.Verifier.Domain;

/// <summary>
/// A frame's stack, copy-on-write: a copy of a frame shares the stack until either side writes, so a branch or a
/// checkpoint copies the registers only. The slot types are one shared array; the spilled registers (104 bytes per
/// 8-byte slot) are shared in chunks of <see cref="ChunkSlots"/> slots, so a write after a checkpoint copies the
/// chunk it touches, not the whole stack. Read through <see cref="Slots"/> and <see cref="Spilled"/>; write only
/// through <see cref="WritableSlots"/>, <see cref="WritableSpilled"/> and the setters below, which take a private
/// copy first when the part written is shared.
/// </summary>
public sealed partial class FuncState
{
    /// <summary>Slots per chunk of spilled registers: 64 stack bytes.</summary>
    public const int ChunkSlots = 8;

    private SlotTypeStore? _slotStore;
    // The store's array, cached: reads are the hot path.
    private SlotType[] _slots = [];
    private SpillChunk[] _chunks = [];
    private int _slotCount;
    /// <summary>Where private copies of the stack come from and go back to (null: plain allocation).</summary>
    internal StackStorePool? Pool;

    /// <summary>Per-byte slot type, length = allocated stack bytes (multiple of 8).</summary>
    public ReadOnlySpan<SlotType> Slots => _slots;
    /// <summary>Spilled register per 8-byte slot.</summary>
    public SpilledRegs Spilled => new(_chunks, _slotCount);

    /// <summary>The slot types, private to this frame, for writing.</summary>
    public Span<SlotType> WritableSlots
    {
        get
        {
            OwnSlots();
            return _slots;
        }
    }

    /// <summary>The spilled registers, each chunk made private to this frame when it is written.</summary>
    public SpilledRegsWriter WritableSpilled => new(this);

    public SlotType ByteType(int off) => _slots[-off - 1];

    /// <summary>True when the whole slot is a full 8-byte register spill.</summary>
    public bool IsSpilledReg(int spi) => _slots[spi * RegSize + RegSize - 1] == SlotType.Spill;

    /// <summary>Stores <paramref name="value"/> in slot <paramref name="spi"/>; storing what is there already copies nothing.</summary>
    public void SetSpilled(int spi, in RegState value)
    {
        ref readonly var cur = ref Spilled[spi];
        if (SameBits(cur, value))
            return;
        OwnChunk(spi) = value;
    }

    /// <summary>Sets the precision mark of the register spilled at <paramref name="spi"/> (a no-op copies nothing).</summary>
    public void SetSpilledPrecise(int spi, bool precise)
    {
        if (Spilled[spi].Precise == precise)
            return;
        OwnChunk(spi).Precise = precise;
    }

    /// <summary>Forgets slot <paramref name="spi"/> (a dead slot of a cleaned checkpoint): invalid bytes, no spill.</summary>
    public void ClearSlot(int spi)
    {
        if (_slots.AsSpan(spi * RegSize, RegSize).ContainsAnyExcept(SlotType.Invalid))
        {
            OwnSlots();
            _slots.AsSpan(spi * RegSize, RegSize).Fill(SlotType.Invalid);
        }
        if (!SameBits(Spilled[spi], RegState.NotInit))
            OwnChunk(spi) = RegState.NotInit;
    }

    /// <summary>Grows the stack so that <paramref name="bytes"/> bytes below fp exist (grow_stack_state).</summary>
    public void GrowStack(int bytes)
    {
        int size = (bytes + RegSize - 1) / RegSize * RegSize;
        if (size <= _slots.Length)
            return;
        int slotCount = size / RegSize;
        var grown = RentSlots(size);
        Array.Copy(_slots, grown.Types, _slots.Length);
        grown.Types.AsSpan(_slots.Length).Clear();
        ReleaseSlots();
        UseSlots(grown);

        int chunkCount = (slotCount + ChunkSlots - 1) / ChunkSlots;
        if (chunkCount > _chunks.Length)
        {
            var chunks = new SpillChunk[chunkCount];
            Array.Copy(_chunks, chunks, _chunks.Length);
            for (int c = _chunks.Length; c < chunkCount; c++)
                chunks[c] = RentChunk(fill: true);
            _chunks = chunks;
        }
        // Slots past the old count in the old last chunk are NotInit: chunks are filled whole when made.
        _slotCount = slotCount;
        if (SlotLive != null)
            Array.Resize(ref SlotLive, _slotCount);
    }

    /// <summary>Shares <paramref name="o"/>'s stack (CopyFrom).</summary>
    private void ShareStack(FuncState o)
    {
        Pool ??= o.Pool;
        if (!ReferenceEquals(_slotStore, o._slotStore))
        {
            ReleaseSlots();
            if (o._slotStore != null)
                o._slotStore.Refs++;
            _slotStore = o._slotStore;
            _slots = o._slots;
        }
        var theirs = o._chunks;
        if (_chunks.Length != theirs.Length)
        {
            ReleaseChunks();
            _chunks = theirs.Length == 0 ? [] : new SpillChunk[theirs.Length];
        }
        for (int c = 0; c < theirs.Length; c++)
        {
            var mine = _chunks[c];
            if (ReferenceEquals(mine, theirs[c]))
                continue;
            theirs[c].Refs++;
            if (mine != null)
                ReturnChunk(mine);
            _chunks[c] = theirs[c];
        }
        _slotCount = o._slotCount;
    }

    /// <summary>Lets go of the stack (the frame is finished or about to get another one).</summary>
    internal void ReleaseStack()
    {
        ReleaseSlots();
        ReleaseChunks();
        _chunks = [];
        _slotCount = 0;
    }

    private void ReleaseSlots()
    {
        if (_slotStore != null && --_slotStore.Refs == 0)
            Pool?.ReturnSlots(_slotStore);
        _slotStore = null;
        _slots = [];
    }

    private void ReleaseChunks()
    {
        for (int c = 0; c < _chunks.Length; c++)
        {
            if (_chunks[c] is { } chunk)
                ReturnChunk(chunk);
            _chunks[c] = null!;
        }
    }

    private void ReturnChunk(SpillChunk chunk)
    {
        if (--chunk.Refs == 0)
            Pool?.ReturnChunk(chunk);
    }

    private void OwnSlots()
    {
        if (_slotStore == null || _slotStore.Refs == 1)
            return;
        var copy = RentSlots(_slots.Length);
        _slots.CopyTo(copy.Types, 0);
        _slotStore.Refs--;
        UseSlots(copy);
    }

    /// <summary>The register of slot <paramref name="spi"/> in a chunk private to this frame.</summary>
    internal ref RegState OwnChunk(int spi)
    {
        if ((uint)spi >= (uint)_slotCount)
            throw new IndexOutOfRangeException();
        int c = spi / ChunkSlots;
        var chunk = _chunks[c];
        if (chunk.Refs != 1)
        {
            var copy = RentChunk(fill: false);
            copy.Regs = chunk.Regs;
            chunk.Refs--;
            _chunks[c] = chunk = copy;
        }
        return ref chunk.Regs[spi % ChunkSlots];
    }

    private SlotTypeStore RentSlots(int bytes) => Pool?.RentSlots(bytes) ?? new SlotTypeStore(bytes);

    private SpillChunk RentChunk(bool fill)
    {
        var chunk = Pool?.RentChunk() ?? new SpillChunk();
        if (fill)
            ((Span<RegState>)chunk.Regs).Fill(RegState.NotInit);
        return chunk;
    }

    private void UseSlots(SlotTypeStore store)
    {
        _slotStore = store;
        _slots = store.Types;
    }

    private static bool SameBits(in RegState a, in RegState b) =>
        MemoryMarshal.AsBytes(new ReadOnlySpan<RegState>(in a)).SequenceEqual(MemoryMarshal.AsBytes(new ReadOnlySpan<RegState>(in b)));
}

/// <summary>The spilled registers of a frame, read-only (indexed by slot).</summary>
public readonly ref struct SpilledRegs
{
    private readonly SpillChunk[] _chunks;

    internal SpilledRegs(SpillChunk[] chunks, int length)
    {
        _chunks = chunks;
        Length = length;
    }

    public int Length { get; }

    public ref readonly RegState this[int spi]
    {
        get
        {
            if ((uint)spi >= (uint)Length)
                throw new IndexOutOfRangeException();
            return ref _chunks[spi / FuncState.ChunkSlots].Regs[spi % FuncState.ChunkSlots];
        }
    }
}

/// <summary>The spilled registers of a frame for writing: indexing makes the slot's chunk private first.</summary>
public readonly ref struct SpilledRegsWriter
{
    private readonly FuncState _frame;

    internal SpilledRegsWriter(FuncState frame) => _frame = frame;

    public ref RegState this[int spi] => ref _frame.OwnChunk(spi);
}

/// <summary>Eight spilled registers stored inline.</summary>
[InlineArray(FuncState.ChunkSlots)]
public struct SpillChunkRegs
{
    private RegState _first;
}

/// <summary>One chunk of spilled registers and how many frames share it; whoever rents one writes all of it.</summary>
public sealed class SpillChunk
{
    internal SpillChunkRegs Regs;
    internal int Refs = 1;
}

/// <summary>The slot-type bytes of one stack and how many frames share them.</summary>
internal sealed class SlotTypeStore(int bytes)
{
    public readonly SlotType[] Types = GC.AllocateUninitializedArray<SlotType>(bytes);
    public int Refs = 1;
}

/// <summary>Stack parts nothing refers to any more, for the next private copy: slot-type arrays by size, and chunks.</summary>
internal sealed class StackStorePool
{
    private const int MaxBytes = 512;
    private readonly Stack<SlotTypeStore>?[] _slots = new Stack<SlotTypeStore>?[MaxBytes / FuncState.RegSize + 1];
    private readonly Stack<SpillChunk> _chunks = new();

    public SlotTypeStore RentSlots(int bytes)
    {
        int n = bytes / FuncState.RegSize;
        if (bytes <= MaxBytes && _slots[n] is { Count: > 0 } s)
        {
            var store = s.Pop();
            store.Refs = 1;
            return store;
        }
        return new SlotTypeStore(bytes);
    }

    public void ReturnSlots(SlotTypeStore store)
    {
        int bytes = store.Types.Length;
        if (bytes <= MaxBytes)
            (_slots[bytes / FuncState.RegSize] ??= new Stack<SlotTypeStore>()).Push(store);
    }

    public SpillChunk RentChunk()
    {
        if (_chunks.TryPop(out var chunk))
        {
            chunk.Refs = 1;
            return chunk;
        }
        return new SpillChunk();
    }

    public void ReturnChunk(SpillChunk chunk) => _chunks.Push(chunk);
}
