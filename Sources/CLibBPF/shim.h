/* libbpf for Swift: the public headers plus small inline wrappers for what Swift cannot call directly. */
#ifndef BULKHEAD_CLIBBPF_SHIM_H
#define BULKHEAD_CLIBBPF_SHIM_H

#include <bpf/libbpf.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>

/* libbpf_get_error is deprecated in 1.x (errors come back as NULL + errno); this keeps the NULL check in C. */
static inline int clibbpf_pointer_error(const void *pointer) {
    return (int)libbpf_get_error(pointer);
}

/* LIBBPF_OPTS is a macro Swift cannot import: a zeroed bpf_object_open_opts with its size set. */
static inline struct bpf_object_open_opts clibbpf_object_open_opts(const char *object_name) {
    struct bpf_object_open_opts opts = {0};
    opts.sz = sizeof(opts);
    opts.object_name = object_name;
    return opts;
}

#endif
