-- A resident search by an officer: GET /api/v1/residents?name=PREFIX&region=CODE with the
-- Bearer token in $WRK_TOKEN; name prefixes and regions from $WRK_QUERIES ("prefix region" lines).
dofile(os.getenv("WRK_DIR") .. "/common.lua")
local queries, i

function init(args)
  queries = lines_of(os.getenv("WRK_QUERIES"))
  i = id * 31 % #queries
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("WRK_TOKEN")
end

function request()
  i = i % #queries + 1
  local name, region = queries[i]:match("(%S+)%s+(%S+)")
  return wrk.format("GET", "/api/v1/residents?name=" .. name .. "&region=" .. region .. "&page_size=20")
end

function response(status) count_status(status) end

function done() print_statuses() end
