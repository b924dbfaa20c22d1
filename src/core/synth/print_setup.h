// A synthetic printing set-up for a generated province (so `make run` shows printers, stock and
// a backlog): printers per regency office with the capacities the field reports give (100-250
// cards/day on older machines, a few broken), blanks and ribbons on hand that cover some offices
// and not others, and the next tranche expected at the province warehouse.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/common/date.h"
#include "core/print/printer.h"

namespace ktpel {

struct SynthOffice {
  std::string code;
  int64_t population = 0, backlog = 0;
};

struct SynthPrintSetup {
  std::vector<Printer> printers;
  struct Stock {
    std::string office;
    int64_t blanks = 0, ribbons = 0, cleaning_kits = 0;
  };
  std::vector<Stock> stock;  // the province warehouse too
  struct Tranche {
    std::string office;
    Date on;
    int64_t blanks = 0;
    std::string reference;
  };
  std::vector<Tranche> expected;
};

SynthPrintSetup synth_print_setup(const std::string& province, const std::vector<SynthOffice>& regencies, Date today,
                                  uint64_t seed);

}  // namespace ktpel
