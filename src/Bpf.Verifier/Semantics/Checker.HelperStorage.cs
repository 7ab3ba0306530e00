using Bpf.Object;
using Bpf.Verifier.Platform;

namespace Bpf.Verifier.Semantics;

/// <summary>Local storage helpers: the attach points where the tracing variants of sk_storage_get/delete may run.</summary>
internal sealed partial class Checker
{
    /// <summary>
    /// bpf_func_proto.allowed: bpf_sk_storage_tracing_allowed lets iterators, raw tracepoints and fentry/fexit of
    /// functions other than bpf_sk_storage* call the helper (the rest could recurse into the storage code).
    /// </summary>
    private void CheckHelperAllowed(HelperProto proto)
    {
        if (!proto.SkStorageTracingOnly)
            return;
        bool allowed = _prog.ExpectedAttachType switch
        {
            AttachType.TraceIter or AttachType.TraceRawTp => true,
            AttachType.TraceFentry or AttachType.TraceFexit =>
                _prog.AttachTo?.StartsWith("bpf_sk_storage", StringComparison.Ordinal) == false,
            _ => false,
        };
        if (!allowed)
            Fail("helper call is not allowed in probe", -22);
    }
}
