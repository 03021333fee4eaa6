/* Oracle: apk-tools 2.x's own src/version.c, compiled with build_apk_oracle.sh.
 * stdin a<TAB>b lines -> a<TAB>b<TAB>R; R is "invalid" when apk_version_validate refuses either side. */
#include <stdio.h>
#include <string.h>
#include "apk_version.h"

int main(void)
{
	char line[8192];
	while (fgets(line, sizeof line, stdin)) {
		line[strcspn(line, "\n")] = 0;
		char *tab = strchr(line, '\t');
		if (!tab) { printf("%s\tinvalid\n", line); continue; }
		*tab = 0;
		const char *a = line, *b = tab + 1;
		const char *r;
		if (!apk_version_validate(APK_BLOB_STR(a)) || !apk_version_validate(APK_BLOB_STR(b))) r = "invalid";
		else switch (apk_version_compare(a, b)) {
			case APK_VERSION_LESS: r = "-1"; break;
			case APK_VERSION_EQUAL: r = "0"; break;
			case APK_VERSION_GREATER: r = "1"; break;
			default: r = "invalid"; break;
		}
		printf("%s\t%s\t%s\n", a, b, r);
	}
	return 0;
}
