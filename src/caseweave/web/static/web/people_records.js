// Record editing: a form marked data-swap-errors shows the page the server answers with
// even on 409 (someone else changed the person) or 422 (refused), so the reason is seen
// where the change was made, with fresh versions in every form.
document.body.addEventListener("htmx:beforeSwap", (event) => {
  const status = event.detail.xhr.status;
  const source = event.detail.requestConfig && event.detail.requestConfig.elt;
  if ((status === 409 || status === 422) && source && source.closest("[data-swap-errors]")) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
