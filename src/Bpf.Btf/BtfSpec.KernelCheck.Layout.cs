namespace Bpf.Btf;

public sealed partial class BtfSpec
{
    private sealed partial class KernelBtfChecker
    {
        private string? ResolveComposite(uint id)
        {
            uint structSize = btf.RawSize(id);
            bool kflag = btf.KindFlag(id);
            for (int i = 0; i < btf.Vlen(id); i++)
            {
                var m = btf.Member(id, i);
                var mk = btf.Kind(m.TypeId);
                if (NoSize(mk) || SourceOnly(mk))
                    return FailMember(id, i, "Invalid member");
                string? err = FollowModifiers(id, m.TypeId, out uint t);
                if (err != null)
                    return err;
                if ((err = SizeOfResolved(id, t, out long msize)) != null)
                    return err;
                if (msize < 0)
                    return FailMember(id, i, "Invalid member");
                err = CheckMemberLayout(id, i, m, t, msize, structSize, kflag);
                if (err != null)
                    return err;
            }
            return null;
        }

        private string? CheckMemberLayout(uint id, int i, BtfMember m, uint t, long msize, uint structSize, bool kflag)
        {
            uint bitOff = m.BitOffset;
            uint bytesOff = bitOff / 8;
            switch (btf.Kind(t))
            {
                case BtfKind.Int:
                    {
                        var e = btf.IntEncoding(t);
                        uint nbits;
                        if (kflag)
                        {
                            if (!IntIsRegular(t))
                                return FailMember(id, i, "Invalid member base type");
                            nbits = m.BitfieldSize;
                            if (nbits == 0)
                            {
                                if ((bitOff & 7) != 0)
                                    return FailMember(id, i, "Invalid member offset");
                                nbits = e.Bits;
                            }
                            else if (nbits > e.Bits)
                            {
                                return FailMember(id, i, "Invalid member bitfield_size");
                            }
                        }
                        else
                        {
                            if (uint.MaxValue - bitOff < e.Offset)
                                return FailMember(id, i, "bits_offset exceeds U32_MAX");
                            bitOff += e.Offset;
                            bytesOff = bitOff / 8;
                            nbits = e.Bits;
                        }
                        uint copyBits = nbits + (bitOff & 7);
                        if (copyBits > 128)
                            return FailMember(id, i, "nr_copy_bits exceeds 128");
                        if (structSize < bytesOff || structSize - bytesOff < (copyBits + 7) / 8)
                            return FailMember(id, i, "Member exceeds struct_size");
                        return null;
                    }
                case BtfKind.Enum:
                case BtfKind.Enum64:
                    if (kflag && m.BitfieldSize != 0)
                    {
                        if (m.BitfieldSize > 32)
                            return FailMember(id, i, "Invalid member bitfield_size");
                        if (structSize < (bitOff + m.BitfieldSize + 7UL) / 8)
                            return FailMember(id, i, "Member exceeds struct_size");
                        return null;
                    }
                    if ((bitOff & 7) != 0)
                        return FailMember(id, i, "Member is not byte aligned");
                    if (structSize < bytesOff || structSize - bytesOff < msize)
                        return FailMember(id, i, "Member exceeds struct_size");
                    return null;
                case BtfKind.Float:
                    {
                        long align = Math.Min(8, msize) * 8;
                        if (align != 0 && bitOff % align != 0)
                            return FailMember(id, i, "Member is not properly aligned");
                        if (bytesOff + msize > structSize)
                            return FailMember(id, i, "Member exceeds struct_size");
                        return null;
                    }
                default:
                    // ptr, struct, union, array: byte aligned, no bitfield, within the struct.
                    if (kflag && m.BitfieldSize != 0)
                        return FailMember(id, i, "Invalid member bitfield_size");
                    if ((bitOff & 7) != 0)
                        return FailMember(id, i, "Member is not byte aligned");
                    if (structSize < bytesOff || structSize - bytesOff < msize)
                        return FailMember(id, i, "Member exceeds struct_size");
                    return null;
            }
        }

        private string? CheckFuncProto(uint id)
        {
            uint ret = btf.RefType(id);
            if (ret != 0)
            {
                if (!btf.IsValidId(ret) || SourceOnly(btf.Kind(ret)))
                    return Fail(id, "Invalid return type");
                string? err = ResolveType(ret);
                if (err != null)
                    return err;
                if ((err = FollowModifiers(id, ret, out uint r)) != null)
                    return err;
                if ((err = SizeOfResolved(id, r, out long rs)) != null)
                    return err;
                if (rs < 0)
                    return Fail(id, "Invalid return type");
            }
            int n = btf.Vlen(id);
            if (n == 0)
                return null;
            var lastArg = btf.Param(id, n - 1);
            if (lastArg.TypeId == 0)
            {
                if (lastArg.NameOff != 0)
                    return Fail(id, $"Invalid arg#{n}");
                n--;
            }
            for (int i = 0; i < n; i++)
            {
                var p = btf.Param(id, i);
                if (!btf.IsValidId(p.TypeId) || SourceOnly(btf.Kind(p.TypeId)))
                    return Fail(id, $"Invalid arg#{i + 1}");
                if (p.NameOff != 0 && !ValidIdentifier(p.NameOff))
                    return Fail(id, $"Invalid arg#{i + 1}");
                string? err = ResolveType(p.TypeId);
                if (err != null)
                    return err;
                if ((err = FollowModifiers(id, p.TypeId, out uint a)) != null)
                    return err;
                if ((err = SizeOfResolved(id, a, out long size)) != null)
                    return err;
                if (size < 0)
                    return Fail(id, $"Invalid arg#{i + 1}");
            }
            return null;
        }
    }
}
