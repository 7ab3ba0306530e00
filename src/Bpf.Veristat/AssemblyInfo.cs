using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Bpf.Veristat.Tests")]
