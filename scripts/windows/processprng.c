/* A stand-in for Windows' bcryptprimitives.dll, for running Windows builds under Wine only.
 *
 * Rust's standard library (1.78 and later) asks bcryptprimitives.dll for ProcessPrng, its source
 * of random bytes (HashMap seeds, uuid, keys). Wine 8.0 (Debian 12's) has no such DLL, so every
 * Rust .exe stops before main with "Library bcryptprimitives.dll not found". This DLL exports
 * ProcessPrng and fills the buffer from advapi32's SystemFunction036 (RtlGenRandom), which Wine
 * implements over the host's random source. scripts/windows.sh builds it with mingw and puts it
 * in the Wine prefix's system32; it is never shipped: real Windows 10/11 has the real DLL. */
#include <windows.h>

/* RtlGenRandom's exported name; advapi32 has it, the headers give it no prototype by this name. */
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

/* Windows documents ProcessPrng as always returning TRUE; a failure here cannot be reported
 * anywhere useful either, so it stops the process rather than hand out unfilled bytes. */
BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) {
            ExitProcess(70);
        }
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
