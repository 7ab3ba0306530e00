/* Test programs for bpfv's test loader: selftest-style annotations (bpf_misc.h's encoding) on naked asm bodies. */
#define SEC(name) __attribute__((section(name), used))
#define __naked __attribute__((naked))
#define STR(x) #x
#define XSTR(x) STR(x)
#define __tag(s) __attribute__((btf_decl_tag("comment:" s)))
#define __success __tag("test_expect_success")
#define __failure __tag("test_expect_failure")
#define __failure_unpriv __tag("test_expect_failure_unpriv")
#define __auxiliary __tag("test_auxiliary")
#define __msg(m) __tag("test_expect_msg=" XSTR(__COUNTER__) "=" m)
#define __not_msg(m) __tag("test_expect_not_msg=" XSTR(__COUNTER__) "=" m)
#define __msg_unpriv(m) __tag("test_expect_msg_unpriv=" XSTR(__COUNTER__) "=" m)
#define __xlated(m) __tag("test_expect_xlated=" XSTR(__COUNTER__) "=" m)
#define __log_level(l) __tag("test_log_level=" #l)
#define __flag(f) __tag("test_prog_flags=" #f)
#define __retval(v) __tag("test_retval=" #v)
#define __description(d) __tag("test_description=" d)
#define __arch_arm64 __tag("test_arch=ARM64")
#define __btf_path(p) __tag("test_btf_path=" p)

char _license[] SEC("license") = "GPL";

SEC("socket") __description("plain success") __success
__naked void ok_plain(void)
{
	asm volatile ("r0 = 0; exit;");
}

SEC("socket") __success __retval(0)
__naked void ok_retval(void)
{
	asm volatile ("r0 = 0; exit;");
}

SEC("socket") __failure __msg("R0 !read_ok")
__naked void fail_uninit_r0(void)
{
	asm volatile ("exit;");
}

SEC("socket") __failure __msg("R0 !{{read_ok|unknown}}")
__naked void fail_regex(void)
{
	asm volatile ("exit;");
}

SEC("socket") __failure __msg("this message never appears")
__naked void fail_wrong_msg(void)
{
	asm volatile ("exit;");
}

SEC("socket") __failure
__naked void accepted_but_failure_expected(void)
{
	asm volatile ("r0 = 0; exit;");
}

SEC("socket") __success __log_level(2)
__msg("0: (b7) r0 = 0") __msg("1: (95) exit") __not_msg("r0 = 1")
__naked void level2_msgs(void)
{
	asm volatile ("r0 = 0; exit;");
}

SEC("socket") __success __log_level(2) __msg("r0 = 0") __not_msg("exit")
__naked void forbidden_msg(void)
{
	asm volatile ("r0 = 0; exit;");
}

SEC("socket") __success __msg("processed")
__naked void msg_needs_log(void)
{
	asm volatile ("r0 = 0; exit;");
}

SEC("socket") __success __failure_unpriv __msg_unpriv("unpriv only")
__naked void priv_and_unpriv(void)
{
	asm volatile ("r0 = 0; exit;");
}

SEC("socket") __success __arch_arm64
__naked void arm64_only(void)
{
	asm volatile ("r0 = 0; exit;");
}

SEC("socket") __success __flag(BPF_F_STRICT_ALIGNMENT)
__naked void strict_alignment(void)
{
	asm volatile ("r0 = 0; exit;");
}

SEC("socket") __success __flag(BPF_F_TEST_STATE_FREQ) __flag(BPF_F_ANY_ALIGNMENT)
__naked void state_freq(void)
{
	asm volatile ("r0 = 0; exit;");
}

SEC("socket") __success __btf_path("btf__core_reloc_arrays.bpf.o")
__naked void custom_btf(void)
{
	asm volatile ("r0 = 0; exit;");
}

SEC("socket") __success __xlated("0: r0 = 0")
__naked void xlated_expect(void)
{
	asm volatile ("r0 = 0; exit;");
}

SEC("socket") __auxiliary
__naked void aux_prog(void)
{
	asm volatile ("r0 = 0; exit;");
}

SEC("socket")
__naked void untagged(void)
{
	asm volatile ("r0 = 0; exit;");
}
