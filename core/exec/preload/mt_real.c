/* The real functions, found with dlsym(RTLD_NEXT) behind the wrappers of this library. */
#include "mt_internal.h"

#define MT_DEFINE_REAL(ret, name, ...) name##_fn real_##name;
MT_REALS(MT_DEFINE_REAL)

#define MT_RESOLVE_REAL(ret, name, ...) RESOLVE(name);
void resolve_all(void)
{
    MT_REALS(MT_RESOLVE_REAL)
}
