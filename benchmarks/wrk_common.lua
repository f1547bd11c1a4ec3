-- Shared by the two wrk scripts of `make load` (load.lua, workday.lua): what an answer counts
-- as, the counters each wrk thread keeps, and the figures written at the end (LOAD_RESULT).
--
-- An answer is an error when wrk could not get it (connect, read, write, timeout), when its
-- status is 4xx/5xx, when it is a redirect other than the one a successful save answers (a
-- login page, say), or when it is a page with a form error (Django's "errorlist": a save
-- refused, or a filter value the page did not accept). A save is counted when its answer is the
-- redirect (or, for the report form's autosave, the JSON) that only a successful save gives.
local M = {}

M.threads = {}

-- Counters kept in each thread's Lua state (globals there, read back in done()).
M.COUNTERS = {
  "sent_read", "sent_write", "sent_export", "sent_pdf",
  "form_errors", "bad_redirects", "bad_status",
  "report_saves", "report_creates", "autosaves", "line_saves",
}

function M.setup(thread)
  table.insert(M.threads, thread)
  thread:set("thread_id", #M.threads - 1)
end

function M.init_counters()
  for _, name in ipairs(M.COUNTERS) do _G[name] = 0 end
end

function M.count(name)
  _G[name] = _G[name] + 1
end

local function urlencode(text)
  return (tostring(text):gsub("[^%w%-%._~]", function(c)
    return string.format("%%%02X", string.byte(c))
  end))
end

-- application/x-www-form-urlencoded body of {{name, value}, ...} (in order).
function M.form(fields)
  local parts = {}
  for _, pair in ipairs(fields) do
    table.insert(parts, urlencode(pair[1]) .. "=" .. urlencode(pair[2]))
  end
  return table.concat(parts, "&")
end

M.urlencode = urlencode

-- Classify one answer. `on_redirect(location)` and `on_json(body)` return true when the
-- answer is a save's; the read-only mix passes neither, so any redirect is an error there.
function M.classify(status, headers, body, on_redirect, on_json)
  if status >= 400 then
    M.count("bad_status")
  elseif status >= 300 then
    local location = headers["Location"] or headers["location"] or ""
    if not (on_redirect and on_redirect(location)) then M.count("bad_redirects") end
  elseif body and string.find(body, "errorlist", 1, true) then
    M.count("form_errors")
  elseif on_json and string.sub(body or "", 1, 1) == "{" then
    if not on_json(body) then M.count("form_errors") end
  end
end

function M.done(summary, latency, mix)
  local totals = {}
  for _, name in ipairs(M.COUNTERS) do
    totals[name] = 0
    for _, thread in ipairs(M.threads) do totals[name] = totals[name] + (thread:get(name) or 0) end
  end
  local seconds = summary.duration / 1e6
  local fields = {
    string.format('"mix": "%s"', mix),
    string.format('"requests": %d', summary.requests),
    string.format('"duration_s": %.2f', seconds),
    string.format('"requests_per_s": %.1f', summary.requests / seconds),
    string.format('"p50_ms": %.1f', latency:percentile(50) / 1000),
    string.format('"p95_ms": %.1f', latency:percentile(95) / 1000),
    string.format('"p99_ms": %.1f', latency:percentile(99) / 1000),
    string.format('"max_ms": %.1f', latency.max / 1000),
    string.format('"socket_errors": %d', summary.errors.connect + summary.errors.read
      + summary.errors.write + summary.errors.timeout),
    string.format('"timeouts": %d', summary.errors.timeout),
    string.format('"non_2xx_3xx": %d', summary.errors.status),
  }
  for _, name in ipairs(M.COUNTERS) do
    table.insert(fields, string.format('"%s": %d', name, totals[name]))
  end
  local out = io.open(os.getenv("LOAD_RESULT") or "load-result.json", "w")
  out:write("{" .. table.concat(fields, ", ") .. "}\n")
  out:close()
end

return M
