-- Packet upload as a station sends it, one packet after another on each connection: the sealed
-- envelope in one PUT /api/v1/uploads/{id}?offset=0&total=N, then POST /uploads/{id}/commit with
-- its SHA-256 (one transaction and one signed acknowledgement each). Packets from $WRK_PACKETS
-- ("packet_id sha256 file" lines), split between threads; run with one connection per thread
-- (-c = -t) so a commit always follows its own upload. Past the last packet a thread starts
-- again from its first: those answers are replays (counted apart).
dofile(os.getenv("WRK_DIR") .. "/common.lua")
local mine, i, phase = {}, 0, "put"
local station_auth = os.getenv("WRK_STATION_AUTH")
accepted, replayed, wrapped = 0, 0, 0

function init(args)
  local all = lines_of(os.getenv("WRK_PACKETS"))
  local nthreads = tonumber(os.getenv("WRK_THREADS"))
  for k, line in ipairs(all) do
    if k % nthreads == id % nthreads then
      local pid, sha, file = line:match("(%S+)%s+(%S+)%s+(%S+)")
      table.insert(mine, {id = pid, sha = sha, file = file})
    end
  end
end

local function body_of(p)
  local f = assert(io.open(p.file, "rb"))
  local b = f:read("*a")
  f:close()
  return b
end

function request()
  if phase == "put" then
    i = i + 1
    if i > #mine then i, wrapped = 1, wrapped + 1 end
    local p = mine[i]
    local b = body_of(p)
    return wrk.format("PUT", "/api/v1/uploads/" .. p.id .. "?offset=0&total=" .. #b,
                      {["Content-Type"] = "application/octet-stream", ["Authorization"] = station_auth}, b)
  end
  local p = mine[i]
  return wrk.format("POST", "/api/v1/uploads/" .. p.id .. "/commit",
                    {["Content-Type"] = "application/json", ["Authorization"] = station_auth},
                    '{"sha256":"' .. p.sha .. '"}')
end

function response(status, headers, body)
  count_status(status)
  if phase == "put" then
    -- Already committed (a replay): the PUT answers the acknowledgement, no commit follows.
    if body:find('"committed":"', 1, true) then replayed = replayed + 1 else phase = "commit" end
  else
    if status == 200 and body:find('"replayed":false', 1, true) then accepted = accepted + 1 end
    if body:find('"replayed":true', 1, true) then replayed = replayed + 1 end
    phase = "put"
  end
end

function done(summary, latency, requests)
  print_statuses(function(threads)
    local a, r, w = 0, 0, 0
    for _, t in ipairs(threads) do a = a + t:get("accepted"); r = r + t:get("replayed"); w = w + t:get("wrapped") end
    io.write(string.format("packets committed %d (%.1f/s), replays %d, passes past the end %d\n", a,
                           a / (summary.duration / 1e6), r, w))
  end)
end
