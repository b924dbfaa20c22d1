// FEBRL-style corruption for injected duplicates: the second record of a person as a clerk
// might type it years later in another office.
#pragma once
#include <string>

#include "core/common/date.h"
#include "core/synth/random.h"

namespace ktpel {

// One keyboard-style edit: substitute, insert, delete or transpose a letter.
std::string typo(const std::string& s, Rng& rng);
// Pre-1972 spelling (EYD reversal): U->OE, J->DJ, C->TJ, NY->NJ, SY->SJ, KH->CH, Y->J.
std::string old_spelling(const std::string& s);
// Drops one token or abbreviates one to its initial ("MUHAMMAD RIZKI" -> "M. RIZKI").
std::string drop_or_abbreviate_token(const std::string& s, Rng& rng);
// Day/month swap when both are <= 12, else a one-digit change of the day or year.
Date corrupt_date(Date d, Rng& rng);

}  // namespace ktpel
