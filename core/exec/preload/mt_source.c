/* What a record says about a descriptor (its kind and addresses) and, in python3, the user's
 * FILE:LINE. */
#include "mt_internal.h"

/* ---------- describing descriptors ---------- */

static size_t addrText(const struct sockaddr_storage *ss, socklen_t len, char *out, size_t cap)
{
    char host[INET6_ADDRSTRLEN] = "";
    if (len == 0) {
        out[0] = 0;
        return 0;
    }
    if (ss->ss_family == AF_INET) {
        const struct sockaddr_in *a = (const struct sockaddr_in *)ss;
        inet_ntop(AF_INET, &a->sin_addr, host, sizeof host);
        return (size_t)snprintf(out, cap, "%s:%u", host, ntohs(a->sin_port));
    }
    if (ss->ss_family == AF_INET6) {
        const struct sockaddr_in6 *a = (const struct sockaddr_in6 *)ss;
        inet_ntop(AF_INET6, &a->sin6_addr, host, sizeof host);
        return (size_t)snprintf(out, cap, "[%s]:%u", host, ntohs(a->sin6_port));
    }
    if (ss->ss_family == AF_UNIX) {
        const struct sockaddr_un *a = (const struct sockaddr_un *)ss;
        return (size_t)snprintf(out, cap, "unix:%s", len > sizeof(sa_family_t) ? a->sun_path : "");
    }
    out[0] = 0;
    return 0;
}

/* Sends what fd is now. The caller holds g_lock; t_inside is set. */
void describeLocked(int fd)
{
    describeConnectingLocked(fd, NULL, 0);
}

/* As describeLocked; `to`: where a connect that is still in progress is going. Until the
 * handshake ends the kernel has no peer name for it, and the socket would read as unconnected. */
void describeConnectingLocked(int fd, const struct sockaddr *to, socklen_t tolen)
{
    struct stat st;
    char data[2 * 128 + 2];
    size_t len = 0;
    int kind = MTK_OTHER;
    if (fstat(fd, &st) != 0)
        return;
    if (S_ISSOCK(st.st_mode)) {
        int type = 0, acc = 0;
        socklen_t tl = sizeof type, al = sizeof acc;
        struct sockaddr_storage ss;
        socklen_t sl = sizeof ss;
        getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &tl);
        getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &acc, &al);
        if (getsockname(fd, (struct sockaddr *)&ss, &sl) != 0)
            sl = 0;
        len = addrText(&ss, sl, data, 128) + 1;
        sl = sizeof ss;
        if (getpeername(fd, (struct sockaddr *)&ss, &sl) != 0) {
            sl = 0;
            if (to && tolen > 0 && tolen <= sizeof ss) {
                memcpy(&ss, to, tolen);
                sl = tolen;
            }
        }
        len += addrText(&ss, sl, data + len, 128);
        kind = acc ? MTK_LISTENER : type == SOCK_DGRAM ? MTK_DGRAM : sl ? MTK_STREAM : MTK_SOCKET;
        setBit(g_isSock, fd, 1);
    } else if (S_ISFIFO(st.st_mode)) {
        kind = MTK_PIPE;
    } else if (S_ISREG(st.st_mode)) {
        kind = MTK_FILE;
    } else if (S_ISCHR(st.st_mode)) {
        kind = MTK_TTY;
    } else {
        char path[64], link[64] = "";
        snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
        ssize_t n = readlink(path, link, sizeof link - 1);
        if (n > 0) {
            link[n] = 0;
            kind = strstr(link, "eventpoll") ? MTK_EPOLL
                   : strstr(link, "eventfd") ? MTK_EVENTFD
                                             : MTK_OTHER;
        }
    }
    struct mt_rec h;
    initRec(&h, MT_DESC, MTC_NONE, fd);
    h.arg = kind;
    finishRec(&h, 0, len, 0);
    putLocked(&h, NULL, data, NULL);
    setBit(g_described, fd, 1);
}

void forgetFd(int fd)
{
    setBit(g_isSock, fd, 0);
    setBit(g_described, fd, 0);
}

/* ---------- the Python line ---------- */

/* In a python3 process the innermost frame in the user's own script (not in the standard
 * library, so a selectors call is the user's line) is found through the C API, resolved at run
 * time: the library links no Python and works in any program. select() and friends release the
 * GIL before calling C, so the walk takes it back with PyGILState_Ensure. */
typedef void *PyObj;
static struct {
    int tried, ok;
    int (*isInitialized)(void);
    int (*gilEnsure)(void);
    void (*gilRelease)(int);
    PyObj (*getFrame)(void);
    PyObj (*frameBack)(PyObj);
    PyObj (*frameCode)(PyObj);
    int (*frameLine)(PyObj);
    PyObj (*getAttr)(PyObj, const char *);
    const char *(*utf8)(PyObj);
    void (*decRef)(PyObj);
    void (*incRef)(PyObj);
    PyObj (*sysGet)(const char *);
} py;
static char g_stdlib[512]; /* sys._stdlib_dir, "" until known */

static void pyResolve(void)
{
    py.tried = 1;
    py.isInitialized = (int (*)(void))dlsym(RTLD_DEFAULT, "Py_IsInitialized");
    if (!py.isInitialized)
        return;
    py.gilEnsure = (int (*)(void))dlsym(RTLD_DEFAULT, "PyGILState_Ensure");
    py.gilRelease = (void (*)(int))dlsym(RTLD_DEFAULT, "PyGILState_Release");
    py.getFrame = (PyObj(*)(void))dlsym(RTLD_DEFAULT, "PyEval_GetFrame");
    py.frameBack = (PyObj(*)(PyObj))dlsym(RTLD_DEFAULT, "PyFrame_GetBack");
    py.frameCode = (PyObj(*)(PyObj))dlsym(RTLD_DEFAULT, "PyFrame_GetCode");
    py.frameLine = (int (*)(PyObj))dlsym(RTLD_DEFAULT, "PyFrame_GetLineNumber");
    py.getAttr = (PyObj(*)(PyObj, const char *))dlsym(RTLD_DEFAULT, "PyObject_GetAttrString");
    py.utf8 = (const char *(*)(PyObj))dlsym(RTLD_DEFAULT, "PyUnicode_AsUTF8");
    py.decRef = (void (*)(PyObj))dlsym(RTLD_DEFAULT, "Py_DecRef");
    py.incRef = (void (*)(PyObj))dlsym(RTLD_DEFAULT, "Py_IncRef");
    py.sysGet = (PyObj(*)(const char *))dlsym(RTLD_DEFAULT, "PySys_GetObject");
    py.ok = py.gilEnsure && py.gilRelease && py.getFrame && py.frameBack && py.frameCode &&
            py.frameLine && py.getAttr && py.utf8 && py.decRef && py.incRef && py.sysGet;
}

/* co_filename of a code object, through a small cache: the same few code objects make every
 * call of a server's loop, and the lookup by name costs more than the rest of the walk. Each
 * cached code object is kept alive (one reference), so its address cannot be reused for
 * another. The GIL is held. */
#define MT_CODE_CACHE 64
static struct {
    PyObj code;
    char file[480];
} g_codes[MT_CODE_CACHE];

static const char *codeFile(PyObj code)
{
    unsigned slot = (unsigned)(((uintptr_t)code >> 4) % MT_CODE_CACHE);
    if (g_codes[slot].code == code)
        return g_codes[slot].file;
    PyObj name = py.getAttr(code, "co_filename");
    const char *file = name ? py.utf8(name) : NULL;
    if (!file) {
        if (name)
            py.decRef(name);
        return NULL;
    }
    if (g_codes[slot].code)
        py.decRef(g_codes[slot].code);
    py.incRef(code);
    g_codes[slot].code = code;
    snprintf(g_codes[slot].file, sizeof g_codes[slot].file, "%s", file);
    py.decRef(name);
    return g_codes[slot].file;
}

static int isLibraryFile(const char *file)
{
    if (file[0] == '<') /* <frozen importlib._bootstrap>, <string> */
        return 1;
    if (g_stdlib[0])
        return strncmp(file, g_stdlib, strlen(g_stdlib)) == 0;
    return strstr(file, "/lib/python3") != NULL;
}

/* Writes "FILE:LINE" of the innermost user frame into out; returns its length (0: none). */
size_t pythonSource(char *out, size_t cap)
{
    if (!py.tried)
        pyResolve();
    if (!py.ok || !py.isInitialized())
        return 0;
    size_t len = 0;
    int state = py.gilEnsure();
    if (!g_stdlib[0]) {
        PyObj dir = py.sysGet("_stdlib_dir"); /* borrowed */
        const char *d = dir ? py.utf8(dir) : NULL;
        if (d)
            snprintf(g_stdlib, sizeof g_stdlib, "%s/", d);
    }
    PyObj frame = py.getFrame(); /* borrowed */
    PyObj owned = NULL;
    char first[512] = "";
    int firstLine = 0;
    while (frame) {
        PyObj code = py.frameCode(frame);
        const char *file = code ? codeFile(code) : NULL;
        if (file) {
            int line = py.frameLine(frame);
            if (!first[0]) {
                snprintf(first, sizeof first, "%s", file);
                firstLine = line;
            }
            if (!isLibraryFile(file)) {
                int n = snprintf(out, cap, "%s:%d", file, line);
                len = n > 0 && (size_t)n < cap ? (size_t)n : 0;
            }
        }
        if (code)
            py.decRef(code);
        if (len)
            break;
        PyObj back = py.frameBack(frame); /* new reference */
        if (owned)
            py.decRef(owned);
        owned = frame = back;
    }
    if (owned)
        py.decRef(owned);
    if (!len && first[0]) { /* the whole stack is library code: its innermost line */
        int n = snprintf(out, cap, "%s:%d", first, firstLine);
        len = n > 0 && (size_t)n < cap ? (size_t)n : 0;
    }
    py.gilRelease(state);
    return len;
}
