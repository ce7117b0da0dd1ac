/* Syscall-heavy load generator for the kernel sensor's benchmark (bench/sensor.sh).
 *
 *   sensor-workload open  N [path]   open/read/close `path` (default /etc/hostname) N times
 *   sensor-workload exec  N          fork + exec /bin/true N times, waiting for each
 *   sensor-workload burst S [path]   openat/close as fast as possible for S seconds, printing the rate
 *
 * Prints one line: mode, operations, elapsed seconds, operations per second.
 * Build: /opt/swift/usr/bin/clang -O2 -o sensor-workload bench/sensor-workload.c */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int usage(void)
{
    fprintf(stderr, "usage: sensor-workload open N [path] | exec N | burst SECONDS [path]\n");
    return 2;
}

static void report(const char *mode, long operations, double elapsed)
{
    printf("%s: %ld operations in %.3f s, %.0f per second\n", mode, operations, elapsed,
           elapsed > 0 ? (double)operations / elapsed : 0.0);
}

static int open_mode(long count, const char *path)
{
    char buffer[256];
    double start = now_seconds();
    for (long i = 0; i < count; i++) {
        int fd = openat(AT_FDCWD, path, O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            perror(path);
            return 1;
        }
        if (read(fd, buffer, sizeof(buffer)) < 0) {
            perror("read");
            close(fd);
            return 1;
        }
        close(fd);
    }
    report("open", count, now_seconds() - start);
    return 0;
}

static int exec_mode(long count)
{
    double start = now_seconds();
    for (long i = 0; i < count; i++) {
        pid_t child = fork();
        if (child < 0) {
            perror("fork");
            return 1;
        }
        if (child == 0) {
            char *argv[] = {"true", NULL};
            execv("/bin/true", argv);
            _exit(127);
        }
        int status = 0;
        if (waitpid(child, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            fprintf(stderr, "exec: /bin/true failed\n");
            return 1;
        }
    }
    report("exec", count, now_seconds() - start);
    return 0;
}

static int burst_mode(double seconds, const char *path)
{
    long count = 0;
    double start = now_seconds();
    double deadline = start + seconds;
    double current = start;
    while (current < deadline) {
        /* check the clock every 1024 opens: the loop is the load */
        for (int i = 0; i < 1024; i++) {
            int fd = openat(AT_FDCWD, path, O_RDONLY | O_CLOEXEC);
            if (fd < 0) {
                perror(path);
                return 1;
            }
            close(fd);
        }
        count += 1024;
        current = now_seconds();
    }
    report("burst", count, current - start);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 3)
        return usage();
    char *end = NULL;
    const char *path = argc > 3 ? argv[3] : "/etc/hostname";
    if (strcmp(argv[1], "open") == 0) {
        long count = strtol(argv[2], &end, 10);
        if (*end || count <= 0)
            return usage();
        return open_mode(count, path);
    }
    if (strcmp(argv[1], "exec") == 0) {
        long count = strtol(argv[2], &end, 10);
        if (*end || count <= 0)
            return usage();
        return exec_mode(count);
    }
    if (strcmp(argv[1], "burst") == 0) {
        double seconds = strtod(argv[2], &end);
        if (*end || seconds <= 0)
            return usage();
        return burst_mode(seconds, path);
    }
    return usage();
}
