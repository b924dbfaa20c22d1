-- Shared by the wrk scripts of bench/load_wrk.sh: a status histogram per thread, printed with
-- wrk's own summary (requests/s, latency percentiles), and lines read from a file.
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

statuses = {}

function count_status(status)
  statuses[status] = (statuses[status] or 0) + 1
end

function lines_of(path)
  local out = {}
  local f = assert(io.open(path, "r"), "cannot read " .. path)
  for line in f:lines() do
    if line ~= "" then table.insert(out, line) end
  end
  f:close()
  return out
end

function print_statuses(extra)
  local total = {}
  for _, t in ipairs(threads) do
    for s, n in pairs(t:get("statuses")) do total[s] = (total[s] or 0) + n end
  end
  local keys = {}
  for s in pairs(total) do table.insert(keys, s) end
  table.sort(keys)
  local parts = {}
  for _, s in ipairs(keys) do table.insert(parts, s .. ":" .. total[s]) end
  io.write("statuses " .. table.concat(parts, " ") .. "\n")
  if extra then extra(threads) end
end
