// Behaviour every portal page may use, declared in the HTML (the Content-Security-Policy allows
// no inline script or on...= handler):
//   <button data-confirm="Câu hỏi?">  asks before submitting its form;
//   <select data-autosubmit>          submits its form when the choice changes.
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-confirm]");
  if (button && !window.confirm(button.getAttribute("data-confirm"))) event.preventDefault();
});
document.addEventListener("change", function (event) {
  if (event.target.matches("select[data-autosubmit]")) event.target.form.submit();
});
