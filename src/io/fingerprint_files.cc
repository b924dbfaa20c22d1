#include "io/fingerprint_files.h"

#include <algorithm>
#include <filesystem>
#include <stdexcept>

#include "io/files.h"

namespace ktpel {

std::vector<TemplateFile> list_template_files(const std::string& dir) {
  namespace fs = std::filesystem;
  if (!fs::is_directory(dir)) throw std::runtime_error("--dir " + dir + ": not a folder");
  std::vector<TemplateFile> out;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".iso") continue;
    TemplateFile f;
    f.path = entry.path().string();
    f.relative = fs::relative(entry.path(), dir).generic_string();
    f.folder = fs::relative(entry.path().parent_path(), dir).generic_string();
    if (f.folder == ".") f.folder.clear();
    const std::string stem = entry.path().stem().string();
    if (auto us = stem.find('_'); us != std::string::npos) {
      f.finger = stem.substr(0, us);
      try {
        f.impression = std::stoi(stem.substr(us + 1));
      } catch (...) {
        f.impression = 0;
      }
    }
    out.push_back(std::move(f));
  }
  std::sort(out.begin(), out.end(), [](const TemplateFile& a, const TemplateFile& b) { return a.relative < b.relative; });
  return out;
}

Result<FingerMinutiaeRecord> read_template_file(const std::string& path) {
  auto parsed = parse_finger_minutiae(read_file(path));
  if (!parsed) {
    Error e = parsed.error();
    e.message_en = path + ": " + e.message_en;
    e.message_id = path + ": " + e.message_id;
    return e;
  }
  if (parsed->views.empty()) return Error{"TEMPLATE_NO_VIEW", path + ": rekaman tanpa tampilan jari", path + ": the record holds no finger view", "", Severity::Error};
  return parsed;
}

}  // namespace ktpel
