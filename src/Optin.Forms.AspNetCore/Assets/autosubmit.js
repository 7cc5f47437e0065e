// Optin.Forms AutoSubmit confirmation mode: posts the confirm form once the page has loaded, for a one-click feel.
// Mail scanners that fetch links without running scripts never post, so nothing changes for them (DOI-2).
document.addEventListener("DOMContentLoaded", function () {
  var form = document.querySelector("form[data-optin-autosubmit]");
  if (form && !sessionStorage.getItem("optin-autosubmitted:" + location.pathname)) {
    sessionStorage.setItem("optin-autosubmitted:" + location.pathname, "1");
    form.submit();
  }
});
