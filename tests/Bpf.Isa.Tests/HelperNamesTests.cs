namespace Bpf.Isa.Tests;

public class HelperNamesTests
{
    [Fact]
    public void CountAndLastIdMatchLinux618()
    {
        // 6.18's enum bpf_func_id ends at BPF_FUNC_cgrp_storage_delete = 211 (__BPF_FUNC_MAX_ID = 212):
        // the helper list was frozen upstream, new functions are kfuncs.
        Assert.Equal(212, HelperNames.Count);
        Assert.True(HelperNames.TryGetName(211, out string last));
        Assert.Equal("bpf_cgrp_storage_delete", last);
        Assert.False(HelperNames.TryGetName(212, out _));
        Assert.False(HelperNames.TryGetName(-1, out _));
    }

    [Theory]
    [InlineData(0, "bpf_unspec")]
    [InlineData(1, "bpf_map_lookup_elem")]
    [InlineData(8, "bpf_get_smp_processor_id")]
    [InlineData(12, "bpf_tail_call")]
    [InlineData(130, "bpf_ringbuf_output")]
    [InlineData(181, "bpf_loop")]
    [InlineData(210, "bpf_cgrp_storage_get")]
    public void NamesByIdMatchTheKernelLog(int id, string name)
    {
        Assert.True(HelperNames.TryGetName(id, out string got));
        Assert.Equal(name, got);
        Assert.True(HelperNames.TryGetShortName(id, out string shortName));
        Assert.Equal(name[4..], shortName);
    }

    [Theory]
    [InlineData("bpf_map_lookup_elem", 1)]
    [InlineData("map_lookup_elem", 1)]
    [InlineData("bpf_loop", 181)]
    [InlineData("loop", 181)]
    public void ReverseLookupAcceptsBothSpellings(string name, int id)
    {
        Assert.True(HelperNames.TryGetId(name, out int got));
        Assert.Equal(id, got);
    }

    [Fact]
    public void ReverseLookupRejectsUnknownNames()
    {
        Assert.False(HelperNames.TryGetId("bpf_obj_new_impl", out _));
        Assert.False(HelperNames.TryGetId("", out _));
    }

    [Fact]
    public void EveryIdRoundTrips()
    {
        for (int id = 0; id < HelperNames.Count; id++)
        {
            Assert.True(HelperNames.TryGetName(id, out string name));
            Assert.True(HelperNames.TryGetId(name, out int back));
            Assert.Equal(id, back);
        }
    }
}
