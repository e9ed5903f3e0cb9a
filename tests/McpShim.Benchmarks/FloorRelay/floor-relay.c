/*
 * The floor of any stdio relay, for the benchmark's set-up R: start the server command, then copy stdin to its
 * stdin and its stdout to stdout on two threads, 64 KiB at a time. No framing, no parsing, no audit. Pipes are
 * enlarged to 1 MiB as mcpshim enlarges its own, so the two differ by what mcpshim does with the bytes.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static void enlarge(int fd) { (void)fcntl(fd, F_SETPIPE_SZ, 1 << 20); }

struct pump { int from, to; };

static void *copy(void *arg)
{
    struct pump *p = arg;
    static __thread char buffer[65536];
    ssize_t n;
    while ((n = read(p->from, buffer, sizeof buffer)) > 0)
        for (ssize_t done = 0; done < n;)
        {
            ssize_t w = write(p->to, buffer + done, (size_t)(n - done));
            if (w <= 0)
                return NULL;
            done += w;
        }
    close(p->to);
    return NULL;
}

int main(int argc, char **argv)
{
    int in[2], out[2];
    if (argc < 2 || pipe(in) != 0 || pipe(out) != 0)
        return 2;
    pid_t child = fork();
    if (child == 0)
    {
        dup2(in[0], 0);
        dup2(out[1], 1);
        close(in[1]);
        close(out[0]);
        execvp(argv[1], argv + 1);
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    enlarge(0);
    enlarge(1);
    enlarge(in[1]);
    enlarge(out[0]);
    struct pump up = { 0, in[1] }, down = { out[0], 1 };
    pthread_t a, b;
    pthread_create(&a, NULL, copy, &up);
    pthread_create(&b, NULL, copy, &down);
    pthread_join(b, NULL);
    int status;
    waitpid(child, &status, 0);
    return 0;
}
