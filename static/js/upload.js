// The appendix upload: show the upload's progress and then that the file is being read, instead
// of a frozen page. The messages come from the page (data-uploading, data-reading, data-failed
// on #progress), translated there.
document.getElementById("upload").addEventListener("submit", function (event) {
  if (!window.XMLHttpRequest || !window.FormData) return;
  event.preventDefault();
  var form = event.target, box = document.getElementById("progress");
  var bar = box.querySelector("progress"), text = box.querySelector("span");
  box.hidden = false;
  form.querySelector("button").disabled = true;
  var request = new XMLHttpRequest();
  request.open("POST", form.action || window.location.href);
  request.setRequestHeader("X-Requested-With", "XMLHttpRequest");
  request.upload.onprogress = function (e) {
    if (e.lengthComputable) { bar.value = Math.round(100 * e.loaded / e.total); text.textContent = box.dataset.uploading + " " + bar.value + "%"; }
  };
  request.upload.onload = function () { bar.removeAttribute("value"); text.textContent = box.dataset.reading; };
  request.onload = function () {
    if ((request.getResponseHeader("Content-Type") || "").indexOf("application/json") === 0) {
      window.location = JSON.parse(request.responseText).location; return;
    }
    document.open(); document.write(request.responseText); document.close();  // the form's errors
  };
  request.onerror = function () { text.textContent = box.dataset.failed; form.querySelector("button").disabled = false; };
  request.send(new FormData(form));
});
