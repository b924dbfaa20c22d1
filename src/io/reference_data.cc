#include "io/reference_data.h"

#include "io/files.h"

namespace ktpel {

WilayahCatalog load_wilayah(const std::string& data_dir) {
  const std::string dir = data_dir + "/wilayah/";
  const std::string provinces = read_file(dir + "provinces.csv"), regencies = read_file(dir + "regencies.csv"),
                    districts = read_file(dir + "districts.csv"), villages = read_file(dir + "villages.csv"),
                    population = read_file(dir + "population.csv");
  return WilayahCatalog::build({provinces, regencies, districts, villages, population});
}

}  // namespace ktpel
