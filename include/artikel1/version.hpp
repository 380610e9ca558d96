// artikel1: the library's version. The method has its own version id, in the knowledge base (`method.id`).
#pragma once

#define ARTIKEL1_VERSION_MAJOR 0
#define ARTIKEL1_VERSION_MINOR 1
#define ARTIKEL1_VERSION_PATCH 0
#define ARTIKEL1_VERSION_STRING "0.1.0"

namespace artikel1 {
inline constexpr const char* version_string = ARTIKEL1_VERSION_STRING;
} // namespace artikel1
