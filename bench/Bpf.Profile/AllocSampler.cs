using System.Diagnostics.Tracing;

namespace Bpf.Profile;

/// <summary>
/// Samples allocations by type through the runtime's GCAllocationTick events (one per ~100 KB allocated), which
/// is enough to tell which objects a verification allocates most.
/// </summary>
internal sealed class AllocSampler : EventListener
{
    private readonly Dictionary<string, long> _bytes = [];
    private readonly object _lock = new();

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
            EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1); // GC keyword
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName == null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.Payload == null)
            return;
        int nameIdx = e.PayloadNames!.IndexOf("TypeName");
        int amountIdx = e.PayloadNames.IndexOf("AllocationAmount64");
        if (nameIdx < 0 || amountIdx < 0)
            return;
        string name = e.Payload[nameIdx] as string ?? "?";
        long amount = Convert.ToInt64(e.Payload[amountIdx], System.Globalization.CultureInfo.InvariantCulture);
        lock (_lock)
            _bytes[name] = _bytes.GetValueOrDefault(name) + amount;
    }

    public void Print(TextWriter w)
    {
        lock (_lock)
        {
            long total = 0;
            foreach (var v in _bytes.Values)
                total += v;
            var rows = new List<KeyValuePair<string, long>>(_bytes);
            rows.Sort((a, b) => b.Value.CompareTo(a.Value));
            w.WriteLine($"# sampled allocations: {total / 1048576.0:F1} MB");
            for (int i = 0; i < rows.Count && i < 25; i++)
                w.WriteLine($"# {rows[i].Value / 1048576.0,8:F1} MB  {rows[i].Key}");
        }
    }
}
