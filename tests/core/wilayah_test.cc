#include "core/wilayah/catalog.h"

#include <gtest/gtest.h>

#include "core/text/fold.h"
#include "core/wilayah/geo.h"
#include "support/test_env.h"

namespace ktpel {

using test::wilayah;

TEST(Wilayah, LoadsEveryLevelFromTheShippedFiles) {
  EXPECT_EQ(wilayah().count(Level::Provinsi), 38u);
  EXPECT_EQ(wilayah().count(Level::Kabupaten), 514u);
  EXPECT_EQ(wilayah().count(Level::Kecamatan), 7285u);
  EXPECT_EQ(wilayah().count(Level::Desa), 83762u);
}

TEST(Wilayah, LookupChildrenAndParentChain) {
  const Region* tarakan = wilayah().find("65.71");
  ASSERT_NE(tarakan, nullptr);
  EXPECT_EQ(tarakan->name, "Kota Tarakan");
  EXPECT_EQ(tarakan->level, Level::Kabupaten);
  ASSERT_TRUE(tarakan->population);
  EXPECT_EQ(*tarakan->population, 255310);
  EXPECT_EQ(wilayah().children("65").size(), 5u);
  EXPECT_EQ(wilayah().children("").size(), 38u);
  auto chain = wilayah().ancestors("65.71.01.1001");
  ASSERT_EQ(chain.size(), 4u);
  EXPECT_EQ(chain[0]->code, "65");
  EXPECT_EQ(chain[3]->level, Level::Desa);
  EXPECT_EQ(wilayah().find("99.99"), nullptr);
  EXPECT_TRUE(wilayah().ancestors("99").empty());
}

TEST(Wilayah, ProvinceCarriesTheSumOfItsRegencies) {
  int64_t sum = 0;
  for (const Region* r : wilayah().children("65")) sum += r->population.value_or(0);
  EXPECT_EQ(*wilayah().find("65")->population, sum);
}

TEST(Wilayah, SearchIgnoresCaseAndDiacritics) {
  auto hits = wilayah().search("TARAKAN barat", std::nullopt, 10);
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0]->code, "65.71.01");
  auto accented = wilayah().search("Tarakán Barat", Level::Kecamatan, 10);
  ASSERT_FALSE(accented.empty());
  EXPECT_EQ(accented[0]->code, "65.71.01");
  EXPECT_EQ(fold_for_search("ÉCOLE Ñ"), "ecole n");
  for (const Region* r : wilayah().search("malinau", Level::Desa, 50)) EXPECT_EQ(r->level, Level::Desa);
}

TEST(Wilayah, NearestKecamatanByGreatCircle) {
  // Tarakan Barat's own centroid is nearest to itself.
  const Region* k = wilayah().find("65.71.01");
  auto near = wilayah().nearest_kecamatan(*k->lat, *k->lon, 3);
  ASSERT_EQ(near.size(), 3u);
  EXPECT_EQ(near[0].kecamatan->code, "65.71.01");
  EXPECT_NEAR(near[0].distance_km, 0.0, 1e-6);
  EXPECT_LE(near[0].distance_km, near[1].distance_km);
  EXPECT_LE(near[1].distance_km, near[2].distance_km);
}

TEST(Geo, HaversineKnownDistances) {
  // Jakarta (Monas) to Surabaya (Tugu Pahlawan): ~663 km great-circle.
  EXPECT_NEAR(great_circle_km(-6.1754, 106.8272, -7.2458, 112.7378), 663, 5);
  // A degree of latitude is ~111.2 km.
  EXPECT_NEAR(great_circle_km(0, 100, 1, 100), 111.2, 0.2);
  EXPECT_DOUBLE_EQ(great_circle_km(3, 117, 3, 117), 0.0);
}

TEST(Wilayah, CodeShapes) {
  EXPECT_EQ(level_of_code("65"), Level::Provinsi);
  EXPECT_EQ(level_of_code("65.71"), Level::Kabupaten);
  EXPECT_EQ(level_of_code("65.71.01"), Level::Kecamatan);
  EXPECT_EQ(level_of_code("65.71.01.1001"), Level::Desa);
  for (const char* bad : {"6", "657", "65-71", "65.7", "65.71.01.100", "ab", ""}) EXPECT_FALSE(level_of_code(bad)) << bad;
}

TEST(Wilayah, MalformedSourceNamesFileAndLine) {
  WilayahSources s{"code,name,lat,lon\n65,Kaltara,3.0,116.0\n", "code,province_code,name,lat,lon\n65.01,65,Bulungan,x,1\n",
                   "code,regency_code,name,lat,lon\n", "code,district_code,name\n",
                   "regency_code,population,year,source,male,female\n"};
  try {
    WilayahCatalog::build(s);
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("regencies.csv line 2"), std::string::npos) << e.what();
  }
}

}  // namespace ktpel
