// Loads the generator's inputs from data/: names (JSON) and published demographic facts (CSV).
#pragma once
#include <string>

#include "core/synth/demography.h"
#include "core/synth/name_maker.h"

namespace ktpel {

NameVocabulary load_name_vocabulary(const std::string& data_dir);
// Religion shares: the province's latest published year, else the national Dukcapil figures.
Demography load_demography(const std::string& data_dir, const std::string& province_code);

}  // namespace ktpel
