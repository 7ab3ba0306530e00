/* The machine's own noise: a loop that only reads the clock, counting the gaps in it (time the loop did not run:
 * interrupts, the hypervisor, other tasks). Any program timed on the machine, the kernel's verifier included, can
 * lose this much. Build and run: cc -O2 -o /tmp/gaps bench/timing/gaps.c && /tmp/gaps [seconds] */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static long long now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

int main(int argc, char **argv)
{
    double seconds = argc > 1 ? atof(argv[1]) : 3;
    long long start = now_ns(), prev = start, end = start + (long long)(seconds * 1e9), max = 0;
    long over20 = 0, over50 = 0, over100 = 0, over300 = 0;
    for (long long t = start; t < end; prev = t) {
        t = now_ns();
        long long gap = t - prev;
        over20 += gap > 20000;
        over50 += gap > 50000;
        over100 += gap > 100000;
        over300 += gap > 300000;
        if (gap > max)
            max = gap;
    }
    printf("%.1f s: gaps over 20 us: %ld, over 50 us: %ld, over 100 us: %ld, over 300 us: %ld; longest %lld us\n",
           seconds, over20, over50, over100, over300, max / 1000);
    return 0;
}
