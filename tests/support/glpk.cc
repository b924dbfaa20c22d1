#include "support/glpk.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "support/test_env.h"

namespace ktpel::test {

double glpk_optimum(const std::string& lp_text) {
  const std::string dir = temp_dir();
  const std::string lp = dir + "/plan.lp", out = dir + "/plan.out";
  std::ofstream(lp) << lp_text;
  const std::string cmd = "glpsol --lp " + lp + " -o " + out + " > " + dir + "/glpsol.log 2>&1";
  if (std::system(cmd.c_str()) != 0) ADD_FAILURE() << "glpsol failed (is glpk-utils installed?): " << cmd;
  std::ifstream in(out);
  std::string line;
  while (std::getline(in, line)) {
    auto at = line.find("obj = ");
    if (line.rfind("Status:", 0) == 0) {
      EXPECT_NE(line.find("OPTIMAL"), std::string::npos) << line;  // "OPTIMAL" or "INTEGER OPTIMAL"
    }
    if (at != std::string::npos) return std::stod(line.substr(at + 6));
  }
  ADD_FAILURE() << "no objective in " << out;
  return -1;
}

}  // namespace ktpel::test
