// The PostgreSQL 15 backend for central deployments (libpqxx).
#pragma once
#include <memory>
#include <string>

#include "store/store.h"

namespace ktpel {

std::unique_ptr<Store> open_postgres_store(const std::string& connection_string);

}  // namespace ktpel
