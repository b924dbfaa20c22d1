#include "io/synth_sources.h"

#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/text/csv.h"
#include "io/files.h"

namespace ktpel {
namespace {

std::vector<std::string> strings(const nlohmann::json& j, const char* a, const char* b = nullptr) {
  const nlohmann::json* node = &j;
  if (!node->contains(a)) return {};
  node = &(*node)[a];
  if (b) {
    if (!node->contains(b)) return {};
    node = &(*node)[b];
  }
  return node->get<std::vector<std::string>>();
}

template <class F>
void each_row(const std::string& path, F&& f) {
  const std::string text = read_file(path);
  CsvReader reader(text);
  CsvRecord rec;
  std::vector<std::string> header;
  while (reader.next(rec)) {
    if (!reader.error().empty()) throw std::runtime_error(path + " line " + std::to_string(rec.line) + ": " + reader.error());
    if (header.empty()) {
      header = rec.fields;
      continue;
    }
    std::map<std::string, std::string> row;
    for (size_t i = 0; i < header.size() && i < rec.fields.size(); ++i) row[header[i]] = rec.fields[i];
    f(row);
  }
}

int from_age(const std::string& group) { return std::stoi(group.substr(0, group.find_first_of("-+"))); }

}  // namespace

NameVocabulary load_name_vocabulary(const std::string& data_dir) {
  const auto j = nlohmann::json::parse(read_file(data_dir + "/names/id_ID_person.json"));
  NameVocabulary v;
  v.male_first = strings(j, "first_name", "male");
  v.female_first = strings(j, "first_name", "female");
  v.generic_first = strings(j, "first_name", "generic");
  v.male_last = strings(j, "last_name", "male");
  v.female_last = strings(j, "last_name", "female");
  v.generic_last = strings(j, "last_name", "generic");
  v.male_titles = strings(j, "male_title");
  v.female_titles = strings(j, "female_title");
  v.suffixes = strings(j, "suffix");
  return v;
}

Demography load_demography(const std::string& data_dir, const std::string& province) {
  std::vector<FiveYearCount> pyramid;
  each_row(data_dir + "/facts/age_sex_pyramid.csv", [&](auto& row) {
    pyramid.push_back({from_age(row["age_group"]), std::stod(row["male"]), std::stod(row["female"])});
  });
  std::vector<MaritalCount> marital;
  static const std::map<std::string, int> status = {{"belum_kawin", 0}, {"kawin", 1}, {"cerai_hidup", 2}, {"cerai_mati", 3}};
  each_row(data_dir + "/facts/marital_status.csv", [&](auto& row) {
    if (row["level"] != "national" || row["count"].empty() || !status.count(row["status"])) return;
    if (row["age_group"].find('-') == std::string::npos) return;
    marital.push_back({from_age(row["age_group"]), row["sex"] == "female" ? 1 : 0, status.at(row["status"]),
                       std::stod(row["count"])});
  });
  // Latest year for the province, else the national row set.
  std::map<std::string, std::map<std::string, double>> by_key;  // "code|year" -> religion -> share
  each_row(data_dir + "/facts/religion_by_province.csv", [&](auto& row) {
    std::string religion = row["religion"];
    if (religion == "Kristen/Protestan") religion = "Kristen";
    by_key[row["province_code"] + "|" + row["year"]][religion] = std::stod(row["share"]);
  });
  auto latest = [&](const std::string& code) -> const std::map<std::string, double>* {
    const std::map<std::string, double>* best = nullptr;
    for (auto& [key, shares] : by_key)
      if (key.substr(0, key.find('|')) == code && shares.size() >= 4) best = &shares;  // map order: latest year last
    return best;
  };
  const auto* shares = latest(province);
  if (!shares) shares = latest("ID");
  std::vector<std::pair<std::string, double>> religion;
  if (shares)
    for (auto& [r, s] : *shares) religion.emplace_back(r, s);
  return make_demography(pyramid, marital, religion);
}

}  // namespace ktpel
