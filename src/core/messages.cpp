// SPDX-License-Identifier: EUPL-1.2
// artikel1: how messages quote what they found (error.hpp), the same in the library and every front-end.
#include <artikel1/error.hpp>

#include <artikel1/detail/json_reader.hpp>

namespace artikel1 {

std::string quote_for_message(std::string_view token) { return detail::quote_token(token); }

} // namespace artikel1
