// An issued report whose PDF is printed in the background: every 2 s the page asks the report's
// state (data-status-url, JSON) and reloads once the PDF is ready or could not be made, so the
// "Tải PDF" button or the reason appears. Without JavaScript the "Tải lại trang" link does it.
(function () {
  var box = document.getElementById("pdf-status");
  if (!box || !window.fetch) return;
  var url = box.dataset.statusUrl;
  var left = 300; // 10 minutes, then the link is left to the reader

  function check() {
    if (left-- <= 0) return;
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (status) {
        if (status && status.state !== "pending") window.location.reload();
        else window.setTimeout(check, 2000);
      })
      .catch(function () { window.setTimeout(check, 2000); });
  }
  window.setTimeout(check, 2000);
})();
