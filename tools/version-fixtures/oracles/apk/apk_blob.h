/* Minimal stand-in for apk-tools' apk_blob.h: just what src/version.c (2.14) uses. Ours, not upstream's. */
#ifndef APK_BLOB_H
#define APK_BLOB_H
#include <string.h>
typedef struct { long len; char *ptr; } apk_blob_t;
#define APK_BLOB_IS_NULL(blob) ((blob).ptr == NULL)
#define APK_BLOB_STR(str) ((apk_blob_t){ strlen(str), (char *)(str) })
#endif
