-- The read-only mix (benchmarks/load.sh): each connection is a user walking the dashboards and
-- the lists behind them, as a national viewer or a province leader (session cookies from
-- `python -m benchmarks.load sessions`), behind the TLS proxy production runs behind.
local common = require("benchmarks.wrk_common")

local national = os.getenv("LOAD_NATIONAL_COOKIE")
local leader = os.getenv("LOAD_LEADER_COOKIE")
local paths = {
  {national, "/tong-quan/"},
  {leader, "/tong-quan/"},
  {national, "/du-an/"},
  {leader, "/du-an/?tinh_trang=in_progress"},
  {national, "/kinh-phi/?nam=2024"},
  {leader, "/kinh-phi/"},
  {national, "/chi-tieu/"},
  {leader, "/chi-tieu/?danh_gia=off_track"},
  {national, "/tong-quan/?nguon=central&nam=2024"},
  {leader, "/du-an/?q=mot+cua"},
}
local counter = 0

setup = common.setup

init = function()
  common.init_counters()
end

request = function()
  counter = counter + 1
  local item = paths[(counter % #paths) + 1]
  common.count("sent_read")
  return wrk.format("GET", item[2], {
    ["Cookie"] = "sessionid=" .. item[1],
    ["X-Forwarded-Proto"] = "https",
  })
end

response = function(status, headers, body)
  common.classify(status, headers, body)
end

done = function(summary, latency, requests)
  common.done(summary, latency, "read_only")
end
