// Field comparators for demographic deduplication. String measures are bit-parallel for strings
// of up to 64 bytes (names, places): one machine word holds a pattern's positions, so a comparison
// is a few word operations per character instead of a dynamic-programming table.
//  - Jaro-Winkler (Winkler 1990), matching window and transpositions with bit masks;
//  - optimal string alignment distance (restricted Damerau-Levenshtein), Hyyrö's bit-vector
//    algorithm (H. Hyyrö, "A bit-vector algorithm for computing Levenshtein and Damerau edit
//    distances", 2003);
//  - token-set similarity, initials against full tokens;
//  - dates with a day/month swap, one wrong digit, or a placeholder (01-01, 31-12) on one side;
//  - distance in km between two points (wilayah centroids).
// Longer strings use the textbook algorithms, which the tests also use as the reference.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/common/date.h"
#include "core/dedup/token_list.h"

namespace ktpel {

double jaro_winkler(std::string_view a, std::string_view b, double prefix_scale = 0.1);
int osa_distance(std::string_view a, std::string_view b);

// Reference implementations (dynamic programming), any length.
double jaro_winkler_reference(std::string_view a, std::string_view b, double prefix_scale = 0.1);
int osa_distance_reference(std::string_view a, std::string_view b);

// Mean over the tokens of the shorter list of the best Jaro-Winkler against the other list
// (1 when one name is the other with tokens reordered or dropped).
double token_set_similarity(const TokenList& a, const TokenList& b);

// Do one-letter tokens of one name stand for full tokens of the other, in order? ("s aminah" vs
// "siti aminah"); false when neither has initials.
bool initials_compatible(const TokenList& a, const TokenList& b);

enum class DateAgreement { Exact, DayMonthSwapped, OneDigit, Placeholder, SameYear, Different };
std::string_view to_string(DateAgreement d);
// A placeholder is 01-01 or 31-12 (used when only the year was known) on one side, same year.
DateAgreement compare_dates(Date a, Date b);

double distance_km(double lat1, double lon1, double lat2, double lon2);

}  // namespace ktpel
