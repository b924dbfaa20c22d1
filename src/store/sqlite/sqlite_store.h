// The SQLite backend: one file in WAL mode, the default for a desk or a regency office.
#pragma once
#include <memory>
#include <string>

#include "store/store.h"

namespace ktpel {

std::unique_ptr<Store> open_sqlite_store(const std::string& path);

}  // namespace ktpel
