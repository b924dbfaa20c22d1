-- The public "where is my KTP?" lookup: GET /api/v1/public/ektp-status with real NIK and birth
-- date pairs from $WRK_PAIRS ("nik birth_date" lines), a different pair each request.
dofile(os.getenv("WRK_DIR") .. "/common.lua")
local pairs_list, i

function init(args)
  pairs_list = lines_of(os.getenv("WRK_PAIRS"))
  i = id * 7919 % #pairs_list
end

function request()
  i = i % #pairs_list + 1
  local nik, birth = pairs_list[i]:match("(%S+)%s+(%S+)")
  return wrk.format("GET", "/api/v1/public/ektp-status?nik=" .. nik .. "&birth_date=" .. birth)
end

function response(status) count_status(status) end

function done() print_statuses() end
