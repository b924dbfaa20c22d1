// GLPK's glpsol (Debian glpk-utils) as the independent reference the planners' optima are
// checked against: the test writes the problem in CPLEX LP format, glpsol solves it.
#pragma once
#include <string>

namespace ktpel::test {

// The objective of the optimum of the LP (or MIP, with a binary/general section) in `lp_text`;
// records a test failure, and returns -1, when glpsol fails or does not report an optimum.
double glpk_optimum(const std::string& lp_text);

}  // namespace ktpel::test
