/* An object without any test annotation: not a test_loader object. */
#define SEC(name) __attribute__((section(name), used))
char _license[] SEC("license") = "GPL";

SEC("socket")
int plain_prog(void *ctx)
{
	return 0;
}
