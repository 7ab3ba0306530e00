using Bpf.Object;
using Bpf.Verifier.Passes;

namespace Bpf.Verifier;

/// <summary>Entry point: verify one program of an object as the Linux 6.18 verifier would, for a privileged loader.</summary>
public static class BpfVerifier
{
    public static VerificationResult Verify(ObjectSpec obj, ProgramSpec prog, VerifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(prog);
        ArgumentNullException.ThrowIfNull(options);
        return Log.LibbpfLogFixup.Apply(prog, VerifierPipeline.Run(obj, prog, options));
    }
}
