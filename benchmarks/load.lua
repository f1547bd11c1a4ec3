-- wrk script (benchmarks/load.sh): each connection is a user walking the dashboards and the
-- lists behind them, as a national viewer or a province leader (session cookies from
-- `python -m benchmarks.load sessions`), behind the TLS proxy production runs behind.
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

request = function()
  counter = counter + 1
  local item = paths[(counter % #paths) + 1]
  return wrk.format("GET", item[2], {
    ["Cookie"] = "sessionid=" .. item[1],
    ["X-Forwarded-Proto"] = "https",
  })
end

local errors = 0
response = function(status, headers, body)
  if status ~= 200 then errors = errors + 1 end
end

done = function(summary, latency, requests)
  local out = io.open(os.getenv("LOAD_RESULT") or "load-result.json", "w")
  out:write(string.format(
    '{"requests": %d, "duration_s": %.2f, "requests_per_s": %.1f, "p50_ms": %.1f, ' ..
    '"p95_ms": %.1f, "p99_ms": %.1f, "max_ms": %.1f, "errors": %d, "non_200": %d}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
  out:close()
end
