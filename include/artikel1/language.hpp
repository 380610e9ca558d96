// SPDX-License-Identifier: EUPL-1.2
// artikel1: the languages of its texts (reports, messages), in a header of its own so that error.hpp can name one
// without the knowledge base.
#pragma once

namespace artikel1 {

/// Dutch or English: the language of a report or a message.
enum class Language { nl, en };

} // namespace artikel1
