/* powercut: an LD_PRELOAD shim that cuts the power under a daihoi process,
 * after SQLite's own crash tests (test6.c, the "crash" VFS): every write to
 * the workspace files (the database and its -wal) since the last fsync or
 * fdatasync of that file is, at the cut, kept or lost sector by sector at
 * random; what was synced stays. The files are left as a disk would hold
 * them after the power came back, and the process is killed (SIGKILL:
 * nothing flushed, nothing closed).
 *
 *   POWERCUT_TARGET  the workspace file (absolute path): it and TARGET-wal are watched
 *   POWERCUT_AFTER   cut just before the K-th event (a write, truncate or sync of a
 *                    watched file); 0 or unset: never
 *   POWERCUT_SEED    seeds which unsynced sectors survive (some seeds keep none)
 *   POWERCUT_COUNT   a file that receives the number of events at exit (to choose K)
 *
 * The -shm file is not watched: a first connection after a crash rebuilds it.
 * What was on disk when the process started counts as synced. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#define SECTOR 512
#define MAX_FD 1024

struct range {
    off_t start, end;
};

struct watched {
    char path[4096];
    unsigned char* synced; /* the contents as of the last sync */
    off_t synced_size;
    int known;             /* synced[] read from the disk */
    struct range* dirty;   /* written since the last sync */
    size_t ndirty, cap;
};

static struct watched files[2];
static int fd_file[MAX_FD]; /* 0: not watched, else index + 1 */
static long long events, cut_at;
static unsigned long long seed;
static int ready;

static int (*real_open)(const char*, int, ...);
static int (*real_open64)(const char*, int, ...);
static ssize_t (*real_pwrite)(int, const void*, size_t, off_t);
static ssize_t (*real_pwrite64)(int, const void*, size_t, off_t);
static ssize_t (*real_write)(int, const void*, size_t);
static int (*real_fsync)(int);
static int (*real_fdatasync)(int);
static int (*real_ftruncate)(int, off_t);
static int (*real_ftruncate64)(int, off_t);
static int (*real_close)(int);
static int (*real_unlink)(const char*);

static unsigned long long next_random(void) { /* xorshift64* */
    seed ^= seed >> 12;
    seed ^= seed << 25;
    seed ^= seed >> 27;
    return seed * 2685821657736338717ULL;
}

static void init(void) {
    if (ready) return;
    real_open = dlsym(RTLD_NEXT, "open");
    real_open64 = dlsym(RTLD_NEXT, "open64");
    real_pwrite = dlsym(RTLD_NEXT, "pwrite");
    real_pwrite64 = dlsym(RTLD_NEXT, "pwrite64");
    real_write = dlsym(RTLD_NEXT, "write");
    real_fsync = dlsym(RTLD_NEXT, "fsync");
    real_fdatasync = dlsym(RTLD_NEXT, "fdatasync");
    real_ftruncate = dlsym(RTLD_NEXT, "ftruncate");
    real_ftruncate64 = dlsym(RTLD_NEXT, "ftruncate64");
    real_close = dlsym(RTLD_NEXT, "close");
    real_unlink = dlsym(RTLD_NEXT, "unlink");
    const char* target = getenv("POWERCUT_TARGET");
    if (target && *target) {
        snprintf(files[0].path, sizeof files[0].path, "%s", target);
        snprintf(files[1].path, sizeof files[1].path, "%s-wal", target);
    }
    const char* after = getenv("POWERCUT_AFTER");
    cut_at = after ? atoll(after) : 0;
    const char* s = getenv("POWERCUT_SEED");
    seed = (s ? strtoull(s, NULL, 10) : 0) * 0x9E3779B97F4A7C15ULL + 1;
    ready = 1;
}

static int watched_index(const char* path) {
    for (int i = 0; i < 2; ++i)
        if (files[i].path[0] && strcmp(path, files[i].path) == 0) return i;
    return -1;
}

static struct watched* watched_fd(int fd) {
    return fd >= 0 && fd < MAX_FD && fd_file[fd] ? &files[fd_file[fd] - 1] : NULL;
}

static off_t file_size(int fd) {
    struct stat st;
    return fstat(fd, &st) == 0 ? st.st_size : 0;
}

/* Reads [start, end) of fd into buf; what lies past the end reads as zeros. */
static void read_range(int fd, unsigned char* buf, off_t start, off_t end) {
    memset(buf, 0, (size_t)(end - start));
    off_t done = 0;
    while (start + done < end) {
        ssize_t n = pread(fd, buf + done, (size_t)(end - start - done), start + done);
        if (n <= 0) break;
        done += n;
    }
}

/* The contents on disk when first opened count as synced. */
static void learn(struct watched* w, int fd) {
    if (w->known) return;
    w->synced_size = file_size(fd);
    w->synced = malloc(w->synced_size ? (size_t)w->synced_size : 1);
    read_range(fd, w->synced, 0, w->synced_size);
    w->known = 1;
}

static void mark_dirty(struct watched* w, off_t start, off_t end) {
    if (end <= start) return;
    if (w->ndirty == w->cap) {
        w->cap = w->cap ? w->cap * 2 : 64;
        w->dirty = realloc(w->dirty, w->cap * sizeof *w->dirty);
    }
    w->dirty[w->ndirty++] = (struct range){start, end};
}

/* A sync: the file's present contents become the synced ones. */
static void synced(struct watched* w, int fd) {
    off_t size = file_size(fd);
    if (size != w->synced_size) {
        w->synced = realloc(w->synced, size ? (size_t)size : 1);
        if (size > w->synced_size) memset(w->synced + w->synced_size, 0, (size_t)(size - w->synced_size));
        w->synced_size = size;
    }
    for (size_t i = 0; i < w->ndirty; ++i) {
        off_t s = w->dirty[i].start, e = w->dirty[i].end;
        if (s >= size) continue;
        if (e > size) e = size;
        read_range(fd, w->synced + s, s, e);
    }
    w->ndirty = 0;
}

/* The power goes: each unsynced sector keeps what was written or goes back
 * to what was synced (zeros past the synced end); the file is as long as
 * what was synced, or to the end of the last written sector kept. */
static void cut(void) {
    for (int i = 0; i < 2; ++i) {
        struct watched* w = &files[i];
        if (!w->known || w->ndirty == 0) continue;
        int fd = real_open(w->path, O_RDWR);
        if (fd < 0) continue;
        off_t real_end = file_size(fd), new_size = w->synced_size;
        unsigned char sector[SECTOR], zero[SECTOR] = {0};
        int keep_all_lost = next_random() % 4 == 0; /* a quarter of the cuts keep nothing */
        for (size_t d = 0; d < w->ndirty; ++d) {
            for (off_t s = w->dirty[d].start / SECTOR * SECTOR; s < w->dirty[d].end; s += SECTOR) {
                int keep = !keep_all_lost && (next_random() & 1) && s < real_end;
                if (keep) {
                    if (s + SECTOR > new_size) new_size = s + SECTOR < real_end ? s + SECTOR : real_end;
                    continue;
                }
                const unsigned char* old = zero;
                if (s < w->synced_size) {
                    memset(sector, 0, SECTOR);
                    off_t n = w->synced_size - s < SECTOR ? w->synced_size - s : SECTOR;
                    memcpy(sector, w->synced + s, (size_t)n);
                    old = sector;
                }
                real_pwrite64(fd, old, SECTOR, s);
            }
        }
        real_ftruncate64(fd, new_size);
        real_close(fd);
    }
    kill(getpid(), SIGKILL);
}

static void event(void) {
    ++events;
    if (cut_at > 0 && events == cut_at) cut();
}

static int opened(const char* path, int fd) {
    int i = fd >= 0 && fd < MAX_FD ? watched_index(path) : -1;
    if (i >= 0) {
        fd_file[fd] = i + 1;
        learn(&files[i], fd);
    }
    return fd;
}

/* The mode argument is there only when the file may be created. */
#define OPEN_MODE(flags, mode)                 \
    if ((flags) & (O_CREAT | O_TMPFILE)) {     \
        va_list ap;                            \
        va_start(ap, flags);                   \
        mode = va_arg(ap, mode_t);             \
        va_end(ap);                            \
    }

int open(const char* path, int flags, ...) {
    init();
    mode_t mode = 0;
    OPEN_MODE(flags, mode)
    return opened(path, real_open(path, flags, mode));
}

int open64(const char* path, int flags, ...) {
    init();
    mode_t mode = 0;
    OPEN_MODE(flags, mode)
    return opened(path, real_open64(path, flags, mode));
}

static ssize_t written(int fd, ssize_t n, off_t at) {
    struct watched* w = watched_fd(fd);
    if (w && n > 0) mark_dirty(w, at, at + n);
    return n;
}

ssize_t pwrite64(int fd, const void* buf, size_t count, off_t offset) {
    init();
    if (watched_fd(fd)) event();
    return written(fd, real_pwrite64(fd, buf, count, offset), offset);
}

ssize_t pwrite(int fd, const void* buf, size_t count, off_t offset) {
    init();
    if (watched_fd(fd)) event();
    return written(fd, real_pwrite(fd, buf, count, offset), offset);
}

ssize_t write(int fd, const void* buf, size_t count) {
    init();
    if (!watched_fd(fd)) return real_write(fd, buf, count);
    event();
    off_t at = lseek(fd, 0, SEEK_CUR);
    return written(fd, real_write(fd, buf, count), at);
}

static int sync_with(int (*real)(int), int fd) {
    init();
    struct watched* w = watched_fd(fd);
    if (w) event();
    int rc = real(fd);
    if (w && rc == 0) synced(w, fd);
    return rc;
}

int fsync(int fd) { return sync_with(real_fsync, fd); }
int fdatasync(int fd) { return sync_with(real_fdatasync, fd); }

static int truncate_with(int (*real)(int, off_t), int fd, off_t length) {
    init();
    struct watched* w = watched_fd(fd);
    if (!w) return real(fd, length);
    event();
    off_t before = file_size(fd);
    int rc = real(fd, length);
    if (rc == 0) mark_dirty(w, length < before ? length : before, length < before ? before : length);
    return rc;
}

int ftruncate(int fd, off_t length) { return truncate_with(real_ftruncate, fd, length); }
int ftruncate64(int fd, off_t length) { return truncate_with(real_ftruncate64, fd, length); }

int close(int fd) {
    init();
    if (fd >= 0 && fd < MAX_FD) fd_file[fd] = 0;
    return real_close(fd);
}

/* Removing a file (SQLite deletes the -wal after its last checkpoint) is
 * taken as done at once: what it held is gone either way. */
int unlink(const char* path) {
    init();
    int i = watched_index(path);
    int rc = real_unlink(path);
    if (i >= 0 && rc == 0) {
        free(files[i].synced);
        files[i].synced = NULL;
        files[i].synced_size = 0;
        files[i].known = 0;
        files[i].ndirty = 0;
    }
    return rc;
}

__attribute__((destructor)) static void report(void) {
    const char* out = getenv("POWERCUT_COUNT");
    if (!out || !*out) return;
    FILE* f = fopen(out, "w");
    if (!f) return;
    fprintf(f, "%lld\n", events);
    fclose(f);
}
