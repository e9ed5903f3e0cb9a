/*
 * mcpshim-sandbox: the launcher of mcpshim's sandboxed local servers (issue 16, README "Sandboxed host mode").
 *
 *   mcpshim-sandbox __sandbox-exec -- PROGRAM ARGS...
 *
 * mcpshim starts it between fork and exec and writes the compiled rules on its stdin, ahead of the client's first
 * frame. It reads exactly those bytes, sets the rlimits and no_new_privs, restricts itself with Landlock, marks every
 * descriptor but stdio close-on-exec, installs the seccomp filter and executes the server, which inherits all of it.
 * Any step that fails stops here with the reason on stderr and exit code 69: the server never runs half-sandboxed.
 *
 * Why C: a native AOT .NET binary spends about 3 ms starting its runtime before main, more than the whole sandbox
 * may cost a session's start (issue 16: under 5 ms). This program decides nothing. Every rule, right and BPF
 * instruction is chosen by mcpshim (SandboxProgram.Compile); this file only walks the layout documented in
 * src/McpShim/Sandbox/Linux/SandboxProgramChannel.cs and makes the system calls, the same steps in the same order
 * as mcpshim's own __sandbox-exec role (SandboxExec.cs), which runs when this binary is not beside mcpshim.
 * It uses libc and the kernel's UAPI only, and links statically where the toolchain can.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

/* The same numbers on x86_64 and aarch64 (syscalls added since 5.1 share one table). */
#define NR_CLOSE_RANGE 436
#define NR_OPENAT2 437
#define NR_LANDLOCK_CREATE_RULESET 444
#define NR_LANDLOCK_ADD_RULE 445
#define NR_LANDLOCK_RESTRICT_SELF 446

#define LANDLOCK_CREATE_RULESET_VERSION 1u
#define LANDLOCK_RULE_PATH_BENEATH 1
#define LANDLOCK_RULE_NET_PORT 2
#define LANDLOCK_ACCESS_NET_CONNECT_TCP 2ull
#define CLOSE_RANGE_CLOEXEC_FLAG 4u
#define RESOLVE_NO_SYMLINKS_FLAG 0x04ull
#define SECCOMP_MODE_FILTER_VALUE 2

#define ROLE "__sandbox-exec"
#define FORMAT "mcpshim-sandbox-rules/2"
#define FAILED 69
#define MAX_BYTES (16u << 20)

struct ruleset_attr { uint64_t handled_fs, handled_net, scoped; };
struct path_beneath_attr { uint64_t allowed; int32_t parent_fd; } __attribute__((packed));
struct net_port_attr { uint64_t allowed; uint64_t port; };
struct open_how_attr { uint64_t flags, mode, resolve; };
struct bpf_instruction { uint16_t code; uint8_t jt, jf; uint32_t k; };
struct bpf_program { unsigned short len; struct bpf_instruction *filter; };

/* The body on stdin, and a cursor over it: every read is bounds-checked, and any overrun is the same failure. */
struct cursor { const unsigned char *at, *end; };

static const char *error_name(int errno_value)
{
    static char other[32];
    switch (errno_value) {
    case EPERM: return "EPERM";
    case ENOENT: return "ENOENT";
    case EACCES: return "EACCES";
    case EINVAL: return "EINVAL";
    case ENOSYS: return "ENOSYS";
    case EOPNOTSUPP: return "EOPNOTSUPP";
    case ENOTDIR: return "ENOTDIR";
    case ELOOP: return "ELOOP";
    case E2BIG: return "E2BIG";
    case ENOEXEC: return "ENOEXEC";
    case ENOMEM: return "ENOMEM";
    default:
        snprintf(other, sizeof other, "errno %d", errno_value);
        return other;
    }
}

static int fail(const char *what)
{
    fprintf(stderr, "mcpshim: sandbox: %s; the server was not started.\n", what);
    return FAILED;
}

static int fail_errno(const char *call, const char *subject)
{
    char message[4352];
    int saved = errno;
    if (subject)
        snprintf(message, sizeof message, "%s for '%s' failed (%s)", call, subject, error_name(saved));
    else
        snprintf(message, sizeof message, "%s failed (%s)", call, error_name(saved));
    return fail(message);
}

static int read_exactly(int fd, unsigned char *buffer, size_t length)
{
    size_t done = 0;
    while (done < length) {
        ssize_t n = read(fd, buffer + done, length - done);
        if (n > 0) {
            done += (size_t)n;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        char message[128];
        snprintf(message, sizeof message, "stdin ended after %zu of %zu bytes of rules", done, length);
        return fail(message);
    }
    return 0;
}

static int take(struct cursor *c, void *out, size_t length)
{
    if ((size_t)(c->end - c->at) < length)
        return -1;
    memcpy(out, c->at, length);
    c->at += length;
    return 0;
}

/* Integers are little-endian on the wire; both processors mcpshim ships for are too, but say so rather than assume. */
static int u32(struct cursor *c, uint32_t *out)
{
    unsigned char b[4];
    if (take(c, b, sizeof b))
        return -1;
    *out = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
    return 0;
}

static int u64(struct cursor *c, uint64_t *out)
{
    uint32_t low, high;
    if (u32(c, &low) || u32(c, &high))
        return -1;
    *out = (uint64_t)high << 32 | low;
    return 0;
}

/* A count of items of at least item_bytes each, which must fit in what is left. */
static int count(struct cursor *c, size_t item_bytes, uint32_t *out)
{
    if (u32(c, out))
        return -1;
    return *out > (size_t)(c->end - c->at) / item_bytes ? -1 : 0;
}

/*
 * Strict UTF-8, as mcpshim's own decoder reads it: no overlong forms, no surrogates, nothing past U+10FFFF. mcpshim
 * only ever writes valid UTF-8, so this refuses exactly what its own role would, and the two launchers stay alike.
 */
static int valid_utf8(const unsigned char *at, size_t length)
{
    const unsigned char *end = at + length;
    while (at < end) {
        unsigned char lead = *at++;
        size_t more;
        uint32_t point, least;
        if (lead < 0x80)
            continue;
        if (lead >= 0xC2 && lead <= 0xDF) { more = 1; point = lead & 0x1Fu; least = 0x80; }
        else if (lead >= 0xE0 && lead <= 0xEF) { more = 2; point = lead & 0x0Fu; least = 0x800; }
        else if (lead >= 0xF0 && lead <= 0xF4) { more = 3; point = lead & 0x07u; least = 0x10000; }
        else return 0;
        if ((size_t)(end - at) < more)
            return 0;
        for (; more > 0; more--, at++) {
            if ((*at & 0xC0) != 0x80)
                return 0;
            point = point << 6 | (*at & 0x3Fu);
        }
        if (point < least || point > 0x10FFFF || (point >= 0xD800 && point <= 0xDFFF))
            return 0;
    }
    return 1;
}

/* A length-prefixed UTF-8 string, copied out NUL-terminated; a NUL inside is refused. */
static int text(struct cursor *c, char **out)
{
    uint32_t length;
    if (u32(c, &length) || length > (size_t)(c->end - c->at) || memchr(c->at, 0, length) || !valid_utf8(c->at, length))
        return -1;
    char *copy = malloc((size_t)length + 1);
    if (!copy)
        return -1;
    memcpy(copy, c->at, length);
    copy[length] = 0;
    c->at += length;
    *out = copy;
    return 0;
}

static int set_limit(int resource, uint64_t value)
{
    struct rlimit current, limit;
    /* Never raise a limit the user already set lower. */
    if (getrlimit(resource, &current) == 0 && current.rlim_max < value)
        value = current.rlim_max;
    limit.rlim_cur = limit.rlim_max = value;
    if (setrlimit(resource, &limit) == 0)
        return 0;
    char call[48];
    snprintf(call, sizeof call, "setrlimit(%s)", resource == RLIMIT_DATA ? "RLIMIT_DATA" : resource == RLIMIT_CORE ? "RLIMIT_CORE" : "?");
    return fail_errno(call, NULL);
}

static int open_rule_path(const char *path, int exact, int extra_flags)
{
    int flags = O_PATH | O_CLOEXEC | extra_flags;
    if (!exact)
        return open(path, flags);
    /* openat2 RESOLVE_NO_SYMLINKS: no component may be a link, so an entry swapped for one is not followed. */
    struct open_how_attr how = { (uint64_t)flags, 0, RESOLVE_NO_SYMLINKS_FLAG };
    return (int)syscall(NR_OPENAT2, AT_FDCWD, path, &how, sizeof how);
}

/* Adds one path rule; a path gone since the plan was made (or swapped for a link) gets nothing, the safe side. */
static int add_path(int ruleset, const char *path, uint64_t access, int exact, uint64_t file_rights)
{
    int is_folder = 1;
    int fd = open_rule_path(path, exact, O_DIRECTORY);
    if (fd < 0 && errno == ENOTDIR) {
        is_folder = 0;
        fd = open_rule_path(path, exact, 0);
    }
    if (fd < 0)
        return errno == ENOENT || errno == ELOOP || errno == EACCES ? 0 : fail_errno("open", path);
    struct path_beneath_attr attr = { is_folder ? access : access & file_rights, fd };
    int result = 0;
    if (attr.allowed != 0 && syscall(NR_LANDLOCK_ADD_RULE, ruleset, LANDLOCK_RULE_PATH_BENEATH, &attr, 0) < 0)
        result = fail_errno("landlock_add_rule", path);
    close(fd);
    return result;
}

/* The program, read whole before the first step, so a damaged one changes nothing (as in mcpshim's own role). */
struct limit { uint32_t resource; uint64_t value; };
struct path_rule { uint64_t access; uint32_t exact; char *path; };
struct program {
    uint32_t abi, ruleset_size;
    struct ruleset_attr ruleset;
    uint64_t file_rights;
    uint32_t n_limits, n_paths, n_ports;
    struct limit *limits;
    struct path_rule *paths;
    uint64_t *ports;
    struct bpf_program filter;
    char *target;
};

/* Walks the layout of SandboxProgramChannel.cs; -1 for anything that does not fit it exactly. */
static int parse(struct cursor *c, struct program *p)
{
    uint32_t n;
    if (u32(c, &p->abi) || u32(c, &p->ruleset_size) || p->ruleset_size > sizeof p->ruleset || u64(c, &p->ruleset.handled_fs)
        || u64(c, &p->ruleset.handled_net) || u64(c, &p->ruleset.scoped) || u64(c, &p->file_rights))
        return -1;

    if (count(c, 12, &p->n_limits) || !(p->limits = calloc(p->n_limits + 1u, sizeof *p->limits)))
        return -1;
    for (n = 0; n < p->n_limits; n++) {
        if (u32(c, &p->limits[n].resource) || u64(c, &p->limits[n].value))
            return -1;
    }
    if (count(c, 16, &p->n_paths) || !(p->paths = calloc(p->n_paths + 1u, sizeof *p->paths)))
        return -1;
    for (n = 0; n < p->n_paths; n++) {
        if (u64(c, &p->paths[n].access) || u32(c, &p->paths[n].exact) || text(c, &p->paths[n].path))
            return -1;
    }
    if (count(c, 8, &p->n_ports) || !(p->ports = calloc(p->n_ports + 1u, sizeof *p->ports)))
        return -1;
    for (n = 0; n < p->n_ports; n++) {
        if (u64(c, &p->ports[n]))
            return -1;
    }
    /* BPF_MAXINSNS: the kernel takes 1 to 4096 instructions. */
    if (count(c, 8, &n) || n == 0 || n > 4096 || !(p->filter.filter = calloc(n, sizeof *p->filter.filter)))
        return -1;
    p->filter.len = (unsigned short)n;
    for (uint32_t i = 0; i < n; i++) {
        unsigned char b[4];
        if (take(c, b, sizeof b) || u32(c, &p->filter.filter[i].k))
            return -1;
        p->filter.filter[i].code = (uint16_t)(b[0] | b[1] << 8);
        p->filter.filter[i].jt = b[2];
        p->filter.filter[i].jf = b[3];
    }
    return text(c, &p->target) || c->at != c->end ? -1 : 0;
}

/* Restricts this process as the program says, in SandboxExec.Apply's order; 0, or FAILED with the reason said. */
static int apply(const struct program *p)
{
    long kernel_abi = syscall(NR_LANDLOCK_CREATE_RULESET, NULL, 0, LANDLOCK_CREATE_RULESET_VERSION);
    if (kernel_abi < (long)p->abi || kernel_abi < 1) {
        char message[160];
        if (kernel_abi < 1)
            snprintf(message, sizeof message, "the rules were made for Landlock ABI %u, but this kernel offers no Landlock", p->abi);
        else
            snprintf(message, sizeof message, "the rules were made for Landlock ABI %u, but this kernel offers ABI %ld", p->abi, kernel_abi);
        return fail(message);
    }

    for (uint32_t n = 0; n < p->n_limits; n++) {
        if (set_limit((int)p->limits[n].resource, p->limits[n].value))
            return FAILED;
    }
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
        return fail_errno("prctl(PR_SET_NO_NEW_PRIVS)", NULL);

    int ruleset = (int)syscall(NR_LANDLOCK_CREATE_RULESET, &p->ruleset, (size_t)p->ruleset_size, 0);
    if (ruleset < 0)
        return fail_errno("landlock_create_ruleset", NULL);
    for (uint32_t n = 0; n < p->n_paths; n++) {
        if (add_path(ruleset, p->paths[n].path, p->paths[n].access, p->paths[n].exact != 0, p->file_rights))
            return FAILED;
    }
    for (uint32_t n = 0; n < p->n_ports; n++) {
        struct net_port_attr attr = { LANDLOCK_ACCESS_NET_CONNECT_TCP, p->ports[n] };
        if (syscall(NR_LANDLOCK_ADD_RULE, ruleset, LANDLOCK_RULE_NET_PORT, &attr, 0) < 0) {
            char port[32];
            snprintf(port, sizeof port, "TCP port %llu", (unsigned long long)attr.port);
            return fail_errno("landlock_add_rule", port);
        }
    }
    if (syscall(NR_LANDLOCK_RESTRICT_SELF, ruleset, 0, 0) < 0)
        return fail_errno("landlock_restrict_self", NULL);
    close(ruleset);

    if (syscall(NR_CLOSE_RANGE, 3, ~0u, CLOSE_RANGE_CLOEXEC_FLAG) < 0)
        return fail_errno("close_range(3, ~0, CLOSE_RANGE_CLOEXEC)", NULL);
    if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER_VALUE, &p->filter, 0, 0) != 0)
        return fail_errno("prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER)", NULL);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], ROLE) != 0) {
        fprintf(stderr, "mcpshim-sandbox is mcpshim's launcher for sandboxed local servers (%s); it is not for direct use.\n", ROLE);
        return 2;
    }
    if (argc < 4 || strcmp(argv[2], "--") != 0) {
        fprintf(stderr, "mcpshim: %s is mcpshim's own launcher for sandboxed local servers; it is not for direct use.\n", ROLE);
        return 2;
    }

    unsigned char head[4];
    if (read_exactly(0, head, sizeof head))
        return FAILED;
    uint32_t length = (uint32_t)head[0] | (uint32_t)head[1] << 8 | (uint32_t)head[2] << 16 | (uint32_t)head[3] << 24;
    if (length == 0 || length > MAX_BYTES) {
        char message[160];
        snprintf(message, sizeof message, "the rules on stdin claim %d bytes; mcpshim's launcher must be started by mcpshim itself", (int32_t)length);
        return fail(message);
    }
    unsigned char *body = malloc(length);
    if (!body)
        return fail("out of memory for the rules");
    if (read_exactly(0, body, length))
        return FAILED;

    if (length < sizeof FORMAT || memcmp(body, FORMAT, sizeof FORMAT) != 0)
        return fail("the launcher and mcpshim come from different builds (the rules are not in its format); install mcpshim-sandbox "
                    "from the same build as mcpshim, beside it ('./build.sh publish' puts both in artifacts/bin), or remove it");

    struct cursor c = { body + sizeof FORMAT, body + length };
    struct program program;
    memset(&program, 0, sizeof program);
    if (parse(&c, &program))
        return fail("the rules on stdin are not valid");
    if (apply(&program))
        return FAILED;

    execv(program.target, argv + 3);
    int saved = errno;
    fprintf(stderr, "mcpshim: sandbox: cannot execute '%s' (%s)%s\n", program.target, error_name(saved),
            saved == EACCES ? ": the sandbox does not let it run from there. Add its folder to \"hostReadable\" in the profile (see 'mcpshim show PROFILE')" : "");
    return FAILED;
}
