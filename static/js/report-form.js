// The progress report form: a warning beside "% hoàn thành" when the % typed is below the last
// approved one (it does not block), and the autosave of the draft: every data-autosave seconds,
// if something was typed, the form is posted with action=autosave (without its files) to the
// same address; the server saves a draft (never sends it) and answers the time, the report's
// address (the form posts there from then on) and its version. Messages come from the server.
(function () {
  var form = document.getElementById("report");
  if (!form || !window.fetch || !window.FormData) return;

  var percent = form.querySelector("[name=percent_complete]");
  var warning = document.getElementById("percent-warning");
  if (percent && warning) {
    percent.addEventListener("input", function () {
      var typed = parseInt(percent.value, 10);
      warning.hidden = !(typed < parseInt(warning.dataset.last, 10));
    });
  }

  var seconds = parseInt(form.dataset.autosave, 10);
  var status = document.getElementById("autosave-status");
  var dirty = false, busy = false, sending = false;
  function changed(event) { if (event.target.type !== "file" && event.target.name !== "remove") dirty = true; }
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("submit", function () { sending = true; });

  // Starting from the previous report replaces the fields: ask first when something is typed
  // and not yet saved.
  var previous = document.getElementById("use-previous");
  if (previous) {
    previous.addEventListener("click", function (event) {
      if (dirty && !window.confirm(previous.dataset.confirm)) event.preventDefault();
    });
  }

  function save() {
    if (!dirty || busy || sending) return;
    busy = true; dirty = false;
    var data = new FormData(form);
    data.delete("files"); data.delete("remove");
    data.set("action", "autosave");
    // getAttribute: form.action is the buttons named "action", not the form's address
    fetch(form.getAttribute("action") || window.location.href, {
      method: "POST", body: data, credentials: "same-origin",
      headers: { "X-Requested-With": "XMLHttpRequest", "Accept": "application/json" }
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (result) {
      if (result.ok) {
        form.setAttribute("action", result.body.url);
        var version = form.querySelector("[name=version_seen]");
        if (version) version.value = result.body.version;
        if (window.history.replaceState && window.location.pathname !== result.body.url) {
          window.history.replaceState(null, "", result.body.url);
        }
      }
      status.textContent = result.body.message || result.body.error || "";
    }).catch(function () { dirty = true; status.textContent = status.dataset.failed || ""; })
      .then(function () { busy = false; });
  }
  if (seconds > 0) window.setInterval(save, seconds * 1000);
  form.autosave = save;  // for the browser test, which does not wait half a minute
})();
