// A file's SHA-256, read in pieces (a backup may be far larger than memory), and the
// `sha256sum`-compatible checksum file written beside a backup so a damaged copy is found before
// it is restored.
#pragma once
#include <string>

namespace ktpel {

std::string sha256_file_hex(const std::string& path);
// Writes PATH.sha256 ("<hex>  <file name>", as sha256sum -c reads it).
void write_checksum_file(const std::string& path);
// True when PATH.sha256 holds PATH's digest; false when there is none; throws when they differ.
bool check_checksum_file(const std::string& path);

}  // namespace ktpel
