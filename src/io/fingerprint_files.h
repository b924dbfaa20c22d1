// Fingerprint template files on disk for the afis commands: every *.iso under a folder, with
// FVC-style names FINGER_IMPRESSION.iso read as ground truth.
#pragma once
#include <string>
#include <vector>

#include "core/biometrics/iso19794.h"

namespace ktpel {

struct TemplateFile {
  std::string path;      // as opened
  std::string relative;  // to the listed folder, '/'-separated
  std::string folder;    // relative folder ("" for the top)
  std::string finger;    // the part of the name before '_' ("" when the name has none)
  int impression = 0;    // the number after '_' (0 when not a number)
};

// Sorted by relative path; throws std::runtime_error when dir is not a folder.
std::vector<TemplateFile> list_template_files(const std::string& dir);

// Reads and parses either standard; the error names the file.
Result<FingerMinutiaeRecord> read_template_file(const std::string& path);

}  // namespace ktpel
