// After a failed submit, move the focus to the form's error summary, so keyboard and
// screen-reader users start at the list of what to fix. Without JavaScript the summary
// is simply the first thing in the form.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();
});
