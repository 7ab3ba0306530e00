/* The live kernel's verifier on a program LiveLoad exported (bench/liveload/README.md): creates the maps of
 * DIR/maps.txt (max_entries 0 becomes the CPU count for perf event arrays, 1 otherwise, as libbpf does; global data
 * gets its initial value, read-only data is frozen), loads DIR/insns.bin with those maps as fd_array, prints the
 * verifier log and closes the program at once: nothing is attached or pinned.
 * Build: cc -O2 -o /tmp/lload bench/liveload/lload.c
 * Usage: lload DIR PROG_TYPE LICENSE LOG_LEVEL [KERN_VERSION [PROG_FLAGS [ATTACH_TYPE]]]   (LOG_LEVEL 4: statistics;
 *        1|4, 2|4: logs) */
#include <linux/bpf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <sys/syscall.h>
static long sys_bpf(int cmd, union bpf_attr *a) { return syscall(__NR_bpf, cmd, a, sizeof(*a)); }
static int create(unsigned t, unsigned k, unsigned v, unsigned max, unsigned fl, int inner, const char *name) {
  union bpf_attr a; memset(&a, 0, sizeof a);
  /* the kernel prints map=NAME in its log (15 characters kept, as libbpf passes them) */
  if (name) strncpy(a.map_name, name, BPF_OBJ_NAME_LEN - 1);
  if (max == 0) max = (t == BPF_MAP_TYPE_PERF_EVENT_ARRAY) ? (unsigned)sysconf(_SC_NPROCESSORS_CONF) : 1;
  if ((t == BPF_MAP_TYPE_ARRAY_OF_MAPS || t == BPF_MAP_TYPE_HASH_OF_MAPS) && v == 0) v = 4; /* an inner map's fd */
  a.map_type = t; a.key_size = k; a.value_size = v; a.max_entries = max; a.map_flags = fl; a.inner_map_fd = inner > 0 ? inner : 0;
  int fd = sys_bpf(BPF_MAP_CREATE, &a);
  if (fd < 0) { perror("map create"); fprintf(stderr, "type %u k %u v %u max %u fl %u\n", t, k, v, max, fl); }
  return fd;
}
int main(int argc, char **argv) {
  char path[4096]; int fds[1024]; int n = 0;
  snprintf(path, sizeof path, "%s/maps.txt", argv[1]);
  FILE *f = fopen(path, "r"); char line[8192];
  while (f && fgets(line, sizeof line, f)) {
    unsigned t, k, v, max, fl, ro; char init[4096], inner[256], name[256];
    if (sscanf(line, "%u %u %u %u %u %u %s %s %s", &t, &k, &v, &max, &fl, &ro, init, inner, name) < 8) continue;
    int ifd = -1;
    if (strcmp(inner, "-")) { unsigned it, ik, iv, im, ifl; sscanf(inner, "%u,%u,%u,%u,%u", &it, &ik, &iv, &im, &ifl); ifd = create(it, ik, iv, im, ifl, -1, NULL); }
    if (ro) fl |= BPF_F_RDONLY_PROG;
    int fd = create(t, k, v, max, fl, ifd, name);
    if (strcmp(init, "-") && fd >= 0) {
      FILE *b = fopen(init, "rb"); static char val[1 << 24]; size_t len = fread(val, 1, sizeof val, b); fclose(b); (void)len;
      union bpf_attr a; memset(&a, 0, sizeof a); unsigned key = 0;
      a.map_fd = fd; a.key = (unsigned long)&key; a.value = (unsigned long)val;
      if (sys_bpf(BPF_MAP_UPDATE_ELEM, &a)) perror("update");
      if (ro) { memset(&a, 0, sizeof a); a.map_fd = fd; if (sys_bpf(BPF_MAP_FREEZE, &a)) perror("freeze"); }
    }
    fds[n++] = fd;
  }
  snprintf(path, sizeof path, "%s/insns.bin", argv[1]);
  FILE *pi = fopen(path, "rb"); static struct bpf_insn insns[1 << 20]; size_t cnt = fread(insns, 8, 1 << 20, pi); fclose(pi);
  size_t logsz = 1u << 29; char *log = malloc(logsz); log[0] = 0;
  union bpf_attr a; memset(&a, 0, sizeof a);
  a.prog_type = atoi(argv[2]); a.insns = (unsigned long)insns; a.insn_cnt = cnt; a.license = (unsigned long)argv[3];
  a.log_level = atoi(argv[4]); a.log_buf = (unsigned long)log; a.log_size = logsz; a.fd_array = (unsigned long)fds;
  if (argc > 5) a.kern_version = atoi(argv[5]);
  if (argc > 6) a.prog_flags = atoi(argv[6]);
  if (argc > 7) a.expected_attach_type = atoi(argv[7]);
  int fd = sys_bpf(BPF_PROG_LOAD, &a);
  fputs(log, stdout);
  fprintf(stderr, "prog load: %d (%s)\n", fd, fd < 0 ? strerror(errno) : "ok");
  if (fd >= 0) close(fd);
  return fd >= 0 ? 0 : 1;
}
