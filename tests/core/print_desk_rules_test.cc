// The printing desk's pure rules of issue [11]: when blanks run out (history or capacity), the
// print date, and what a hand-over must say (collector, representative, date).
#include <gtest/gtest.h>

#include "core/print/card_delivery.h"
#include "core/print/stockout_forecast.h"
#include "support/test_env.h"

namespace ktpel {
namespace {

TEST(StockoutForecast, ThinHistoryUsesTheCapacityAndNeverOutlastsTheBacklog) {
  // The office: two prints in 14 days, blanks for a third of the backlog. At the rate
  // of those two prints the blanks would last 10,000 / (2/14) = 70,000 days; the printers
  // (600 cards/day) use them up in 16.
  auto e = estimate_stockout({10'000, 30'000, 2, 14, 600});
  EXPECT_EQ(e.basis, "capacity");
  EXPECT_DOUBLE_EQ(e.cards_per_day, 600);
  ASSERT_TRUE(e.days_left);
  EXPECT_EQ(*e.days_left, 16);
  EXPECT_FALSE(e.covers_backlog);
  // No print job at all: a figure, not "-".
  e = estimate_stockout({10'000, 30'000, 0, 14, 600});
  EXPECT_EQ(e.basis, "capacity");
  EXPECT_EQ(e.days_left, std::optional<int64_t>(16));
  // Blanks for the whole backlog: they do not run out from it.
  e = estimate_stockout({40'000, 30'000, 0, 14, 600});
  EXPECT_TRUE(e.covers_backlog);
  EXPECT_FALSE(e.days_left);
  // No printer prints there: nothing is consumed.
  e = estimate_stockout({100, 30'000, 0, 14, 0});
  EXPECT_FALSE(e.days_left);
}

TEST(StockoutForecast, EnoughHistoryUsesTheObservedRate) {
  auto e = estimate_stockout({10'000, 30'000, 7'000, 14, 600});  // 500 a day
  EXPECT_EQ(e.basis, "history");
  EXPECT_DOUBLE_EQ(e.cards_per_day, 500);
  EXPECT_EQ(e.days_left, std::optional<int64_t>(20));
  e = estimate_stockout({10'000, 30'000, kMinHistoryCards - 1, 14, 600});
  EXPECT_EQ(e.basis, "capacity");
}

TEST(PrintDate, NotBeforeThePrrDayNorInTheFuture) {
  const Date prr{2026, 10, 1}, today{2026, 11, 20};
  auto e = check_print_date({2026, 9, 30}, prr, today);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->code, "PRINT_BEFORE_PRR");
  EXPECT_EQ(e->field, "date");
  EXPECT_NE(e->message_en.find("2026-10-01"), std::string::npos);
  EXPECT_NE(e->message_id.find("2026-10-01"), std::string::npos);
  EXPECT_EQ(check_print_date({2026, 11, 21}, prr, today)->code, "DATE_IN_FUTURE");
  EXPECT_FALSE(check_print_date(prr, prr, today));
  EXPECT_FALSE(check_print_date(today, prr, today));
}

TEST(CardDelivery, CollectorRepresentativeAndDateAreChecked) {
  const std::string holder = "6571014101800001";
  const Date printed{2026, 11, 10}, today{2026, 11, 20};
  auto codes = [&](DeliveryRequest r) {
    std::vector<std::string> out;
    for (const auto& e : check_delivery(r, holder, printed, today, test::wilayah())) out.push_back(e.code + "/" + e.field);
    return out;
  };
  DeliveryRequest self;
  EXPECT_TRUE(codes(self).empty());
  DeliveryRequest lower{"", "self", "", "", std::nullopt};
  EXPECT_TRUE(codes(lower).empty());  // any case
  DeliveryRequest rep{"", "REPRESENTATIVE", "", "", Date{2026, 11, 9}};
  // Every problem at once, each naming its field.
  EXPECT_EQ(codes(rep), (std::vector<std::string>{"FIELD_REQUIRED/representative_name", "FIELD_REQUIRED/representative_nik",
                                                  "DELIVERY_BEFORE_PRINT/date"}));
  rep = {"", "REPRESENTATIVE", "SITI", holder, Date{2026, 11, 21}};
  EXPECT_EQ(codes(rep), (std::vector<std::string>{"DELIVERY_REPRESENTATIVE_SELF/representative_nik", "DATE_IN_FUTURE/date"}));
  rep.on = today;
  rep.representative_nik = "65710101809";  // too short
  ASSERT_FALSE(codes(rep).empty());
  for (const auto& c : codes(rep)) EXPECT_EQ(c.substr(c.find('/') + 1), "representative_nik");
  rep.representative_nik = "6571015013990001";  // day 50 of month 13: no birth date
  ASSERT_FALSE(codes(rep).empty());
  rep.representative_nik = "6571010101800002";  // a valid NIK, not necessarily registered here
  EXPECT_TRUE(codes(rep).empty());
  DeliveryRequest odd{"", "neighbour", "", "", today};
  EXPECT_EQ(codes(odd), (std::vector<std::string>{"ENUM_VALUE/collector"}));
  DeliveryRequest mixed{"", "SELF", "SITI", "", today};
  EXPECT_EQ(codes(mixed), (std::vector<std::string>{"DELIVERY_SELF_WITH_REPRESENTATIVE/collector"}));
}

}  // namespace
}  // namespace ktpel
