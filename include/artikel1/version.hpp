// SPDX-License-Identifier: EUPL-1.2
// artikel1: the library's version, from the one version in CMakeLists.txt (generated artikel1/version.h). The
// method has its own version id, in the knowledge base (`method.id`).
#pragma once

#include "artikel1/version.h"

#define ARTIKEL1_VERSION_MAJOR A1_VERSION_MAJOR
#define ARTIKEL1_VERSION_MINOR A1_VERSION_MINOR
#define ARTIKEL1_VERSION_PATCH A1_VERSION_PATCH
#define ARTIKEL1_VERSION_NUMBER A1_VERSION_NUMBER
#define ARTIKEL1_VERSION_STRING A1_VERSION_STRING

namespace artikel1 {
inline constexpr const char* version_string = ARTIKEL1_VERSION_STRING;
inline constexpr int version_number = ARTIKEL1_VERSION_NUMBER;
} // namespace artikel1
