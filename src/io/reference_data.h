// Loads the shipped reference data (data/wilayah/*.csv) into the core's catalogue.
#pragma once
#include <string>

#include "core/wilayah/catalog.h"

namespace ktpel {

WilayahCatalog load_wilayah(const std::string& data_dir);

}  // namespace ktpel
