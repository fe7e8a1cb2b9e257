// The narrow-screen main menu. Without JavaScript, the "Menu" link jumps to the menu, which CSS
// shows while it is the :target. Here the link becomes a button that opens and closes the menu
// in place, and says whether it is open (aria-expanded).
document.addEventListener("DOMContentLoaded", () => {
  const link = document.querySelector("[data-menu-toggle]");
  const menu = document.querySelector("[data-menu]");
  if (!link || !menu) return;

  const button = document.createElement("button");
  button.type = "button";
  button.className = link.className;
  button.innerHTML = link.innerHTML;
  button.setAttribute("aria-controls", menu.id);
  link.replaceWith(button);

  const setOpen = (open) => {
    button.setAttribute("aria-expanded", String(open));
    menu.classList.toggle("site-nav--open", open);
  };
  menu.classList.add("site-nav--enhanced");
  setOpen(menu.matches(":target"));
  button.addEventListener("click", () => setOpen(button.getAttribute("aria-expanded") !== "true"));
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
      setOpen(false);
      button.focus();
    }
  });
});
