/* A stand-in for Windows' bcryptprimitives.dll under Debian's wine 8, which lacks it.
 * Rust's standard library imports ProcessPrng from it (for HashMap keys and the like);
 * every Windows 10/11 has the real DLL, so this is for CI under wine only.
 * ProcessPrng fills the buffer from RtlGenRandom (exported as SystemFunction036). */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE p, SIZE_T n)
{
    while (n > 0) {
        ULONG chunk = n > 0x40000000 ? 0x40000000 : (ULONG)n;
        if (!SystemFunction036(p, chunk))
            return FALSE;
        p += chunk;
        n -= chunk;
    }
    return TRUE;
}
