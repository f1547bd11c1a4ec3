-- The working-day mix (benchmarks/load.sh): out of every 50 requests, 31 reads (62 %), 13 writes
-- (26 %), 5 exports (10 %) and 1 UBND report PDF (2 %), in an order shuffled per thread.
--
-- Reads: leaders on their province's dashboard as it is (the cached page) and filtered by a
-- year and a source drawn at random (a page nobody asked for yet: the cache misses), the
-- national viewer likewise over a province drawn at random, the lists filtered, and clerks on
-- "Cập nhật tiến độ", a project's page and a report's form. Writes, by clerks of six provinces:
-- saving a draft report (the form, with the version it was opened on), its autosave, a new
-- report for a project that has none this quarter, correcting a money line and adding one.
-- Exports: the lists as Excel and CSV, a plan's appendix workbook. PDF: a plan's UBND report
-- for a year.
--
-- The rows written to are made beforehand (`python -m benchmarks.load prepare`, the table in
-- LOAD_DATA); each wrk thread takes its own share of them. A thread saves its drafts in turn,
-- each again and again with the version its last save answered (as the form does), and never
-- one whose save is still unanswered: a draft is saved by one request at a time, as by one
-- clerk. (A draft whose save failed stays out of the turn; the failure is counted.)
local common = require("benchmarks.wrk_common")

local data = dofile(os.getenv("LOAD_DATA"))
local origin = os.getenv("LOAD_ORIGIN")
local threads_total = tonumber(os.getenv("LOAD_THREADS") or "2")

local STATUSES = {"not_started", "preparing", "in_progress", "paused"}
local SOURCES = {"central", "local", "other"}
local STAGES = {"need", "allocated", "disbursed"}
local RATINGS = {"on_track", "at_risk", "off_track", "unknown"}
local WORDS = {"cong", "dien tu", "du lieu", "mot cua", "ha tang", "phan mem", "chuyen doi", "so"}
local WEIGHTS = {
  read = {
    leader_dashboard = 6, leader_dashboard_filtered = 5, national_dashboard = 2,
    national_dashboard_filtered = 3, project_list = 3, budget_list = 3, indicator_list = 2,
    progress_board = 3, project_page = 2, report_form = 2,
  },
  write = {report_save = 4, report_autosave = 3, report_create = 2, line_edit = 2, line_add = 2},
  export = {projects_xlsx = 1, budget_csv = 1, indicators_xlsx = 1, plan_xlsx = 2},
  pdf = {plan_pdf = 1},
}

local function pick(list) return list[math.random(#list)] end

-- {kind, sub-kind} for each of the 50 slots, the slots in a random order.
local function schedule()
  local slots = {}
  for kind, subs in pairs(WEIGHTS) do
    for sub, weight in pairs(subs) do
      for _ = 1, weight do table.insert(slots, {kind, sub}) end
    end
  end
  table.sort(slots, function(a, b) return a[1] .. a[2] < b[1] .. b[2] end)  -- pairs() order varies
  for i = #slots, 2, -1 do
    local j = math.random(i)
    slots[i], slots[j] = slots[j], slots[i]
  end
  return slots
end

-- This thread's share of a list of targets (every threads_total-th, from its own offset).
local function share(list)
  local mine = {}
  for i, item in ipairs(list) do
    if (i - 1) % threads_total == thread_id then table.insert(mine, item) end
  end
  return mine
end

local slots, drafts, drafts_by_id, fresh, lines, line_projects, leaders, clerks, plans
local counter, next_draft, next_fresh, next_line, next_project = 0, 0, 0, 0, 0
local edits = 0

setup = common.setup

init = function()
  common.init_counters()
  math.randomseed(1000 + thread_id)
  slots = schedule()
  drafts, fresh, lines, line_projects, leaders, clerks, plans = {}, {}, {}, {}, {}, {}, {}
  for _, province in ipairs(data.provinces) do
    for _, d in ipairs(share(province.drafts)) do table.insert(drafts, d) end
    for _, f in ipairs(share(province.fresh)) do table.insert(fresh, f) end
    for _, l in ipairs(share(province.lines)) do table.insert(lines, l) end
    for _, p in ipairs(share(province.line_projects)) do table.insert(line_projects, p) end
    for _, s in ipairs(province.leaders) do table.insert(leaders, s) end
    for _, s in ipairs(province.clerks) do table.insert(clerks, s) end
    for _, plan in ipairs(province.plans) do table.insert(plans, {plan, province.leaders[1]}) end
  end
  drafts_by_id = {}
  for _, d in ipairs(drafts) do drafts_by_id[d.id] = d end
end

local function cookie(session)
  return "sessionid=" .. session .. "; csrftoken=" .. data.csrf
end

local function get(session, path)
  return wrk.format("GET", path, {
    ["Cookie"] = cookie(session),
    ["X-Forwarded-Proto"] = "https",
  })
end

local function post(session, path, fields)
  table.insert(fields, 1, {"csrfmiddlewaretoken", data.csrf})
  return wrk.format("POST", path, {
    ["Cookie"] = cookie(session),
    ["X-Forwarded-Proto"] = "https",
    ["Origin"] = origin,
    ["Referer"] = origin .. path,
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, common.form(fields))
end

local function year() return math.random(2021, 2030) end

local function report_fields(target, action, version)
  edits = edits + 1
  return {
    {"year", data.year}, {"quarter", data.quarter},
    {"status", target.status}, {"percent_complete", target.percent},
    {"results", "Đã triển khai hạng mục " .. edits .. " theo kế hoạch, nghiệm thu từng phần."},
    {"difficulties", "Chờ bố trí vốn đối ứng của tỉnh."},
    {"proposals", "Đề nghị Sở Tài chính sớm thẩm định."},
    {"version_seen", version or ""}, {"action", action},
  }
end

local function next_of(list, index)
  return list[(index % #list) + 1]
end

-- The next draft of the turn whose last save was answered, marked as being saved; nil when
-- every draft is (the request is then a read).
local function free_draft()
  for _ = 1, #drafts do
    next_draft = next_draft + 1
    local draft = next_of(drafts, next_draft)
    if not draft.saving then
      draft.saving = true
      return draft
    end
  end
  return nil
end

local function save_draft(action)
  local draft = free_draft()
  if draft == nil then return nil end
  return post(draft.session, "/bao-cao/" .. draft.id .. "/", report_fields(draft, action, draft.version))
end

local reads = {
  leader_dashboard = function() return get(pick(leaders), "/tong-quan/") end,
  leader_dashboard_filtered = function()
    return get(pick(leaders), "/tong-quan/?nam=" .. year() .. "&nguon=" .. pick(SOURCES))
  end,
  national_dashboard = function() return get(pick(data.national), "/tong-quan/") end,
  national_dashboard_filtered = function()
    return get(pick(data.national), "/tong-quan/?tinh=" .. pick(data.province_ids) .. "&nam=" .. year())
  end,
  project_list = function()
    return get(pick(leaders), "/du-an/?tinh_trang=" .. pick(STATUSES) .. "&q=" .. common.urlencode(pick(WORDS)))
  end,
  budget_list = function()
    return get(pick(leaders), "/kinh-phi/?nam=" .. year() .. "&giai_doan=" .. pick(STAGES))
  end,
  indicator_list = function() return get(pick(leaders), "/chi-tieu/?danh_gia=" .. pick(RATINGS)) end,
  progress_board = function() return get(pick(clerks), "/tien-do/") end,
  project_page = function()
    local target = pick(line_projects)
    return get(target.session, "/du-an/" .. target.project .. "/")
  end,
  report_form = function()
    local draft = pick(drafts)
    return get(draft.session, "/bao-cao/" .. draft.id .. "/")
  end,
}

local writes = {
  report_save = function() return save_draft("draft") end,
  report_autosave = function() return save_draft("autosave") end,
  report_create = function()
    next_fresh = next_fresh + 1
    if next_fresh > #fresh then return nil end
    local target = fresh[next_fresh]
    return post(target.session, "/du-an/" .. target.project .. "/bao-cao/", report_fields(target, "draft"))
  end,
  line_edit = function()
    next_line = next_line + 1
    local line = next_of(lines, next_line)
    line.amount = line.amount + 1000000  -- one triệu more each time: a real change
    return post(line.session, "/kinh-phi/" .. line.id .. "/sua/", {
      {"year", line.year}, {"stage", line.stage}, {"source", line.source}, {"sub_source", ""},
      {"capital_type", line.capital_type}, {"amount", line.amount}, {"reason", ""},
    })
  end,
  line_add = function()
    next_project = next_project + 1
    local target = next_of(line_projects, next_project)
    return post(target.session, "/du-an/" .. target.project .. "/them-kinh-phi/", {
      {"year", target.year}, {"stage", "allocated"}, {"source", "local"}, {"sub_source", ""},
      {"capital_type", "investment"}, {"amount", math.random(1, 9) * 50 .. " triệu"}, {"reason", ""},
    })
  end,
}

local exports = {
  projects_xlsx = function() return get(pick(leaders), "/du-an/?xuat=xlsx&tinh_trang=" .. pick(STATUSES)) end,
  budget_csv = function() return get(pick(leaders), "/kinh-phi/?xuat=csv&nam=" .. year()) end,
  indicators_xlsx = function() return get(pick(leaders), "/chi-tieu/?xuat=xlsx") end,
  plan_xlsx = function()
    local plan = pick(plans)
    return get(plan[2], "/ke-hoach/" .. plan[1] .. "/xuat-excel/")
  end,
}

local pdfs = {
  plan_pdf = function()
    local plan = pick(plans)
    return get(plan[2], "/bao-cao-ubnd/xem/?ke_hoach=" .. plan[1] .. "&ky=2025&dinh_dang=pdf")
  end,
}

local kinds = {read = reads, write = writes, export = exports, pdf = pdfs}

request = function()
  counter = counter + 1
  local slot = slots[(counter % #slots) + 1]
  local built = kinds[slot[1]][slot[2]]()
  if built == nil and slot[2] == "report_create" then  -- every project has its report
    built = save_draft("draft")
  end
  if built == nil then  -- every draft is being saved: a clerk opens one instead
    slot = {"read", "report_form"}
    built = reads.report_form()
  end
  common.count("sent_" .. slot[1])
  return built
end

-- A save answers a redirect to the report's page (a report's save or a new report) or to the
-- project in the plan editor (a money line); the autosave answers JSON with the new version.
local function on_redirect(location)
  local id = tonumber(string.match(location, "/bao%-cao/(%d+)/$"))
  if id then
    local draft = drafts_by_id[id]
    if draft then
      draft.version = draft.version + 1
      draft.saving = false
      common.count("report_saves")
    else
      common.count("report_creates")
    end
    return true
  end
  if string.find(location, "/nhap/#du-an-", 1, true) then
    common.count("line_saves")
    return true
  end
  return false
end

local function on_json(body)
  local id = tonumber(string.match(body, '"url": "/bao%-cao/(%d+)/"'))
  local version = tonumber(string.match(body, '"version": (%d+)'))
  if id == nil or version == nil then return false end
  if drafts_by_id[id] then
    drafts_by_id[id].version = version
    drafts_by_id[id].saving = false
  end
  common.count("autosaves")
  return true
end

response = function(status, headers, body)
  common.classify(status, headers, body, on_redirect, on_json)
end

done = function(summary, latency, requests)
  common.done(summary, latency, "working_day")
end
