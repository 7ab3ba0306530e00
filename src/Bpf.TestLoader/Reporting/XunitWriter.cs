using System.Globalization;
using System.Xml;
using Bpf.TestLoader.Running;

namespace Bpf.TestLoader.Reporting;

/// <summary>xUnit v2 XML report (one collection per object file), for CI dashboards.</summary>
public sealed class XunitWriter
{
    private readonly List<ObjectResult> _objects = [];

    public TestTally Tally { get; } = new();

    public void Add(ObjectResult r)
    {
        Tally.Add(r);
        _objects.Add(r);
    }

    public void Write(TextWriter output)
    {
        var settings = new XmlWriterSettings { Indent = true, OmitXmlDeclaration = false };
        using var x = XmlWriter.Create(output, settings);
        x.WriteStartElement("assemblies");
        x.WriteStartElement("assembly");
        x.WriteAttributeString("name", "bpfv test");
        x.WriteAttributeString("test-framework", "bpfv test_loader");
        Counts(x, Tally.Pass + Tally.Fail + Tally.Skip, Tally.Pass, Tally.Fail, Tally.Skip);
        x.WriteAttributeString("errors", Tally.BadObjects.ToString(CultureInfo.InvariantCulture));
        foreach (var o in _objects)
            Collection(x, o);
        x.WriteEndElement();
        x.WriteEndElement();
        x.Flush();
        output.WriteLine();
    }

    private static void Collection(XmlWriter x, ObjectResult o)
    {
        x.WriteStartElement("collection");
        x.WriteAttributeString("name", Path.GetFileName(o.Path));
        int pass = o.Tests.Count(t => t.Status == TestStatus.Pass), fail = o.Tests.Count(t => t.Status == TestStatus.Fail);
        Counts(x, o.Tests.Count, pass, fail, o.Tests.Count - pass - fail);
        if (o.LoadError != null)
        {
            x.WriteStartElement("error");
            x.WriteAttributeString("message", o.LoadError);
            x.WriteEndElement();
        }
        foreach (var t in o.Tests)
            Test(x, o, t);
        x.WriteEndElement();
    }

    private static void Test(XmlWriter x, ObjectResult o, TestResult t)
    {
        x.WriteStartElement("test");
        x.WriteAttributeString("name", t.Name);
        x.WriteAttributeString("type", Path.GetFileName(o.Path));
        x.WriteAttributeString("method", t.Name[(t.Name.IndexOf('/') + 1)..]);
        x.WriteAttributeString("time", t.Duration.TotalSeconds.ToString("0.000000", CultureInfo.InvariantCulture));
        x.WriteAttributeString("result", t.Status switch { TestStatus.Pass => "Pass", TestStatus.Fail => "Fail", _ => "Skip" });
        string tag = TestResult.ReasonTag(t.Reason);
        if (t.Status == TestStatus.Skip)
        {
            x.WriteElementString("reason", $"[{tag}] {t.Message}");
        }
        else if (t.Status == TestStatus.Fail)
        {
            x.WriteStartElement("failure");
            x.WriteAttributeString("exception-type", tag);
            x.WriteElementString("message", t.Message);
            x.WriteElementString("stack-trace", string.Join('\n', t.Details));
            x.WriteEndElement();
        }
        x.WriteEndElement();
    }

    private static void Counts(XmlWriter x, int total, int pass, int fail, int skip)
    {
        x.WriteAttributeString("total", total.ToString(CultureInfo.InvariantCulture));
        x.WriteAttributeString("passed", pass.ToString(CultureInfo.InvariantCulture));
        x.WriteAttributeString("failed", fail.ToString(CultureInfo.InvariantCulture));
        x.WriteAttributeString("skipped", skip.ToString(CultureInfo.InvariantCulture));
    }
}
