using Bpf.Btf;
using Bpf.TestLoader.Matching;

namespace Bpf.TestLoader.Spec;

/// <summary>A program whose tags test_loader cannot parse: it reports "Can't parse test spec" and runs nothing.</summary>
public sealed class TestSpecException(string message) : Exception(message);

/// <summary>
/// test_loader.c's parse_test_spec(): reads the <c>comment:test_*</c> decl tags on a program's FUNC into a
/// <see cref="TestSpec"/>. Tags apply in order; the mode mask, unprivileged defaults and message cloning follow it.
/// </summary>
public sealed class TestSpecParser
{
    /// <summary>The machine whose tests run; bpfv models an x86-64 kernel.</summary>
    public TestArch CurrentArch { get; init; } = TestArch.X86_64;

    /// <summary>Parses the spec of <paramref name="programName"/>; throws <see cref="TestSpecException"/> on a bad tag.</summary>
    public TestSpec Parse(BtfSpec? btf, string programName)
    {
        if (btf == null)
            throw new TestSpecException("BPF object has no BTF");
        uint funcId = btf.FindByName(programName, BtfKind.Func);
        if (funcId == 0)
            throw new TestSpecException($"failed to find FUNC BTF type for '{programName}'");
        return Parse(DeclTags.ForFunc(btf, funcId), programName);
    }

    public TestSpec Parse(IReadOnlyList<DeclTag> tags, string programName)
    {
        var b = new Builder(CurrentArch);
        foreach (var tag in tags)
            b.Apply(tag);
        return b.Build(programName, tags);
    }

    /// <summary>Mutable state of one parse, mirroring the locals of parse_test_spec().</summary>
    private sealed class Builder(TestArch currentArch)
    {
        private readonly SubBuilder _priv = new(), _unpriv = new();
        private TestModes _modes;
        private bool _hasUnprivResult, _hasUnprivRetval, _auxiliary, _collectJit, _annotated;
        private string? _description, _btfPath, _btfFuncPath;
        private int _logLevel, _flags = ProgLoadFlags.TestingDefaults;
        private TestArch _arch;
        private int _loadMask;

        public void Apply(DeclTag tag)
        {
            string s = tag.Body;
            if (s.StartsWith("test_", StringComparison.Ordinal) || s.StartsWith("load_mode=", StringComparison.Ordinal))
                _annotated = true;
            string? v;
            if ((v = Value(s, "test_description=")) != null)
                _description = v;
            else if (s == "test_expect_failure")
                SetResult(_priv, true, TestModes.Privileged);
            else if (s == "test_expect_success")
                SetResult(_priv, false, TestModes.Privileged);
            else if (s == "test_expect_failure_unpriv")
                SetUnprivResult(true);
            else if (s == "test_expect_success_unpriv")
                SetUnprivResult(false);
            else if (s == "test_auxiliary")
                SetAuxiliary(TestModes.Privileged);
            else if (s == "test_auxiliary_unpriv")
                SetAuxiliary(TestModes.Unprivileged);
            else if ((v = Message(tag, "test_expect_msg=")) != null)
                Push(_priv.Messages, v, negative: false, TestModes.Privileged);
            else if ((v = Message(tag, "test_expect_not_msg=")) != null)
                Push(_priv.Messages, v, negative: true, TestModes.Privileged);
            else if ((v = Message(tag, "test_expect_msg_unpriv=")) != null)
                Push(_unpriv.Messages, v, negative: false, TestModes.Unprivileged);
            else if ((v = Message(tag, "test_expect_not_msg_unpriv=")) != null)
                Push(_unpriv.Messages, v, negative: true, TestModes.Unprivileged);
            else if ((v = Message(tag, "test_jited=")) != null)
                Jited(_priv, v, TestModes.Privileged, "__jited");
            else if ((v = Message(tag, "test_jited_unpriv=")) != null)
                Jited(_unpriv, v, TestModes.Unprivileged, "__unpriv_jited");
            else if ((v = Message(tag, "test_expect_xlated=")) != null)
                PushDisasm(_priv.Xlated, ref _priv.XlatedNext, v, TestModes.Privileged);
            else if ((v = Message(tag, "test_expect_xlated_unpriv=")) != null)
                PushDisasm(_unpriv.Xlated, ref _unpriv.XlatedNext, v, TestModes.Unprivileged);
            else if ((v = Message(tag, "test_expect_stderr=")) != null)
                PushDisasm(_priv.Stderr, ref _priv.StderrNext, v, TestModes.None);
            else if ((v = Message(tag, "test_expect_stderr_unpriv=")) != null)
                PushDisasm(_unpriv.Stderr, ref _unpriv.StderrNext, v, TestModes.None);
            else if ((v = Message(tag, "test_expect_stdout=")) != null)
                PushDisasm(_priv.Stdout, ref _priv.StdoutNext, v, TestModes.None);
            else if ((v = Message(tag, "test_expect_stdout_unpriv=")) != null)
                PushDisasm(_unpriv.Stdout, ref _unpriv.StdoutNext, v, TestModes.None);
            else if ((v = Value(s, "test_retval=")) != null)
                Retval(_priv, v, TestModes.Privileged, "__retval");
            else if ((v = Value(s, "test_retval_unpriv=")) != null)
            {
                Retval(_unpriv, v, TestModes.Unprivileged, "__retval_unpriv");
                _hasUnprivRetval = true;
            }
            else if ((v = Value(s, "test_log_level=")) != null)
                _logLevel = TagValues.TryParseInt(v, out int l) ? l : throw new TestSpecException($"failed to parse test log level from '{v}'");
            else if ((v = Value(s, "test_prog_flags=")) != null)
                Flag(v);
            else if ((v = Value(s, "test_arch=")) != null)
                Arch(v);
            else if ((v = Value(s, "test_btf_path=")) != null)
                _btfPath = v;
            else if ((v = Value(s, "test_btf_func_path=")) != null)
                _btfFuncPath = v;
            else if ((v = Value(s, "test_caps_unpriv=")) != null)
            {
                _unpriv.Caps = TagValues.TryParseCaps(v, out ulong caps) ? caps : throw new TestSpecException("failed to parse caps test caps");
                _modes |= TestModes.Unprivileged;
            }
            else if ((v = Value(s, "load_mode=")) != null)
                _loadMask = v switch { "jited" => 1, "no_jited" => 2, _ => throw new TestSpecException($"bad load spec: '{v}'") };
            // test_linear_size only shapes the test run's context; nothing to check without an interpreter.
        }

        public TestSpec Build(string programName, IReadOnlyList<DeclTag> tags)
        {
            if (_modes == TestModes.None)
                _modes = TestModes.Privileged;
            if (!_hasUnprivResult)
                _unpriv.ExpectFailure = _priv.ExpectFailure;
            if (!_hasUnprivRetval)
            {
                _unpriv.Retval = _priv.Retval;
                _unpriv.Execute = _priv.Execute;
            }
            // Unprivileged expectations default to the privileged ones, list by list.
            CloneIfEmpty(_priv.Messages, _unpriv.Messages);
            CloneIfEmpty(_priv.Xlated, _unpriv.Xlated);
            CloneIfEmpty(_priv.Jited, _unpriv.Jited);
            CloneIfEmpty(_priv.Stderr, _unpriv.Stderr);
            CloneIfEmpty(_priv.Stdout, _unpriv.Stdout);
            return new TestSpec
            {
                ProgramName = programName,
                Description = _description,
                Modes = _modes,
                Privileged = _priv.ToSubspec(),
                Unprivileged = _unpriv.ToSubspec(),
                LogLevel = _logLevel,
                ProgFlags = _flags,
                ArchMask = _arch == 0 ? TestArch.All : _arch,
                RunsWithJit = _loadMask != 2,
                BtfPath = _btfPath,
                BtfFuncPath = _btfFuncPath,
                Auxiliary = _auxiliary,
                Annotated = _annotated,
                Tags = tags.Select(t => t.Body).ToArray(),
            };
        }

        private static string? Value(string s, string prefix) =>
            s.StartsWith(prefix, StringComparison.Ordinal) ? s[prefix.Length..] : null;

        /// <summary>skip_dynamic_pfx: counted tags read <c>key=N=text</c>; the text follows the second '='.</summary>
        private static string? Message(DeclTag tag, string prefix)
        {
            string? rest = Value(tag.Body, prefix);
            if (rest == null || !tag.Counted)
                return rest;
            int eq = rest.IndexOf('=');
            return eq < 0 ? null : rest[(eq + 1)..];
        }

        private void SetResult(SubBuilder sub, bool failure, TestModes mode)
        {
            sub.ExpectFailure = failure;
            _modes |= mode;
        }

        private void SetUnprivResult(bool failure)
        {
            SetResult(_unpriv, failure, TestModes.Unprivileged);
            _hasUnprivResult = true;
        }

        private void SetAuxiliary(TestModes mode)
        {
            _auxiliary = true;
            _modes |= mode;
        }

        private void Push(List<ExpectedMessage> list, string text, bool negative, TestModes mode)
        {
            list.Add(Create(text, negative, onNextLine: false));
            _modes |= mode;
        }

        /// <summary>push_disasm_msg: "..." breaks the next-line chain; other lines must follow the previous match.</summary>
        private void PushDisasm(List<ExpectedMessage> list, ref bool onNextLine, string text, TestModes mode)
        {
            if (text == "...")
            {
                onNextLine = false;
                return;
            }
            list.Add(Create(text, negative: false, onNextLine));
            onNextLine = true;
            _modes |= mode;
        }

        private void Jited(SubBuilder sub, string text, TestModes mode, string macro)
        {
            if (_arch == 0)
                throw new TestSpecException($"{macro} used before __arch_*");
            if (_collectJit)
                PushDisasm(sub.Jited, ref sub.JitedNext, text, mode);
        }

        private void Retval(SubBuilder sub, string text, TestModes mode, string macro)
        {
            if (!TagValues.TryParseRetval(text, out int r))
                throw new TestSpecException($"failed to parse {macro} from '{text}'");
            sub.Retval = r;
            sub.Execute = true;
            _modes |= mode;
        }

        private void Flag(string text)
        {
            bool clear = text.StartsWith('!');
            if (clear)
                text = text[1..];
            int bit = ProgLoadFlags.Parse(text)
                ?? (TagValues.TryParseInt(text, out int n) ? n : throw new TestSpecException($"failed to parse test prog flags from '{text}'"));
            _flags = clear ? _flags & ~bit : _flags | bit;
        }

        private void Arch(string text)
        {
            var arch = TagValues.ParseArch(text) ?? throw new TestSpecException($"bad arch spec: '{text}'");
            _arch |= arch;
            _collectJit = arch == currentArch;
            _priv.JitedNext = true;
            _unpriv.JitedNext = true;
        }

        private static ExpectedMessage Create(string text, bool negative, bool onNextLine) =>
            ExpectedMessage.Create(text, negative, onNextLine, out string? error) ?? throw new TestSpecException(error!);

        private static void CloneIfEmpty(List<ExpectedMessage> from, List<ExpectedMessage> to)
        {
            if (to.Count == 0)
                to.AddRange(from);
        }
    }

    private sealed class SubBuilder
    {
        public readonly List<ExpectedMessage> Messages = [], Xlated = [], Jited = [], Stderr = [], Stdout = [];
        public bool ExpectFailure, Execute;
        public bool XlatedNext = true, JitedNext = true, StderrNext = true, StdoutNext = true;
        public int Retval;
        public ulong Caps;

        public TestSubspec ToSubspec() => new()
        {
            ExpectFailure = ExpectFailure,
            Messages = Messages.ToArray(),
            Xlated = Xlated.ToArray(),
            Jited = Jited.ToArray(),
            Stderr = Stderr.ToArray(),
            Stdout = Stdout.ToArray(),
            Execute = Execute,
            Retval = Retval,
            Caps = Caps,
        };
    }
}
