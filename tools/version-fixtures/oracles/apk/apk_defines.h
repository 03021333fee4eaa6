/* Minimal stand-in for apk-tools' apk_defines.h (only what src/version.c uses). */
#ifndef APK_DEFINES_H
#define APK_DEFINES_H
#include <stdint.h>
#include <string.h>
#define ARRAY_SIZE(x) (sizeof(x) / sizeof((x)[0]))
#define FALSE 0
#define TRUE 1
#endif
