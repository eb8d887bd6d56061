// Print buttons on consent receipts and access reports (no inline script under the CSP).
document.querySelectorAll(".print-button").forEach(function (button) {
  button.addEventListener("click", function () { window.print(); });
});
