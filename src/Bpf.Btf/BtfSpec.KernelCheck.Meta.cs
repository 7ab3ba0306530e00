namespace Bpf.Btf;

public sealed partial class BtfSpec
{
    private sealed partial class KernelBtfChecker
    {
        private string? CheckHeader()
        {
            var h = btf.Header;
            if (btf._nonZeroHeaderTail)
                return "Unsupported btf_header";
            if (btf.DataLength == h.HdrLen)
                return "No data";
            // Sections sorted by offset must tile the data after the header exactly.
            uint expected = (uint)btf.DataLength - h.HdrLen;
            var (first, second) = h.TypeOff < h.StrOff || (h.TypeOff == h.StrOff && h.TypeLen <= h.StrLen)
                ? ((h.TypeOff, h.TypeLen), (h.StrOff, h.StrLen))
                : ((h.StrOff, h.StrLen), (h.TypeOff, h.TypeLen));
            uint total = 0;
            foreach (var (off, len) in new[] { first, second })
            {
                if (expected < off)
                    return "Invalid section offset";
                if (total < off)
                    return "Unsupported section found";
                if (total > off)
                    return "Section overlap found";
                if (expected - total < len)
                    return "Total section length too long";
                total += len;
            }
            if (expected != total)
                return "Unsupported section found";
            if (h.StrOff + h.StrLen != expected)
                return "String section is not at the end";
            if (h.StrLen == 0 || h.StrLen - 1 > MaxNameOffset)
                return "Invalid string section";
            if ((h.TypeOff & 3) != 0)
                return "Unaligned type_off";
            if (h.TypeLen == 0)
                return "No type found";
            if (btf.TypeCount - 1 > MaxTypeId)
                return "Exceeded max num of types";
            return null;
        }

        private bool ValidIdentifier(uint off)
        {
            var s = btf.StringSpanAt(off);
            if (s.IsEmpty || s.Length >= KsymNameLen)
                return false;
            if (!IsAlpha(s[0]) && s[0] != '_' && s[0] != '.')
                return false;
            for (int i = 1; i < s.Length; i++)
            {
                byte c = s[i];
                if (!IsAlpha(c) && !(c >= '0' && c <= '9') && c != '_' && c != '.')
                    return false;
            }
            return true;

            static bool IsAlpha(byte c) => (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
        }

        private bool ValidSectionName(uint off)
        {
            var s = btf.StringSpanAt(off);
            if (s.IsEmpty || s.Length >= KsymNameLen)
                return false;
            foreach (byte c in s)
            {
                if (c < 0x20 || c > 0x7e)
                    return false;
            }
            return true;
        }

        private static bool ValidRef(uint id) => id <= MaxTypeId;

        private string? CheckMetas()
        {
            for (uint id = 1; id < (uint)btf.TypeCount; id++)
            {
                string? err = CheckMeta(id);
                if (err != null)
                    return err;
            }
            return null;
        }

        private string? CheckMeta(uint id)
        {
            uint info = btf.RawInfo(id);
            // BTF_INFO_MASK: kind_flag, 5 kind bits, 16 vlen bits.
            if ((info & ~0x9f00ffffu) != 0)
                return $"[{id}] Invalid btf_info:{info:x}";
            var kind = btf.Kind(id);
            int vlen = btf.Vlen(id);
            bool kflag = btf.KindFlag(id);
            uint nameOff = btf.NameOff(id);
            uint size = btf.RawSize(id);
            switch (kind)
            {
                case BtfKind.Int:
                    {
                        if (vlen != 0)
                            return Fail(id, "vlen != 0");
                        if (kflag)
                            return Fail(id, "Invalid btf_info kind_flag");
                        var enc = btf.IntEncoding(id);
                        if ((enc.Raw & ~0x0fff00ffu) != 0)
                            return $"[{id}] INT {btf.KernelNameByOffset(nameOff)} Invalid int_data:{enc.Raw:x}";
                        uint bits = enc.Bits + enc.Offset;
                        if (bits > 128)
                            return Fail(id, "nr_bits exceeds 128");
                        if ((bits + 7) / 8 > size)
                            return Fail(id, "nr_bits exceeds type_size");
                        if (enc.Encoding is not (0 or BtfIntEncoding.SignedFlag or BtfIntEncoding.CharFlag or BtfIntEncoding.BoolFlag))
                            return Fail(id, "Unsupported encoding");
                        return null;
                    }
                case BtfKind.Ptr:
                case BtfKind.Typedef:
                case BtfKind.Volatile:
                case BtfKind.Const:
                case BtfKind.Restrict:
                case BtfKind.TypeTag:
                    if (vlen != 0)
                        return Fail(id, "vlen != 0");
                    // Since 6.14 a type tag may set kind_flag (an __attribute__ rather than btf_type_tag).
                    if (kflag && kind != BtfKind.TypeTag)
                        return Fail(id, "Invalid btf_info kind_flag");
                    if (!ValidRef(btf.RefType(id)))
                        return Fail(id, "Invalid type_id");
                    if (kind == BtfKind.Typedef ? nameOff == 0 || !ValidIdentifier(nameOff)
                        : kind == BtfKind.TypeTag ? btf.StringSpanAt(nameOff).IsEmpty
                        : nameOff != 0)
                        return Fail(id, "Invalid name");
                    return null;
                case BtfKind.Array:
                    {
                        if (nameOff != 0)
                            return Fail(id, "Invalid name");
                        if (vlen != 0)
                            return Fail(id, "vlen != 0");
                        if (kflag)
                            return Fail(id, "Invalid btf_info kind_flag");
                        if (size != 0)
                            return Fail(id, "size != 0");
                        var a = btf.ArrayInfo(id);
                        if (a.ElemType == 0 || !ValidRef(a.ElemType))
                            return Fail(id, "Invalid elem");
                        if (a.IndexType == 0 || !ValidRef(a.IndexType))
                            return Fail(id, "Invalid index");
                        return null;
                    }
                case BtfKind.Struct:
                case BtfKind.Union:
                    {
                        if (nameOff != 0 && !ValidIdentifier(nameOff))
                            return Fail(id, "Invalid name");
                        uint last = 0;
                        for (int i = 0; i < vlen; i++)
                        {
                            var m = btf.Member(id, i);
                            if (m.NameOff != 0 && !ValidIdentifier(m.NameOff))
                                return FailMember(id, i, "Invalid name");
                            if (m.TypeId == 0 || !ValidRef(m.TypeId))
                                return FailMember(id, i, "Invalid type_id");
                            if (kind == BtfKind.Union && m.BitOffset != 0)
                                return FailMember(id, i, "Invalid member bits_offset");
                            if (last > m.BitOffset)
                                return FailMember(id, i, "Invalid member bits_offset");
                            if ((m.BitOffset + 7UL) / 8 > size)
                                return FailMember(id, i, "Member bits_offset exceeds its struct size");
                            last = m.BitOffset;
                        }
                        return null;
                    }
                case BtfKind.Enum:
                case BtfKind.Enum64:
                    if (size > 8 || size == 0 || (size & (size - 1)) != 0)
                        return Fail(id, "Unexpected size");
                    if (nameOff != 0 && !ValidIdentifier(nameOff))
                        return Fail(id, "Invalid name");
                    for (int i = 0; i < vlen; i++)
                    {
                        uint off = btf.EnumValue(id, i).NameOff;
                        if (off == 0 || !ValidIdentifier(off))
                            return Fail(id, "Invalid name");
                    }
                    return null;
                case BtfKind.Fwd:
                    if (vlen != 0)
                        return Fail(id, "vlen != 0");
                    if (btf.RefType(id) != 0)
                        return Fail(id, "type != 0");
                    if (nameOff == 0 || !ValidIdentifier(nameOff))
                        return Fail(id, "Invalid name");
                    return null;
                case BtfKind.Func:
                    if (nameOff == 0 || !ValidIdentifier(nameOff))
                        return Fail(id, "Invalid name");
                    if (vlen > (int)BtfLinkage.Global)
                        return Fail(id, "Invalid func linkage");
                    if (kflag)
                        return Fail(id, "Invalid btf_info kind_flag");
                    return null;
                case BtfKind.FuncProto:
                    if (nameOff != 0)
                        return Fail(id, "Invalid name");
                    if (kflag)
                        return Fail(id, "Invalid btf_info kind_flag");
                    return null;
                case BtfKind.Var:
                    {
                        if (vlen != 0)
                            return Fail(id, "vlen != 0");
                        if (kflag)
                            return Fail(id, "Invalid btf_info kind_flag");
                        if (nameOff == 0 || !ValidIdentifier(nameOff))
                            return Fail(id, "Invalid name");
                        uint t = btf.RefType(id);
                        if (t == 0 || !ValidRef(t))
                            return Fail(id, "Invalid type_id");
                        if (btf.VarLinkage(id) is not (BtfLinkage.Static or BtfLinkage.Global))
                            return Fail(id, "Linkage not supported");
                        return null;
                    }
                case BtfKind.Datasec:
                    {
                        if (size == 0)
                            return Fail(id, "size == 0");
                        if (kflag)
                            return Fail(id, "Invalid btf_info kind_flag");
                        if (nameOff == 0 || !ValidSectionName(nameOff))
                            return Fail(id, "Invalid name");
                        ulong lastEnd = 0, sum = 0;
                        for (int i = 0; i < vlen; i++)
                        {
                            var v = btf.DatasecVar(id, i);
                            if (v.TypeId == 0 || !ValidRef(v.TypeId))
                                return FailVsi(id, v, "Invalid type_id");
                            if (v.Offset < lastEnd || v.Offset >= size)
                                return FailVsi(id, v, "Invalid offset");
                            if (v.Size == 0 || v.Size > size)
                                return FailVsi(id, v, "Invalid size");
                            lastEnd = (ulong)v.Offset + v.Size;
                            if (lastEnd > size)
                                return FailVsi(id, v, "Invalid offset+size");
                            sum += v.Size;
                        }
                        if (size < sum)
                            return Fail(id, "Invalid btf_info size");
                        return null;
                    }
                case BtfKind.Float:
                    if (vlen != 0)
                        return Fail(id, "vlen != 0");
                    if (kflag)
                        return Fail(id, "Invalid btf_info kind_flag");
                    if (size is not (2 or 4 or 8 or 12 or 16))
                        return Fail(id, "Invalid type_size");
                    return null;
                case BtfKind.DeclTag:
                    if (btf.StringSpanAt(nameOff).IsEmpty)
                        return Fail(id, "Invalid value");
                    if (vlen != 0)
                        return Fail(id, "vlen != 0");
                    // kind_flag on decl tags (attributes) is accepted since 6.14.
                    if (btf.DeclTagComponentIdx(id) < -1)
                        return Fail(id, "Invalid component_idx");
                    return null;
                default:
                    return $"[{id}] Invalid kind:{(int)kind}";
            }
        }
    }
}
