// Kernel-checked cases from the prevail session: a PREVAIL-style test object (all code in .text, a legacy "maps"
// section, helpers called through constant function pointers, no license). The corpus types each .text function of
// such an object as a socket filter program (ebpf-samples README). The kernel's answers come from the same code with
// SEC("socket") and a BTF map of the same sizes (identical instructions).
// Build: clang-19 -g -target bpf -Wall -O2 -c prevail_new_legacy.c -o prevail_new_legacy.o
typedef unsigned int uint32_t;
typedef unsigned long uint64_t;

struct legacy_map { uint32_t type, key_size, value_size, max_entries, map_flags, inner_map_idx, numa_node; };

__attribute__((section("maps"), used))
struct legacy_map table = { .type = 2, .key_size = 4, .value_size = 8 * 32, .max_entries = 1 };

static void *(*map_lookup)(struct legacy_map *map, const void *key) = (void *)1;

int legacy_bounded(void *ctx)
{
    uint32_t key = 0;
    uint64_t *v = map_lookup(&table, &key);
    if (!v)
        return 0;
    uint64_t i = v[0];
    return i < 32 ? (int)v[(v[i] & 3) * 4] : -1;
}

int legacy_unbounded(void *ctx)
{
    uint32_t key = 0;
    uint64_t *v = map_lookup(&table, &key);
    if (!v)
        return 0;
    uint64_t i = v[0];
    return i <= 32 ? (int)v[i] : -1;
}
