/* SPDX-License-Identifier: EUPL-1.2 */
/* The C ABI through the installed package: the library's version number matches the header's. */
#include <artikel1/artikel1.h>

#include <stdio.h>

int main(void) {
    printf("%s %d\n", a1_version(), a1_version_number() == A1_VERSION_NUMBER);
    return 0;
}
